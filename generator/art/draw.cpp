// Drawing art for the render stage: SVG through librsvg, QR modules as
// rectangles, rasters (draw_raster.cpp).
#include "art/draw.hpp"

#include <cmath>

#include <fmt/format.h>
#include <librsvg/rsvg.h>

#include "c/glib.hpp"
#include "draw_raster.hpp"

namespace leaflet::art {

namespace {

void draw_svg(cairo_t* cr, const Art& art, double x, double y, double width, double height,
              const std::array<double, 3>& colour)
{
    GError* raw_error = nullptr;
    const c::GObject<RsvgHandle> handle(rsvg_handle_new_from_data(
        reinterpret_cast<const guint8*>(art.svg.data()), art.svg.size(), &raw_error));
    c::GError error(raw_error);
    if (!handle) fail_io(art.file, fmt::format("librsvg: {}", error ? error->message : "cannot read"));
    if (art.current_colour) {
        // currentColor: the colour of the text the art stands in.
        const std::string sheet = fmt::format("svg {{ color: #{:02x}{:02x}{:02x}; }}",
                                              static_cast<int>(std::lround(colour[0] * 255)),
                                              static_cast<int>(std::lround(colour[1] * 255)),
                                              static_cast<int>(std::lround(colour[2] * 255)));
        if (!rsvg_handle_set_stylesheet(handle.get(), reinterpret_cast<const guint8*>(sheet.data()), sheet.size(),
                                        &raw_error)) {
            error.reset(raw_error);
            fail_io(art.file, fmt::format("librsvg: {}", error ? error->message : "stylesheet"));
        }
    }
    const RsvgRectangle viewport{x, y, width, height};
    if (!rsvg_handle_render_document(handle.get(), cr, &viewport, &raw_error)) {
        error.reset(raw_error);
        fail_io(art.file, fmt::format("librsvg: {}", error ? error->message : "cannot render"));
    }
}

// The dark modules, a rectangle per run of them in a row, filled as one
// path: one colour operator, and no seams between modules when rasterised.
void draw_qr(cairo_t* cr, const Art& art, double x, double y, double width, const std::array<double, 3>& colour)
{
    const double module = width / (art.modules + 2 * quiet_zone);
    cairo_new_path(cr);
    for (int row = 0; row < art.modules; ++row) {
        int column = 0;
        while (column < art.modules) {
            const auto dark = [&](int at) { return art.dark[static_cast<std::size_t>(row * art.modules + at)] != 0; };
            if (!dark(column)) {
                ++column;
                continue;
            }
            int end = column;
            while (end < art.modules && dark(end)) ++end;
            cairo_rectangle(cr, x + (quiet_zone + column) * module, y + (quiet_zone + row) * module,
                            (end - column) * module, module);
            column = end;
        }
    }
    cairo_set_source_rgb(cr, colour[0], colour[1], colour[2]);
    cairo_fill(cr);
}

}  // namespace

void draw(cairo_t* cr, const Art& art, double x, double y, double width, double height,
          const std::array<double, 3>& colour, bool print)
{
    cairo_save(cr);
    switch (art.kind) {
    case Kind::svg: draw_svg(cr, art, x, y, width, height, colour); break;
    case Kind::qr: draw_qr(cr, art, x, y, width, colour); break;
    case Kind::png:
    case Kind::jpeg: draw_raster(cr, art, x, y, width, height, print); break;
    }
    cairo_restore(cr);
}

}  // namespace leaflet::art
