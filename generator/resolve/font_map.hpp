// The Pango font map on a FontSet, for the typesetter: the only part of
// resolve that sees Pango. A FreeType font map (pangoft2), not a Cairo one:
// shaping needs no renderer, and its glyph advances are the same unhinted
// HarfBuzz advances (hinting is off, the resolution 72 dpi, so a Pango unit
// is 1/1024 pt).
#pragma once

#include <pango/pango.h>

#include "resolve/resolve.hpp"

namespace leaflet::resolve {

// The calling thread's font map on `fonts`, made on its first call and
// destroyed with the set (a PangoFontMap and its caches are not safe to
// share between threads; fontconfig is).
PangoFontMap* font_map(const FontSet& fonts);

}  // namespace leaflet::resolve
