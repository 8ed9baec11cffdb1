// Where two laid-out pages differ (layout.hpp, differences()).
#include <algorithm>
#include <cstddef>

#include "layout/layout.hpp"

namespace leaflet::layout {

namespace {

Rect grown(Rect rect, Pt by)
{
    return {rect.x - by, rect.y - by, rect.width + by * 2, rect.height + by * 2};
}

Rect spanning(Pt left, Pt top, Pt right, Pt bottom)
{
    return {left, top, right - left, bottom - top};
}

// How far ink may reach past an item's box: antialiasing, a border's or a
// rule's half width past its line.
constexpr Pt ink_margin{1};

// A text item's lines: each from its leftmost to its rightmost run and from
// its top to its bottom, its icons (standing on the baseline) and underline
// included, grown by an em of its largest type each side, which holds what
// glyphs draw outside their advance and the line's box (accents over
// capitals, descenders, overhangs).
Rect ink_box(const TextItem& item)
{
    Pt left{1e9}, top{1e9}, right{-1e9}, bottom{-1e9};
    for (const typeset::Line& line : item.lines) {
        Pt line_left = line.x, line_right = line.x + line.width, line_top = line.top, line_bottom = line.bottom;
        Pt em;
        for (const typeset::GlyphRun& run : line.runs) {
            line_left = std::min(line_left, run.x);
            line_right = std::max(line_right, run.x + run.width());
            em = std::max(em, run.size);
            if (run.art) line_top = std::min(line_top, line.baseline - run.art_height);
            if (run.underline)
                line_bottom = std::max(line_bottom, line.baseline + run.underline->position + run.underline->thickness);
        }
        left = std::min(left, line_left - em);
        right = std::max(right, line_right + em);
        top = std::min(top, line_top - em);
        bottom = std::max(bottom, line_bottom + em);
    }
    if (item.lines.empty()) return {item.x, item.y, Pt{}, Pt{}};
    return grown(spanning(item.x + left, item.y + top, item.x + right, item.y + bottom), ink_margin);
}

Rect ink_box(const FillItem& item) { return grown(item.rect, ink_margin); }

Rect ink_box(const RuleItem& item)
{
    return grown(spanning(std::min(item.x0, item.x1), std::min(item.y0, item.y1), std::max(item.x0, item.x1),
                          std::max(item.y0, item.y1)),
                 item.width + ink_margin);
}

// An SVG may paint past its viewport: librsvg does not clip the outermost
// <svg> to it, and nothing else does. Rasters and QR codes fill their box.
bool unbounded(const art::Shared& art) { return art && art->kind == art::Kind::svg; }

// Adds the item's ink box to `boxes`; false if its ink has no bound.
bool add_ink_box(const TextItem& item, std::vector<Rect>& boxes)
{
    for (const typeset::Line& line : item.lines)
        for (const typeset::GlyphRun& run : line.runs)
            if (unbounded(run.art)) return false;
    boxes.push_back(ink_box(item));
    return true;
}

bool add_ink_box(const ArtItem& item, std::vector<Rect>& boxes)
{
    if (unbounded(item.figure.art)) return false;
    boxes.push_back(grown(item.rect, ink_margin * 2));
    return true;
}

template <typename Bounded>
bool add_ink_box(const Bounded& item, std::vector<Rect>& boxes)
{
    boxes.push_back(ink_box(item));
    return true;
}

bool add_ink_box(const Item& item, std::vector<Rect>& boxes)
{
    return std::visit([&](const auto& concrete) { return add_ink_box(concrete, boxes); }, item);
}

// Which of `a` and `b` are in their longest common subsequence.
void common_in_order(const std::vector<Item>& a, const std::vector<Item>& b, std::vector<bool>& in_a,
                     std::vector<bool>& in_b)
{
    in_a.assign(a.size(), false);
    in_b.assign(b.size(), false);
    // The same items first and last, as a variant's pages mostly are.
    std::size_t first = 0;
    while (first < a.size() && first < b.size() && a[first] == b[first]) {
        in_a[first] = in_b[first] = true;
        ++first;
    }
    std::size_t a_end = a.size(), b_end = b.size();
    while (a_end > first && b_end > first && a[a_end - 1] == b[b_end - 1]) {
        in_a[--a_end] = true;
        in_b[--b_end] = true;
    }
    const std::size_t n = a_end - first, m = b_end - first;
    if (n == 0 || m == 0) return;
    // longest[i][j]: of a[first + i ...] and b[first + j ...].
    std::vector<std::vector<std::size_t>> longest(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            longest[i][j] = a[first + i] == b[first + j] ? longest[i + 1][j + 1] + 1
                                                         : std::max(longest[i + 1][j], longest[i][j + 1]);
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
        if (a[first + i] == b[first + j]) {
            in_a[first + i] = in_b[first + j] = true;
            ++i, ++j;
        } else if (longest[i + 1][j] >= longest[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
}

}  // namespace

std::optional<std::vector<Rect>> differences(const Frames& was, std::size_t was_page, const Frames& now,
                                             std::size_t now_page)
{
    if (was_page >= was.pages.size() || now_page >= now.pages.size() || was.fonts != now.fonts) return std::nullopt;
    const Page& a = was.pages[was_page];
    const Page& b = now.pages[now_page];
    if (a.width != b.width || a.height != b.height) return std::nullopt;
    std::vector<bool> in_a, in_b;
    common_in_order(a.items, b.items, in_a, in_b);
    std::vector<Rect> boxes;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!in_a[i] && !add_ink_box(a.items[i], boxes)) return std::nullopt;
    for (std::size_t i = 0; i < b.items.size(); ++i)
        if (!in_b[i] && !add_ink_box(b.items[i], boxes)) return std::nullopt;
    return boxes;
}

}  // namespace leaflet::layout
