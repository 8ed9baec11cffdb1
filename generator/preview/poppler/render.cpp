// The preview stage's renderer: Poppler, in a module of its own that
// preview.cpp loads on the first preview. Poppler and what it links (NSS,
// GnuTLS, OpenJPEG, LCMS, ...) would otherwise cost every run of
// `leaflets` about 8 ms of dynamic linking, previews or not.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include "c/cairo.hpp"

namespace {

// What went wrong, for preview.cpp to report.
struct Failure {
    std::string message;
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string png(const poppler::image& image)
{
    const int width = image.width();
    const int height = image.height();
    leaflet::c::CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw Failure{"cannot create the preview image"};
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
        throw Failure{"cannot encode the preview PNG"};
    return out;
}

std::vector<std::string> render(const char* pdf, std::size_t size, double dpi)
{
    std::vector<char> bytes(pdf, pdf + size);
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) throw Failure{"Poppler cannot read the finished PDF for its preview"};
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_argb32);
    renderer.set_paper_color(0xffffffff);
    std::vector<std::string> pages;
    for (int i = 0; i < document->pages(); ++i) {
        std::unique_ptr<poppler::page> page(document->create_page(i));
        const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
        if (!image.is_valid()) throw Failure{"Poppler cannot render page " + std::to_string(i + 1) + " for its preview"};
        pages.push_back(png(image));
    }
    return pages;
}

}  // namespace

// The module's one entry point (see preview.cpp): the PNG of each page of
// `pdf` into `pages`; false and `error` set if that cannot be done.
extern "C" __attribute__((visibility("default"))) bool leaflet_preview_render(const char* pdf, std::size_t size,
                                                                              double dpi,
                                                                              std::vector<std::string>* pages,
                                                                              std::string* error)
{
    try {
        *pages = render(pdf, size, dpi);
        return true;
    } catch (const Failure& failure) {
        *error = failure.message;
    } catch (const std::exception& exception) {
        *error = exception.what();
    }
    return false;
}
