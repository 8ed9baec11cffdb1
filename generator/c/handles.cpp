#include "c/handles.hpp"

#include "diag/diag.hpp"

namespace leaflet::c {

void check(cairo_t* cairo, const char* what)
{
    if (cairo_status(cairo) != CAIRO_STATUS_SUCCESS)
        fail_io("", std::string(what) + ": " + cairo_status_to_string(cairo_status(cairo)));
}

void check(cairo_surface_t* surface, const char* what)
{
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        fail_io("", std::string(what) + ": " + cairo_status_to_string(cairo_surface_status(surface)));
}

}  // namespace leaflet::c
