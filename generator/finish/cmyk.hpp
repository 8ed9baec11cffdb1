// Private to finish: the print colour rewrite. Cairo draws in RGB; the press
// wants the exact CMYK of each swatch, which only the style sheet knows.
#pragma once

#include <vector>

#include <qpdf/QPDF.hh>

#include "resolve/resolve.hpp"

namespace leaflet::finish {

// Rewrites, on every page, each `r g b rg|RG` (and `sc|scn|SC|SCN` after
// `/DeviceRGB cs|CS`) of page content, form XObjects, tiling patterns and
// annotation appearances into the `c m y k k|K` of the swatch in `swatches`
// whose 8-bit RGB it is. Drops form transparency groups and the opaque
// transparency keys Cairo writes in graphics states (/CA 1, /ca 1, /BM
// /Normal, /SMask /None, /AIS). Throws leaflet::Error (io), naming the page
// and the object, at the first RGB colour that is no swatch, RGB image,
// shading, colour space or inline image, or transparency; or when two
// swatches share an RGB but not a CMYK.
void rewrite_colours(QPDF& pdf, const std::vector<resolve::Colour>& swatches);

}  // namespace leaflet::finish
