#include "baselines.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace leaflet::bench {

namespace {

struct BodyLine {
    Pt top, baseline, bottom;
};

// The body lines of the panel whose trim is `trim`, on the page.
std::vector<BodyLine> body_lines(const layout::Page& page, const layout::Rect& trim,
                                 const std::set<std::string>& body_styles)
{
    std::vector<BodyLine> result;
    for (const layout::Item& item : page.items) {
        const auto* text = std::get_if<layout::TextItem>(&item);
        if (!text || !body_styles.count(text->style)) continue;
        if (text->x < trim.x || text->x >= trim.x + trim.width) continue;
        for (const typeset::Line& line : text->lines)
            result.push_back({text->y + line.top, text->y + line.baseline, text->y + line.bottom});
    }
    return result;
}

// From each of `from`'s baselines facing a line of `to`, to `to`'s nearest.
BaselineOffsets compare(const std::vector<BodyLine>& from, const std::vector<BodyLine>& to)
{
    BaselineOffsets result;
    for (const BodyLine& line : from) {
        bool facing = false;
        Pt nearest{INFINITY};
        for (const BodyLine& other : to) {
            facing = facing || (line.baseline >= other.top && line.baseline <= other.bottom);
            nearest = std::min(nearest, Pt{std::abs((line.baseline - other.baseline).value)});
        }
        if (!facing) continue;
        ++result.compared;
        result.largest = std::max(result.largest, nearest);
        result.total += nearest;
    }
    return result;
}

}  // namespace

BaselineOffsets& BaselineOffsets::operator+=(const BaselineOffsets& other)
{
    compared += other.compared;
    largest = std::max(largest, other.largest);
    total += other.total;
    return *this;
}

BaselineOffsets baseline_offsets(const layout::Frames& frames, const std::set<std::string>& body_styles)
{
    BaselineOffsets result;
    for (const layout::Page& page : frames.pages) {
        for (std::size_t i = 1; i < page.panels.size(); ++i) {
            const auto left = body_lines(page, page.panels[i - 1].trim, body_styles);
            const auto right = body_lines(page, page.panels[i].trim, body_styles);
            result += compare(left, right);
            result += compare(right, left);
        }
    }
    return result;
}

}  // namespace leaflet::bench
