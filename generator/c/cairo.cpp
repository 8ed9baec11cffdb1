#include "c/cairo.hpp"

#include <string>

#include "diag/diag.hpp"

namespace leaflet::c {

namespace {

void check_status(cairo_status_t status, const char* what)
{
    if (status != CAIRO_STATUS_SUCCESS) fail_io("", std::string(what) + ": " + cairo_status_to_string(status));
}

}  // namespace

void check(cairo_t* cairo, const char* what) { check_status(cairo_status(cairo), what); }
void check(cairo_surface_t* surface, const char* what) { check_status(cairo_surface_status(surface), what); }
void check(cairo_font_face_t* face, const char* what) { check_status(cairo_font_face_status(face), what); }
void check(cairo_scaled_font_t* font, const char* what) { check_status(cairo_scaled_font_status(font), what); }
void check(cairo_font_options_t* options, const char* what) { check_status(cairo_font_options_status(options), what); }

}  // namespace leaflet::c
