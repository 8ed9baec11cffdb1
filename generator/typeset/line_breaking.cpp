#include "typeset/line_breaking.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace leaflet::typeset {

namespace {

// TeX's plain values, but for three. The columns are narrow and Kazakh
// words long, so spaces have little room either way (stretch to 150 %,
// shrink to 80 %). A line whose spaces grow by more than half (ratio above
// 1, the rivers the benchmark counts) costs a flat 10^8 on top of its
// badness, so that there are as few as can be; and the badness is not
// capped at TeX's 10000, so that among loose lines the looser still cost
// more (a line at ratio 3 is not as good as one at 20, nor a lone word
// with no space to stretch). And a soft hyphen costs 3·10^7, not 50²: with
// so little freedom, cheap hyphens would end half the lines. Over the five
// leaflets (bench/line_breaking) 10^6 gives 92 loose lines and 145
// hyphens, 3·10^7 gives 93 and 132, 10^8 gives 104 and 110; Pango's
// first-fit 164 and 146.
constexpr double line_penalty = 10;
constexpr double loose_demerits = 1e8;
constexpr double hyphen_demerits = 3e7;
constexpr double double_hyphen_demerits = 10000;
constexpr double final_hyphen_demerits = 5000;
constexpr double adjacent_demerits = 10000;
constexpr double no_space_badness = 1e6;    // a line that lacks width and cannot stretch
constexpr int max_hyphens_in_a_row = 2;
constexpr double overfull_demerits = 1e15;  // one word wider than the line
constexpr int fitness_classes = 4;          // tight, decent, loose, very loose

double badness(double ratio)
{
    if (std::isinf(ratio)) return no_space_badness;
    return std::min(no_space_badness, 100 * std::abs(ratio * ratio * ratio));
}

int fitness(double ratio)
{
    return ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
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
    if (natural == width) return 0;
    if (natural < width) {
        const double spaces = to.spaces_to_end.stretchable - from.spaces_to_next.stretchable;
        return spaces > 0 ? (width - natural) / (stretch_share * spaces) : std::numeric_limits<double>::infinity();
    }
    const double spaces = to.spaces_to_end.shrinkable - from.spaces_to_next.shrinkable;
    return spaces > 0 ? (width - natural) / (shrink_share * spaces) : -std::numeric_limits<double>::infinity();
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
            double ratio = adjustment_ratio(start, end, width);
            const bool overfull = ratio < -1;
            // Lines only get wider the earlier they start: stop at the
            // first one too wide, but let a single word stand alone.
            if (overfull && i < j - 1) break;
            if (last && ratio > 0) ratio = 0;  // the last line is set at its natural width
            double line = (line_penalty + badness(ratio)) * (line_penalty + badness(ratio));
            if (end.hyphen) line += hyphen_demerits;
            else if (end.penalty > 0) line += static_cast<double>(end.penalty) * end.penalty;
            if (overfull) line += overfull_demerits;
            if (ratio > 1) line += loose_demerits;
            const int fit = last ? 1 : fitness(ratio);
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

namespace leaflet::typeset {

std::vector<int> first_fit(const std::vector<Candidate>& candidates, double width)
{
    const int count = static_cast<int>(candidates.size());
    std::vector<int> breaks;
    for (int from = 0; from + 1 < count;) {
        // The last candidate whose line fits; the first if none does (a
        // word wider than the line stands alone).
        int to = from + 1;
        for (int next = to + 1; next < count; ++next) {
            const Candidate& start = candidates[static_cast<std::size_t>(from)];
            if (candidates[static_cast<std::size_t>(next)].line_end - start.next_start > width) break;
            to = next;
        }
        breaks.push_back(to);
        from = to;
    }
    if (breaks.empty()) breaks.push_back(count - 1);
    return breaks;
}

}  // namespace leaflet::typeset
