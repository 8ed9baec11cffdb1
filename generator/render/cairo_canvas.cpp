#include "render/render.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

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
    CairoCanvas(std::string& output, const layout::Frames& frames)
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
    }

    void fill(const layout::FillItem& item) override
    {
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
        cairo_show_page(cairo_.get());
        c::check(cairo_.get(), "cannot draw the page");
    }

    void finish()
    {
        cairo_.reset();
        cairo_surface_finish(surface_.get());
        c::check(surface_.get(), "cannot write the PDF");
    }

private:
    c::CairoSurface surface_;
    c::Cairo cairo_;
};

}  // namespace

std::string render_pdf(const layout::Frames& frames)
{
    std::string output;
    if (frames.pages.empty()) return output;
    CairoCanvas canvas(output, frames);
    render(frames, canvas);
    canvas.finish();
    return output;
}

}  // namespace leaflet::render
