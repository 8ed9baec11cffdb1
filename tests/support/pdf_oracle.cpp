#include "pdf_oracle.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>

#include <cairo.h>
#include <fmt/core.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <zbar.h>

namespace leaflet::test {

namespace {

// Local deleters rather than generator/c/handles.hpp: the oracle must build
// without the generator, so a broken generator cannot break its own judge.
struct SurfaceDeleter {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDeleter {
    void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Cairo = std::unique_ptr<cairo_t, CairoDeleter>;

void check_surface(cairo_surface_t* surface, const std::string& what)
{
    cairo_status_t status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(fmt::format("{}: {}", what, cairo_status_to_string(status)));
    }
}

std::unique_ptr<poppler::document> open_pdf(const std::string& pdf_path)
{
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(pdf_path));
    if (!document) {
        throw std::runtime_error(fmt::format("{}: cannot open as PDF", pdf_path));
    }
    if (document->is_locked()) {
        throw std::runtime_error(fmt::format("{}: PDF is encrypted", pdf_path));
    }
    return document;
}

std::unique_ptr<poppler::page> open_page(const poppler::document& document, const std::string& pdf_path, int index)
{
    std::unique_ptr<poppler::page> page(document.create_page(index));
    if (!page) {
        throw std::runtime_error(fmt::format("{}: cannot read page {}", pdf_path, index));
    }
    return page;
}

void check_buffer(const Image& image, const char* what)
{
    if (image.width < 0 || image.height < 0
        || image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3) {
        throw std::runtime_error(fmt::format("{}: image buffer of {} bytes does not match {}x{} RGB",
                                             what, image.rgb.size(), image.width, image.height));
    }
}

// Cairo's RGB24 and ARGB32, and Poppler's ARGB32, keep each pixel as a
// native-endian 32-bit word, so go through uint32 rather than assuming a
// byte order. The alpha byte is dropped (surfaces here are opaque).
Image from_native_words(const unsigned char* data, std::size_t stride, int width, int height)
{
    Image image;
    image.width = width;
    image.height = height;
    image.rgb.resize(static_cast<std::size_t>(width) * height * 3);
    std::size_t out = 0;
    for (int y = 0; y < height; ++y) {
        const unsigned char* row = data + static_cast<std::size_t>(y) * stride;
        for (int x = 0; x < width; ++x) {
            std::uint32_t pixel;
            std::memcpy(&pixel, row + 4 * x, 4);
            image.rgb[out++] = static_cast<std::uint8_t>(pixel >> 16);
            image.rgb[out++] = static_cast<std::uint8_t>(pixel >> 8);
            image.rgb[out++] = static_cast<std::uint8_t>(pixel);
        }
    }
    return image;
}

Image from_rgb24_surface(cairo_surface_t* surface)
{
    cairo_surface_flush(surface);
    return from_native_words(cairo_image_surface_get_data(surface),
                             static_cast<std::size_t>(cairo_image_surface_get_stride(surface)),
                             cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface));
}

struct Pixel {
    bool present = false;
    const std::uint8_t* rgb = nullptr;
};

Pixel pixel_at(const Image& image, int x, int y)
{
    if (x >= image.width || y >= image.height) {
        return {};
    }
    return {true, image.rgb.data() + (static_cast<std::size_t>(y) * image.width + x) * 3};
}

// 255 when only one image has the pixel, so size changes always show.
int channel_delta(Pixel actual, Pixel expected)
{
    if (!actual.present || !expected.present) {
        return 255;
    }
    int delta = 0;
    for (int channel = 0; channel < 3; ++channel) {
        delta = std::max(delta, std::abs(int(actual.rgb[channel]) - int(expected.rgb[channel])));
    }
    return delta;
}

struct Decoded {
    char32_t code_point;  // U+FFFD for an invalid sequence
    std::size_t length;
};

Decoded decode_utf8(std::string_view text, std::size_t at)
{
    auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || at + length > text.size()) {
        return {U'\uFFFD', 1};
    }
    char32_t code_point = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        auto continuation = static_cast<unsigned char>(text[at + i]);
        if ((continuation >> 6) != 0x2) {
            return {U'\uFFFD', 1};
        }
        code_point = (code_point << 6) | (continuation & 0x3F);
    }
    return {code_point, length};
}

