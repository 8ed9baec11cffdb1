// Private to typeset: a shaped paragraph's glyphs cut at the chosen breaks
// into lines of runs, justified, aligned and stacked at the leading: the
// Lines that leave the stage.
#pragma once

#include <vector>

#include "measure.hpp"
#include "shaping.hpp"

namespace leaflet::typeset {

// A run in the making: its glyphs' advances still in Pango units, and
// which of them are spaces justification may change.
struct SetRun {
    GlyphRun run;                    // advances filled in by finish()
    PangoFont* font = nullptr;
    const PangoAnalysis* analysis = nullptr;  // of its Pango item
    std::vector<int> advances;       // Pango units, one per glyph
    enum class Space : char { none, stretches, shrinks };
    std::vector<Space> spaces;       // one per glyph; `shrinks` also stretches
};

struct SetLine {
    std::vector<SetRun> runs;
    BreakKind kind = BreakKind::last;
    std::optional<Justified> justified;
    int width() const;               // Pango units
};

// How a paragraph's lines are set.
struct Setting {
    PangoUnits width;                // of the column, less the indent
    Pt indent;                       // from the block's left edge to the lines'
    resolve::Align align = resolve::Align::left;
    PangoUnits leading;              // baseline to baseline
    const resolve::ParagraphStyle* style = nullptr;  // its colour; its font for an empty line
    RunRole role = RunRole::text;
    Ranges ranges;                   // of justification, for the style's size
    double word_spacing = 1;         // the style's desired word spacing: cut() sets the spaces to it
};

// The glyphs of `shaped` between the breaks, as lines: spaces at a break
// and soft hyphens not broken at left out, runs split where the font or a
// span's colour, link or underline changes. A line that ends inside a word
// (a soft hyphen, a dash) has its last cluster shaped again on its own,
// with the hyphen drawn at a soft hyphen (U+00AD in the text): it kerns
// with the hyphen, not with the letter that now starts the next line.
std::vector<SetLine> cut(const Shaped& shaped, const std::vector<Break>& breaks, const Setting& setting,
                         Shaper& shaper);

// Justified lines get the exact width (justify.hpp); each line is aligned
// and stacked at the leading as Pango would: the Lines of the paragraph.
std::vector<Line> finish(std::vector<SetLine> lines, const Setting& setting, Shaper& shaper);

// The height of lines stacked by finish(): the last one's bottom.
Pt height(const std::vector<Line>& lines);

}  // namespace leaflet::typeset
