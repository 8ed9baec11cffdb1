#include "freeze.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "justify.hpp"

namespace leaflet::typeset {

namespace {

// What a span gives the characters at a byte: the innermost span that sets
// each property wins.
struct SpanStyle {
    const resolve::Colour* colour = nullptr;
    std::string_view link;
    bool underline = false;
    const resolve::Span* icon = nullptr;  // the icon span the byte is

    bool operator==(const SpanStyle& other) const
    {
        return (colour ? colour->name : "") == (other.colour ? other.colour->name : "") && link == other.link &&
               underline == other.underline && icon == other.icon;
    }
};

SpanStyle span_style(const std::vector<resolve::Span>& spans, int at)
{
    SpanStyle style;
    int colour_length = -1, link_length = -1;
    for (const resolve::Span& span : spans) {
        if (at < span.start || at >= span.end) continue;
        const int length = span.end - span.start;
        if (span.colour && (colour_length < 0 || length < colour_length)) {
            style.colour = &*span.colour;
            colour_length = length;
        }
        if (!span.link.empty() && (link_length < 0 || length < link_length)) {
            style.link = span.link;
            link_length = length;
        }
        style.underline = style.underline || span.underline;
        if (span.art) style.icon = &span;
    }
    return style;
}

// The text of bytes [start, end), soft hyphens left out.
std::string visible(std::string_view text, int start, int end)
{
    std::string result;
    for (int at = start; at < end;) {
        const int next = next_offset(text, at);
        if (char_at(text, at) != soft_hyphen) result.append(text.substr(static_cast<std::size_t>(at), next - at));
        at = next;
    }
    return result;
}

// Cuts one line, bytes [start, end), out of a line of the shaped layout.
class Cutter {
public:
    Cutter(const Shaped& shaped, const Setting& setting, Shaper& shaper)
        : text_(shaped.text.text), spans_(shaped.text.spans), setting_(setting), shaper_(shaper)
    {
    }

    SetLine line(PangoLayoutLine* source, int start, int end, BreakKind kind)
    {
        SetLine line;
        line.kind = kind;
        for (GSList* item = source->runs; item; item = item->next) {
            PangoGlyphItem* glyph_item = static_cast<PangoGlyphItem*>(item->data);
            const int item_start = glyph_item->item->offset;
            if (item_start >= end || item_start + glyph_item->item->length <= start) continue;
            bool new_run = true;
            SpanStyle current;
            PangoGlyphItemIter cluster;
            for (gboolean more = pango_glyph_item_iter_init_start(&cluster, glyph_item, text_.data()); more;
                 more = pango_glyph_item_iter_next_cluster(&cluster)) {
                if (cluster.start_index < start || cluster.start_index >= end) continue;
                const std::string characters = visible(text_, cluster.start_index, std::min(cluster.end_index, end));
                if (characters.empty()) continue;  // a soft hyphen where the line does not break
                const SpanStyle style = span_style(spans_, cluster.start_index);
                if (new_run || !(style == current)) {
                    line.runs.push_back(run(glyph_item->item->analysis, style));
                    current = style;
                    new_run = false;
                }
                if (style.icon) add_icon(line.runs.back(), glyph_item->glyphs, cluster);
                else add_cluster(line.runs.back(), glyph_item->glyphs, cluster, characters);
            }
        }
        if ((kind == BreakKind::hyphen || kind == BreakKind::dash) && !line.runs.empty() && !line.runs.back().run.art)
            reshape_end(line.runs.back(), kind == BreakKind::hyphen);
        return line;
    }

private:
    SetRun run(const PangoAnalysis& analysis, const SpanStyle& style)
    {
        const FontFacts& facts = shaper_.facts(analysis.font);
        SetRun set;
        set.font = analysis.font;
        set.analysis = &analysis;
        set.run.face = facts.face;
        set.run.size = facts.size;
        set.run.colour = style.colour ? *style.colour : setting_.style->colour;
        set.run.role = setting_.role;
        set.run.link = std::string(style.link);
        if (style.underline)
            set.run.underline = Underline{from_pango(facts.underline_position), from_pango(facts.underline_thickness)};
        if (style.icon) {
            set.run.art = style.icon->art;
            set.run.icon = style.icon->icon;
            set.run.icon_loc = style.icon->icon_loc;
            set.run.art_height = from_pango(facts.cap_height);
        }
        return set;
    }

