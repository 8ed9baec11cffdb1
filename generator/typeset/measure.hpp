// Private to typeset: a shaped paragraph measured for line breaking, and
// the places where its lines may break.
#pragma once

#include <utility>
#include <vector>

#include "line_breaking.hpp"
#include "shaping.hpp"
#include "typeset/typeset.hpp"

namespace leaflet::typeset {

// Along each source paragraph ('\n'-separated) of a shaped paragraph: where
// each character starts, the natural width of the stretchable (and
// shrinkable) spaces before it, the gaps between two letters before it, and
// its font. Word spaces are at `word_spacing` of the font's (the style's
// desired word spacing), as cut() sets them.
class Measure {
public:
    Measure(const Shaped& shaped, Shaper& shaper, double word_spacing = 1);

    const std::string& text() const { return text_; }
    // The source paragraphs as byte ranges, the line break excluded.
    const std::vector<std::pair<int, int>>& segments() const { return segments_; }
    double x(int offset) const { return x_[character(offset)]; }
    const SpaceWidths& spaces(int offset) const { return spaces_[character(offset)]; }
    const PangoLogAttr& attributes(int offset) const { return attributes_[character(offset)]; }
    // The gaps between two visible clusters, neither a space, that start
    // before `offset`; whether one starts at it.
    int gaps(int offset) const { return gaps_[character(offset)]; }
    bool gap_at(int offset) const { return gaps_[character(offset) + 1] > gaps_[character(offset)]; }
    int characters(int offset) const { return static_cast<int>(character(offset)); }
    // The hyphen a break at a soft hyphen at `offset` draws: its advance, in pt.
    double hyphen_width(int offset) const { return hyphens_[character(offset)]; }

private:
    std::size_t character(int offset) const { return static_cast<std::size_t>(index_[static_cast<std::size_t>(offset)]); }

    std::string text_;
    std::vector<PangoLogAttr> attributes_;
    std::vector<int> index_;    // byte offset -> character
    std::vector<int> offsets_;  // character -> byte offset
    std::vector<double> x_;
    std::vector<double> hyphens_;
    std::vector<SpaceWidths> spaces_;
    std::vector<int> gaps_;     // character -> gaps before it; one more at the end
    std::vector<std::pair<int, int>> segments_;
};

// A place where a line may end.
struct Break {
    int line_end = 0;    // the line's text ends here (before the space, or the soft hyphen)
    int next_start = 0;  // the next line starts here
    BreakKind kind = BreakKind::space;
};

// Where the lines of a measured paragraph end, `width` wide: total-fit
// (Knuth–Plass, by `rules`), first-fit or, for ragged text, `balanced`,
// each source paragraph on its own. The last break of a source paragraph is
// `forced` (or, the paragraph's end, `last`).
std::vector<Break> break_lines(const Measure& measure, LineBreaking method, Pt width, const BreakRules& rules,
                               bool balanced = false);

}  // namespace leaflet::typeset
