// RAII handles for the C libraries: one stateless deleter per C type, held
// in std::unique_ptr and passed across the C boundary with .get().
#pragma once

#include <memory>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib-object.h>
#include <hyphen.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <pango/pango.h>

namespace leaflet::c {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* pointer) const { if (pointer) Free(pointer); }
};

struct GObjectDeleter {
    void operator()(gpointer object) const { if (object) g_object_unref(object); }
};

template <typename T, auto Free>
using Handle = std::unique_ptr<T, Deleter<Free>>;

// cairo
using Cairo = Handle<cairo_t, cairo_destroy>;
using CairoSurface = Handle<cairo_surface_t, cairo_surface_destroy>;

// GObjects (PangoLayout, PangoContext, PangoFontMap, ...)
template <typename T>
using GObject = std::unique_ptr<T, GObjectDeleter>;
using PangoFontDescriptionHandle = Handle<PangoFontDescription, pango_font_description_free>;
using PangoAttrListHandle = Handle<PangoAttrList, pango_attr_list_unref>;

// fontconfig
using FcConfigHandle = Handle<FcConfig, FcConfigDestroy>;
using FcPatternHandle = Handle<FcPattern, FcPatternDestroy>;

// libxml2
using XmlDoc = Handle<xmlDoc, xmlFreeDoc>;
using RelaxNgParserContext = Handle<xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt>;
using RelaxNg = Handle<xmlRelaxNG, xmlRelaxNGFree>;
using RelaxNgValidContext = Handle<xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt>;
using XmlParserContext = Handle<xmlParserCtxt, xmlFreeParserCtxt>;

// libhyphen
using HyphenDictHandle = Handle<HyphenDict, hnj_hyphen_free>;

// Throws leaflet::Error (io) when a cairo object carries an error status.
void check(cairo_t* cairo, const char* what);
void check(cairo_surface_t* surface, const char* what);

}  // namespace leaflet::c
