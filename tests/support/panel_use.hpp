// Panel use: how much of each panel's live height a print PDF's content
// spans, whether it inks the bleed, and which art its layout trace lists.
//
// In: a finished print PDF (one page per side of the sheet), the sheet of
// the style sheet it was made with (resolve::Sheet: sides, panel widths,
// margin), and the layout trace (`--dump-layout`). Out: per page and
// panel the span of its content, per page the ink in each bleed strip,
// the trace's art items. It reads the PDF through Poppler as a reader
// does (pdf_oracle.hpp) and takes the panels' geometry from the style
// sheet only: no panel width or margin is written here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/resolve.hpp"

namespace leaflet::test {

// 72 dpi: one pixel a point, a 9 pt line about 9 rows; enough to place the
// first and last row of a panel's content to within a pixel (0.35 mm).
inline constexpr double panel_use_dpi = 72;

// A pixel is content when one of its RGB channels differs from its live
// area's background by more than this (of 255, about 9 %): above the
// faint fringe Poppler's antialiasing leaves beside a glyph, below the
// lightest ink drawn on paper here but one: the 8 % `tint` swatch on white
// (about 20 apart) is not content, the text in it is.
inline constexpr int content_threshold = 24;

// A bleed pixel is ink when one of its channels is below paper white
// (255) by more than this: the 8 % tint (about 20 below white) counts.
inline constexpr int paper_white_tolerance = 8;

// A side of a page uses the bleed when this share of its bleed strip is
// ink: a band over one panel's top is about a third of the top strip, a
// stray antialiased pixel far less.
inline constexpr double bleed_used_share = 0.01;

struct PanelUse {
    int page = 0;                  // 0-based, as Poppler counts: the side's index in the sheet
    std::string role;              // flap, back, front, inside-1, ...
    int live_rows = 0;             // the live height (trim less the margin at top and foot) in rows
    int first_row = -1;            // the first row of content, from the live area's top; -1: none
    int last_row = -1;             // the last one
    std::uint8_t background[3] = {255, 255, 255};  // the most common colour of the live area

    // The content's span over the live height: (last - first + 1) / rows,
    // 0 when the live area is all background.
    double share() const;
};

// The ink between the TrimBox and the BleedBox of one page, one strip per
// edge (the corners are left out; so is the pixel next to the trim and the
// one next to the bleed's edge, which antialiasing may tint).
struct BleedUse {
    int page = 0;
    double top = 0, bottom = 0, left = 0, right = 0;  // share of the strip's pixels that are ink
    bool used() const;             // some strip has at least bleed_used_share ink
};

struct SheetUse {
    std::vector<PanelUse> panels;  // the sides' panels, side by side, left to right
    std::vector<BleedUse> bleed;   // one per page
    bool uses_bleed() const;       // some side of some page
    // The panel of `role`; throws std::out_of_range if there is none.
    const PanelUse& panel(std::string_view role) const;
};

// Renders each page of `pdf_path` with Poppler at `dpi` and measures it.
// Page i is side i of `sheet`; the panels stand from the TrimBox's left
// edge, in the sheet's widths; each live area is the panel less
// `sheet.margin` on every side. Throws std::runtime_error when the PDF
// cannot be read, has not one page per side, or its TrimBox is not the
// sheet's size (to within a point).
SheetUse panel_use(const std::string& pdf_path, const resolve::Sheet& sheet, double dpi = panel_use_dpi);

// An art item of a layout trace: a figure (`art <format> <kind> x,y wxh
// ...`, kind image or qr) with its page and box in points from the media's
// top-left, or an icon in a line of text (`icon <name> wxh ...`, no box).
struct ArtItem {
    std::string kind;              // image, qr, icon
    int page = -1;                 // 0-based: the trace's "page" lines counted
    double x = 0, y = 0, width = 0, height = 0;  // figures only
    std::string line;              // the trace's line, trimmed
};

std::vector<ArtItem> art_items(const std::string& layout_trace);

// The share of the pixels of the box (points from the media's top-left)
// on page `page` of `pdf_path`, rendered at `dpi`, that are not paper
// white (paper_white_tolerance): whether a figure is seen where the
// layout put it.
double ink_share(const std::string& pdf_path, int page, double x, double y, double width, double height,
                 double dpi = panel_use_dpi);

}  // namespace leaflet::test
