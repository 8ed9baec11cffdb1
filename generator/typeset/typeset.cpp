#include "typeset/typeset.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <pango/pangocairo.h>

#include "c/handles.hpp"

namespace leaflet::typeset {

namespace {

LayoutPtr share(PangoLayout* layout)
{
    return LayoutPtr(layout, [](PangoLayout* object) { g_object_unref(object); });
}

guint16 channel(double value)
{
    return static_cast<guint16>(value * 65535 + 0.5);
}

void add(PangoAttrList* list, PangoAttribute* attribute, int start, int end)
{
    attribute->start_index = static_cast<guint>(start);
    attribute->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, attribute);
}

PangoAttribute* foreground(const resolve::Colour& colour)
{
    return pango_attr_foreground_new(channel(colour.red()), channel(colour.green()), channel(colour.blue()));
}

std::string codepoint_name(gunichar ch)
{
    char utf8[8] = {};
    g_unichar_to_utf8(ch, utf8);
    return fmt::format("U+{:04X} '{}'", ch, utf8);
}

class Typesetter {
public:
    Typesetter(const resolve::StyledDocument& document, Diagnostics& diagnostics)
        : document_(document), diagnostics_(diagnostics),
          context_(pango_font_map_create_context(document.fonts->font_map()))
    {
        // Unrounded glyph positions: line breaks must not depend on the
        // output device (Pango rounds to whole device units by default).
        pango_context_set_round_glyph_positions(context_.get(), FALSE);
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_.get(), options);
        cairo_font_options_destroy(options);
        pango_cairo_context_set_resolution(context_.get(), 72);
        pango_context_set_language(context_.get(), pango_language_from_string(document.language.c_str()));
    }

    Block block(const resolve::StyledBlock& styled, Pt width)
    {
        Block block;
        block.loc = styled.loc;
        if (styled.box) {
            const resolve::BoxStyle& box = *styled.box;
            block.box = box;
            block.space_before = box.space_before;
            block.space_after = box.space_after;
            block.height = box.padding * 2;
            children(styled.children, width - box.padding * 2, block);
            return block;
        }
        if (styled.kind == load::BlockKind::list) {
            children(styled.children, width, block);
            if (!block.children.empty()) {
                block.space_before = block.children.front().space_before;
                block.space_after = block.children.back().space_after;
                block.height -= block.children.front().space_before + block.children.back().space_after;
            }
            return block;
        }
        const resolve::ParagraphStyle& style = styled.style;
        block.style = style.name;
        block.colour = style.colour;
        block.space_before = style.space_before;
        block.space_after = style.space_after;
        block.indent = style.indent;
        block.layout = paragraph(styled.text, styled.spans, style, width - style.indent, styled.loc);
        if (!styled.marker.empty()) block.bullet = paragraph(styled.marker, {}, style, style.indent, styled.loc);
        block.height = height(block.layout.get());
        return block;
    }

    LayoutPtr paragraph(const std::string& text, const std::vector<resolve::Span>& spans,
                        const resolve::ParagraphStyle& style, Pt width, const SourceLoc& loc)
    {
        LayoutPtr layout = share(pango_layout_new(context_.get()));
        pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
        pango_layout_set_width(layout.get(), to_pango(width).value);
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
        pango_layout_set_justify(layout.get(), style.align == resolve::Align::justify);
        pango_layout_set_alignment(layout.get(), style.align == resolve::Align::center ? PANGO_ALIGN_CENTER
                                               : style.align == resolve::Align::right  ? PANGO_ALIGN_RIGHT
                                                                                       : PANGO_ALIGN_LEFT);

        c::PangoFontDescriptionHandle font(pango_font_description_new());
        pango_font_description_set_family(font.get(), style.font_family.c_str());
        pango_font_description_set_absolute_size(font.get(), to_pango(style.size).value);
        pango_font_description_set_weight(font.get(), static_cast<PangoWeight>(style.weight));
        pango_font_description_set_style(font.get(), style.slant == resolve::Slant::italic ? PANGO_STYLE_ITALIC
                                                                                          : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(layout.get(), font.get());

        c::PangoAttrListHandle attributes(pango_attr_list_new());
        const int end = static_cast<int>(text.size());
        add(attributes.get(), pango_attr_line_height_new_absolute(to_pango(style.leading).value), 0, end);
        add(attributes.get(), pango_attr_language_new(pango_language_from_string(document_.language.c_str())), 0, end);
        add(attributes.get(), foreground(style.colour), 0, end);
        // Pango would hyphenate any word it must break mid-word; our breaks
        // come only from the hyphenation stage (soft hyphens).
        add(attributes.get(), pango_attr_insert_hyphens_new(FALSE), 0, end);
        for (const resolve::Span& span : spans) {
            if (span.weight)
                add(attributes.get(), pango_attr_weight_new(static_cast<PangoWeight>(*span.weight)), span.start, span.end);
            if (span.slant)
                add(attributes.get(),
                    pango_attr_style_new(*span.slant == resolve::Slant::italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL),
                    span.start, span.end);
            if (span.colour) add(attributes.get(), foreground(*span.colour), span.start, span.end);
            if (span.underline) add(attributes.get(), pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), span.start, span.end);
            if (span.no_break) add(attributes.get(), pango_attr_allow_breaks_new(FALSE), span.start, span.end);
        }
        pango_layout_set_attributes(layout.get(), attributes.get());
        check_glyphs(layout.get(), style, loc);
        return layout;
    }

