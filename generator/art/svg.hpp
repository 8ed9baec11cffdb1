// Private to art: checking an SVG before librsvg sees it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "art/art.hpp"

namespace leaflet::art {

// Parses `bytes` with libxml2 (no DTD, no entity, no XInclude, no network)
// and refuses, located at the element: elements outside the set print art
// may use (no text, image, script, style, foreignObject, gradient, filter,
// mask, pattern), references other than to a fragment (#id), and colours
// that are no swatch (fill, stroke, stop-color, color, in attributes or a
// style attribute; a shape's default fill, black, counts), opacity below 1.
// Then librsvg reads it for its natural size. Fills `art`.
void check_svg(std::string_view bytes, const std::string& file, const std::vector<Swatch>& swatches, Art& art);

}  // namespace leaflet::art
