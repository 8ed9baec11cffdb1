// A raster as a Cairo image surface, painted into its box.
//
// Cairo's PDF surface writes an image surface as an image XObject at its
// own pixels (it never resamples): an ARGB32 surface with any alpha below
// 255 gets a soft mask (/SMask), an RGB24 one none. So print flattens the
// pixels onto paper white here, in exact integer arithmetic, and hands
// Cairo an RGB24 surface; finish then converts its DeviceRGB to CMYK.
// Screen keeps the alpha (ARGB32, premultiplied as Cairo wants it).

#include "draw_raster.hpp"

#include <cstdint>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "diag/diag.hpp"

namespace leaflet::art {

namespace {

struct SurfaceDeleter {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

// value * alpha / 255, rounded to nearest.
std::uint32_t scale(std::uint32_t value, std::uint32_t alpha)
{
    return (value * alpha + 127) / 255;
}

// The pixels of `art` as a Cairo surface: RGB24 over white (print) or
// premultiplied ARGB32 (screen). Cairo's pixels are native-endian
// 0xAARRGGBB words.
Surface surface_of(const Art& art, bool print)
{
    const cairo_format_t format = print ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32;
    Surface surface(cairo_image_surface_create(format, art.pixels_wide, art.pixels_high));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        fail_io(art.file, fmt::format("cairo cannot make a {} x {} image surface: {}", art.pixels_wide,
                                      art.pixels_high, cairo_status_to_string(cairo_surface_status(surface.get()))));
    cairo_surface_flush(surface.get());
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    const std::uint8_t* in = art.rgba.data();
    for (int y = 0; y < art.pixels_high; ++y) {
        unsigned char* row = data + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < art.pixels_wide; ++x, in += 4) {
            const std::uint32_t alpha = in[3];
            std::uint32_t channel[3];
            for (int i = 0; i < 3; ++i)
                channel[i] = print ? scale(in[i], alpha) + (255 - alpha) : scale(in[i], alpha);
            const std::uint32_t word =
                (print ? 0xffu : alpha) << 24 | channel[0] << 16 | channel[1] << 8 | channel[2];
            std::memcpy(row + static_cast<std::ptrdiff_t>(x) * 4, &word, 4);
        }
    }
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

}  // namespace

void draw_raster(cairo_t* cr, const Art& art, double x, double y, double width, double height, bool print)
{
    if (art.pixels_wide <= 0 || art.pixels_high <= 0 || width <= 0 || height <= 0) return;
    if (art.rgba.size() != static_cast<std::size_t>(art.pixels_wide) * art.pixels_high * 4)
        fail_io(art.file, "the raster's pixels do not match its size");
    const Surface surface = surface_of(art, print);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, width / art.pixels_wide, height / art.pixels_high);
    cairo_set_source_surface(cr, surface.get(), 0, 0);
    // GOOD, Cairo's default, stated: in a PDF it only asks viewers to
    // smooth the pixels (/Interpolate true, which finish drops for print).
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, art.pixels_wide, art.pixels_high);
    cairo_fill(cr);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        fail_io(art.file, fmt::format("cairo cannot draw the image: {}", cairo_status_to_string(cairo_status(cr))));
}

}  // namespace leaflet::art
