// layout: Typeset -> Frames, the pages of the print sheet with every item
// at its place.
//
// In: typeset panels. Out: one page per side of the sheet (outside, inside),
// each a list of positioned items: text, filled boxes, marks. Coordinates
// are points from the top-left corner of the page (MediaBox), y down.
// Pure data: never draws and never reshapes text. A flow threads its blocks
// through its panels, splitting paragraphs between lines (at least two lines
// on either side), keeping headings with what follows, dropping the space
// before a block at the top of a panel. Blocks that do not fit are an error
// that names the last panel, the overflow in mm and the first block that did
// not fit (and the copyfit minimum, if the panel's type could shrink);
// underfull panels get a note with their fill ratio.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "diag/diag.hpp"
#include "typeset/typeset.hpp"

namespace leaflet::layout {

struct Rect {
    Pt x, y, width, height;
};

struct TextItem {
    typeset::LayoutPtr layout;  // positioned with its top-left corner at (x, y)
    Pt x, y;
    int first_line = 0;         // the lines drawn here: a paragraph may be split
    int line_count = -1;        // across panels (-1: to the end)
    resolve::Colour colour;     // of the text where no span sets another
    std::string role;           // what the text is: a style name, or "slug"
    SourceLoc loc;
    std::vector<typeset::Line> lines;  // how the paragraph's lines break (for the dump)
};

struct FillItem {
    Rect rect;
    resolve::Colour colour;
    std::string role;           // "callout", ...
};

struct LineItem {
    Pt x0, y0, x1, y1;
    Pt width;
    resolve::Colour colour;
    bool dashed = false;
    std::string role;           // "crop", "fold"
};

using Item = std::variant<TextItem, FillItem, LineItem>;

struct PanelFrame {
    std::string role;
    Rect trim;                  // the panel's part of the trimmed sheet
    Rect text;                  // its text column
    double fill = 0;            // used height / available height
    double scale = 1;           // of its type, below 1 where copyfit shrank it
};

struct Page {
    std::string side;           // "outside", "inside"
    Pt width, height;           // MediaBox: trim, bleed, marks and slug
    Rect trim, bleed;
    std::vector<PanelFrame> panels;
    std::vector<Item> items;
};

struct Frames {
    std::string id, title, language, version;
    std::vector<Page> pages;
};

Frames layout(const typeset::Typeset& typeset, Diagnostics& diagnostics);

// How much more height panel `panel` of `typeset` (or the flow it starts)
// would need for its blocks to fit; zero if they do. Copyfit asks this of
// each smaller scale it tries.
Pt overflow(const typeset::Typeset& typeset, std::size_t panel);

// The print sheet's panels as screen pages, one page per panel in reading
// order (front, inside-1, inside-2, inside-3, flap, back): each page is the
// panel's trim, with the items that stand in it; marks and slug are left out.
Frames screen_pages(const Frames& print);

}  // namespace leaflet::layout
