#include "typeset/line_breaking.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace leaflet::typeset {

namespace {

// TeX's plain values, but for two. Pango cannot shrink a space, so there is
// no tight class and no shrinkability: the only freedom is stretch, and in
// 87-90 mm columns of long Kazakh words it is scarce. TeX's demerits then
// spread the stretch evenly, leaving most lines a little too loose; a line
// whose spaces grow by more than half (ratio above 1, the rivers the
// benchmark counts) here costs as much as an infinitely bad one, so that
// there are as few as can be. And a soft hyphen costs 1000² rather than
// 50²: with so little stretch, cheap hyphens would end most lines.
// bench/line_breaking prints what these values give against Pango's
// first-fit.
constexpr double line_penalty = 10;
constexpr double loose_demerits = 1e8;
constexpr double hyphen_demerits = 1e6;
constexpr double double_hyphen_demerits = 10000;
constexpr double final_hyphen_demerits = 5000;
constexpr double adjacent_demerits = 10000;
constexpr double infinitely_bad = 10000;
constexpr int max_hyphens_in_a_row = 2;
constexpr double overfull_demerits = 1e12;  // one box wider than the line
constexpr int fitness_classes = 3;          // decent, loose, very loose

double badness(double ratio)
{
    if (!std::isfinite(ratio)) return infinitely_bad;
    return std::min(infinitely_bad, 100 * ratio * ratio * ratio);
}

int fitness(double ratio)
{
    return ratio > 1 ? 2 : ratio > 0.5 ? 1 : 0;
}

struct Node {
    double demerits = std::numeric_limits<double>::infinity();
    int previous = -1;        // candidate index of the break before
    int previous_state = -1;  // and its state
};

}  // namespace

double adjustment_ratio(const Candidate& from, const Candidate& to, double width)
{
    const double natural = to.line_end - from.next_start;
    const double stretch = stretch_share * (to.spaces_to_end - from.spaces_to_next);
    if (natural >= width) return 0;
    if (stretch <= 0) return std::numeric_limits<double>::infinity();
    return (width - natural) / stretch;
}

std::vector<int> total_fit(const std::vector<Candidate>& candidates, double width)
{
    const int count = static_cast<int>(candidates.size());
    if (count < 2) return {count - 1};
    // A state of a break: its fitness class and how many soft-hyphened
    // lines end there in a row.
    constexpr int states = fitness_classes * (max_hyphens_in_a_row + 1);
    std::vector<std::array<Node, states>> nodes(static_cast<std::size_t>(count));
    nodes[0][0].demerits = 0;

    for (int j = 1; j < count; ++j) {
        const Candidate& end = candidates[static_cast<std::size_t>(j)];
        const bool last = j == count - 1;
        for (int i = j - 1; i >= 0; --i) {
            const Candidate& start = candidates[static_cast<std::size_t>(i)];
            const double natural = end.line_end - start.next_start;
            const bool overfull = natural > width;
            // Lines only get wider the earlier they start: stop at the
            // first one too wide, but let a single box stand alone.
            if (overfull && i < j - 1) break;
            const double ratio = last ? 0 : adjustment_ratio(start, end, width);
            double line = (line_penalty + badness(ratio)) * (line_penalty + badness(ratio));
            if (end.hyphen) line += hyphen_demerits;
            else if (end.penalty > 0) line += static_cast<double>(end.penalty) * end.penalty;
            if (overfull) line += overfull_demerits;
            if (!last && ratio > 1) line += loose_demerits;
            const int fit = last ? 0 : fitness(ratio);
            for (int state = 0; state < states; ++state) {
                const Node& from = nodes[static_cast<std::size_t>(i)][static_cast<std::size_t>(state)];
                if (!std::isfinite(from.demerits)) continue;
                const int from_fit = state % fitness_classes;
                const int from_hyphens = state / fitness_classes;
                const int hyphens = end.hyphen ? from_hyphens + 1 : 0;
                if (hyphens > max_hyphens_in_a_row) continue;
                double demerits = from.demerits + line;
                if (end.flagged && i > 0 && candidates[static_cast<std::size_t>(i)].flagged)
                    demerits += double_hyphen_demerits;
                if (last && i > 0 && candidates[static_cast<std::size_t>(i)].flagged) demerits += final_hyphen_demerits;
                if (!last && i > 0 && std::abs(fit - from_fit) > 1) demerits += adjacent_demerits;
                const int to_state = (last ? 0 : hyphens) * fitness_classes + fit;
                Node& to = nodes[static_cast<std::size_t>(j)][static_cast<std::size_t>(to_state)];
                if (demerits < to.demerits) to = {demerits, i, state};
            }
        }
    }

    int state = 0;
    const auto& final_nodes = nodes[static_cast<std::size_t>(count - 1)];
    for (int s = 1; s < states; ++s)
        if (final_nodes[static_cast<std::size_t>(s)].demerits < final_nodes[static_cast<std::size_t>(state)].demerits)
            state = s;
    if (!std::isfinite(final_nodes[static_cast<std::size_t>(state)].demerits)) return {};
    std::vector<int> breaks;
    for (int j = count - 1; j > 0;) {
        breaks.push_back(j);
        const Node& node = nodes[static_cast<std::size_t>(j)][static_cast<std::size_t>(state)];
        j = node.previous;
        state = node.previous_state;
    }
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

}  // namespace leaflet::typeset