    // An icon's cluster (its U+FFFC, shaped by Pango as an empty glyph of
    // the icon's width): one glyph that draws nothing and stands for no text.
    void add_icon(SetRun& set, const PangoGlyphString* glyphs, const PangoGlyphItemIter& cluster)
    {
        int width = 0;
        for (int g = cluster.start_glyph; g < cluster.end_glyph; ++g) width += glyphs->glyphs[g].geometry.width;
        set.run.glyphs.push_back({0, {}, {}, {}, 0});
        set.advances.push_back(width);
        set.spaces.push_back(SetRun::Space::none);
    }

    void add_cluster(SetRun& set, const PangoGlyphString* glyphs, const PangoGlyphItemIter& cluster,
                     const std::string& characters)
    {
        const int offset = static_cast<int>(set.run.text.size());
        set.run.text += characters;
        const gunichar first = char_at(text_, cluster.start_index);
        // The gap a reader sees: the space less what kerning took from the
        // glyph before it.
        int width = 0;
        for (int g = cluster.start_glyph; g < cluster.end_glyph; ++g) width += glyphs->glyphs[g].geometry.width;
        if (!set.run.glyphs.empty())
            width -= shaper_.kerned(set.font, set.run.glyphs.back().id, set.advances.back());
        const double ems = from_pango(width).value / set.run.size.value;
        const SetRun::Space space = !is_expandable_space(first)                  ? SetRun::Space::none
                                  : shrinkable(text_, cluster.start_index, ems) ? SetRun::Space::shrinks
                                                                                 : SetRun::Space::stretches;
        for (int g = cluster.start_glyph; g < cluster.end_glyph; ++g) {
            const PangoGlyphInfo& info = glyphs->glyphs[g];
            if (info.glyph == PANGO_GLYPH_EMPTY) continue;
            set.run.glyphs.push_back({info.glyph, {}, from_pango(info.geometry.x_offset),
                                      from_pango(info.geometry.y_offset), offset});
            set.advances.push_back(space == SetRun::Space::none
                                       ? info.geometry.width
                                       : static_cast<int>(std::lround(info.geometry.width * setting_.word_spacing)));
            set.spaces.push_back(space);
        }
    }

    // The run's last cluster shaped alone, with the font's hyphen after it
    // at a soft hyphen.
    void reshape_end(SetRun& set, bool hyphen)
    {
        GlyphRun& run = set.run;
        const int offset = run.glyphs.back().cluster;
        std::size_t first = run.glyphs.size();
        while (first > 0 && run.glyphs[first - 1].cluster == offset) --first;
        const std::string cluster = run.text.substr(static_cast<std::size_t>(offset));
        std::string text = cluster;
        if (hyphen) {
            char utf8[8] = {};
            text.append(utf8, static_cast<std::size_t>(g_unichar_to_utf8(shaper_.facts(set.font).hyphen_character, utf8)));
        }
        const c::PangoGlyphStringHandle glyphs = shaper_.shape_alone(text, *set.analysis);
        run.glyphs.resize(first);
        set.advances.resize(first);
        set.spaces.resize(first);
        const int length = static_cast<int>(cluster.size());
        for (int g = 0; g < glyphs->num_glyphs; ++g) {
            const PangoGlyphInfo& info = glyphs->glyphs[g];
            if (info.glyph == PANGO_GLYPH_EMPTY) continue;
            const int at = glyphs->log_clusters[g] < length ? offset : offset + length;
            run.glyphs.push_back({info.glyph, {}, from_pango(info.geometry.x_offset), from_pango(info.geometry.y_offset), at});
            set.advances.push_back(info.geometry.width);
            set.spaces.push_back(SetRun::Space::none);
        }
        if (hyphen) run.text += soft_hyphen_utf8;
    }

