// RAII handles for Pango (see handle.hpp). Only typeset/ and the font map
// in resolve/ may include it: no other stage sees Pango.
#pragma once

#include <pango/pango.h>

#include "c/glib.hpp"

namespace leaflet::c {

using PangoFontDescriptionHandle = Handle<PangoFontDescription, pango_font_description_free>;
using PangoAttrListHandle = Handle<PangoAttrList, pango_attr_list_unref>;
using PangoLayoutIterHandle = Handle<PangoLayoutIter, pango_layout_iter_free>;
using PangoFontMetricsHandle = Handle<PangoFontMetrics, pango_font_metrics_unref>;
using PangoGlyphStringHandle = Handle<PangoGlyphString, pango_glyph_string_free>;

}  // namespace leaflet::c