// All of Unicode White_Space: a PDF text layer may carry any of them where
// the source had a plain space.
bool is_space(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000;
}

bool update_requested()
{
    const char* value = std::getenv("LEAFLET_UPDATE_GOLDENS");
    return value && std::string_view(value) == "1";
}

void remove_quietly(const std::filesystem::path& path)
{
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
}

}  // namespace

int page_count(const std::string& pdf_path)
{
    return open_pdf(pdf_path)->pages();
}

Image render_page(const std::string& pdf_path, int page, double dpi)
{
    if (!(dpi > 0)) {
        throw std::invalid_argument(fmt::format("render_page: dpi must be positive, got {}", dpi));
    }
    auto document = open_pdf(pdf_path);
    if (page < 0 || page >= document->pages()) {
        throw std::out_of_range(fmt::format("{}: page index {} outside 0..{}", pdf_path, page, document->pages() - 1));
    }
    auto pdf_page = open_page(*document, pdf_path, page);

    if (!poppler::page_renderer::can_render()) {
        throw std::runtime_error("poppler-cpp was built without a renderer");
    }
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    // Hinting depends on the FreeType build; off keeps rasters comparable across machines.
    renderer.set_render_hint(poppler::page_renderer::text_hinting, false);
    renderer.set_paper_color(0xffffffff);
    renderer.set_image_format(poppler::image::format_argb32);

    poppler::image raster = renderer.render_page(pdf_page.get(), dpi, dpi);
    if (!raster.is_valid() || raster.format() != poppler::image::format_argb32) {
        throw std::runtime_error(fmt::format("{}: cannot render page {}", pdf_path, page));
    }

    return from_native_words(reinterpret_cast<const unsigned char*>(raster.const_data()),
                             static_cast<std::size_t>(raster.bytes_per_row()), raster.width(), raster.height());
}

std::string extract_text(const std::string& pdf_path)
{
    auto document = open_pdf(pdf_path);
    std::string text;
    for (int index = 0; index < document->pages(); ++index) {
        auto page = open_page(*document, pdf_path, index);
        if (index > 0) {
            text += '\n';
        }
        poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
        std::string page_text(utf8.begin(), utf8.end());
        // Poppler ends each page with a form feed; the "\n" join already separates pages.
        if (!page_text.empty() && page_text.back() == '\f') {
            page_text.pop_back();
        }
        text += page_text;
    }
    return text;
}

Image read_png(const std::string& path)
{
    Surface png(cairo_image_surface_create_from_png(path.c_str()));
    check_surface(png.get(), fmt::format("{}: cannot read PNG", path));

    // Painting onto opaque white normalizes every PNG flavour cairo loads
    // (RGB, RGBA premultiplied, grey, A8) to one layout.
    int width = cairo_image_surface_get_width(png.get());
    int height = cairo_image_surface_get_height(png.get());
    Surface rgb(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    check_surface(rgb.get(), fmt::format("{}: cannot allocate {}x{} image", path, width, height));
    Cairo cairo(cairo_create(rgb.get()));
    cairo_set_source_rgb(cairo.get(), 1, 1, 1);
    cairo_paint(cairo.get());
    cairo_set_source_surface(cairo.get(), png.get(), 0, 0);
    cairo_paint(cairo.get());
    if (cairo_status(cairo.get()) != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(fmt::format("{}: {}", path, cairo_status_to_string(cairo_status(cairo.get()))));
    }
    return from_rgb24_surface(rgb.get());
}

void write_png(const Image& image, const std::string& path)
{
    check_buffer(image, path.c_str());
    if (image.width == 0 || image.height == 0) {
        throw std::runtime_error(fmt::format("{}: cannot write an empty {}x{} image", path, image.width, image.height));
    }
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, image.width, image.height));
    check_surface(surface.get(), fmt::format("{}: cannot allocate {}x{} image", path, image.width, image.height));
    cairo_surface_flush(surface.get());
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    int stride = cairo_image_surface_get_stride(surface.get());
    std::size_t in = 0;
    for (int y = 0; y < image.height; ++y) {
        unsigned char* row = data + static_cast<std::size_t>(y) * stride;
        for (int x = 0; x < image.width; ++x) {
            std::uint32_t pixel = std::uint32_t(image.rgb[in]) << 16 | std::uint32_t(image.rgb[in + 1]) << 8
                                | std::uint32_t(image.rgb[in + 2]);
            in += 3;
            std::memcpy(row + 4 * x, &pixel, 4);
        }
    }
    cairo_surface_mark_dirty(surface.get());

    std::filesystem::path target(path);
    if (target.has_parent_path()) {
        std::filesystem::create_directories(target.parent_path());
    }
    cairo_status_t status = cairo_surface_write_to_png(surface.get(), path.c_str());
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(fmt::format("{}: cannot write PNG: {}", path, cairo_status_to_string(status)));
    }
}

