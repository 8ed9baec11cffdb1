#include "contact_line.hpp"

#include <cmath>

#include <fmt/format.h>

namespace leaflet::typeset {

namespace {

void append_runs(Line& line, Line from, Pt shift)
{
    for (GlyphRun& run : from.runs) {
        run.x += shift;
        line.runs.push_back(std::move(run));
    }
}

}  // namespace

std::vector<Line> contact_line(ParagraphSetter& setter, const resolve::StyledBlock& styled,
                               const resolve::ParagraphStyle& style, Pt column)
{
    const Text whole{styled.text, styled.spans};
    const int tab = static_cast<int>(styled.text.find('\t'));
    const Text label = slice(whole, 0, tab);
    const Text value = slice(whole, tab + 1, static_cast<int>(styled.text.size()));
    if (value.text.find('\n') != std::string::npos) fail(styled.loc, "a contact line cannot break after its <tab/>");

    resolve::ParagraphStyle left = style;
    left.align = resolve::Align::left;
    Line after = setter.set_alone(value, style, styled.loc, RunRole::text);
    const Pt value_width = after.width;
    const Pt pad = style.size * 0.25;
    const std::string leader = style.tab_leader.empty() ? " " : style.tab_leader;
    const auto run = [&](int count) {
        std::string text;
        for (int i = 0; i < count; ++i) text += leader;
        return setter.set_alone({text, {}}, style, styled.loc, RunRole::leader);
    };
    // The leader's advance inside a run of it (fonts kern ".." apart). The
    // style's leader, too, must be in the font: set() checks it.
    const Pt advance = (run(16).width - run(8).width) * (1.0 / 8);
    // Room for the label: the column less the indent, the value, two
    // leader characters and the space either side.
    const Pt text_column = column - style.indent;
    const Pt room = text_column - value_width - advance * 2 - pad * 2;
    if (room < style.size * 4)
        fail(styled.loc, fmt::format("the text after <tab/> is {:.1f} mm wide: it leaves no room for the text "
                                     "before it in a {:.1f} mm column",
                                     to_mm(value_width), to_mm(text_column)));
    std::vector<Line> lines = setter.set(label, left, room + style.indent, styled.loc).lines;
    Line& last = lines.back();
    // From the indent: where the label's last line ends, the value starts.
    const Pt label_end = last.x + last.width - style.indent;
    const Pt value_x = text_column - value_width;
    if (!style.tab_leader.empty()) {
        const double first = std::ceil((label_end + pad).value / advance.value);
        const Pt start = advance * first, room_for_dots = value_x - pad - start;
        int count = static_cast<int>(room_for_dots.value / advance.value);
        Line dots = run(count);
        while (count > 0 && dots.width > room_for_dots) dots = run(--count);
        if (count > 0) append_runs(last, std::move(dots), style.indent + start);
    }
    append_runs(last, std::move(after), style.indent + value_x);
    return lines;
}

}  // namespace leaflet::typeset
