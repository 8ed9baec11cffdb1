// The preview stage's renderer: Poppler, in a module of its own that
// preview.cpp loads on the first preview. Poppler and what it links (NSS,
// GnuTLS, OpenJPEG, LCMS, ...) would otherwise cost every run of
// `leaflets` about 8 ms of dynamic linking, previews or not.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <csetjmp>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <isa-l/igzip_lib.h>
#include <png.h>

#include "preview/preview.hpp"

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

void ignore(png_structp, png_const_charp) {}

[[noreturn]] void png_failed(png_structp png, png_const_charp message)
{
    *static_cast<std::string*>(png_get_error_ptr(png)) = message;
    png_longjmp(png, 1);
}

// The tEXt keyword that says what a preview was made from: which bytes, by
// which renderer, at which resolution, which page (see preview.cpp).
constexpr const char* made_from_keyword = "leaflets:made-from";
// Changes whenever png() writes other bytes for the same pixels.
constexpr int png_encoding = 3;

// The zlib stream of the page's rows, each with the filter byte 0 (none)
// before it, by ISA-L's igzip at its level 1. A preview is made on every
// build and every watched save, so speed comes before the smallest file:
// igzip deflates contacts' inside (8.1 MB of rows) in 4.4 ms, where zlib's
// fastest level took 23 ms for a file 14 % smaller, and libpng's default
// (level 6, a filter searched per row) five times that. No filter is also
// the fastest and smallest fixed filter on these pages (white paper, flat
// colour, text). igzip picks its code by the CPU: the same bytes from run
// to run, and on every x86-64 with SSE4.2 (its SSE4.2, AVX and AVX2 code
// write the same stream); its plain C, for older CPUs, and its Arm code
// may deflate the same rows to other bytes (the same pixels).
std::string deflated_rows(const leaflet::preview::Raster& raster)
{
    const std::size_t row_bytes = static_cast<std::size_t>(raster.width) * 3;
    const std::size_t height = static_cast<std::size_t>(raster.height);
    // igzip counts in 32 bits; a page at 150 dpi takes some 8 MB.
    if (height * (1 + row_bytes) > UINT32_MAX) throw Failure{"the preview is too large to compress"};
    std::string rows(height * (1 + row_bytes), '\0');
    for (std::size_t row = 0; row < height; ++row)
        std::memcpy(rows.data() + row * (1 + row_bytes) + 1, raster.rgb.data() + row * row_bytes, row_bytes);
    std::vector<std::uint8_t> level_buffer(ISAL_DEF_LVL1_DEFAULT);
    isal_zstream stream;
    isal_deflate_init(&stream);
    stream.gzip_flag = IGZIP_ZLIB;
    stream.level = 1;
    stream.level_buf = level_buffer.data();
    stream.level_buf_size = static_cast<std::uint32_t>(level_buffer.size());
    stream.next_in = reinterpret_cast<std::uint8_t*>(rows.data());
    stream.avail_in = static_cast<std::uint32_t>(rows.size());
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    std::string out;
    // Pages compress to a tenth or less; the stream grows if one does not.
    out.resize(rows.size() / 8 + 4096);
    while (true) {
        stream.next_out = reinterpret_cast<std::uint8_t*>(out.data()) + stream.total_out;
        stream.avail_out = static_cast<std::uint32_t>(out.size() - stream.total_out);
        if (isal_deflate(&stream) != COMP_OK) throw Failure{"cannot compress the preview PNG"};
        if (stream.internal_state.state == ZSTATE_END) break;
        out.resize(out.size() * 2);
    }
    out.resize(stream.total_out);
    return out;
}

// The page as an 8-bit RGB PNG, saying what it was `made_from`. libpng
// writes the file, chunk by chunk with their CRCs; the image data is
// igzip's (see deflated_rows), in IDAT chunks of 256 KiB, since libpng can
// compress only with zlib.
std::string png(const leaflet::preview::Raster& raster, const std::string& made_from)
{
    const std::string data = deflated_rows(raster);
    std::string out, error;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, png_failed, ignore);
    if (!png) throw Failure{"cannot encode the preview PNG"};
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : nullptr);
        throw Failure{"cannot encode the preview PNG: " + error};
    }
    png_set_write_fn(png, &out, append, flush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(raster.width), static_cast<png_uint_32>(raster.height), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_text text{};
    text.compression = PNG_TEXT_COMPRESSION_NONE;
    text.key = const_cast<png_charp>(made_from_keyword);
    text.text = const_cast<png_charp>(made_from.c_str());
    png_set_text(png, info, &text, 1);
    png_write_info(png, info);
    constexpr std::size_t chunk = 1 << 18;
    for (std::size_t at = 0; at < data.size(); at += chunk)
        png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"),
                        reinterpret_cast<png_const_bytep>(data.data() + at), std::min(chunk, data.size() - at));
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    return out;
}

