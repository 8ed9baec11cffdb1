// Rasters end to end below the render stage: PNG and JPEG decoding
// (art/raster.hpp: exact pixels, the declared size refused from the
// header, truncated and CMYK files refused), drawing (art/draw_raster.hpp),
// finish's print conversion to FOGRA39 CMYK (finish/images.hpp) and
// preflight's image check. The test images are made here with libpng,
// libjpeg and Cairo; the hostile ones also lie in tests/bad-art-files/.
#include <algorithm>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <jpeglib.h>
#include <png.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include "../../generator/art/draw_raster.hpp"
#include "../../generator/art/raster.hpp"
#include "c/cairo.hpp"
#include "diag/diag.hpp"
#include "finish/finish.hpp"
#include "preflight/preflight.hpp"

namespace leaflet {
namespace {

using Bytes = std::vector<std::uint8_t>;

// --- making test images -------------------------------------------------------

extern "C" void append_png(png_structp png, png_bytep data, png_size_t length)
{
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

extern "C" void flush_png(png_structp) {}

// A PNG of `samples` (rows of wide * channels bytes, 8 or 16 bits) with
// libpng. The test's own writer: no error handling beyond aborting.
std::string png_file(int wide, int high, int colour_type, int depth, const Bytes& samples, bool header_only = false)
{
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) std::abort();
    png_set_write_fn(png, &out, append_png, flush_png);
    png_set_IHDR(png, info, static_cast<png_uint_32>(wide), static_cast<png_uint_32>(high), depth, colour_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (!header_only) {
        const std::size_t row = samples.size() / static_cast<std::size_t>(high);
        for (int y = 0; y < high; ++y) png_write_row(png, samples.data() + static_cast<std::size_t>(y) * row);
        png_write_end(png, info);
    }
    png_destroy_write_struct(&png, &info);
    if (header_only) out += std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);  // the fixed empty IEND chunk
    return out;
}

// A JPEG of `samples` in `space` (JCS_RGB: stored as RGB, no YCbCr, so
// that flat 8 x 8 blocks at quality 100 decode exactly; JCS_GRAYSCALE;
// JCS_CMYK), 4:4:4.
std::string jpeg_file(int wide, int high, J_COLOR_SPACE space, int components, const Bytes& samples)
{
    jpeg_compress_struct jpeg{};
    jpeg_error_mgr errors{};
    jpeg.err = jpeg_std_error(&errors);
    jpeg_create_compress(&jpeg);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&jpeg, &buffer, &size);
    jpeg.image_width = static_cast<JDIMENSION>(wide);
    jpeg.image_height = static_cast<JDIMENSION>(high);
    jpeg.input_components = components;
    jpeg.in_color_space = space;
    jpeg_set_defaults(&jpeg);
    jpeg_set_colorspace(&jpeg, space);
    for (int i = 0; i < jpeg.num_components; ++i)
        jpeg.comp_info[i].h_samp_factor = jpeg.comp_info[i].v_samp_factor = 1;
    jpeg_set_quality(&jpeg, 100, TRUE);
    jpeg_start_compress(&jpeg, TRUE);
    while (jpeg.next_scanline < jpeg.image_height) {
        auto* row = const_cast<JSAMPROW>(samples.data() + std::size_t{jpeg.next_scanline} * wide * components);
        jpeg_write_scanlines(&jpeg, &row, 1);
    }
    jpeg_finish_compress(&jpeg);
    jpeg_destroy_compress(&jpeg);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    std::free(buffer);
    return out;
}

// 64 x 64 pixels of a pattern that does not compress: files big enough to
// cut in the middle of their pixel data.
Bytes noise(int components)
{
    Bytes samples(64 * 64 * static_cast<std::size_t>(components));
    std::uint32_t state = 12345;
    for (auto& sample : samples) {
        state = state * 1103515245 + 12345;
        sample = static_cast<std::uint8_t>(state >> 16);
    }
    return samples;
}

std::string read_file(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    EXPECT_TRUE(stream) << path;
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

std::string corpus(const std::string& name)
{
    return read_file(std::string(LEAFLETS_SOURCE_DIR) + "/tests/bad-art-files/" + name);
}

art::Art decoded(art::Kind kind, const std::string& bytes, const std::string& file = "test")
{
    art::Art art;
    art::decode_raster(kind, bytes, file, art);
    return art;
}

// The message of the input error decode_raster throws, or "" if none.
std::string refusal(art::Kind kind, const std::string& bytes, const std::string& file = "in.img")
{
    try {
        decoded(kind, bytes, file);
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_EQ(error.diagnostics().front().loc.file, file);
        return error.diagnostics().front().message;
    }
    return "";
}

// --- decoding -------------------------------------------------------------------

TEST(Raster, DecodesAnRgbaPngExactly)
{
    const Bytes pixels{255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 40};
    const art::Art art = decoded(art::Kind::png, png_file(2, 2, PNG_COLOR_TYPE_RGB_ALPHA, 8, pixels));
    EXPECT_EQ(art.kind, art::Kind::png);
    EXPECT_EQ(art.pixels_wide, 2);
    EXPECT_EQ(art.pixels_high, 2);
    EXPECT_EQ(art.rgba, pixels);
    EXPECT_DOUBLE_EQ(art.width.value, 1.5);  // 2 px at 96 ppi
    EXPECT_DOUBLE_EQ(art.height.value, 1.5);
}

TEST(Raster, ExpandsSixteenBitGreyToOpaqueRgba)
{
    // Big-endian 16-bit samples: 0x12ff, 0xab00, 0x0000 -> their high bytes.
    const Bytes samples{0x12, 0xff, 0xab, 0x00, 0x00, 0x00};
    const art::Art art = decoded(art::Kind::png, png_file(3, 1, PNG_COLOR_TYPE_GRAY, 16, samples));
    EXPECT_EQ(art.rgba, (Bytes{0x12, 0x12, 0x12, 255, 0xab, 0xab, 0xab, 255, 0, 0, 0, 255}));
}

TEST(Raster, DecodesAnRgbJpegExactly)
{
    // Two flat 8 x 8 blocks: red-ish left, blue-ish right.
    Bytes samples;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 16; ++x)
            for (int value : x < 8 ? std::vector<int>{200, 40, 30} : std::vector<int>{20, 60, 220})
                samples.push_back(static_cast<std::uint8_t>(value));
    const art::Art art = decoded(art::Kind::jpeg, jpeg_file(16, 8, JCS_RGB, 3, samples));
    EXPECT_EQ(art.kind, art::Kind::jpeg);
    ASSERT_EQ(art.pixels_wide, 16);
    ASSERT_EQ(art.pixels_high, 8);
    EXPECT_DOUBLE_EQ(art.width.value, 12);
    for (std::size_t i = 0; i < 16 * 8; ++i) {
        const Bytes pixel(art.rgba.begin() + static_cast<long>(i) * 4, art.rgba.begin() + static_cast<long>(i) * 4 + 4);
        EXPECT_EQ(pixel, (i % 16 < 8 ? Bytes{200, 40, 30, 255} : Bytes{20, 60, 220, 255})) << "pixel " << i;
    }
}

TEST(Raster, DecodesAGreyJpegExactly)
{
    Bytes samples;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 16; ++x) samples.push_back(x < 8 ? 64 : 192);
    const art::Art art = decoded(art::Kind::jpeg, jpeg_file(16, 8, JCS_GRAYSCALE, 1, samples));
    ASSERT_EQ(art.rgba.size(), 16u * 8 * 4);
    EXPECT_EQ(Bytes(art.rgba.begin(), art.rgba.begin() + 4), (Bytes{64, 64, 64, 255}));
    EXPECT_EQ(Bytes(art.rgba.end() - 4, art.rgba.end()), (Bytes{192, 192, 192, 255}));
}