    std::string_view text_;
    const std::vector<resolve::Span>& spans_;
    const Setting& setting_;
    Shaper& shaper_;
};

// Where Pango would put a line of `width` in a paragraph of `column`
// (get_x_offset in pango-layout.c, centring rounded to whole points when
// both are).
int x_offset(resolve::Align align, int column, int width)
{
    switch (align) {
    case resolve::Align::right: return column - width;
    case resolve::Align::center: {
        const int offset = (column - width) / 2;
        return ((column | width) & (PANGO_SCALE - 1)) == 0 ? PANGO_UNITS_ROUND(offset) : offset;
    }
    case resolve::Align::left:
    case resolve::Align::justify: return 0;
    }
    return 0;
}

// A run's logical box at the leading, from its baseline, y down: its font's
// extents, the leading less their height shared above and below (Pango's
// absolute line height, pango_layout_run_get_extents_and_height).
std::pair<int, int> logical_box(const FontFacts& facts, int leading)
{
    const int height = facts.ascent.value + facts.descent.value;
    const int top = -facts.ascent.value - (leading - height) / 2;
    return {top, top + leading};
}

}  // namespace

int SetLine::width() const
{
    int width = 0;
    for (const SetRun& run : runs)
        for (int advance : run.advances) width += advance;
    return width;
}

std::vector<SetLine> cut(const Shaped& shaped, const std::vector<Break>& breaks, const Setting& setting,
                         Shaper& shaper)
{
    std::vector<SetLine> lines;
    Cutter cutter(shaped, setting, shaper);
    std::size_t next = 0;
    for (GSList* item = pango_layout_get_lines_readonly(shaped.layout.get()); item; item = item->next) {
        PangoLayoutLine* source = static_cast<PangoLayoutLine*>(item->data);
        int start = source->start_index;
        while (next < breaks.size()) {
            const Break& at = breaks[next++];
            lines.push_back(cutter.line(source, start, at.line_end, at.kind));
            start = at.next_start;
            if (at.kind == BreakKind::forced || at.kind == BreakKind::last) break;
        }
    }
    return lines;
}

std::vector<Line> finish(std::vector<SetLine> lines, const Setting& setting, Shaper& shaper)
{
    std::vector<Line> result;
    int y = 0;
    for (SetLine& set : lines) {
        if (setting.align == resolve::Align::justify) justify(set, setting.width, setting.ranges, setting.word_spacing);
        Line line;
        line.kind = set.kind;
        line.justified = set.justified;
        const int width = set.width();
        const int x = x_offset(setting.align, setting.width.value, width);
        line.x = setting.indent + from_pango(x);
        line.width = from_pango(width);
        int top = 0, bottom = 0;
        if (set.runs.empty()) {
            std::tie(top, bottom) = logical_box(shaper.facts(*setting.style), setting.leading.value);
        }
        int pen = x;
        for (SetRun& run : set.runs) {
            const auto [run_top, run_bottom] = logical_box(shaper.facts(run.font), setting.leading.value);
            top = std::min(top, run_top);
            bottom = std::max(bottom, run_bottom);
            run.run.x = setting.indent + from_pango(pen);
            for (std::size_t g = 0; g < run.advances.size(); ++g) {
                run.run.glyphs[g].advance = from_pango(run.advances[g]);
                pen += run.advances[g];
            }
            line.runs.push_back(std::move(run.run));
        }
        line.top = from_pango(y);
        line.baseline = from_pango(y - top);
        y += bottom - top;
        line.bottom = from_pango(y);
        result.push_back(std::move(line));
    }
    return result;
}

Pt height(const std::vector<Line>& lines)
{
    return lines.empty() ? Pt{} : lines.back().bottom;
}

}  // namespace leaflet::typeset
