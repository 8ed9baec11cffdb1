// typeset: StyledDocument -> Typeset, shaped paragraphs broken into lines.
//
// In: the resolved document. Out: for every panel its blocks, each
// paragraph a PangoLayout (HarfBuzz-shaped, broken to the panel's text
// width) with its measured height; the slug line of each side. A justified
// paragraph is shaped once on one line to measure it and once more as set;
// layout and render use these same lines. Never places blocks on the sheet,
// never draws.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pango/pango.h>

#include "diag/diag.hpp"
#include "resolve/resolve.hpp"
#include "units.hpp"

namespace leaflet::typeset {

using LayoutPtr = std::shared_ptr<PangoLayout>;

// How a line of a paragraph ends.
enum class BreakKind {
    space,      // at a space between words
    hyphen,     // at a soft hyphen: a hyphen is drawn
    dash,       // after a hard hyphen or dash, or another break Pango allows without a space
    forced,     // at a line break in the source (<br/>)
    last,       // the paragraph's last line
};

// One line of a paragraph, for the layout dump and the line-breaking
// benchmark.
struct Line {
    int start = 0, end = 0;                 // bytes of pango_layout_get_text(), the line break excluded
    BreakKind kind = BreakKind::space;
    // Justified lines only: the width the line lacks over the
    // stretchability of its spaces (half their natural width), or, negative,
    // the width it has too much over the shrinkability of those that may
    // shrink (a fifth). 0: natural spacing; 1: spaces 50 % wider; -1: 20 %
    // narrower; infinite: no space to stretch or shrink. Lines that keep
    // their natural spacing (the last, before a forced break, not justified)
    // have none.
    std::optional<double> adjustment;
};

using LineBreaking = resolve::LineBreaking;

// A layout drawn beside a block's own: on a contact line (<tab/>), the
// leader and what stands after the tab. (x, y) is its top-left corner from
// the block's, at the block's indent.
struct Attachment {
    LayoutPtr layout;
    Pt x, y;
    std::string role;                       // "<style>.leader", "<style>.tab"
};

struct Block {
    Pt space_before, space_after;
    Pt height;                              // without the space before and after
    // A paragraph: its lines, drawn at `indent`, and an optional bullet
    // drawn at the left edge on the first line.
    LayoutPtr layout;
    LayoutPtr bullet;
    Pt indent;
    resolve::Colour colour;
    std::string style;
    // A box (callout): its background, padding and blocks; a list: its items.
    std::optional<resolve::BoxStyle> box;
    std::vector<Block> children;
    // A paragraph: how it was broken, and its lines as laid out.
    LineBreaking line_breaking = LineBreaking::first_fit;
    std::vector<Line> lines;
    // A contact line: the leader and the text after the tab, on the last
    // line of `layout` (which holds the text before it). It never splits.
    std::vector<Attachment> attachments;
    SourceLoc loc;
};

struct Panel {
    std::string role;
    std::vector<std::string> next_roles;    // a flow: the panels it continues into, in order
    load::VerticalAlign valign = load::VerticalAlign::top;
    Pt width;                               // of the text column (a flow: its narrowest panel's)
    std::vector<Block> blocks;
    // The share of its styles' font size and leading its type is set at:
    // below 1 where copyfit shrank it; `copyfit` says how far it may go.
    double scale = 1;
    std::optional<resolve::Copyfit> copyfit;
    SourceLoc loc;
};

struct Typeset {
    std::string id, title, language, version;
    resolve::Sheet sheet;
    std::vector<Panel> panels;
    std::vector<LayoutPtr> slugs;           // one per side of the sheet
    SourceLoc loc;
};

struct Options {
    // Overrides every paragraph style's line breaking (the benchmark
    // compares the two over the same paragraphs).
    std::optional<LineBreaking> line_breaking;
};

// `variant` names the variant in the slug line ("base" for none).
// Paragraphs whose style hyphenates get soft hyphens (U+00AD) at every
// break the hyphenate stage allows, their spans shifted to match.
Typeset typeset(const resolve::StyledDocument& document, const std::string& variant, Diagnostics& diagnostics,
                const Options& options = {});

// Panel `index` of `document` alone, its type at `scale` of its styles'
// font size and leading (copyfit sets it again smaller).
Panel typeset_panel(const resolve::StyledDocument& document, std::size_t index, double scale,
                    Diagnostics& diagnostics, const Options& options = {});

// The width of the text column of a panel: its width less the margins.
Pt column_width(const resolve::Sheet& sheet, const std::string& role);

// A link in a paragraph: bytes of pango_layout_get_text() and the target
// (tel:, mailto:, https:).
struct Link {
    int start = 0, end = 0;
    std::string target;
};

// The links of a paragraph's layout.
const std::vector<Link>& links(PangoLayout* layout);

// Height of a laid-out paragraph (its logical extents).
Pt height(PangoLayout* layout);

}  // namespace leaflet::typeset