TEST(Raster, RefusesAHugePngFromItsHeader)
{
    // Signature, IHDR and IEND only: 45 bytes that declare 2.5 gigapixels.
    const std::string huge = png_file(50000, 50000, PNG_COLOR_TYPE_RGB, 8, {}, true);
    EXPECT_LT(huge.size(), 100u);
    EXPECT_EQ(refusal(art::Kind::png, huge, "art/huge.png"),
              "PNG declares 50000 x 50000 pixels, more than the 40000000 an image may have");
    EXPECT_EQ(corpus("huge.png"), huge);
}

TEST(Raster, RefusesAHugeJpegFromItsHeader)
{
    std::string jpeg = jpeg_file(16, 8, JCS_GRAYSCALE, 1, Bytes(16 * 8, 100));
    // The SOF0 marker holds height then width, big-endian: make it 60000 x 60000.
    const auto sof = jpeg.find("\xff\xc0");
    ASSERT_NE(sof, std::string::npos);
    jpeg.replace(sof + 5, 4, "\xea\x60\xea\x60");
    EXPECT_EQ(refusal(art::Kind::jpeg, jpeg),
              "JPEG declares 60000 x 60000 pixels, more than the 40000000 an image may have");
}

TEST(Raster, RefusesATruncatedPng)
{
    const std::string whole = png_file(64, 64, PNG_COLOR_TYPE_RGB, 8, noise(3));
    const std::string half = whole.substr(0, whole.size() / 2);
    EXPECT_EQ(refusal(art::Kind::png, half), fmt::format("truncated PNG: the file ends after {} bytes", half.size()));
    EXPECT_EQ(refusal(art::Kind::png, corpus("truncated.png")).rfind("truncated PNG: ", 0), 0u);
}