    void children(const std::vector<resolve::StyledBlock>& styled, Pt width, Block& parent)
    {
        for (std::size_t i = 0; i < styled.size(); ++i) {
            Block child = block(styled[i], width);
            parent.height += child.height + child.space_after;
            if (i > 0) parent.height += child.space_before;
            if (i + 1 == styled.size()) parent.height -= child.space_after;
            parent.children.push_back(std::move(child));
        }
    }

    LayoutPtr slug(const std::string& text)
    {
        resolve::ParagraphStyle style;
        style.font_family = document_.fonts->files().front().family;
        style.size = Pt{6};
        style.leading = Pt{7};
        style.colour = document_.sheet.registration;
        return paragraph(text, {}, style, document_.sheet.width, document_.loc);
    }

private:
    // A character the font lacks is an error: a fallback font, or a box
    // in place of a Kazakh letter, must never reach print.
    void check_glyphs(PangoLayout* layout, const resolve::ParagraphStyle& style, const SourceLoc& loc)
    {
        if (pango_layout_get_unknown_glyphs_count(layout) == 0) return;
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        do {
            PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
            if (!run) continue;
            for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
                const PangoGlyph glyph = run->glyphs->glyphs[i].glyph;
                if (glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
                    pango_layout_iter_free(iter);
                    fail(loc, fmt::format("{} is not in font '{}' (paragraph style '{}')",
                                          codepoint_name(glyph & ~PANGO_GLYPH_UNKNOWN_FLAG), style.font_family,
                                          style.name));
                }
            }
        } while (pango_layout_iter_next_run(iter));
        pango_layout_iter_free(iter);
    }

    const resolve::StyledDocument& document_;
    Diagnostics& diagnostics_;
    c::GObject<PangoContext> context_;
};

}  // namespace

Pt height(PangoLayout* layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return from_pango({logical.height});
}

Pt column_width(const resolve::Sheet& sheet, const std::string& role)
{
    for (const resolve::Side& side : sheet.sides)
        for (const resolve::PanelGeometry& panel : side.panels)
            if (panel.role == role) return panel.width - sheet.margin * 2;
    return {};
}

Typeset typeset(const resolve::StyledDocument& document, const std::string& variant, Diagnostics& diagnostics)
{
    Typesetter typesetter(document, diagnostics);
    Typeset result;
    result.id = document.id;
    result.title = document.title;
    result.language = document.language;
    result.version = document.version;
    result.sheet = document.sheet;
    result.loc = document.loc;
    for (const resolve::StyledPanel& styled : document.panels) {
        Panel panel{styled.role, styled.next_roles, styled.valign, column_width(document.sheet, styled.role), {},
                    styled.loc};
        for (const std::string& role : styled.next_roles)
            panel.width = std::min(panel.width, column_width(document.sheet, role));
        for (const resolve::StyledBlock& block : styled.blocks) panel.blocks.push_back(typesetter.block(block, panel.width));
        result.panels.push_back(std::move(panel));
    }
    for (const resolve::Side& side : document.sheet.sides)
        result.slugs.push_back(typesetter.slug(
            fmt::format("{}  ·  {}  ·  version {}  ·  {}", document.id, variant, document.version, side.name)));
    return result;
}

}  // namespace leaflet::typeset