Comparison compare(const Image& actual, const Image& expected, int tolerance)
{
    check_buffer(actual, "compare (actual)");
    check_buffer(expected, "compare (expected)");
    Comparison result;
    result.same_size = actual.width == expected.width && actual.height == expected.height;
    int width = std::max(actual.width, expected.width);
    int height = std::max(actual.height, expected.height);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            Pixel a = pixel_at(actual, x, y);
            Pixel e = pixel_at(expected, x, y);
            if (!a.present && !e.present) {
                continue;
            }
            int delta = channel_delta(a, e);
            if (delta <= tolerance) {
                continue;
            }
            if (result.differing_pixels == 0) {
                result.first_x = x;
                result.first_y = y;
            }
            ++result.differing_pixels;
            result.max_channel_delta = std::max(result.max_channel_delta, delta);
        }
    }
    return result;
}

Image diff_image(const Image& actual, const Image& expected, int tolerance)
{
    check_buffer(actual, "diff_image (actual)");
    check_buffer(expected, "diff_image (expected)");
    Image diff;
    diff.width = std::max(actual.width, expected.width);
    diff.height = std::max(actual.height, expected.height);
    diff.rgb.assign(static_cast<std::size_t>(diff.width) * diff.height * 3, 255);
    std::size_t out = 0;
    for (int y = 0; y < diff.height; ++y) {
        for (int x = 0; x < diff.width; ++x, out += 3) {
            Pixel a = pixel_at(actual, x, y);
            Pixel e = pixel_at(expected, x, y);
            if (!a.present && !e.present) {
                continue;
            }
            if (channel_delta(a, e) > tolerance) {
                diff.rgb[out] = 255;
                diff.rgb[out + 1] = 0;
                diff.rgb[out + 2] = 0;
                continue;
            }
            // Faded towards white (black becomes 192) so the red marks stand out.
            int luma = (299 * e.rgb[0] + 587 * e.rgb[1] + 114 * e.rgb[2]) / 1000;
            auto grey = static_cast<std::uint8_t>(255 - (255 - luma) / 4);
            diff.rgb[out] = diff.rgb[out + 1] = diff.rgb[out + 2] = grey;
        }
    }
    return diff;
}

