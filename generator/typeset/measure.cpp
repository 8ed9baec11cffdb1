#include "measure.hpp"

#include <algorithm>

namespace leaflet::typeset {

Measure::Measure(const Shaped& shaped, Shaper& shaper, double word_spacing) : text_(shaped.text.text)
{
    PangoLayout* layout = shaped.layout.get();
    int count = 0;
    const PangoLogAttr* attributes = pango_layout_get_log_attrs_readonly(layout, &count);
    attributes_.assign(attributes, attributes + count);
    index_.assign(text_.size() + 1, -1);
    int character = 0;
    for (const char* p = text_.c_str();; p = g_utf8_next_char(p), ++character) {
        index_[static_cast<std::size_t>(p - text_.c_str())] = character;
        offsets_.push_back(static_cast<int>(p - text_.c_str()));
        if (!*p) break;
    }
    x_.assign(offsets_.size(), 0);
    hyphens_.assign(offsets_.size(), 0);
    std::vector<double> widths(offsets_.size(), 0), ems(offsets_.size(), 1);
    std::vector<bool> gap_starts(offsets_.size(), false);
    for (GSList* item = pango_layout_get_lines_readonly(layout); item; item = item->next) {
        const PangoLayoutLine* line = static_cast<PangoLayoutLine*>(item->data);
        const int start = line->start_index, end = line->start_index + line->length;
        segments_.push_back({start, end});
        // Cluster by cluster along the glyphs (left to right: Kazakh
        // text), each character of a cluster a share of its width; a word
        // space at `word_spacing`.
        int x = 0;
        double spacing = 0;  // pt, what word_spacing adds to the spaces so far
        bool after_letter = false;
        int kerned_before = 0;  // what kerning took from the glyph before the cluster
        for (GSList* run = line->runs; run; run = run->next) {
            PangoGlyphItem* glyph_item = static_cast<PangoGlyphItem*>(run->data);
            const FontFacts& facts = shaper.facts(glyph_item->item->analysis.font);
            const double hyphen = from_pango(facts.hyphen_advance).value;
            PangoGlyphItemIter cluster;
            for (gboolean more = pango_glyph_item_iter_init_start(&cluster, glyph_item, text_.c_str()); more;
                 more = pango_glyph_item_iter_next_cluster(&cluster)) {
                int width = 0;
                for (int g = cluster.start_glyph; g < cluster.end_glyph; ++g)
                    width += glyph_item->glyphs->glyphs[g].geometry.width;
                const int first = index_[static_cast<std::size_t>(cluster.start_index)];
                const int characters = std::max(1, cluster.end_char - cluster.start_char);
                const gunichar ch = char_at(text_, cluster.start_index);
                const bool space = is_expandable_space(ch);
                const double extra = space ? from_pango(width).value * (word_spacing - 1) : 0;
                for (int c = 0; c < characters; ++c) {
                    const auto at = static_cast<std::size_t>(first + c);
                    x_[at] = from_pango(x + width * c / characters).value + spacing + extra * c / characters;
                    widths[at] = from_pango(width / characters).value + extra / characters;
                    ems[at] = from_pango(width / characters - kerned_before).value / facts.size.value;
                    hyphens_[at] = hyphen;
                }
                x += width;
                spacing += extra;
                const PangoGlyphInfo& last = glyph_item->glyphs->glyphs[cluster.end_glyph - 1];
                kerned_before = cluster.end_glyph > cluster.start_glyph
                                    ? shaper.kerned(glyph_item->item->analysis.font, last.glyph, last.geometry.width)
                                    : 0;
                // A soft hyphen where no line breaks is not drawn (cut()).
                if (ch == soft_hyphen) continue;
                gap_starts[static_cast<std::size_t>(first)] = after_letter && !space && !g_unichar_isspace(ch);
                after_letter = !space && !g_unichar_isspace(ch);
            }
        }
        x_[static_cast<std::size_t>(index_[static_cast<std::size_t>(end)])] = from_pango(x).value + spacing;
    }
    gaps_.assign(offsets_.size() + 1, 0);
    for (std::size_t c = 0; c < offsets_.size(); ++c) gaps_[c + 1] = gaps_[c] + (gap_starts[c] ? 1 : 0);
    spaces_.assign(offsets_.size(), {});
    SpaceWidths spaces;
    for (std::size_t c = 0; c < offsets_.size(); ++c) {
        spaces_[c] = spaces;
        if (c + 1 < offsets_.size() && attributes_[c].is_expandable_space) {
            spaces.stretchable += widths[c];
            if (shrinkable(text_, offsets_[c], ems[c])) spaces.shrinkable += widths[c];
        }
    }
}

namespace {

// A break candidate with the bytes it concerns.
struct Place {
    Candidate candidate;
    Break at;
};

// The places where a source paragraph (bytes from `start` to `end`) may
// break, as Unicode's line-break rules (through Pango) allow: the first is
// its start, the last its end.
std::vector<Place> places(const Measure& measure, int start, int end)
{
    const std::string& text = measure.text();
    std::vector<Place> result;
    Place first;
    first.candidate.next_start = measure.x(start);
    first.candidate.spaces_to_next = measure.spaces(start);
    first.candidate.gaps_to_next = measure.gaps(start) + (measure.gap_at(start) ? 1 : 0);
    first.candidate.characters_to_next = measure.characters(start);
    first.at.next_start = start;
    result.push_back(first);
    for (int offset = start; offset < end;) {
        offset = next_offset(text, offset);
        if (offset >= end || !measure.attributes(offset).is_line_break) continue;
        const int before = previous_offset(text, offset);
        Place place;
        place.at.next_start = offset;
        place.candidate.next_start = measure.x(offset);
        place.candidate.spaces_to_next = measure.spaces(offset);
        place.candidate.gaps_to_next = measure.gaps(offset) + (measure.gap_at(offset) ? 1 : 0);
        place.candidate.characters_to_next = measure.characters(offset);
        if (measure.attributes(before).is_white) {
            int white = before;
            while (white > start && measure.attributes(previous_offset(text, white)).is_white)
                white = previous_offset(text, white);
            place.at.line_end = white;
            place.candidate.line_end = measure.x(white);
            place.at.kind = BreakKind::space;
        } else if (char_at(text, before) == soft_hyphen) {
            place.at.line_end = before;
            place.candidate.line_end = measure.x(offset) + measure.hyphen_width(before);
            place.candidate.penalty = 50;
            place.candidate.flagged = place.candidate.hyphen = true;
            place.at.kind = BreakKind::hyphen;
        } else {
            place.at.line_end = offset;
            place.candidate.line_end = measure.x(offset);
            place.candidate.penalty = 50;
            place.candidate.flagged = is_dash(char_at(text, before));
            place.at.kind = BreakKind::dash;
        }
        place.candidate.spaces_to_end = measure.spaces(place.at.line_end);
        // The drawn hyphen is a letter of its own.
        place.candidate.gaps_to_end = measure.gaps(place.at.line_end) + (place.at.kind == BreakKind::hyphen ? 1 : 0);
        place.candidate.characters_to_end = measure.characters(place.at.line_end);
        result.push_back(place);
    }
    Place last;
    last.at.line_end = last.at.next_start = end;
    last.candidate.line_end = last.candidate.next_start = measure.x(end);
    last.candidate.spaces_to_end = last.candidate.spaces_to_next = measure.spaces(end);
    last.candidate.gaps_to_end = last.candidate.gaps_to_next = measure.gaps(end);
    last.candidate.characters_to_end = last.candidate.characters_to_next = measure.characters(end);
    last.at.kind = BreakKind::last;
    result.push_back(last);
    return result;
}

}  // namespace

std::vector<Break> break_lines(const Measure& measure, LineBreaking method, Pt width, const BreakRules& rules,
                               bool balance)
{
    std::vector<Break> breaks;
    const auto& segments = measure.segments();
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const std::vector<Place> all = places(measure, segments[s].first, segments[s].second);
        std::vector<Candidate> candidates;
        for (const Place& place : all) candidates.push_back(place.candidate);
        std::vector<int> chosen;
        if (method == LineBreaking::total_fit) chosen = total_fit(candidates, width.value, rules);
        else if (balance) chosen = balanced(candidates, width.value);
        if (chosen.empty()) chosen = first_fit(candidates, width.value);
        for (int to : chosen) {
            Break at = all[static_cast<std::size_t>(to)].at;
            if (to + 1 == static_cast<int>(all.size()))
                at.kind = s + 1 < segments.size() ? BreakKind::forced : BreakKind::last;
            breaks.push_back(at);
        }
    }
    return breaks;
}

}  // namespace leaflet::typeset
