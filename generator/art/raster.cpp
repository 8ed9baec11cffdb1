// PNG through libpng, JPEG through libjpeg, into straight-alpha sRGB RGBA.
//
// Both libraries report errors by longjmp. Each call into them sits in a
// small C-style function (png_header, png_pixels, jpeg_header,
// jpeg_pixels) that calls setjmp itself and holds no object with a
// destructor, so that a longjmp never skips one; it returns whether it
// succeeded and leaves the library's message in a plain char buffer. The
// C++ side owns the library structs (destroyed by destructors in frames no
// longjmp crosses), allocates the pixels before decoding and throws.

#include "raster.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstring>

// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include <fmt/format.h>

namespace leaflet::art {

namespace {

// 96 pixels an inch, 72 points an inch.
constexpr double points_per_pixel = 72.0 / 96.0;

constexpr std::size_t message_size = 256;

void copy_message(char (&to)[message_size], const char* text)
{
    std::snprintf(to, message_size, "%s", text);
}

[[noreturn]] void too_large(const char* format, std::uint64_t wide, std::uint64_t high, const std::string& file)
{
    fail(SourceLoc{file, 0, 0}, fmt::format("{} declares {} x {} pixels, more than the {} an image may have",
                                            format, wide, high, max_pixels));
}

bool too_many(std::uint64_t wide, std::uint64_t high)
{
    return wide * high > static_cast<std::uint64_t>(max_pixels);
}

// --- PNG ---------------------------------------------------------------------

struct PngState {
    std::jmp_buf jump;
    const unsigned char* bytes;
    std::size_t size;
    std::size_t at;
    bool truncated;
    char message[message_size];
};

PngState* png_state(png_structp png)
{
    return static_cast<PngState*>(png_get_io_ptr(png));
}

// libpng's error callback: keep its message and return to the setjmp.
extern "C" void on_png_error(png_structp png, png_const_charp message)
{
    PngState* state = static_cast<PngState*>(png_get_error_ptr(png));
    copy_message(state->message, message);
    std::longjmp(state->jump, 1);
}

// Warnings (an sRGB profile with a known quirk, a chunk it skips) change
// nothing we decode; libpng would print them to stderr.
extern "C" void on_png_warning(png_structp, png_const_charp) {}

extern "C" void on_png_read(png_structp png, png_bytep out, png_size_t count)
{
    PngState* state = png_state(png);
    if (count > state->size - state->at) {
        state->truncated = true;
        png_error(png, "the file ends in the middle of a chunk");
    }
    std::memcpy(out, state->bytes + state->at, count);
    state->at += count;
}

// Reads the chunks before the pixels and sets the transformations to 8-bit
// RGBA. The caller has already checked the declared size.
bool png_header(PngState* state, png_structp png, png_infop info, bool* foreign_profile)
{
    if (setjmp(state->jump)) return false;
    png_set_read_fn(png, state, on_png_read);
    png_read_info(png, info);
    // libpng marks an iCCP profile it recognises as sRGB's as sRGB.
    *foreign_profile = png_get_valid(png, info, PNG_INFO_iCCP) && !png_get_valid(png, info, PNG_INFO_sRGB);
    png_set_expand(png);  // palette -> RGB, grey below 8 bits -> 8, tRNS -> alpha
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);  // only where there is none
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    return true;
}

// Decodes every row into `rows` (one pointer a row, each width * 4 bytes).
bool png_pixels(PngState* state, png_structp png, png_infop info, png_bytepp rows)
{
    if (setjmp(state->jump)) return false;
    png_read_image(png, rows);
    png_read_end(png, info);
    return true;
}

class PngReader {
public:
    explicit PngReader(PngState& state)
        : png_(png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, on_png_error, on_png_warning))
    {
        if (png_) info_ = png_create_info_struct(png_);
    }
    ~PngReader() { png_destroy_read_struct(&png_, info_ ? &info_ : nullptr, nullptr); }
    PngReader(const PngReader&) = delete;
    PngReader& operator=(const PngReader&) = delete;

    png_structp png() const { return png_; }
    png_infop info() const { return info_; }

private:
    png_structp png_ = nullptr;
    png_infop info_ = nullptr;
};

std::uint32_t big_endian(const unsigned char* p)
{
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
}

// The PNG signature is followed by the IHDR chunk (its length 13, its
// type, then width and height): read the two numbers before libpng reads
// anything, so that a file declaring too many pixels is refused even when
// nothing after its header is well formed. libpng checks the rest.
void check_png_size(std::string_view bytes, const std::string& file)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < 24 || std::memcmp(p + 12, "IHDR", 4) != 0) return;
    const std::uint64_t wide = big_endian(p + 16), high = big_endian(p + 20);
    if (too_many(wide, high)) too_large("PNG", wide, high, file);
}

