// typeset: StyledDocument -> Typeset, paragraphs shaped, broken and frozen
// into lines of glyph runs.
//
// In: the resolved document. Out: for every panel its blocks; a paragraph's
// lines, each a list of glyph runs: a face of the font set, a size, a
// swatch, glyph ids with advances and offsets, the text they stand for with
// the cluster map to it, what the run is (text, list label, leader, slug)
// and its link; the slug line of each side. Every paragraph is shaped once
// (HarfBuzz, through Pango), broken over the shaped widths (total-fit,
// first-fit or balanced), justified within its style's ranges (word
// spaces, then letter spacing, then glyph scaling), and frozen: what leaves this stage is data, no Pango object. A hyphen drawn at
// a line-end break stands for U+00AD in its run's text (ISO 32000-1,
// 14.8.2.2.3), so that text extraction drops it and the word is whole.
// Never places blocks on the sheet, never draws.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "resolve/resolve.hpp"
#include "units.hpp"

namespace leaflet::typeset {

struct Glyph {
    std::uint32_t id = 0;   // the glyph's index in its face
    Pt advance;             // to the next glyph's pen position
    Pt x_offset, y_offset;  // of the glyph from its pen position; y down
    int cluster = 0;        // byte offset in GlyphRun::text where the characters it draws start

    bool operator==(const Glyph&) const = default;
};

// What a run of glyphs is.
enum class RunRole {
    text,    // the block's own text
    label,   // a list item's bullet or number
    leader,  // the dots of a contact line
    slug,    // the slug line outside the trim
};

// An underline, from the run's baseline (y down).
struct Underline {
    Pt position, thickness;

    bool operator==(const Underline&) const = default;
};

struct GlyphRun {
    std::size_t face = 0;        // index into the font set's files()
    Pt size;                     // the em
    resolve::Colour colour;
    // What the glyphs stand for, as text extraction should read it: a
    // line-end hyphen is U+00AD; soft hyphens where no line breaks, and the
    // space at a break, are not in it. Glyph::cluster indexes it; clusters
    // ascend, and each cluster's text runs to the next one's.
    std::string text;
    std::vector<Glyph> glyphs;
    Pt x;                        // where its pen starts, from the block's left edge
    RunRole role = RunRole::text;
    std::string link;            // tel:, mailto: or https: target; empty: none
    std::optional<Underline> underline;
    double scale = 1;            // the glyphs' horizontal scale (justification); advances include it
    // An icon: the run is one empty glyph as wide as the icon, with no
    // text; the art is drawn instead, `art_height` tall, on the baseline,
    // in the run's colour.
    art::Shared art;
    std::string icon;            // its name
    SourceLoc icon_loc;          // its <icon> element, for the layout dump
    Pt art_height;

    Pt width() const;
    bool operator==(const GlyphRun&) const = default;
};

// How a line of a paragraph ends.
enum class BreakKind {
    space,   // at a space between words
    hyphen,  // at a soft hyphen: a hyphen is drawn
    dash,    // after a hard hyphen or dash, or another break allowed without a space
    forced,  // at a line break in the source (<br/>)
    last,    // the paragraph's last line
};

using LineBreaking = resolve::LineBreaking;

// How a justified line was filled to its width (resolve::Justification):
// its word spaces first, then the gaps between letters, then the glyphs'
// width.
struct Justified {
    // The width the line lacked over all its ranges could give, or,
    // negative, the width it had too much over all they could take: within
    // the ranges from -1 to 1; infinite where nothing could change.
    double adjustment = 0;
    double word_spacing = 1;    // its word spaces' width over the font's space
    Pt letter_spacing;          // added between two letters
    double glyph_scale = 1;     // of its glyphs' width
    // Set at its natural spacing instead: its word spaces would have grown
    // past twice the font's (one long word, an e-mail).
    bool ragged = false;

