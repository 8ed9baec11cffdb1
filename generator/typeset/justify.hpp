// Private to typeset: justification on frozen glyphs.
#pragma once

#include "freeze.hpp"

namespace leaflet::typeset {

// Sets `line` to exactly `width` as fill() (line_breaking.hpp) says: its
// word spaces grow or shrink, each in proportion to its natural width
// (only those between letters or digits shrink); then each gap between two
// letters by the same amount; then every glyph but the spaces by one
// horizontal scale. A paragraph's last line, and one before a forced break,
// keeps its natural spacing unless it is too wide. A line whose word spaces
// would pass twice their natural width (or that has none and cannot be
// filled otherwise) is set ragged, at its natural spacing. Records in the
// line how it was set.
void justify(SetLine& line, PangoUnits width, const Ranges& ranges, double word_spacing);

}  // namespace leaflet::typeset