struct Reading {
    std::string_view bytes;
    std::size_t at = 8;
};

void take(png_structp png, png_bytep data, png_size_t length)
{
    auto* reading = static_cast<Reading*>(png_get_io_ptr(png));
    if (reading->bytes.size() - reading->at < length) png_error(png, "truncated");
    std::memcpy(data, reading->bytes.data() + reading->at, length);
    reading->at += length;
}

// What the PNG `bytes` says it was made from; empty if it is no PNG of ours.
std::string made_from_of(const std::string& bytes)
{
    if (bytes.size() < 8 || png_sig_cmp(reinterpret_cast<png_const_bytep>(bytes.data()), 0, 8) != 0) return {};
    std::string error;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, png_failed, ignore);
    if (!png) return {};
    png_infop info = png_create_info_struct(png);
    std::string made_from;
    Reading reading{bytes};
    if (info && !setjmp(png_jmpbuf(png))) {
        png_set_read_fn(png, &reading, take);
        png_set_sig_bytes(png, 8);
        png_read_info(png, info);
        png_textp texts = nullptr;
        const int count = png_get_text(png, info, &texts, nullptr);
        for (int i = 0; i < count; ++i)
            if (std::strcmp(texts[i].key, made_from_keyword) == 0) made_from = texts[i].text;
    }
    png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    return made_from;
}

// What page `index` (from 0) of `count` is made from: the PDF's digest
// and resolution, `source`, and this renderer.
std::string made_from(const std::string& source, std::size_t index, std::size_t count)
{
    return source + "; poppler " + poppler::version_string() + ", png " + std::to_string(png_encoding) + "; page " +
           std::to_string(index + 1) + " of " + std::to_string(count);
}

using leaflet::preview::Area;
using leaflet::preview::Options;
using leaflet::preview::Raster;

// Pixels from `x`, `y` (from the top left), `width` by `height`.
struct Box {
    int x = 0, y = 0, width = 0, height = 0;
    long long area() const { return static_cast<long long>(width) * height; }
};

Box spanning(const Box& a, const Box& b)
{
    const int x = std::min(a.x, b.x), y = std::min(a.y, b.y);
    return {x, y, std::max(a.x + a.width, b.x + b.width) - x, std::max(a.y + a.height, b.y + b.height) - y};
}

// The pixel boxes to render again for `areas` on a page `width` by
// `height` pixels: each area's pixels and one more around them, on the
// page; then two boxes become the one spanning both wherever that is
// smaller than the two and a quarter of the page (overlaps counted
// twice). A slice of a page costs what Poppler spends on the whole of its
// content (about a quarter of the page's render here) and then its share
// of the pixels, so one box spanning two is cheaper while it adds less.
std::vector<Box> boxes_for(const std::vector<Area>& areas, double dpi, int width, int height)
{
    const double scale = dpi / 72;
    std::vector<Box> boxes;
    for (const Area& area : areas) {
        const int x0 = std::max(0, static_cast<int>(std::floor(area.x * scale)) - 1);
        const int y0 = std::max(0, static_cast<int>(std::floor(area.y * scale)) - 1);
        const int x1 = std::min(width, static_cast<int>(std::ceil((area.x + area.width) * scale)) + 1);
        const int y1 = std::min(height, static_cast<int>(std::ceil((area.y + area.height) * scale)) + 1);
        if (x1 > x0 && y1 > y0) boxes.push_back({x0, y0, x1 - x0, y1 - y0});
    }
    const long long quarter = static_cast<long long>(width) * height / 4;
    for (bool merged = true; merged;) {
        merged = false;
        for (std::size_t i = 0; i < boxes.size() && !merged; ++i)
            for (std::size_t j = i + 1; j < boxes.size() && !merged; ++j) {
                const Box both = spanning(boxes[i], boxes[j]);
                if (both.area() - boxes[i].area() - boxes[j].area() >= quarter) continue;
                boxes[i] = both;
                boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(j));
                merged = true;
            }
    }
    return boxes;
}

// What Poppler gave, unpadded, or into `raster` at `at`.
void copy(const poppler::image& image, Raster& raster, const Box& at)
{
    const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * 3;
    for (int row = 0; row < image.height(); ++row)
        std::memcpy(raster.rgb.data() + (static_cast<std::size_t>(at.y + row) * raster.width + at.x) * 3,
                    image.const_data() + static_cast<std::size_t>(row) * image.bytes_per_row(), row_bytes);
}

