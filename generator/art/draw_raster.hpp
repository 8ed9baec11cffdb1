// Private to art/draw: a raster onto a Cairo context.
#pragma once

#include <cairo.h>

#include "art/art.hpp"

namespace leaflet::art {

// Draws the pixels of `art` scaled into (x, y, width, height). print: over
// paper white, opaque RGB (the finish stage makes it CMYK); screen: RGBA.
void draw_raster(cairo_t* cr, const Art& art, double x, double y, double width, double height, bool print);

}  // namespace leaflet::art
