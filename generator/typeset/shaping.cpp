#include "shaping.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <hb-ot.h>
#include <pango/pangofc-font.h>

#include "resolve/font_map.hpp"

namespace leaflet::typeset {

namespace {

void add(PangoAttrList* list, PangoAttribute* attribute, int start, int end)
{
    attribute->start_index = static_cast<guint>(start);
    attribute->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, attribute);
}

PangoStyle pango_style(resolve::Slant slant)
{
    return slant == resolve::Slant::italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL;
}

c::PangoFontDescriptionHandle font_description(const resolve::ParagraphStyle& style)
{
    c::PangoFontDescriptionHandle font(pango_font_description_new());
    pango_font_description_set_family(font.get(), style.font_family.c_str());
    pango_font_description_set_absolute_size(font.get(), to_pango(style.size).value);
    pango_font_description_set_weight(font.get(), static_cast<PangoWeight>(style.weight));
    pango_font_description_set_style(font.get(), pango_style(style.slant));
    return font;
}

std::string codepoint_name(gunichar ch)
{
    char utf8[8] = {};
    g_unichar_to_utf8(ch, utf8);
    return fmt::format("U+{:04X} '{}'", ch, utf8);
}

void check_glyphs(PangoLayout* layout, const resolve::ParagraphStyle& style, const SourceLoc& loc)
{
    if (pango_layout_get_unknown_glyphs_count(layout) == 0) return;
    for (GSList* line = pango_layout_get_lines_readonly(layout); line; line = line->next)
        for (GSList* item = static_cast<PangoLayoutLine*>(line->data)->runs; item; item = item->next) {
            const PangoGlyphString* glyphs = static_cast<PangoGlyphItem*>(item->data)->glyphs;
            for (int i = 0; i < glyphs->num_glyphs; ++i) {
                const PangoGlyph glyph = glyphs->glyphs[i].glyph;
                if (glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                    fail(loc, fmt::format("{} is not in font '{}' (paragraph style '{}')",
                                          codepoint_name(glyph & ~PANGO_GLYPH_UNKNOWN_FLAG), style.font_family,
                                          style.name));
            }
        }
}

}  // namespace

Shaper::Shaper(const resolve::StyledDocument& document)
    : document_(document), context_(pango_font_map_create_context(resolve::font_map(*document.fonts)))
{
    // Unrounded glyph positions: line breaks must not depend on the output
    // device (Pango rounds to whole device units by default).
    pango_context_set_round_glyph_positions(context_.get(), FALSE);
    pango_context_set_language(context_.get(), pango_language_from_string(document.language.c_str()));
}

Shaped Shaper::shape(const Text& source, const resolve::ParagraphStyle& style, const SourceLoc& loc)
{
    const std::string& text = source.text;
    Shaped shaped{c::GObject<PangoLayout>(pango_layout_new(context_.get())), source};
    PangoLayout* layout = shaped.layout.get();
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    pango_layout_set_width(layout, -1);
    const c::PangoFontDescriptionHandle font = font_description(style);
    pango_layout_set_font_description(layout, font.get());

    // Only what changes the glyphs or where lines may break: colours,
    // links and underlines are the spans' own, applied when lines freeze.
    c::PangoAttrListHandle attributes(pango_attr_list_new());
    const int end = static_cast<int>(text.size());
    add(attributes.get(), pango_attr_line_height_new_absolute(to_pango(style.leading).value), 0, end);
    add(attributes.get(), pango_attr_language_new(pango_language_from_string(document_.language.c_str())), 0, end);
    // No ligatures: a ligature's glyph has one Unicode value in the PDF's
    // ToUnicode map (fi is U+FB01), so copy and search would not find the
    // word; Kazakh in Cyrillic letters has none anyway.
    add(attributes.get(), pango_attr_font_features_new("liga 0"), 0, end);
    for (const resolve::Span& span : source.spans) {
        if (span.weight)
            add(attributes.get(), pango_attr_weight_new(static_cast<PangoWeight>(*span.weight)), span.start, span.end);
        if (span.slant) add(attributes.get(), pango_attr_style_new(pango_style(*span.slant)), span.start, span.end);
        if (span.no_break) add(attributes.get(), pango_attr_allow_breaks_new(FALSE), span.start, span.end);
        if (span.art) {
            // An icon: as tall as the capitals, standing on the baseline.
            const int cap = facts(style).cap_height.value;
            const int width = static_cast<int>(std::lround(cap * (span.art->width / span.art->height)));
            const PangoRectangle box{0, -cap, width, cap};
            add(attributes.get(), pango_attr_shape_new(&box, &box), span.start, span.end);
        }
    }
    pango_layout_set_attributes(layout, attributes.get());
    check_glyphs(layout, style, loc);
    return shaped;
}

int Shaper::kerned(PangoFont* font, PangoGlyph glyph, int advance)
{
    PangoRectangle logical;
    pango_font_get_glyph_extents(font, glyph, nullptr, &logical);
    return std::max(0, logical.width - advance);
}

c::PangoGlyphStringHandle Shaper::shape_alone(const std::string& text, const PangoAnalysis& analysis)
{
    c::PangoGlyphStringHandle glyphs(pango_glyph_string_new());
    const int length = static_cast<int>(text.size());
    pango_shape_with_flags(text.data(), length, text.data(), length, &analysis, glyphs.get(), PANGO_SHAPE_NONE);
    return glyphs;
}

const FontFacts& Shaper::facts(PangoFont* font)
{
    auto found = facts_.find(font);
    if (found != facts_.end()) return found->second.second;

    FontFacts facts;
    FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8* file = nullptr;
    if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch)
        fail_io("", "Pango chose a font without a file");
    const auto face = document_.fonts->face_of_file(reinterpret_cast<const char*>(file));
    if (!face) fail_io(reinterpret_cast<const char*>(file), "Pango chose a font that is not in the fonts manifest");
    facts.face = *face;
    const c::PangoFontDescriptionHandle description(pango_font_describe_with_absolute_size(font));
    facts.size = from_pango(pango_font_description_get_size(description.get()));