TEST(Raster, RefusesATruncatedJpeg)
{
    const std::string whole = jpeg_file(64, 64, JCS_RGB, 3, noise(3));
    const std::string half = whole.substr(0, whole.size() / 2);
    EXPECT_EQ(refusal(art::Kind::jpeg, half),
              fmt::format("truncated JPEG: the file ends after {} bytes", half.size()));
    EXPECT_EQ(refusal(art::Kind::jpeg, corpus("truncated.jpg")).rfind("truncated JPEG: ", 0), 0u);
}

TEST(Raster, RefusesACorruptPng)
{
    std::string png = png_file(64, 64, PNG_COLOR_TYPE_RGB, 8, noise(3));
    png[30] = static_cast<char>(png[30] ^ 0x55);  // inside IHDR: its CRC no longer matches
    EXPECT_EQ(refusal(art::Kind::png, png).rfind("corrupt PNG: ", 0), 0u) << refusal(art::Kind::png, png);
}

TEST(Raster, RefusesACmykJpeg)
{
    const std::string jpeg = jpeg_file(8, 8, JCS_CMYK, 4, Bytes(8 * 8 * 4, 50));
    EXPECT_EQ(refusal(art::Kind::jpeg, jpeg),
              "JPEG is CMYK: only RGB and greyscale JPEGs can be placed; convert it to sRGB");
}

TEST(Raster, DecodesTheSmallCorpusPng)
{
    const art::Art art = decoded(art::Kind::png, corpus("small.png"));
    EXPECT_EQ(art.pixels_wide, 2);
    EXPECT_EQ(art.pixels_high, 2);
    EXPECT_EQ(art.rgba, (Bytes{255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0}));
}

// --- drawing, finishing, preflight ---------------------------------------------

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

constexpr double page_side = 200;  // points

// A one-page Cairo PDF, `draw` on it.
std::string cairo_pdf(const std::function<void(cairo_t*)>& draw)
{
    std::string bytes;
    {
        c::CairoSurface surface(cairo_pdf_surface_create_for_stream(append, &bytes, page_side, page_side));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00");
        c::Cairo cairo(cairo_create(surface.get()));
        draw(cairo.get());
        cairo_show_page(cairo.get());
        cairo_surface_finish(surface.get());
        EXPECT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
    }
    return bytes;
}

