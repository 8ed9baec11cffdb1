// Private to typeset: shaping a paragraph once, through Pango (HarfBuzz),
// on the font set's Pango font map; and what the later steps need to know
// of each font Pango chose.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <pango/pango.h>

#include "c/pango.hpp"
#include "pango_units.hpp"
#include "text.hpp"

namespace leaflet::typeset {

// A paragraph shaped once: an unwrapped PangoLayout, one line per source
// paragraph ('\n'), with the text as it was shaped (soft hyphens in).
struct Shaped {
    c::GObject<PangoLayout> layout;
    Text text;
};

// What the typesetter needs of a font: its face in the font set, the
// logical extents Pango gives a run in it, the hyphen it draws at a
// line-end break, and its underline.
struct FontFacts {
    std::size_t face = 0;
    Pt size;
    PangoUnits ascent, descent;     // logical, above and below the baseline
    gunichar hyphen_character = '-'; // U+2010, else U+2011, else '-'
    PangoGlyph hyphen = 0;
    PangoUnits hyphen_advance;
    PangoUnits underline_position;  // below the baseline
    PangoUnits underline_thickness;
    PangoUnits cap_height;          // of its capitals (OS/2 sCapHeight): an icon's height
};

class Shaper {
public:
    explicit Shaper(const resolve::StyledDocument& document);

    // `text` in `style`, unwrapped. A character the font lacks is an error
    // at `loc`: a fallback font, or a box in place of a Kazakh letter, must
    // never reach print.
    Shaped shape(const Text& text, const resolve::ParagraphStyle& style, const SourceLoc& loc);

    // `text` alone, as an item of `analysis` (its font, language, script)
    // shapes it: the end of a line that breaks inside a word, which must
    // not keep the kerning it had with what follows.
    c::PangoGlyphStringHandle shape_alone(const std::string& text, const PangoAnalysis& analysis);

    const FontFacts& facts(PangoFont* font);
    // How much kerning took from `glyph`'s advance (its nominal advance in
    // the font less `advance`), in Pango units: what a PDF reader, which
    // measures each glyph by its nominal width, sees missing from the gap
    // after it.
    int kerned(PangoFont* font, PangoGlyph glyph, int advance);
    // The facts of the font `style` asks for: an empty line's extents.
    const FontFacts& facts(const resolve::ParagraphStyle& style);

private:
    const resolve::StyledDocument& document_;
    c::GObject<PangoContext> context_;
    std::map<PangoFont*, std::pair<c::GObject<PangoFont>, FontFacts>> facts_;
};

}  // namespace leaflet::typeset
