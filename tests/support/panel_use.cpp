#include "panel_use.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include <fmt/core.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include "pdf_oracle.hpp"

namespace leaflet::test {

namespace {

// A box in pixels of the rendered page, [left, right) x [top, bottom).
struct PixelBox {
    int left = 0, top = 0, right = 0, bottom = 0;
    int width() const { return std::max(0, right - left); }
    int height() const { return std::max(0, bottom - top); }
};

// A box in points from the rendered area's (the CropBox's) top-left.
struct PointBox {
    double left = 0, top = 0, right = 0, bottom = 0;
};

struct PageBoxes {
    PointBox trim, bleed;
};

PointBox from_top_left(const poppler::rectf& box, const poppler::rectf& crop)
{
    // Poppler gives the boxes in PDF user space, y up from the bottom.
    const double crop_top = crop.y() + crop.height();
    return {box.x() - crop.x(), crop_top - (box.y() + box.height()), box.x() + box.width() - crop.x(),
            crop_top - box.y()};
}

std::vector<PageBoxes> page_boxes(const std::string& pdf_path)
{
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(pdf_path));
    if (!document || document->is_locked()) throw std::runtime_error(pdf_path + ": cannot open as PDF");
    std::vector<PageBoxes> boxes;
    for (int index = 0; index < document->pages(); ++index) {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        if (!page) throw std::runtime_error(fmt::format("{}: cannot read page {}", pdf_path, index));
        const poppler::rectf crop = page->page_rect(poppler::crop_box);
        boxes.push_back({from_top_left(page->page_rect(poppler::trim_box), crop),
                         from_top_left(page->page_rect(poppler::bleed_box), crop)});
    }
    return boxes;
}

int to_pixel(double points, double dpi) { return static_cast<int>(std::lround(points * dpi / 72.0)); }

PixelBox to_pixels(const PointBox& box, double dpi, const Image& image)
{
    return {std::clamp(to_pixel(box.left, dpi), 0, image.width), std::clamp(to_pixel(box.top, dpi), 0, image.height),
            std::clamp(to_pixel(box.right, dpi), 0, image.width),
            std::clamp(to_pixel(box.bottom, dpi), 0, image.height)};
}

const std::uint8_t* pixel(const Image& image, int x, int y)
{
    return image.rgb.data() + (static_cast<std::size_t>(y) * image.width + x) * 3;
}

int distance(const std::uint8_t* a, const std::uint8_t* b)
{
    int most = 0;
    for (int channel = 0; channel < 3; ++channel) most = std::max(most, std::abs(int(a[channel]) - int(b[channel])));
    return most;
}

bool is_ink(const std::uint8_t* rgb)
{
    static const std::uint8_t white[3] = {255, 255, 255};
    return distance(rgb, white) > paper_white_tolerance;
}

double ink_in(const Image& image, const PixelBox& box)
{
    long ink = 0;
    for (int y = box.top; y < box.bottom; ++y)
        for (int x = box.left; x < box.right; ++x) ink += is_ink(pixel(image, x, y));
    const long all = static_cast<long>(box.width()) * box.height();
    return all == 0 ? 0 : static_cast<double>(ink) / all;
}

// The live area's most common colour, then its first and last row with a
// pixel that differs from it by more than content_threshold.
void measure(const Image& image, const PixelBox& live, PanelUse& use)
{
    std::unordered_map<std::uint32_t, long> counts;
    for (int y = live.top; y < live.bottom; ++y)
        for (int x = live.left; x < live.right; ++x) {
            const std::uint8_t* rgb = pixel(image, x, y);
            ++counts[std::uint32_t(rgb[0]) << 16 | std::uint32_t(rgb[1]) << 8 | rgb[2]];
        }
    std::uint32_t background = 0xffffff;
    long most = -1;
    for (const auto& [colour, count] : counts)
        if (count > most || (count == most && colour > background)) {
            most = count;
            background = colour;
        }
    use.background[0] = static_cast<std::uint8_t>(background >> 16);
    use.background[1] = static_cast<std::uint8_t>(background >> 8);
    use.background[2] = static_cast<std::uint8_t>(background);
    use.live_rows = live.height();
    for (int y = live.top; y < live.bottom; ++y)
        for (int x = live.left; x < live.right; ++x)
            if (distance(pixel(image, x, y), use.background) > content_threshold) {
                if (use.first_row < 0) use.first_row = y - live.top;
                use.last_row = y - live.top;
                break;
            }
}

BleedUse bleed_of(const Image& image, int page, const PointBox& trim_points, const PointBox& bleed_points,
                  double dpi)
{
    const PixelBox trim = to_pixels(trim_points, dpi, image), bleed = to_pixels(bleed_points, dpi, image);
    // One pixel off the trim and one off the bleed's edge on each strip.
    const PixelBox top{trim.left, bleed.top + 1, trim.right, trim.top - 1};
    const PixelBox bottom{trim.left, trim.bottom + 1, trim.right, bleed.bottom - 1};
    const PixelBox left{bleed.left + 1, trim.top, trim.left - 1, trim.bottom};
    const PixelBox right{trim.right + 1, trim.top, bleed.right - 1, trim.bottom};
    return {page, ink_in(image, top), ink_in(image, bottom), ink_in(image, left), ink_in(image, right)};
}

void check_size(const std::string& pdf_path, int page, const PointBox& trim, const resolve::Sheet& sheet)
{
    // A point's slack: the PDF's boxes are written to a tenth of a point.
    if (std::abs((trim.right - trim.left) - sheet.width.value) > 1
        || std::abs((trim.bottom - trim.top) - sheet.height.value) > 1)
        throw std::runtime_error(fmt::format("{}: page {} has a TrimBox of {:.1f} x {:.1f} pt, the sheet is {:.1f} x "
                                             "{:.1f} pt",
                                             pdf_path, page, trim.right - trim.left, trim.bottom - trim.top,
                                             sheet.width.value, sheet.height.value));
}

}  // namespace

