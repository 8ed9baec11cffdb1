// art: image files of the sources tree and QR codes -> Art, checked data.
//
// In: a file an <image src="…"/> or <icon name="…"/> cites, relative to the
// sources tree (SVG, PNG or JPEG, told by their bytes, never by the name),
// or the text a <qr> encodes. Out: an Art: a checked SVG document and its
// natural size, a raster's pixels, or a QR code's modules. Every colour an
// SVG paints must be one of the style sheet's swatches (its 8-bit RGB), so
// that the finish stage writes its exact CMYK. Loading is safe: a file
// outside the sources tree (also through a symlink), a DTD, an entity, an
// XInclude, any reference but a fragment (#id) inside the SVG, a raster
// declaring more than `max_pixels`, a truncated or unknown file is an error
// located in the file, or at the element that cites it. Never draws: the
// render stage does, through art/draw.hpp; this header sees no Cairo.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diag.hpp"
#include "units.hpp"

namespace leaflet::art {

enum class Kind { svg, png, jpeg, qr };

// A colour an SVG may paint with: a swatch's name and 8-bit RGB.
struct Swatch {
    std::string name;
    std::array<int, 3> rgb{};
};

// Rasters larger than this are refused before their pixels are decoded.
inline constexpr std::int64_t max_pixels = 40'000'000;
// An SVG (or raster) file larger than this is refused unread.
inline constexpr std::int64_t max_file_bytes = 16 * 1024 * 1024;
// The QR quiet zone, in modules, on every side (ISO/IEC 18004).
inline constexpr int quiet_zone = 4;

struct Art {
    Kind kind = Kind::svg;
    std::string file;               // as cited, relative to the sources folder; empty for a QR code
    // Its natural size: an SVG's width and height (CSS px, 1/96 in), a
    // raster's pixels at 96 ppi; a QR code's modules and quiet zone at 1 pt.
    Pt width, height;
    // svg: the checked document, as read.
    std::string svg;
    std::vector<std::string> swatches;  // svg: the swatches it paints with, sorted
    bool current_colour = false;        // svg: it paints with currentColor (an icon: its text's colour)
    // png, jpeg: the pixels, row by row, 4 bytes each: straight (not
    // premultiplied) red, green, blue, alpha, in sRGB.
    int pixels_wide = 0, pixels_high = 0;
    std::vector<std::uint8_t> rgba;
    // qr: what it encodes, and its modules (row by row, 1 dark), without
    // the quiet zone.
    std::string content;
    int modules = 0;
    std::vector<std::uint8_t> dark;

    bool operator==(const Art&) const = default;
};

// Art as the later stages hold it: shared, and equal to other art that is
// the same, as two loads of one file are. Laid-out items that hold it then
// compare by what they draw (layout::differences).
struct Shared : std::shared_ptr<const Art> {
    using std::shared_ptr<const Art>::shared_ptr;
    Shared(std::shared_ptr<const Art> art) : std::shared_ptr<const Art>(std::move(art)) {}

    friend bool operator==(const Shared& a, const Shared& b) { return a.get() == b.get() || (a && b && *a == *b); }
};

// Loads `src`, a path relative to `root` (the sources tree), as the element
// at `cited_at` cites it. Throws leaflet::Error (input) at the first fault.
std::shared_ptr<const Art> load(const std::string& root, const std::string& src,
                                const std::vector<Swatch>& swatches, const SourceLoc& cited_at);

// The same from bytes already read (`file` names them in diagnostics):
// what load() does after reading, and what the fuzz target calls.
std::shared_ptr<const Art> decode(std::string_view bytes, const std::string& file,
                                  const std::vector<Swatch>& swatches, const SourceLoc& cited_at);

// A QR code of `content` (UTF-8, 8-bit mode), error correction level M.
// Throws leaflet::Error (input) at `cited_at` when it cannot be encoded.
std::shared_ptr<const Art> qr(const std::string& content, const SourceLoc& cited_at);

// What a file's bytes are: svg, png or jpeg; an error naming what it saw
// otherwise.
Kind sniff(std::string_view bytes, const std::string& file, const SourceLoc& cited_at);

}  // namespace leaflet::art
