#include "justify.hpp"

#include <limits>

namespace leaflet::typeset {

void justify(SetLine& line, PangoUnits width)
{
    std::vector<int*> spaces, shrinkable_spaces;
    for (SetRun& run : line.runs)
        for (std::size_t g = 0; g < run.advances.size(); ++g) {
            if (run.spaces[g] == SetRun::Space::none) continue;
            spaces.push_back(&run.advances[g]);
            if (run.spaces[g] == SetRun::Space::shrinks) shrinkable_spaces.push_back(&run.advances[g]);
        }
    const int lacking = width.value - line.width();
    const bool last = line.kind == BreakKind::last || line.kind == BreakKind::forced;
    if (last && lacking >= 0) return;
    const bool shrinking = lacking < 0 && !shrinkable_spaces.empty();
    const std::vector<int*>& changed = shrinking ? shrinkable_spaces : spaces;
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (changed.empty()) {
        line.adjustment = lacking > 0 ? infinity : -infinity;
        return;
    }
    long natural = 0;
    for (const int* space : changed) natural += *space;
    // Whole Pango units, the remainder to the first spaces, so that the
    // line ends exactly at the width.
    long given = 0;
    for (int* space : changed) {
        const int share = static_cast<int>(static_cast<long>(lacking) * *space / natural);
        *space += share;
        given += share;
    }
    for (std::size_t k = 0; given != lacking; k = (k + 1) % changed.size()) {
        const int step = lacking > given ? 1 : -1;
        *changed[k] += step;
        given += step;
    }
    if (lacking < 0 && !shrinking) {
        line.adjustment = -infinity;
        return;
    }
    const double share = lacking > 0 ? stretch_share : shrink_share;
    line.adjustment = static_cast<double>(lacking) / (share * static_cast<double>(natural));
}

}  // namespace leaflet::typeset