// A 4 x 2 raster: white, transparent, red, green / blue, black, grey, half
// transparent orange.
art::Art colour_art()
{
    art::Art art;
    art.kind = art::Kind::png;
    art.file = "colours.png";
    art.pixels_wide = 4;
    art.pixels_high = 2;
    art.rgba = {255, 255, 255, 255, 12, 34, 56, 0, 255, 0, 0, 255, 0, 255, 0, 255,
                0, 0, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255, 255, 128, 0, 128};
    art.width = Pt{3};
    art.height = Pt{1.5};
    return art;
}

// `art` drawn 72 x 36 pt (at 4 px an inch: a low resolution on purpose).
std::string image_pdf(const art::Art& art, bool print, double width = 72, double height = 36)
{
    return cairo_pdf([&](cairo_t* cairo) { art::draw_raster(cairo, art, 40, 40, width, height, print); });
}

finish::Metadata metadata()
{
    finish::Metadata meta;
    meta.title = "Сурет";
    meta.creator = "leaflets test";
    meta.epoch = 1700000000;
    return meta;
}

std::vector<finish::PageBoxes> boxes()
{
    const finish::Box trim{Pt{10}, Pt{10}, Pt{190}, Pt{190}};
    const finish::Box bleed{Pt{5}, Pt{5}, Pt{195}, Pt{195}};
    return {finish::PageBoxes{trim, bleed}};
}

std::string finished(const std::string& cairo, finish::Mode mode)
{
    return finish::finish(cairo, mode == finish::Mode::print ? boxes() : std::vector<finish::PageBoxes>{}, metadata(),
                          mode, {});
}

struct Reopened {
    std::string bytes;
    QPDF pdf;
    explicit Reopened(std::string pdf_bytes) : bytes(std::move(pdf_bytes))
    {
        pdf.processMemoryFile("finished", bytes.data(), bytes.size());
    }
    // The image XObjects, in object order.
    std::vector<QPDFObjectHandle> images()
    {
        std::vector<QPDFObjectHandle> found;
        for (auto& object : pdf.getAllObjects())
            if (object.isStream() && object.getDict().getKey("/Subtype").isNameAndEquals("/Image"))
                found.push_back(object);
        return found;
    }
};

Bytes samples(QPDFObjectHandle image)
{
    const auto buffer = image.getStreamData(qpdf_dl_all);
    return Bytes(buffer->getBuffer(), buffer->getBuffer() + buffer->getSize());
}

TEST(RasterFinish, PrintImagesBecomeFogra39Cmyk)
{
    const std::string cairo = image_pdf(colour_art(), true);
    {
        Reopened before(cairo);
        ASSERT_EQ(before.images().size(), 1u);
        auto image = before.images().front().getDict();
        EXPECT_TRUE(image.getKey("/ColorSpace").isNameAndEquals("/DeviceRGB")) << image.unparse();
        EXPECT_FALSE(image.hasKey("/SMask")) << image.unparse();
    }
    Reopened after(finished(cairo, finish::Mode::print));
    ASSERT_EQ(after.images().size(), 1u);
    auto image = after.images().front();
    auto dictionary = image.getDict();
    EXPECT_TRUE(dictionary.getKey("/ColorSpace").isNameAndEquals("/DeviceCMYK")) << dictionary.unparse();
    EXPECT_EQ(dictionary.getKey("/BitsPerComponent").getIntValue(), 8);
    EXPECT_TRUE(dictionary.getKey("/Filter").isNameAndEquals("/FlateDecode")) << dictionary.unparse();
    EXPECT_FALSE(dictionary.hasKey("/SMask"));
    EXPECT_FALSE(dictionary.hasKey("/Interpolate"));  // PDF/X-1a forbids it
    const Bytes cmyk = samples(image);
    ASSERT_EQ(cmyk.size(), 4u * 2 * 4);
    auto pixel = [&](int i) { return Bytes(cmyk.begin() + i * 4, cmyk.begin() + i * 4 + 4); };
    EXPECT_EQ(pixel(0), (Bytes{0, 0, 0, 0}));  // white: paper, no ink
    EXPECT_EQ(pixel(1), (Bytes{0, 0, 0, 0}));  // transparent: flattened onto paper
    for (int i = 0; i < 8; ++i) {
        const Bytes p = pixel(i);
        EXPECT_LE(p[0] + p[1] + p[2] + p[3], 765) << "pixel " << i << " above 300 % ink";
    }
    // Red is mostly magenta and yellow, black mostly K.
    EXPECT_GT(pixel(2)[1], 200);
    EXPECT_GT(pixel(2)[2], 200);
    EXPECT_LT(pixel(2)[0], 30);
    EXPECT_GT(pixel(5)[3], 200);
    // The converted PDF passes preflight's image and colour checks (only
    // resolution: 4 px an inch).
    const auto report = preflight::preflight_bytes(after.bytes, "print.pdf", preflight::Kind::print);
    for (const auto& finding : report.findings) {
        EXPECT_NE(finding.check, preflight::Check::rgb_colour) << finding.message;
        if (finding.check == preflight::Check::image) {
            EXPECT_EQ(finding.message, "image /x6 is drawn at 4 ppi (minimum 150 ppi)");
        }
    }
}