    // A run's logical extents come from the font, whatever its glyphs: the
    // same as an empty line's (pango_layout_run_get_extents_and_height).
    const c::PangoFontMetricsHandle metrics(pango_font_get_metrics(font, pango_context_get_language(context_.get())));
    facts.ascent = {pango_font_metrics_get_ascent(metrics.get())};
    facts.descent = {pango_font_metrics_get_descent(metrics.get())};
    facts.underline_position = {-pango_font_metrics_get_underline_position(metrics.get())};
    facts.underline_thickness = {pango_font_metrics_get_underline_thickness(metrics.get())};
    // HarfBuzz's font of Pango's is scaled to the size in Pango units.
    hb_position_t cap = 0;
    hb_ot_metrics_get_position_with_fallback(pango_font_get_hb_font(font), HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
    facts.cap_height = {cap};

    for (gunichar hyphen : {0x2010u, 0x2011u, static_cast<gunichar>('-')}) {
        const PangoGlyph glyph = pango_fc_font_get_glyph(PANGO_FC_FONT(font), hyphen);
        if (glyph == 0) continue;
        PangoRectangle logical;
        pango_font_get_glyph_extents(font, glyph, nullptr, &logical);
        facts.hyphen_character = hyphen;
        facts.hyphen = glyph;
        facts.hyphen_advance = {logical.width};
        break;
    }
    auto& entry = facts_[font];
    entry.first.reset(PANGO_FONT(g_object_ref(font)));
    entry.second = facts;
    return entry.second;
}

const FontFacts& Shaper::facts(const resolve::ParagraphStyle& style)
{
    const c::PangoFontDescriptionHandle description = font_description(style);
    const c::GObject<PangoFont> font(pango_context_load_font(context_.get(), description.get()));
    if (!font) fail_io("", "Pango cannot load font '" + style.font_family + "'");
    return facts(font.get());
}

}  // namespace leaflet::typeset