::testing::AssertionResult matches_golden(const Image& actual, const std::string& golden_dir,
                                          const std::string& name, const std::string& output_dir,
                                          int tolerance, long max_differing_pixels)
{
    namespace fs = std::filesystem;
    const std::string golden_path = (fs::path(golden_dir) / (name + ".png")).string();
    const std::string actual_path = (fs::path(output_dir) / (name + ".actual.png")).string();
    const std::string diff_path = (fs::path(output_dir) / (name + ".diff.png")).string();

    if (update_requested()) {
        try {
            write_png(actual, golden_path);
        } catch (const std::exception& error) {
            return ::testing::AssertionFailure() << "cannot update golden: " << error.what();
        }
        remove_quietly(actual_path);
        remove_quietly(diff_path);
        return ::testing::AssertionSuccess() << "wrote golden " << golden_path;
    }

    Image expected;
    std::string problem;
    try {
        expected = read_png(golden_path);
    } catch (const std::exception& error) {
        problem = fmt::format("golden is missing or unreadable ({}); create it with LEAFLET_UPDATE_GOLDENS=1\n",
                              error.what());
    }

    Comparison comparison = compare(actual, expected, tolerance);
    if (problem.empty() && comparison.same_size && comparison.differing_pixels <= max_differing_pixels) {
        remove_quietly(actual_path);
        remove_quietly(diff_path);
        return ::testing::AssertionSuccess();
    }

    std::string message = fmt::format("image \"{}\" does not match golden {}\n{}", name, golden_path, problem);
    if (problem.empty() && !comparison.same_size) {
        message += fmt::format("size {}x{}, golden {}x{}\n", actual.width, actual.height, expected.width, expected.height);
    }
    message += fmt::format("{} differing pixels (tolerance {} per channel, at most {} allowed), "
                           "max channel delta {}, first bad pixel ({}, {})\n",
                           comparison.differing_pixels, tolerance, max_differing_pixels,
                           comparison.max_channel_delta, comparison.first_x, comparison.first_y);
    try {
        write_png(actual, actual_path);
        write_png(diff_image(actual, expected, tolerance), diff_path);
        message += fmt::format("actual: {}\ndiff:   {}", actual_path, diff_path);
    } catch (const std::exception& error) {
        message += fmt::format("could not write {} / {}: {}", actual_path, diff_path, error.what());
    }
    return ::testing::AssertionFailure() << message;
}

std::string normalize_space(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    bool pending_space = false;
    bool after_soft_hyphen = false;
    for (std::size_t at = 0; at < text.size();) {
        Decoded decoded = decode_utf8(text, at);
        if (decoded.code_point == 0xAD) {
            after_soft_hyphen = true;
        } else if (is_space(decoded.code_point)) {
            // A soft hyphen at a line end: the word goes on after the break.
            pending_space = pending_space || !after_soft_hyphen;
        } else {
            after_soft_hyphen = false;
            if (pending_space && !result.empty()) {
                result += ' ';
            }
            pending_space = false;
            result.append(text.substr(at, decoded.length));
        }
        at += decoded.length;
    }
    return result;
}

std::string comparable_text(std::string_view text)
{
    std::string result = normalize_space(text);
    for (const char* mark : {"- ", "/ "})
        for (auto at = result.find(mark); at != std::string::npos; at = result.find(mark, at))
            result.erase(at + std::strlen(mark) - 1, 1);
    for (auto at = result.find('-'); at != std::string::npos; at = result.find('-', at)) result.erase(at, 1);
    return result;
}

std::multiset<std::string> qr_codes(const Image& image)
{
    std::vector<std::uint8_t> grey(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (std::size_t i = 0; i < grey.size(); ++i)
        grey[i] = static_cast<std::uint8_t>((image.rgb[3 * i] * 299 + image.rgb[3 * i + 1] * 587 +
                                             image.rgb[3 * i + 2] * 114) / 1000);
    const std::unique_ptr<zbar::zbar_image_scanner_t, decltype(&zbar::zbar_image_scanner_destroy)> scanner(
        zbar::zbar_image_scanner_create(), &zbar::zbar_image_scanner_destroy);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    const std::unique_ptr<zbar::zbar_image_t, decltype(&zbar::zbar_image_destroy)> frame(zbar::zbar_image_create(),
                                                                                     &zbar::zbar_image_destroy);
    zbar::zbar_image_set_format(frame.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(frame.get(), static_cast<unsigned>(image.width), static_cast<unsigned>(image.height));
    zbar::zbar_image_set_data(frame.get(), grey.data(), grey.size(), nullptr);
    zbar::zbar_scan_image(scanner.get(), frame.get());
    std::multiset<std::string> found;
    for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(frame.get()); symbol;
         symbol = zbar::zbar_symbol_next(symbol))
        found.insert(zbar::zbar_symbol_get_data(symbol));
    return found;
}

}  // namespace leaflet::test
