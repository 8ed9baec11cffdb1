// typeset: StyledDocument -> Typeset, shaped paragraphs broken into lines.
//
// In: the resolved document. Out: for every panel its blocks, each
// paragraph a PangoLayout (HarfBuzz-shaped, broken to the panel's text
// width) with its measured height; the slug line of each side. Every
// paragraph is laid out once: layout and render use these same lines.
// Never places blocks on the sheet, never draws.
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
    SourceLoc loc;
};

struct Panel {
    std::string role;
    std::vector<std::string> next_roles;    // a flow: the panels it continues into, in order
    load::VerticalAlign valign = load::VerticalAlign::top;
    Pt width;                               // of the text column (a flow: its narrowest panel's)
    std::vector<Block> blocks;
    SourceLoc loc;
};

struct Typeset {
    std::string id, title, language, version;
    resolve::Sheet sheet;
    std::vector<Panel> panels;
    std::vector<LayoutPtr> slugs;           // one per side of the sheet
    SourceLoc loc;
};

// `variant` names the variant in the slug line ("base" for none).
Typeset typeset(const resolve::StyledDocument& document, const std::string& variant, Diagnostics& diagnostics);

// The width of the text column of a panel: its width less the margins.
Pt column_width(const resolve::Sheet& sheet, const std::string& role);

// Height of a laid-out paragraph (its logical extents).
Pt height(PangoLayout* layout);

}  // namespace leaflet::typeset