void decode_png(std::string_view bytes, const std::string& file, Art& art)
{
    const SourceLoc at{file, 0, 0};
    check_png_size(bytes, file);
    PngState state{};
    state.bytes = reinterpret_cast<const unsigned char*>(bytes.data());
    state.size = bytes.size();
    PngReader reader(state);
    if (!reader.png() || !reader.info()) fail_io(file, "libpng cannot allocate its reader");
    auto failed = [&] {
        if (state.truncated) fail(at, fmt::format("truncated PNG: the file ends after {} bytes", state.size));
        fail(at, fmt::format("corrupt PNG: {}", state.message));
    };
    bool foreign_profile = false;
    if (!png_header(&state, reader.png(), reader.info(), &foreign_profile)) failed();
    const std::uint32_t wide = png_get_image_width(reader.png(), reader.info());
    const std::uint32_t high = png_get_image_height(reader.png(), reader.info());
    if (too_many(wide, high)) too_large("PNG", wide, high, file);
    if (foreign_profile) {
        png_charp name = nullptr;
        int compression = 0;
        png_bytep profile = nullptr;
        png_uint_32 length = 0;
        png_get_iCCP(reader.png(), reader.info(), &name, &compression, &profile, &length);
        fail(at, fmt::format("PNG has the ICC profile '{}', which is not sRGB: convert the image to sRGB",
                             name ? name : ""));
    }
    if (png_get_rowbytes(reader.png(), reader.info()) != std::size_t{wide} * 4)
        fail_io(file, "libpng does not give 8-bit RGBA rows");
    art.rgba.assign(std::size_t{wide} * high * 4, 0);
    std::vector<png_bytep> rows(high);
    for (std::uint32_t y = 0; y < high; ++y) rows[y] = art.rgba.data() + std::size_t{y} * wide * 4;
    if (!png_pixels(&state, reader.png(), reader.info(), rows.data())) failed();
    art.pixels_wide = static_cast<int>(wide);
    art.pixels_high = static_cast<int>(high);
}

// --- JPEG --------------------------------------------------------------------

struct JpegState {
    jpeg_error_mgr errors;  // first, so that a j_common_ptr's err is a JpegState*
    std::jmp_buf jump;
    bool truncated;
    char message[message_size];
};

[[noreturn]] void jpeg_jump(j_common_ptr info)
{
    JpegState* state = reinterpret_cast<JpegState*>(info->err);
    char text[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, text);
    copy_message(state->message, text);
    state->truncated = info->err->msg_code == JWRN_JPEG_EOF;
    std::longjmp(state->jump, 1);
}

extern "C" void on_jpeg_error(j_common_ptr info)
{
    jpeg_jump(info);
}

// Warnings are errors too: libjpeg warns of a premature end (and fills the
// rest with grey) or of corrupt data, and goes on decoding.
extern "C" void on_jpeg_message(j_common_ptr info, int level)
{
    if (level < 0) jpeg_jump(info);
}

bool jpeg_header(JpegState* state, j_decompress_ptr jpeg, const unsigned char* bytes, unsigned long size)
{
    if (setjmp(state->jump)) return false;
    jpeg_create_decompress(jpeg);
    jpeg_mem_src(jpeg, bytes, size);
    jpeg_read_header(jpeg, TRUE);
    return true;
}

// Decodes `high` rows of `wide` RGB pixels into `out`.
bool jpeg_pixels(JpegState* state, j_decompress_ptr jpeg, unsigned char* out, std::size_t row_bytes)
{
    if (setjmp(state->jump)) return false;
    jpeg->out_color_space = JCS_RGB;
    jpeg->dct_method = JDCT_ISLOW;  // exact integer DCT: the same pixels on every machine
    jpeg_start_decompress(jpeg);
    while (jpeg->output_scanline < jpeg->output_height) {
        JSAMPROW row = out + std::size_t{jpeg->output_scanline} * row_bytes;
        jpeg_read_scanlines(jpeg, &row, 1);
    }
    jpeg_finish_decompress(jpeg);
    return true;
}

class JpegReader {
public:
    explicit JpegReader(JpegState& state)
    {
        jpeg_.err = jpeg_std_error(&state.errors);
        state.errors.error_exit = on_jpeg_error;
        state.errors.emit_message = on_jpeg_message;
    }
    ~JpegReader() { jpeg_destroy_decompress(&jpeg_); }
    JpegReader(const JpegReader&) = delete;
    JpegReader& operator=(const JpegReader&) = delete;

    j_decompress_ptr get() { return &jpeg_; }

private:
    jpeg_decompress_struct jpeg_{};
};

void decode_jpeg(std::string_view bytes, const std::string& file, Art& art)
{
    const SourceLoc at{file, 0, 0};
    JpegState state{};
    JpegReader reader(state);
    j_decompress_ptr jpeg = reader.get();
    auto failed = [&] {
        if (state.truncated) fail(at, fmt::format("truncated JPEG: the file ends after {} bytes", bytes.size()));
        fail(at, fmt::format("corrupt JPEG: {}", state.message));
    };
    if (!jpeg_header(&state, jpeg, reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<unsigned long>(bytes.size())))
        failed();
    const std::uint64_t wide = jpeg->image_width, high = jpeg->image_height;
    if (too_many(wide, high)) too_large("JPEG", wide, high, file);
    if (jpeg->jpeg_color_space == JCS_CMYK || jpeg->jpeg_color_space == JCS_YCCK)
        fail(at, "JPEG is CMYK: only RGB and greyscale JPEGs can be placed; convert it to sRGB");
    std::vector<std::uint8_t> rgb(wide * high * 3);
    if (!jpeg_pixels(&state, jpeg, rgb.data(), wide * 3)) failed();
    art.rgba.assign(wide * high * 4, 0xff);
    for (std::size_t i = 0, n = wide * high; i < n; ++i) std::memcpy(&art.rgba[i * 4], &rgb[i * 3], 3);
    art.pixels_wide = static_cast<int>(wide);
    art.pixels_high = static_cast<int>(high);
}

}  // namespace

void decode_raster(Kind kind, std::string_view bytes, const std::string& file, Art& art)
{
    if (kind == Kind::png)
        decode_png(bytes, file, art);
    else if (kind == Kind::jpeg)
        decode_jpeg(bytes, file, art);
    else
        fail_io(file, "decode_raster: not a PNG or JPEG");
    art.kind = kind;
    art.width = Pt{art.pixels_wide * points_per_pixel};
    art.height = Pt{art.pixels_high * points_per_pixel};
}

}  // namespace leaflet::art
