#include "render/render.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "c/handles.hpp"

namespace leaflet::render {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void set_colour(cairo_t* cairo, const resolve::Colour& colour)
{
    cairo_set_source_rgb(cairo, colour.red(), colour.green(), colour.blue());
}

class CairoCanvas final : public Canvas {
public:
    CairoCanvas(std::string& output, const layout::Frames& frames, bool tagged) : tagged_(tagged)
    {
        const layout::Page& first = frames.pages.front();
        surface_.reset(cairo_pdf_surface_create_for_stream(append, &output, first.width.value, first.height.value));
        c::check(surface_.get(), "cannot create the PDF surface");
        cairo_pdf_surface_restrict_to_version(surface_.get(), CAIRO_PDF_VERSION_1_4);
        cairo_.reset(cairo_create(surface_.get()));
        c::check(cairo_.get(), "cannot create a Cairo context");
    }

    void begin_page(const layout::Page& page) override
    {
        cairo_pdf_surface_set_size(surface_.get(), page.width.value, page.height.value);
        if (!document_open_) begin("Document");
        document_open_ = true;
    }

    void fill(const layout::FillItem& item) override
    {
        close_list();
        set_colour(cairo_.get(), item.colour);
        cairo_rectangle(cairo_.get(), item.rect.x.value, item.rect.y.value, item.rect.width.value,
                        item.rect.height.value);
        cairo_fill(cairo_.get());
    }

    void line(const layout::LineItem& item) override
    {
        cairo_t* cairo = cairo_.get();
        cairo_save(cairo);
        set_colour(cairo, item.colour);
        cairo_set_line_width(cairo, item.width.value);
        if (item.dashed) {
            const double dashes[] = {2.0, 2.0};
            cairo_set_dash(cairo, dashes, 2, 0);
        }
        cairo_move_to(cairo, item.x0.value, item.y0.value);
        cairo_line_to(cairo, item.x1.value, item.y1.value);
        cairo_stroke(cairo);
        cairo_restore(cairo);
    }

    void text(const layout::TextItem& item) override
    {
        structure_before(item);
        draw(item);
        if (tagged_) link(item);
        structure_after(item);
    }

    // Clickable tel:, mailto: and https: targets over their text.
    void link(const layout::TextItem& item)
    {
        PangoLayout* layout = item.layout.get();
        for (const typeset::Link& link : typeset::links(layout)) {
            int line_index = 0, x = 0;
            pango_layout_index_to_line_x(layout, link.start, FALSE, &line_index, &x);
            if (line_index < item.first_line || (item.line_count >= 0 && line_index >= item.first_line + item.line_count))
                continue;
            PangoLayoutLine* line = pango_layout_get_line_readonly(layout, line_index);
            int* ranges = nullptr;
            int count = 0;
            pango_layout_line_get_x_ranges(line, link.start, std::min(link.end, line->start_index + line->length),
                                           &ranges, &count);
            PangoRectangle position;
            pango_layout_index_to_pos(layout, link.start, &position);
            for (int i = 0; i < count; ++i) {
                const Pt left = item.x + from_pango({ranges[2 * i]});
                const Pt width = from_pango({ranges[2 * i + 1] - ranges[2 * i]});
                const std::string attributes =
                    fmt::format("uri='{}' rect=[{:.2f} {:.2f} {:.2f} {:.2f}]", escaped(link.target), left.value,
                                (item.y + from_pango({position.y})).value, width.value, from_pango({position.height}).value);
                cairo_tag_begin(cairo_.get(), CAIRO_TAG_LINK, attributes.c_str());
                cairo_tag_end(cairo_.get(), CAIRO_TAG_LINK);
            }
            g_free(ranges);
        }
    }

    // Cairo's attribute strings quote with ' and escape with \.
    static std::string escaped(const std::string& text)
    {
        std::string out;
        for (char ch : text) {
            if (ch == '\'' || ch == '\\') out += '\\';
            out += ch;
        }
        return out;
    }

    void draw(const layout::TextItem& item)
    {
        set_colour(cairo_.get(), item.colour);
        if (item.first_line == 0 && item.line_count < 0) {
            cairo_move_to(cairo_.get(), item.x.value, item.y.value);
            pango_cairo_show_layout(cairo_.get(), item.layout.get());
            return;
        }
        // Part of a paragraph that continues in another panel: its lines one by one.
        PangoLayoutIter* iter = pango_layout_get_iter(item.layout.get());
        int index = 0;
        do {
            if (index >= item.first_line && (item.line_count < 0 || index < item.first_line + item.line_count)) {
                PangoRectangle logical;
                pango_layout_iter_get_line_extents(iter, nullptr, &logical);
                const Pt x = item.x + from_pango({logical.x});
                const Pt baseline = item.y + from_pango({pango_layout_iter_get_baseline(iter)});
                cairo_move_to(cairo_.get(), x.value, baseline.value);
                pango_cairo_show_layout_line(cairo_.get(), pango_layout_iter_get_line_readonly(iter));
            }
            ++index;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }

    void end_page() override
    {
        close_list();
        cairo_show_page(cairo_.get());
        c::check(cairo_.get(), "cannot draw the page");
    }

    void finish()
    {
        end("Document");
        cairo_.reset();
        cairo_surface_finish(surface_.get());
        c::check(surface_.get(), "cannot write the PDF");
    }

private:
    void begin(const char* tag)
    {
        if (tagged_) cairo_tag_begin(cairo_.get(), tag, nullptr);
    }
    void end(const char* tag)
    {
        if (tagged_) cairo_tag_end(cairo_.get(), tag);
    }

    static bool ends_with(const std::string& text, std::string_view suffix)
    {
        return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
    }

    // A list item is its marker (Lbl) then its text (LBody); consecutive
    // items share one L. Headings by their style; the rest are paragraphs.
    void structure_before(const layout::TextItem& item)
    {
        if (ends_with(item.role, ".bullet")) {
            if (!in_list_) begin("L");
            in_list_ = true;
            begin("LI");
            begin("Lbl");
            return;
        }
        if (after_marker_) {
            begin("LBody");
            return;
        }
        close_list();
        begin(paragraph_tag(item.role));
    }

    void structure_after(const layout::TextItem& item)
    {
        if (ends_with(item.role, ".bullet")) {
            end("Lbl");
            after_marker_ = true;
            return;
        }
        if (after_marker_) {
            end("LBody");
            end("LI");
            after_marker_ = false;
            return;
        }
        end(paragraph_tag(item.role));
    }

    static const char* paragraph_tag(const std::string& role)
    {
        if (role == "title" || role == "h1") return "H1";
        if (role == "h2") return "H2";
        return "P";
    }

    void close_list()
    {
        if (after_marker_) {
            end("LI");
            after_marker_ = false;
        }
        if (in_list_) end("L");
        in_list_ = false;
    }

    bool tagged_;
    bool document_open_ = false;
    bool in_list_ = false;
    bool after_marker_ = false;
    c::CairoSurface surface_;
    c::Cairo cairo_;
};

}  // namespace

std::string render_pdf(const layout::Frames& frames, bool tagged)
{
    std::string output;
    if (frames.pages.empty()) return output;
    CairoCanvas canvas(output, frames, tagged);
    render(frames, canvas);
    canvas.finish();
    return output;
}

}  // namespace leaflet::render
