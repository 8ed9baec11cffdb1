// RAII handles for cairo (see handle.hpp), and the check of its sticky
// error status. Only render/ (and the preview module) may include it.
#pragma once

#include <cairo.h>

#include "c/handle.hpp"

namespace leaflet::c {

using Cairo = Handle<cairo_t, cairo_destroy>;
using CairoSurface = Handle<cairo_surface_t, cairo_surface_destroy>;
using CairoFontOptions = Handle<cairo_font_options_t, cairo_font_options_destroy>;
using CairoFontFace = Handle<cairo_font_face_t, cairo_font_face_destroy>;
using CairoScaledFont = Handle<cairo_scaled_font_t, cairo_scaled_font_destroy>;

// Cairo never returns NULL but an object with a sticky error status:
// throws leaflet::Error (io) when one carries an error.
void check(cairo_t* cairo, const char* what);
void check(cairo_surface_t* surface, const char* what);
void check(cairo_font_face_t* face, const char* what);
void check(cairo_scaled_font_t* font, const char* what);
void check(cairo_font_options_t* options, const char* what);

}  // namespace leaflet::c
