#include "render/render.hpp"

#include <cmath>

#include <fmt/format.h>

namespace leaflet::render {

namespace {

std::string number(Pt length)
{
    std::string text = fmt::format("{:.1f}", length.value);
    return text == "-0.0" ? "0.0" : text;
}

// How a line ends and how far its spaces stretch: " hyphen 0.42".
std::string break_info(const typeset::Line& line)
{
    const char* kind = line.kind == typeset::BreakKind::space    ? "space"
                     : line.kind == typeset::BreakKind::hyphen   ? "hyphen"
                     : line.kind == typeset::BreakKind::dash     ? "dash"
                     : line.kind == typeset::BreakKind::forced   ? "forced"
                                                                 : "last";
    std::string out = fmt::format(" {}", kind);
    if (line.adjustment) out += std::isinf(*line.adjustment) ? " inf" : fmt::format(" {:.2f}", *line.adjustment);
    return out;
}

class TraceCanvas final : public Canvas {
public:
    void begin_page(const layout::Page& page) override
    {
        out_ += fmt::format("page {} {}x{} trim {},{} {}x{} bleed {},{} {}x{}\n", page.side, number(page.width),
                            number(page.height), number(page.trim.x), number(page.trim.y), number(page.trim.width),
                            number(page.trim.height), number(page.bleed.x), number(page.bleed.y),
                            number(page.bleed.width), number(page.bleed.height));
        for (const layout::PanelFrame& panel : page.panels)
            out_ += fmt::format("  panel {} x {} width {} fill {:.2f}{}\n", panel.role, number(panel.trim.x),
                                number(panel.trim.width), panel.fill,
                                panel.scale < 1 ? fmt::format(" scale {:.3f}", panel.scale) : "");
    }

    void fill(const layout::FillItem& item) override
    {
        out_ += fmt::format("  fill {} {},{} {}x{} {}\n", item.role, number(item.rect.x), number(item.rect.y),
                            number(item.rect.width), number(item.rect.height), item.colour.name);
    }

    void line(const layout::LineItem& item) override
    {
        out_ += fmt::format("  line {} {},{} {},{} {}{} {}\n", item.role, number(item.x0), number(item.y0),
                            number(item.x1), number(item.y1), number(item.width), item.dashed ? " dashed" : "",
                            item.colour.name);
    }

    void text(const layout::TextItem& item) override
    {
        out_ += fmt::format("  text {} {},{} {}", item.role, number(item.x), number(item.y), item.colour.name);
        if (item.first_line > 0 || item.line_count >= 0)
            out_ += fmt::format(" lines {}+{}", item.first_line, item.line_count);
        out_ += '\n';
        PangoLayout* layout = item.layout.get();
        const char* text = pango_layout_get_text(layout);
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        int index = 0;
        do {
            const int current = index++;
            if (current < item.first_line || (item.line_count >= 0 && current >= item.first_line + item.line_count))
                continue;
            PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
            const Pt baseline = item.y + from_pango({pango_layout_iter_get_baseline(iter)});
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            // A paragraph's line: its words, without the break (the space,
            // the hyphen drawn, the line separator); break_info says it.
            const bool known = current < static_cast<int>(item.lines.size());
            const int start = known ? item.lines[current].start : line->start_index;
            const int end = known ? item.lines[current].end : line->start_index + line->length;
            const std::string content(text + start, static_cast<std::size_t>(end - start));
            out_ += fmt::format("    {} {} |{}|", number(baseline), number(from_pango({logical.width})), content);
            if (known) out_ += break_info(item.lines[current]);
            out_ += '\n';
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }

    void end_page() override {}

    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

}  // namespace

std::string render_trace(const layout::Frames& frames)
{
    TraceCanvas canvas;
    render(frames, canvas);
    return canvas.take();
}

}  // namespace leaflet::render
