// layout: Typeset -> Frames, the pages of the print sheet with every item
// at its place.
//
// In: typeset panels. Out: one page per side of the sheet (outside, inside),
// each a list of positioned items: text (a block's frozen lines, or the
// part of them that stands in one panel, with its icons), filled boxes,
// images and QR codes, marks.
// Coordinates are points from the top-left corner of the page (MediaBox),
// y down. Pure data: never draws, never reshapes text, never sees Cairo or
// Pango. A flow threads its blocks through its panels, splitting paragraphs
// between lines (at least two lines on either side), keeping headings with
// what follows, dropping the space before a block at the top of a panel.
// Blocks that do not fit are an error that names the last panel, the
// overflow in mm and the first block that did not fit (and the copyfit
// minimum, if the panel's type could shrink); underfull panels get a note
// with their fill ratio.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "diag/diag.hpp"
#include "typeset/typeset.hpp"

namespace leaflet::layout {

struct Rect {
    Pt x, y, width, height;

    bool operator==(const Rect&) const = default;
};

// A block's lines, or those of them that stand in one panel.
struct TextItem {
    typeset::BlockKind kind = typeset::BlockKind::paragraph;  // heading, paragraph, list_item or slug
    int level = 0;                     // a heading's
    Pt x, y;                           // the block's left edge; the top of its first line here
    std::vector<typeset::Line> lines;  // their tops, baselines and bottoms from y
    bool continued = false;            // the block began in an earlier panel
    std::string style;                 // for the layout dump
    SourceLoc loc;

    bool operator==(const TextItem&) const = default;
};

// A box's background (or border), a rule, a panel's background: where a
// band or a panel meets the trim, its rect reaches into the bleed.
struct FillItem {
    Rect rect;
    std::optional<resolve::Colour> colour;  // none: only a border
    std::string style;                      // the box style, "rule", or "panel" for a panel's background
    Pt radius;                              // of its corners
    std::optional<resolve::Colour> border;  // stroked inside the rect
    Pt border_width;
    SourceLoc loc;

    bool operator==(const FillItem&) const = default;
};

// A printer's mark outside the bleed.
enum class MarkKind { crop, fold };

struct RuleItem {
    Pt x0, y0, x1, y1;
    Pt width;
    resolve::Colour colour;
    bool dashed = false;
    MarkKind kind = MarkKind::crop;

    bool operator==(const RuleItem&) const = default;
};

// An image or QR code (a figure block), in its box.
struct ArtItem {
    Rect rect;
    resolve::Figure figure;  // its art, text alternative and colour
    std::string style;       // its box style, for the layout dump
    SourceLoc loc;

    bool operator==(const ArtItem&) const = default;
};

using Item = std::variant<TextItem, FillItem, RuleItem, ArtItem>;

struct PanelFrame {
    std::string role;
    Rect trim;                  // the panel's part of the trimmed sheet
    Rect text;                  // its text column
    double fill = 0;            // used height / available height
    double scale = 1;           // of its type, below 1 where copyfit shrank it, above where it grew it
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
    std::shared_ptr<const resolve::FontSet> fonts;  // the faces the glyph runs name
    std::vector<Page> pages;
};

Frames layout(const typeset::Typeset& typeset, Diagnostics& diagnostics);

// Where page `now` may look other than page `was` (of another product of
// the same leaflet, a variant and its base): the boxes of the items each
// has that the other lacks, grown by what their ink may reach past them.
// Outside these boxes the two pages paint the same pixels: the items they
// share are painted in the same order (the longest run of items the two
// lists have in common, in order). None where the pages are not the same
// size, the frames' fonts not the same, or an item one has and the other
// lacks draws an SVG, whose ink has no bound.
std::optional<std::vector<Rect>> differences(const Frames& was, std::size_t was_page, const Frames& now,
                                             std::size_t now_page);

// How much more height panel `panel` of `typeset` (or the flow it starts)
// would need for its blocks to fit; zero if they do.
Pt overflow(const typeset::Typeset& typeset, std::size_t panel);

// Copyfit: a panel (or flow) whose blocks overflow and whose type may
// shrink (Panel::copyfit) is set again a step smaller, `set_at(scale)`
// giving it typeset at that scale, down to its minimum, until it fits. The
// panel that fits replaces the one in `typeset`, and a warning says the
// scale. Where none fits the panel is left at the minimum: layout() then
// reports the overflow. A panel that asks to be filled (copyfit="fill")
// and fits is set a step larger while it still fits, up to the maximum,
// until its blocks fill the target share of its height; a warning says
// the scale and the share.
void fit(typeset::Typeset& typeset, std::size_t panel, const std::function<typeset::Panel(double scale)>& set_at,
         Diagnostics& diagnostics);

// The screen edition: `screen` typeset on resolve::for_screen()'s sheet,
// one page per panel or flow, in the source's order, the sheet's width
// wide and as tall as its blocks and the margins: every block in source
// order in one column (those fixed at the top or foot of a print panel
// among them, where the source has them; no vertical justification,
// balance or copyfit), a panel's background over the whole page, bands
// to the page's edges. No marks, no slug.
Frames screen_pages(const typeset::Typeset& screen);

}  // namespace leaflet::layout