TEST(RasterFinish, PrintConvertsEveryRgbCubeCornerWithinTheInkLimit)
{
    // 16 x 16 x 16 steps of the RGB cube as one 64 x 64 image.
    art::Art art;
    art.pixels_wide = art.pixels_high = 64;
    for (int r = 0; r < 16; ++r)
        for (int g = 0; g < 16; ++g)
            for (int b = 0; b < 16; ++b)
                for (int v : {r * 17, g * 17, b * 17, 255}) art.rgba.push_back(static_cast<std::uint8_t>(v));
    Reopened after(finished(image_pdf(art, true, 144, 144), finish::Mode::print));
    ASSERT_EQ(after.images().size(), 1u);
    const Bytes cmyk = samples(after.images().front());
    ASSERT_EQ(cmyk.size(), 64u * 64 * 4);
    int most = 0;
    for (std::size_t i = 0; i < cmyk.size(); i += 4) most = std::max(most, cmyk[i] + cmyk[i + 1] + cmyk[i + 2] + cmyk[i + 3]);
    EXPECT_LE(most, 765);
    EXPECT_GT(most, 600);  // the darkest colours do use rich black
}

TEST(RasterFinish, PrintConvertsAGreyImageToo)
{
    // Cairo writes an image whose pixels are all grey as DeviceGray.
    art::Art art;
    art.pixels_wide = 2;
    art.pixels_high = 1;
    art.rgba = {255, 255, 255, 255, 0, 0, 0, 255};
    const std::string cairo = image_pdf(art, true);
    Reopened before(cairo);
    ASSERT_EQ(before.images().size(), 1u);
    EXPECT_FALSE(before.images().front().getDict().getKey("/ColorSpace").isNameAndEquals("/DeviceRGB"));
    Reopened after(finished(cairo, finish::Mode::print));
    ASSERT_EQ(after.images().size(), 1u);
    EXPECT_TRUE(after.images().front().getDict().getKey("/ColorSpace").isNameAndEquals("/DeviceCMYK"));
    const Bytes cmyk = samples(after.images().front());
    ASSERT_EQ(cmyk.size(), 8u);
    EXPECT_EQ(Bytes(cmyk.begin(), cmyk.begin() + 4), (Bytes{0, 0, 0, 0}));
    EXPECT_GT(cmyk[7], 200);
}

TEST(RasterFinish, ScreenImagesStayRgbWithTheirAlpha)
{
    Reopened after(finished(image_pdf(colour_art(), false), finish::Mode::screen));
    bool rgb = false, mask = false;
    for (auto& image : after.images()) {
        rgb = rgb || image.getDict().getKey("/ColorSpace").isNameAndEquals("/DeviceRGB");
        mask = mask || image.getDict().hasKey("/SMask");
    }
    EXPECT_TRUE(rgb);
    EXPECT_TRUE(mask);  // the transparent pixels
}

