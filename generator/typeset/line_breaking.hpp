// Private to typeset: total-fit (Knuth–Plass) line breaking over measured
// break candidates. Pure arithmetic: the widths come from Pango, and the
// chosen breaks go back into the PangoLayout (typeset.cpp).
#pragma once

#include <vector>

namespace leaflet::typeset {

// A place where a line may end, with the widths measured along the
// unbroken paragraph, in points from its start.
struct Candidate {
    double line_end = 0;        // where a line that breaks here ends, with its hyphen
    double next_start = 0;      // where the next line starts (after the space)
    double spaces_to_end = 0;   // natural width of the stretchable spaces before line_end
    double spaces_to_next = 0;  // ... before next_start
    int penalty = 0;            // TeX's: 50 for a hyphen
    bool flagged = false;       // a hyphen, soft or hard
    bool hyphen = false;        // a soft hyphen: it counts towards the two-in-a-row limit
};

// The share of its natural width a space may stretch at adjustment ratio 1:
// ratio 1 is the "spaces 50 % wider than natural" line.
constexpr double stretch_share = 0.5;

// The adjustment ratio of a justified line from `from` to `to`: its extra
// width over its stretchability (0 for a line that needs none).
double adjustment_ratio(const Candidate& from, const Candidate& to, double width);

// The candidates after which the lines end, ascending, the last one always
// included. candidates.front() is the start of the paragraph, .back() its
// end; a line of the ends is never stretched. At most two soft-hyphened
// lines follow each other. Lines are never wider than `width` unless one
// box is, since Pango's justification only stretches.
std::vector<int> total_fit(const std::vector<Candidate>& candidates, double width);

}  // namespace leaflet::typeset
