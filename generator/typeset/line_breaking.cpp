#include "typeset/line_breaking.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace leaflet::typeset {

namespace {

// TeX's plain values, but for a few. The columns are narrow and Kazakh
// words long, so a line has little room either way; the ranges
// (resolve::Justification) give it what room it has. A line past its
// ranges costs a flat 3·10^7 on top of its badness, one whose word spaces
// pass 150 % of the font's space (the rivers the benchmark counts) 10^8, and
// one set ragged (past 200 %) twice that, so that there are as few as can
// be (its badness does not count: it is not stretched); the badness is not
// capped at TeX's 10000, so that among loose lines the looser still cost
// more. A soft hyphen costs 3·10^6, not 50²: cheap hyphens would end half
// the lines. A runt (BreakRules) costs 1.5·10^8: worse than a loose line,
// not as bad as a ragged one. Over
// the five leaflets (bench/line_breaking), a soft hyphen at 3·10^7 gives 56
// hyphens and 31 % of the lines past their ranges, at 3·10^6 61 and 1.7 %.
constexpr double line_penalty = 10;
constexpr double beyond_demerits = 3e7;
constexpr double loose_demerits = 1e8;
constexpr double ragged_demerits = 2e8;
constexpr double runt_demerits = 1.5e8;
constexpr double loose_word_spacing = 1.5;
constexpr double hyphen_demerits = 3e6;
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

// A paragraph's last line from `start` to `end` that is too short, or only
// the tail of a word hyphenated at `start`.
bool runt(const Candidate& start, const Candidate& end, int minimum)
{
    const bool one_word = end.spaces_to_end.stretchable == start.spaces_to_next.stretchable;
    return (start.hyphen && one_word) || end.characters_to_end - start.characters_to_next < minimum;
}

}  // namespace

Fill fill(const Candidate& from, const Candidate& to, double width, const Ranges& ranges)
{
    constexpr double infinity = std::numeric_limits<double>::infinity();
    const double natural = to.line_end - from.next_start;
    const double lacking = width - natural;
    Fill result;
    if (lacking == 0) return result;
    const bool stretch = lacking > 0;
    const double all_spaces = to.spaces_to_end.stretchable - from.spaces_to_next.stretchable;
    const double spaces = stretch ? all_spaces : to.spaces_to_end.shrinkable - from.spaces_to_next.shrinkable;
    const double gaps = std::max(0, to.gaps_to_end - from.gaps_to_next);
    const double glyphs = std::max(0.0, natural - all_spaces);
    // What each can give (stretching) or take (shrinking), in points.
    const double word_range = spaces * (stretch ? ranges.word_stretch : ranges.word_shrink);
    const double letter_range = gaps * (stretch ? ranges.letter_stretch : ranges.letter_shrink);
    const double glyph_range = glyphs * (stretch ? ranges.glyph_stretch : ranges.glyph_shrink);
    const double range = word_range + letter_range + glyph_range;
    double left = std::abs(lacking);
    const double sign = stretch ? 1 : -1;
    const auto take = [&](double most) {
        const double part = std::min(left, most);
        left -= part;
        return sign * part;
    };
    result.words = take(word_range);
    result.letters = take(letter_range);
    result.glyphs = take(glyph_range);
    result.words += sign * left;
    result.ratio = range > 0 ? lacking / range : sign * infinity;
    if (all_spaces > 0) result.word_spacing = 1 + result.words / all_spaces;
    else if (result.words != 0) result.word_spacing = sign * infinity;
    return result;
}

double adjustment_ratio(const Candidate& from, const Candidate& to, double width, const Ranges& ranges)
{
    return fill(from, to, width, ranges).ratio;
}

std::vector<int> total_fit(const std::vector<Candidate>& candidates, double width, const BreakRules& rules)
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
            const Fill filled = fill(start, end, width, rules.ranges);
            double ratio = filled.ratio;
            const bool overfull = ratio < -1;
            // Lines only get wider the earlier they start: stop at the
            // first one too wide, but let a single word stand alone.
            if (overfull && i < j - 1) break;
            if (last && ratio > 0) ratio = 0;  // the last line is set at its natural width
            // A line set ragged is not stretched: it costs only for being ragged.
            const bool ragged = !last && filled.word_spacing > ragged_word_spacing;
            const double bad = ragged ? 0 : badness(ratio);
            double line = (line_penalty + bad) * (line_penalty + bad);
            if (end.hyphen) line += hyphen_demerits;
            else if (end.penalty > 0) line += static_cast<double>(end.penalty) * end.penalty;
            if (overfull) line += overfull_demerits;
            if (ragged) line += ragged_demerits;
            else if (!last && filled.word_spacing > loose_word_spacing) line += loose_demerits;
            else if (!last && ratio > 1) line += beyond_demerits;
            if (last && i > 0 && runt(start, end, rules.last_line_minimum)) line += runt_demerits;
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

namespace leaflet::typeset {

std::vector<int> balanced(const std::vector<Candidate>& candidates, double width)
{
    const std::vector<int> natural = first_fit(candidates, width);
    const std::size_t count = candidates.size();
    const std::size_t lines = natural.size();
    if (lines < 2) return natural;
    // cost[k][j]: the least sum of squares of what the lines lack of the
    // width, over k lines ending at candidate j; a line wider than the
    // width only where it is a single word.
    constexpr double infinity = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> cost(lines + 1, std::vector<double>(count, infinity));
    std::vector<std::vector<int>> previous(lines + 1, std::vector<int>(count, -1));
    cost[0][0] = 0;
    for (std::size_t k = 1; k <= lines; ++k)
        for (std::size_t j = 1; j < count; ++j)
            for (std::size_t i = j; i-- > 0;) {
                const double line = candidates[j].line_end - candidates[i].next_start;
                if (line > width && i + 1 < j) break;
                if (!std::isfinite(cost[k - 1][i])) continue;
                const double lacking = std::max(0.0, width - line);
                const double total = cost[k - 1][i] + lacking * lacking;
                // Of two as even, the one whose last line is the shorter
                // (found first): it reads as first-fit would break.
                if (total < cost[k][j] - 1e-6) {
                    cost[k][j] = total;
                    previous[k][j] = static_cast<int>(i);
                }
            }
    if (!std::isfinite(cost[lines][count - 1])) return natural;
    std::vector<int> breaks;
    for (int j = static_cast<int>(count) - 1, k = static_cast<int>(lines); k > 0; --k) {
        breaks.push_back(j);
        j = previous[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
    }
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

}  // namespace leaflet::typeset
