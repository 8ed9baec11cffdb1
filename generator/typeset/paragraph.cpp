#include "paragraph.hpp"

namespace leaflet::typeset {

Paragraph ParagraphSetter::set(const Text& text, const resolve::ParagraphStyle& style, Pt width,
                               const SourceLoc& loc, RunRole role)
{
    const Text source = style.hyphenate ? hyphenated(text, document_.language) : text;
    const Shaped shaped = shaper_.shape(source, style, loc);
    const Measure measure(shaped, shaper_);
    Paragraph paragraph;
    if (style.align == resolve::Align::justify)
        paragraph.line_breaking = options_.line_breaking.value_or(style.line_breaking);
    // Pango's widths are whole units: so is the column a line fills.
    const PangoUnits column = to_pango(width - style.indent);
    const std::vector<Break> breaks = break_lines(measure, paragraph.line_breaking, from_pango(column));
    const Setting setting{column, style.indent, style.align, to_pango(style.leading), &style, role};
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
