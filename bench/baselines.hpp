// How far the body baselines of neighbouring panels miss each other.
//
// In: a laid-out leaflet and the paragraph styles that count as body. Out:
// for each body baseline of a panel that stands where the panel beside it
// on the same side of the sheet has a body line too (inside that line's
// box, from its top to its bottom), the distance to the nearest body
// baseline of that neighbour; both ways round, every neighbouring pair.
#pragma once

#include <set>
#include <string>

#include "layout/layout.hpp"

namespace leaflet::bench {

struct BaselineOffsets {
    int compared = 0;  // baselines facing a body line of the neighbour
    Pt largest;        // of their distances to its nearest body baseline
    Pt total;          // their sum

    Pt mean() const { return compared > 0 ? total / compared : Pt{}; }
    BaselineOffsets& operator+=(const BaselineOffsets& other);
};

BaselineOffsets baseline_offsets(const layout::Frames& frames, const std::set<std::string>& body_styles);

}  // namespace leaflet::bench