    bool operator==(const Justified&) const = default;
};

struct Line {
    // Its box and baseline, from the paragraph's top, y down: lines stack
    // at the style's leading (as Pango's absolute line height does).
    Pt top, baseline, bottom;
    Pt x, width;                 // its text's extent (labels, leaders aside), from the block's left edge
    std::vector<GlyphRun> runs;  // left to right
    BreakKind kind = BreakKind::last;
    // How a justified line was set; none where a line keeps its natural
    // spacing (a paragraph's last, before a forced break, not justified).
    std::optional<Justified> justified;

    bool operator==(const Line&) const = default;
};

// What a block is, from the source (never from its style's name).
enum class BlockKind {
    heading,    // <h1>, <h2>: Block::level
    paragraph,  // <p>, a directory entry
    list_item,  // <li>: its label is a run of its first line
    slug,       // the slug line of a side
    list,       // <ul>, <ol>, <directory>: Block::children are its items
    box,        // <callout>, <quote>: Block::box, Block::children
    figure,     // <image>, <qr>: Block::figure, as tall as Block::height
};

struct Block {
    BlockKind kind = BlockKind::paragraph;
    int level = 0;                    // a heading's: 1 or 2
    std::string style;                // the paragraph or box style's name, for the layout dump
    Pt space_before, space_after;
    Pt height;                        // without the space before and after
    // Heading, paragraph, list item, slug: its lines.
    std::vector<Line> lines;
    LineBreaking line_breaking = LineBreaking::first_fit;
    bool keep_whole = false;          // a contact line: what follows its tab stands on its last line
    // A box: its style (background, padding); a box or a list: its blocks.
    std::optional<resolve::BoxStyle> box;
    std::vector<Block> children;
    std::optional<resolve::Figure> figure;  // a figure: its art and size
    load::Place place = load::Place::flow;  // a panel's block fixed at its top or foot
    SourceLoc loc;

    bool has_lines() const
    {
        return kind != BlockKind::list && kind != BlockKind::box && kind != BlockKind::figure;
    }
};

struct Panel {
    std::string role;
    std::vector<std::string> next_roles;    // a flow: the panels it continues into, in order
    load::VerticalAlign valign = load::VerticalAlign::top;
    Pt width;                               // of the text column (a flow: its narrowest panel's)
    std::vector<Block> blocks;
    // The share of its styles' font size and leading its type is set at:
    // below 1 where copyfit shrank it, above where it grew it; `copyfit`
    // says how far it may go.
    double scale = 1;
    std::optional<resolve::Copyfit> copyfit;  // its mode: shrink to fit, or grow to fill
    bool balance = false;                     // a flow: its panels filled to one height
    std::optional<resolve::Colour> background;
    SourceLoc loc;
};

struct Typeset {
    std::string id, title, language, version;
    resolve::Sheet sheet;
    std::shared_ptr<const resolve::FontSet> fonts;  // the faces the runs name
    std::vector<Panel> panels;
    std::vector<Block> slugs;               // one per side of the sheet
    SourceLoc loc;
};

struct Options {
    // Overrides every justified paragraph style's line breaking (the
    // benchmark compares the two over the same paragraphs).
    std::optional<LineBreaking> line_breaking;
    // Every panel's type at this share of its styles' font size and
    // leading (the screen edition's Screen::scale).
    double scale = 1;
};

// `variant` names the variant in the slug line ("base" for none).
// Paragraphs whose style hyphenates may break at every place the hyphenate
// stage allows. Throws leaflet::Error for a character the font lacks, or a
// contact line that does not fit.
Typeset typeset(const resolve::StyledDocument& document, const std::string& variant, Diagnostics& diagnostics,
                const Options& options = {});

// Panel `index` of `document` alone, its type at `scale` of its styles'
// font size and leading (copyfit sets it again smaller).
Panel typeset_panel(const resolve::StyledDocument& document, std::size_t index, double scale,
                    Diagnostics& diagnostics, const Options& options = {});

// The width of the text column of a panel: its width less the margins.
Pt column_width(const resolve::Sheet& sheet, const std::string& role);

}  // namespace leaflet::typeset
