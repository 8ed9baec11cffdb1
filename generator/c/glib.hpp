// RAII handles for GLib and GObject (see handle.hpp).
#pragma once

#include <glib-object.h>

#include "c/handle.hpp"

namespace leaflet::c {

struct GObjectDeleter {
    void operator()(gpointer object) const { if (object) g_object_unref(object); }
};

// Any GObject: PangoLayout, PangoContext, PangoFontMap, ...
template <typename T>
using GObject = std::unique_ptr<T, GObjectDeleter>;

// Memory GLib hands over with g_malloc (g_utf8_* conversions, x ranges).
template <typename T>
using GMemory = Handle<T, g_free>;

// An error a GLib call reports (GError**).
using GError = Handle<::GError, g_error_free>;

}  // namespace leaflet::c