// Pages first, first + step, ... of `pdf` into `pages` (sized to its page
// count) and, if asked, `rasters`, on a document of its own: Poppler
// renders separate documents on separate threads.
void render_pages(std::string_view pdf, double dpi, const std::string& source, const Options& options,
                  std::size_t first, std::size_t step, std::vector<std::string>& pages, std::vector<Raster>& rasters)
{
    std::vector<char> bytes(pdf.begin(), pdf.end());
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) throw Failure{"Poppler cannot read the finished PDF for its preview"};
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    // RGB24, not ARGB32: the same pixels on white paper (every pixel of
    // general's outside compared), a third faster to render, since Splash
    // then has no alpha plane to composite over the paper.
    renderer.set_image_format(poppler::image::format_rgb24);
    renderer.set_paper_color(0xffffffff);
    const auto failed = [&](std::size_t i) {
        return Failure{"Poppler cannot render page " + std::to_string(i + 1) + " for its preview"};
    };
    for (std::size_t i = first; i < pages.size(); i += step) {
        std::unique_ptr<poppler::page> page(document->create_page(static_cast<int>(i)));
        if (!page) throw failed(i);
        // Poppler's size for the page: its MediaBox at `dpi`, rounded.
        const poppler::rectf box = page->page_rect(poppler::media_box);
        const int width = static_cast<int>(box.width() * dpi / 72 + 0.5);
        const int height = static_cast<int>(box.height() * dpi / 72 + 0.5);
        const leaflet::preview::Like* like = options.like;
        const Raster* other = like && like->pages && i < like->pages->size() && i < like->differs.size() &&
                                      like->differs[i] && (*like->pages)[i].width == width &&
                                      (*like->pages)[i].height == height
                                  ? &(*like->pages)[i]
                                  : nullptr;
        std::vector<Box> boxes;
        if (other) boxes = boxes_for(*like->differs[i], dpi, width, height);
        long long rendered = 0;
        for (const Box& at : boxes) rendered += at.area();
        Raster raster;
        if (other && rendered * 4 < static_cast<long long>(width) * height * 3) {
            raster = *other;
            for (const Box& at : boxes) {
                const poppler::image slice = renderer.render_page(page.get(), dpi, dpi, at.x, at.y, at.width, at.height);
                if (!slice.is_valid() || slice.width() != at.width || slice.height() != at.height) throw failed(i);
                copy(slice, raster, at);
            }
        } else {
            const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
            if (!image.is_valid()) throw failed(i);
            raster.width = image.width();
            raster.height = image.height();
            raster.rgb.resize(static_cast<std::size_t>(raster.width) * raster.height * 3);
            copy(image, raster, {});
        }
        pages[i] = png(raster, made_from(source, i, pages.size()));
        if (options.rasters) rasters[i] = std::move(raster);
    }
}

std::vector<std::string> render(std::string_view pdf, double dpi, const std::string& source, const Options& options)
{
    // The pages a former run made from these very bytes, this way, stand.
    const std::vector<std::string>& previous = options.previous;
    bool made_before = !previous.empty();
    for (std::size_t i = 0; i < previous.size() && made_before; ++i)
        made_before = made_from_of(previous[i]) == made_from(source, i, previous.size());
    if (made_before) {
        if (options.rasters) options.rasters->clear();
        return previous;
    }

    std::size_t count = 0;
    {
        std::vector<char> bytes(pdf.begin(), pdf.end());
        std::unique_ptr<poppler::document> document(
            poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
        if (!document) throw Failure{"Poppler cannot read the finished PDF for its preview"};
        count = static_cast<std::size_t>(document->pages());
    }
    std::vector<std::string> pages(count);
    std::vector<Raster> rasters(options.rasters ? count : 0);
    const std::size_t threads = std::clamp<std::size_t>(options.threads, 1, std::max<std::size_t>(count, 1));
    std::vector<std::exception_ptr> failures(threads);
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t)
        helpers.emplace_back([&, t] {
            try {
                render_pages(pdf, dpi, source, options, t, threads, pages, rasters);
            } catch (...) {
                failures[t] = std::current_exception();
            }
        });
    try {
        render_pages(pdf, dpi, source, options, 0, threads, pages, rasters);
    } catch (...) {
        failures[0] = std::current_exception();
    }
    for (std::thread& helper : helpers) helper.join();
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
    if (options.rasters) *options.rasters = std::move(rasters);
    return pages;
}

}  // namespace

// The module's one entry point (see preview.cpp): the PNG of each page of
// `pdf` into `pages`, as `options` say, or their `previous` if those were
// made from `source`, the same PDF at the same resolution, by this
// renderer; false and `error` set if that cannot be done.
extern "C" __attribute__((visibility("default"))) bool leaflet_preview_pages(
    const char* pdf, std::size_t size, double dpi, const std::string* source, const Options* options,
    std::vector<std::string>* pages, std::string* error)
{
    try {
        *pages = render(std::string_view(pdf, size), dpi, *source, *options);
        return true;
    } catch (const Failure& failure) {
        *error = failure.message;
    } catch (const std::exception& exception) {
        *error = exception.what();
    }
    return false;
}
