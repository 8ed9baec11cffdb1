// art/draw: an Art onto a Cairo context, for the render stage.
//
// SVGs through librsvg, so that they stay vectors; QR modules as filled
// rectangles; rasters as image surfaces. In print a raster is flattened
// onto paper white (no soft mask: PDF/X-1a has no transparency) and drawn
// in RGB, which the finish stage converts to CMYK; on screen it keeps its
// alpha.
#pragma once

#include <array>

#include <cairo.h>

#include "art/art.hpp"

namespace leaflet::art {

// Draws `art` into the box (x, y, width, height) of `cr`'s user space, y
// down. `colour` (0..1 RGB) is an SVG's currentColor and a QR code's dark
// modules. Throws leaflet::Error (io) if librsvg fails on a checked SVG.
void draw(cairo_t* cr, const Art& art, double x, double y, double width, double height,
          const std::array<double, 3>& colour, bool print);

}  // namespace leaflet::art