double PanelUse::share() const
{
    return first_row < 0 || live_rows == 0 ? 0 : static_cast<double>(last_row - first_row + 1) / live_rows;
}

bool BleedUse::used() const { return std::max({top, bottom, left, right}) >= bleed_used_share; }

bool SheetUse::uses_bleed() const
{
    return std::any_of(bleed.begin(), bleed.end(), [](const BleedUse& page) { return page.used(); });
}

const PanelUse& SheetUse::panel(std::string_view role) const
{
    for (const PanelUse& use : panels)
        if (use.role == role) return use;
    throw std::out_of_range(fmt::format("no panel {}", role));
}

SheetUse panel_use(const std::string& pdf_path, const resolve::Sheet& sheet, double dpi)
{
    const std::vector<PageBoxes> boxes = page_boxes(pdf_path);
    if (boxes.size() != sheet.sides.size())
        throw std::runtime_error(
            fmt::format("{}: {} pages, the sheet has {} sides", pdf_path, boxes.size(), sheet.sides.size()));
    SheetUse use;
    for (int page = 0; page < static_cast<int>(boxes.size()); ++page) {
        const PointBox& trim = boxes[page].trim;
        check_size(pdf_path, page, trim, sheet);
        const Image image = render_page(pdf_path, page, dpi);
        double left = trim.left;  // the panel's left edge at the trim
        for (const resolve::PanelGeometry& geometry : sheet.sides[page].panels) {
            const PointBox live{left + sheet.margin.value, trim.top + sheet.margin.value,
                                left + geometry.width.value - sheet.margin.value, trim.bottom - sheet.margin.value};
            PanelUse panel;
            panel.page = page;
            panel.role = geometry.role;
            measure(image, to_pixels(live, dpi, image), panel);
            use.panels.push_back(panel);
            left += geometry.width.value;
        }
        use.bleed.push_back(bleed_of(image, page, trim, boxes[page].bleed, dpi));
    }
    return use;
}

std::vector<ArtItem> art_items(const std::string& layout_trace)
{
    std::vector<ArtItem> items;
    std::istringstream rows(layout_trace);
    int page = -1;
    for (std::string row; std::getline(rows, row);) {
        const auto start = row.find_first_not_of(' ');
        if (start == std::string::npos) continue;
        const std::string line = row.substr(start);
        std::istringstream words(line);
        std::string first;
        words >> first;
        if (first == "page" && start == 0) {
            ++page;
        } else if (first == "art") {
            ArtItem item;
            std::string format, at, size;
            char separator = 0;
            words >> format >> item.kind >> at >> size;
            std::istringstream(at) >> item.x >> separator >> item.y;
            std::istringstream(size) >> item.width >> separator >> item.height;
            item.page = page;
            item.line = line;
            items.push_back(item);
        } else if (first == "icon") {
            items.push_back({"icon", page, 0, 0, 0, 0, line});
        }
    }
    return items;
}

double ink_share(const std::string& pdf_path, int page, double x, double y, double width, double height, double dpi)
{
    const Image image = render_page(pdf_path, page, dpi);
    return ink_in(image, to_pixels({x, y, x + width, y + height}, dpi, image));
}

}  // namespace leaflet::test