TEST(RasterFinish, PrintRefusesAnImageWithASoftMask)
{
    // draw_raster(print = false) keeps the alpha: what render never does for print.
    try {
        finished(image_pdf(colour_art(), false), finish::Mode::print);
        FAIL() << "an image with a soft mask was finished for print";
    } catch (const Error& error) {
        EXPECT_NE(error.diagnostics().front().message.find("soft mask"), std::string::npos)
            << error.diagnostics().front().message;
    }
}

TEST(RasterFinish, FinishesAnImagePdfToTheSameBytesTwice)
{
    const std::string cairo = image_pdf(colour_art(), true);
    const std::string first = finished(cairo, finish::Mode::print);
    EXPECT_EQ(finished(cairo, finish::Mode::print), first);
    EXPECT_EQ(finished(image_pdf(colour_art(), true), finish::Mode::print), first);
}

std::vector<std::string> messages(const preflight::Report& report, preflight::Check check)
{
    std::vector<std::string> found;
    for (const auto& finding : report.findings)
        if (finding.check == check) found.push_back(finding.message);
    return found;
}

TEST(RasterPreflight, FindsAnRgbImageInAPrintPdf)
{
    const auto report = preflight::preflight_bytes(image_pdf(colour_art(), true), "rgb.pdf", preflight::Kind::print);
    EXPECT_EQ(messages(report, preflight::Check::rgb_colour),
              std::vector<std::string>{"image /x6 is RGB"});
}

TEST(RasterPreflight, FindsAGreyImageInAPrintPdf)
{
    art::Art art;
    art.pixels_wide = 150;
    art.pixels_high = 1;
    art.rgba.assign(150 * 4, 200);
    const auto report = preflight::preflight_bytes(image_pdf(art, true, 72, 0.48), "grey.pdf", preflight::Kind::print);
    EXPECT_EQ(messages(report, preflight::Check::image),
              std::vector<std::string>{"image /x6 is /DeviceGray, not DeviceCMYK"});
}

TEST(RasterPreflight, FindsAnImageBelow150Ppi)
{
    art::Art art;
    art.pixels_wide = art.pixels_high = 100;
    art.rgba.assign(100 * 100 * 4, 255);
    for (std::size_t i = 0; i < art.rgba.size(); i += 8) art.rgba[i] = 0;  // not grey
    // 100 px drawn 1 inch wide: 100 ppi; 2/3 inch: 150 ppi, enough.
    const auto low = preflight::preflight_bytes(finished(image_pdf(art, true, 72, 72), finish::Mode::print), "low.pdf",
                                                preflight::Kind::print);
    EXPECT_EQ(messages(low, preflight::Check::image),
              std::vector<std::string>{"image /x6 is drawn at 100 ppi (minimum 150 ppi)"});
    const auto enough = preflight::preflight_bytes(finished(image_pdf(art, true, 48, 48), finish::Mode::print),
                                                   "enough.pdf", preflight::Kind::print);
    EXPECT_TRUE(enough.passed()) << preflight::format_text({enough});
    // Screen PDFs have no image check.
    EXPECT_TRUE(messages(preflight::preflight_bytes(image_pdf(art, false, 72, 72), "screen.pdf",
                                                    preflight::Kind::screen),
                         preflight::Check::image)
                    .empty());
}

TEST(RasterPreflight, FindsACmykImageAbove300PercentInk)
{
    // A finished page whose image is then given 100 % of every ink.
    art::Art art;
    art.pixels_wide = art.pixels_high = 2;
    art.rgba = {0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255};
    Reopened pdf(finished(image_pdf(art, true, 0.5, 0.5), finish::Mode::print));
    ASSERT_EQ(pdf.images().size(), 1u);
    auto image = pdf.images().front();
    image.replaceStreamData(std::string(16, '\xff'), QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
    QPDFWriter writer(pdf.pdf);
    writer.setOutputMemory();
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    const std::string bytes(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    const auto report = preflight::preflight_bytes(bytes, "ink.pdf", preflight::Kind::print);
    EXPECT_EQ(messages(report, preflight::Check::image),
              std::vector<std::string>{"image /x6 has a pixel of 400 % ink (maximum 300 %)"});
}

}  // namespace
}  // namespace leaflet
