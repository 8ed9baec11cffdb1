#include "paragraph.hpp"

namespace leaflet::typeset {

namespace {

// A style's justification ranges for its size of type.
Ranges ranges_of(const resolve::ParagraphStyle& style)
{
    const resolve::Justification& justification = style.justification;
    Ranges ranges;
    ranges.word_stretch = justification.word_maximum / justification.word_desired - 1;
    ranges.word_shrink = 1 - justification.word_minimum / justification.word_desired;
    ranges.letter_stretch = justification.letter_maximum * style.size.value;
    ranges.letter_shrink = -justification.letter_minimum * style.size.value;
    ranges.glyph_stretch = justification.glyph_maximum - 1;
    ranges.glyph_shrink = 1 - justification.glyph_minimum;
    return ranges;
}

}  // namespace

Paragraph ParagraphSetter::set(const Text& text, const resolve::ParagraphStyle& style, Pt width,
                               const SourceLoc& loc, RunRole role, bool balanced)
{
    const Text source =
        style.hyphenate ? hyphenated(text, document_.language, style.hyphenate_before, style.hyphenate_after) : text;
    const Shaped shaped = shaper_.shape(source, style, loc);
    const double word_spacing = style.justification.word_desired;
    const Measure measure(shaped, shaper_, word_spacing);
    Paragraph paragraph;
    if (style.align == resolve::Align::justify)
        paragraph.line_breaking = options_.line_breaking.value_or(style.line_breaking);
    // Pango's widths are whole units: so is the column a line fills.
    const PangoUnits column = to_pango(width - style.indent);
    const BreakRules rules{ranges_of(style), style.last_line_minimum};
    const std::vector<Break> breaks = break_lines(measure, paragraph.line_breaking, from_pango(column), rules,
                                                  balanced && style.align != resolve::Align::justify);
    const Setting setting{column,          style.indent, style.align, to_pango(style.leading), &style, role,
                          rules.ranges,    word_spacing};
    paragraph.lines = finish(cut(shaped, breaks, setting, shaper_), setting, shaper_);
    return paragraph;
}

Line ParagraphSetter::set_alone(const Text& text, const resolve::ParagraphStyle& style, const SourceLoc& loc,
                                RunRole role)
{
    resolve::ParagraphStyle alone = style;
    alone.indent = {};
    alone.align = resolve::Align::left;
    alone.hyphenate = false;
    return set(text, alone, unlimited, loc, role).lines.front();
}

}  // namespace leaflet::typeset
