#include "preview/preview.hpp"

#include <cstring>
#include <memory>

#include <cairo.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include "c/handles.hpp"
#include "diag/diag.hpp"

namespace leaflet::preview {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string png(const poppler::image& image)
{
    const int width = image.width();
    const int height = image.height();
    c::CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    c::check(surface.get(), "cannot create the preview image");
    cairo_surface_flush(surface.get());
    unsigned char* pixels = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    // Poppler's ARGB32 and Cairo's RGB24 share the native-endian 32-bit layout.
    for (int row = 0; row < height; ++row)
        std::memcpy(pixels + row * stride, image.const_data() + row * image.bytes_per_row(),
                    static_cast<std::size_t>(width) * 4);
    cairo_surface_mark_dirty(surface.get());
    std::string out;
    if (cairo_surface_write_to_png_stream(surface.get(), append, &out) != CAIRO_STATUS_SUCCESS)
        fail_io("", "cannot encode the preview PNG");
    return out;
}

}  // namespace

std::vector<std::string> preview(std::string_view pdf, double dpi)
{
    std::vector<char> bytes(pdf.begin(), pdf.end());
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(bytes.data(),
                                                                                      static_cast<int>(bytes.size())));
    if (!document) fail_io("", "Poppler cannot read the finished PDF for its preview");
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_argb32);
    renderer.set_paper_color(0xffffffff);
    std::vector<std::string> pages;
    for (int i = 0; i < document->pages(); ++i) {
        std::unique_ptr<poppler::page> page(document->create_page(i));
        const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
        if (!image.is_valid()) fail_io("", "Poppler cannot render page " + std::to_string(i + 1) + " for its preview");
        pages.push_back(png(image));
    }
    return pages;
}

}  // namespace leaflet::preview
