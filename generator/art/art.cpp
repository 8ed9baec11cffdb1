// Loading art: where a file may come from, what its bytes are, and the
// decoder for each kind (svg.cpp, raster.cpp).
#include "art/art.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "io/files.hpp"
#include "raster.hpp"
#include "svg.hpp"

namespace leaflet::art {

namespace fs = std::filesystem;

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix)
{
    return bytes.substr(0, prefix.size()) == prefix;
}

// `expected` stands at `at` (false when the file ends before it: substr
// throws std::out_of_range past the end, and a file of three bytes is a
// diagnostic, not an internal failure; found by fuzz_art).
bool has_at(std::string_view bytes, std::size_t at, std::string_view expected)
{
    return at <= bytes.size() && starts_with(bytes.substr(at), expected);
}

// What a file that is none of ours seems to be, for the diagnostic.
std::string what_else(std::string_view bytes)
{
    if (starts_with(bytes, "GIF8")) return "a GIF";
    if (starts_with(bytes, "%PDF")) return "a PDF";
    if (starts_with(bytes, "RIFF") && has_at(bytes, 8, "WEBP")) return "a WebP";
    if (starts_with(bytes, "II*") || starts_with(bytes, "MM\0*")) return "a TIFF";
    if (starts_with(bytes, "BM")) return "a BMP";
    if (starts_with(bytes, "\x1f\x8b")) return "gzip-compressed (an .svgz?)";
    if (has_at(bytes, 4, "ftyp")) return "a HEIF or AVIF";
    if (starts_with(bytes, "%!PS")) return "PostScript";
    std::string first;
    for (std::size_t i = 0; i < bytes.size() && i < 4; ++i)
        first += fmt::format("{}{:02x}", i ? " " : "", static_cast<unsigned char>(bytes[i]));
    return bytes.empty() ? "empty" : fmt::format("unknown (its first bytes are {})", first);
}

// An XML document whose root element is <svg>, as far as its first bytes
// tell: a byte order mark, white space, an XML declaration, comments.
bool looks_like_svg(std::string_view bytes)
{
    if (starts_with(bytes, "\xef\xbb\xbf")) bytes.remove_prefix(3);
    const std::size_t start = bytes.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || bytes[start] != '<') return false;
    return bytes.substr(0, 64 * 1024).find("<svg") != std::string_view::npos;
}

}  // namespace

Kind sniff(std::string_view bytes, const std::string& file, const SourceLoc& cited_at)
{
    if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return Kind::png;
    if (starts_with(bytes, "\xff\xd8\xff")) return Kind::jpeg;
    if (looks_like_svg(bytes)) return Kind::svg;
    fail(cited_at, fmt::format("'{}' is no image we place (SVG, PNG or JPEG): its bytes are {}", file,
                               what_else(bytes)));
}

namespace {

std::shared_ptr<Art> decode_art(std::string_view bytes, const std::string& file, const std::vector<Swatch>& swatches,
                                const SourceLoc& cited_at)
{
    auto art = std::make_shared<Art>();
    art->kind = sniff(bytes, file, cited_at);
    art->file = file;
    if (art->kind == Kind::svg)
        check_svg(bytes, file, swatches, *art);
    else
        decode_raster(art->kind, bytes, file, *art);
    return art;
}

}  // namespace

std::shared_ptr<const Art> decode(std::string_view bytes, const std::string& file, const std::vector<Swatch>& swatches,
                                  const SourceLoc& cited_at)
{
    return decode_art(bytes, file, swatches, cited_at);
}

std::shared_ptr<const Art> load(const std::string& root, const std::string& src, const std::vector<Swatch>& swatches,
                                const SourceLoc& cited_at)
{
    const fs::path relative(src);
    if (src.empty() || relative.is_absolute() || src.find(':') != std::string::npos)
        fail(cited_at, fmt::format("image '{}': give a path relative to the sources folder (no URL, no absolute path)",
                                   src));
    for (const fs::path& part : relative)
        if (part == "..") fail(cited_at, fmt::format("image '{}' climbs out of the sources folder ('..')", src));

    std::error_code error;
    const fs::path top = fs::canonical(root, error);
    if (error) fail_io(root, "cannot open the sources folder: " + error.message());
    const fs::path cited = top / relative;
    const fs::path real = fs::canonical(cited, error);
    if (error) fail(cited_at, fmt::format("no image '{}' in the sources folder", src));
    const auto [end, rest] = std::mismatch(top.begin(), top.end(), real.begin(), real.end());
    if (end != top.end())
        fail(cited_at, fmt::format("image '{}' is a link to '{}', outside the sources folder", src, real.string()));
    if (!fs::is_regular_file(real, error)) fail(cited_at, fmt::format("image '{}' is not a file", src));
    const auto size = fs::file_size(real, error);
    if (error) fail_io(cited.string(), error.message());
    if (static_cast<std::int64_t>(size) > max_file_bytes)
        fail(cited_at, fmt::format("image '{}' has {} bytes, more than the {} an image may have", src, size,
                                   max_file_bytes));
    // Diagnostics name the file as the user reaches it; the Art as cited.
    const std::string file = (fs::path(root) / relative).lexically_normal().string();
    auto art = decode_art(io::read_file(real.string()), file, swatches, cited_at);
    art->file = relative.lexically_normal().string();
    return art;
}

}  // namespace leaflet::art
