// Private to art: PNG and JPEG decoding (libpng, libjpeg).
#pragma once

#include <string>
#include <string_view>

#include "art/art.hpp"

namespace leaflet::art {

// Decodes `bytes` (kind png or jpeg) into `art`: pixels_wide, pixels_high,
// rgba (straight alpha, sRGB; a JPEG is opaque), and the natural size at
// 96 ppi. A size over max_pixels is refused from the header, before any
// pixel is decoded; a truncated or corrupt file, a CMYK JPEG or a PNG with
// an ICC profile other than sRGB is an error located at {file}.
void decode_raster(Kind kind, std::string_view bytes, const std::string& file, Art& art);

}  // namespace leaflet::art
