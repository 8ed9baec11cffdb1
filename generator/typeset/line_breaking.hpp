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
    int penalty = 0;            // TeX's: 50 for a hyphen
    bool flagged = false;       // a hyphen, soft or hard
    bool hyphen = false;        // a soft hyphen: it counts towards the two-in-a-row limit
};

// The space model. At adjustment ratio 1 a space is 50 % wider than its
// natural width (the "loose" line the benchmark counts); at ratio -1 a
// shrinkable one is 20 % narrower, the least it may be: InDesign's default
// minimum word spacing of 80 %, close to TeX's for Computer Modern.
constexpr double stretch_share = 0.5;
constexpr double shrink_share = 0.2;

// The adjustment ratio of a justified line from `from` to `to`: the width
// it lacks over its stretchability, or, for a line too wide, minus the width
// it has too much over its shrinkability. Below -1 the line does not fit,
// and -infinity if it has no space to shrink; +infinity if it lacks width
// and has no space to stretch.
double adjustment_ratio(const Candidate& from, const Candidate& to, double width);

// The candidates after which the lines end, ascending, the last one always
// included. candidates.front() is the start of the paragraph, .back() its
// end; the last line keeps its natural spacing unless it must shrink. At
// most two soft-hyphened lines follow each other. A line is wider than
// `width` only where a single word is.
std::vector<int> total_fit(const std::vector<Candidate>& candidates, double width);

// First-fit, as Pango breaks (and TeX's first pass, without its
// tolerance): each line takes as many candidates as fit in `width`, its
// spaces at their natural width; a line is wider only where a single word
// is. Never shrinks a space, never limits hyphens in a row.
std::vector<int> first_fit(const std::vector<Candidate>& candidates, double width);

}  // namespace leaflet::typeset
