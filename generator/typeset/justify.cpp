#include "justify.hpp"

#include <cmath>
#include <limits>

namespace leaflet::typeset {

namespace {

// The glyphs of a line that justification changes.
struct Parts {
    std::vector<int*> spaces, shrinkable_spaces;
    std::vector<int*> glyphs;      // every glyph but the spaces
    std::vector<int*> gap_ends;    // the last glyph of a cluster that a letter's cluster follows
    std::vector<SetRun*> runs;     // with glyphs scaled
    long space_width = 0, shrinkable_width = 0, glyph_width = 0;

    explicit Parts(SetLine& line)
    {
        int* cluster_end = nullptr;  // the last glyph of the cluster before, if not a space
        for (SetRun& run : line.runs) {
            for (std::size_t g = 0; g < run.advances.size(); ++g) {
                int* advance = &run.advances[g];
                const bool starts_cluster = g == 0 || run.run.glyphs[g].cluster != run.run.glyphs[g - 1].cluster;
                if (run.spaces[g] != SetRun::Space::none) {
                    spaces.push_back(advance);
                    space_width += *advance;
                    if (run.spaces[g] == SetRun::Space::shrinks) {
                        shrinkable_spaces.push_back(advance);
                        shrinkable_width += *advance;
                    }
                    cluster_end = nullptr;
                    continue;
                }
                if (starts_cluster && cluster_end) gap_ends.push_back(cluster_end);
                glyphs.push_back(advance);
                glyph_width += *advance;
                cluster_end = advance;
            }
            if (!run.advances.empty()) runs.push_back(&run);
        }
    }
};

// `total` Pango units over `targets`, in proportion to their widths (all
// alike if `proportional` is false), the remainder one unit at a time to
// the first ones, so that exactly `total` is given.
void share(const std::vector<int*>& targets, long total, bool proportional)
{
    if (targets.empty() || total == 0) return;
    long natural = 0;
    for (const int* target : targets) natural += proportional ? *target : 1;
    if (natural == 0) return;
    long given = 0;
    for (int* target : targets) {
        const long part = total * (proportional ? *target : 1) / natural;
        *target += static_cast<int>(part);
        given += part;
    }
    for (std::size_t k = 0; given != total; k = (k + 1) % targets.size()) {
        const int step = total > given ? 1 : -1;
        *targets[k] += step;
        given += step;
    }
}

}  // namespace

void justify(SetLine& line, PangoUnits width, const Ranges& ranges, double word_spacing)
{
    Parts parts(line);
    const long lacking = width.value - line.width();
    const bool last = line.kind == BreakKind::last || line.kind == BreakKind::forced;
    if (last && lacking >= 0) return;

    // The line as fill() sees a line of the breaker.
    Candidate start, end;
    end.line_end = from_pango(static_cast<int>(parts.space_width + parts.glyph_width)).value;
    end.spaces_to_end = {from_pango(static_cast<int>(parts.space_width)).value,
                         from_pango(static_cast<int>(parts.shrinkable_width)).value};
    end.gaps_to_end = static_cast<int>(parts.gap_ends.size());
    const Fill filled = fill(start, end, from_pango(width.value).value, ranges);
    Justified& justified = line.justified.emplace();
    justified.adjustment = filled.ratio;
    justified.word_spacing = word_spacing;
    if (!last && filled.word_spacing > ragged_word_spacing) {
        justified.ragged = true;
        return;
    }

    // The glyphs' scale, then the letters' gaps, then whatever is left to
    // the word spaces, so that the line ends exactly at the width.
    long given = 0;
    if (filled.glyphs != 0 && parts.glyph_width > 0) {
        const double scale = 1 + to_pango(Pt{filled.glyphs}).value / static_cast<double>(parts.glyph_width);
        for (int* advance : parts.glyphs) {
            const int scaled = static_cast<int>(std::lround(*advance * scale));
            given += scaled - *advance;
            *advance = scaled;
        }
        for (SetRun* run : parts.runs) {
            run->run.scale = scale;
            for (Glyph& glyph : run->run.glyphs) glyph.x_offset = glyph.x_offset * scale;
        }
        justified.glyph_scale = scale;
    }
    if (filled.letters != 0 && !parts.gap_ends.empty()) {
        const long letters = to_pango(Pt{filled.letters}).value;
        share(parts.gap_ends, letters, false);
        given += letters;
        justified.letter_spacing = Pt{from_pango(static_cast<int>(letters)).value / static_cast<double>(parts.gap_ends.size())};
    }
    const bool shrinking = lacking < 0 && !parts.shrinkable_spaces.empty();
    const std::vector<int*>& words = shrinking ? parts.shrinkable_spaces : parts.spaces;
    const long rest = lacking - given;
    if (!words.empty()) share(words, rest, true);
    else share(parts.gap_ends.empty() ? parts.glyphs : parts.gap_ends, rest, false);
    if (parts.space_width > 0) {
        long spaces = 0;
        for (const int* space : parts.spaces) spaces += *space;
        justified.word_spacing = word_spacing * static_cast<double>(spaces) / static_cast<double>(parts.space_width);
    }
    if (lacking < 0 && words.empty() && parts.glyphs.empty()) justified.adjustment = -std::numeric_limits<double>::infinity();
}

}  // namespace leaflet::typeset
