// The preview stage's renderer: Poppler, in a module of its own that
// preview.cpp loads on the first preview. Poppler and what it links (NSS,
// GnuTLS, OpenJPEG, LCMS, ...) would otherwise cost every run of
// `leaflets` about 8 ms of dynamic linking, previews or not.
#include <csetjmp>
#include <memory>
#include <string>
#include <vector>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <png.h>

namespace {

// What went wrong, for preview.cpp to report.
struct Failure {
    std::string message;
};

void append(png_structp png, png_bytep data, png_size_t length)
{
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

void flush(png_structp) {}

[[noreturn]] void png_failed(png_structp png, png_const_charp message)
{
    *static_cast<std::string*>(png_get_error_ptr(png)) = message;
    png_longjmp(png, 1);
}

// The page as an 8-bit RGB PNG. Written for speed, not the smallest file: a
// preview is made on every build and every watched save, so zlib's fastest
// level and the Sub filter (each pixel less its left neighbour, which suits
// flat colour and text) instead of libpng's default level 6 and per-row
// filter search, which cost five times as long for files about a third
// smaller.
std::string png(const poppler::image& image)
{
    std::string out, error;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, png_failed, nullptr);
    if (!png) throw Failure{"cannot encode the preview PNG"};
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : nullptr);
        throw Failure{"cannot encode the preview PNG: " + error};
    }
    png_set_write_fn(png, &out, append, flush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width()), static_cast<png_uint_32>(image.height()), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_write_info(png, info);
    // Poppler's ARGB32 is native-endian 32-bit: B, G, R, A in memory here.
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    for (int row = 0; row < image.height(); ++row)
        png_write_row(png, reinterpret_cast<png_const_bytep>(image.const_data() + row * image.bytes_per_row()));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
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
