// Line breaking over measured break candidates: total-fit (Knuth–Plass)
// and first-fit. Pure arithmetic: the widths come from the shaped
// paragraph (measure.hpp), and the lines are frozen from the chosen breaks
// (freeze.hpp). Public so that its tests need no text.
#pragma once

#include <vector>

namespace leaflet::typeset {

// The natural width of the spaces before a place in a paragraph: all of
// them stretch; only those between two letters or digits shrink (next to
// punctuation the font's kerning already tightens a space, and text
// extraction would lose a narrower one).
struct SpaceWidths {
    double stretchable = 0;
    double shrinkable = 0;
};

// A place where a line may end, with the widths measured along the
// unbroken paragraph, in points from its start.
struct Candidate {
    double line_end = 0;          // where a line that breaks here ends, with its hyphen
    double next_start = 0;        // where the next line starts (after the space)
    SpaceWidths spaces_to_end;    // the spaces before line_end
    SpaceWidths spaces_to_next;   // ... before next_start
    int gaps_to_end = 0;          // the gaps between two letters before line_end (its hyphen's too)
    int gaps_to_next = 0;         // ... up to the first letter of the next line, that one's own too
    int characters_to_end = 0;    // the characters before line_end
    int characters_to_next = 0;   // ... before next_start
    int penalty = 0;            // TeX's: 50 for a hyphen
    bool flagged = false;       // a hyphen, soft or hard
    bool hyphen = false;        // a soft hyphen: it counts towards the two-in-a-row limit
};

// How far a justified line may be set from its natural width, each share
// of what it applies to (resolve::Justification for one size of type).
struct Ranges {
    double word_stretch = 0.33, word_shrink = 0.2;  // of a word space's natural width
    double letter_stretch = 0, letter_shrink = 0;   // points, each gap between two letters
    double glyph_stretch = 0, glyph_shrink = 0;     // of the glyphs' width
};

// How a justified line is filled: its word spaces first, then the gaps
// between letters, then the glyphs' width, each within its range; what the
// line still lacks goes to the word spaces. Each is a width in points that
// the line gains (negative: loses).
struct Fill {
    double ratio = 0;       // the adjustment ratio: see adjustment_ratio()
    double words = 0, letters = 0, glyphs = 0;
    double word_spacing = 1;  // the word spaces' width over their natural width
};

// How the line from `from` to `to` is filled to `width`: the ratio is the
// width it lacks over all that its ranges can give, or, for a line too
// wide, minus the width it has too much over all that they can take (only
// spaces between two letters or digits shrink: SpaceWidths). Within the
// ranges it is from -1 to 1; below -1 the line does not fit (-infinity if
// nothing in it can shrink); above 1 its word spaces grow past their
// maximum (+infinity if nothing can grow).
Fill fill(const Candidate& from, const Candidate& to, double width, const Ranges& ranges);
double adjustment_ratio(const Candidate& from, const Candidate& to, double width, const Ranges& ranges = {});

// Past this word spacing (twice the natural space) a justified line is not
// stretched but set ragged (InDesign's single-word justification, for any
// line): one long word, an e-mail.
constexpr double ragged_word_spacing = 2;

// What total-fit sets a paragraph's lines to besides their width.
struct BreakRules {
    Ranges ranges;
    // A last line with fewer characters, or only the tail of a word
    // hyphenated on the line before, is a runt: it costs more than a loose
    // line, less than a ragged one.
    int last_line_minimum = 0;
};

// The candidates after which the lines end, ascending, the last one always
// included. candidates.front() is the start of the paragraph, .back() its
// end; the last line keeps its natural spacing unless it must shrink. At
// most two soft-hyphened lines follow each other. A line is wider than
// `width` only where a single word is.
std::vector<int> total_fit(const std::vector<Candidate>& candidates, double width, const BreakRules& rules = {});

// Ragged lines of nearly equal length (CSS's text-wrap: balance): as many
// lines as first-fit needs at `width`, broken where the sum of the squares
// of what each lacks of the width is least, so that no line is left with
// one short word where another break can help it.
std::vector<int> balanced(const std::vector<Candidate>& candidates, double width);

// First-fit, as Pango breaks (and TeX's first pass, without its
// tolerance): each line takes as many candidates as fit in `width`, its
// spaces at their natural width; a line is wider only where a single word
// is. Never shrinks a space, never limits hyphens in a row.
std::vector<int> first_fit(const std::vector<Candidate>& candidates, double width);

}  // namespace leaflet::typeset
