// Private to typeset: justification on frozen glyphs.
#pragma once

#include "freeze.hpp"

namespace leaflet::typeset {

// Sets `line` to exactly `width`: its spaces grow or shrink, each in
// proportion to its natural width, by what the line lacks or has too much;
// only spaces between letters or digits shrink, to 80 % at most (the
// breaker sees to it). A paragraph's last line, and one before a forced
// break, keeps its natural spacing unless it is too wide. Records the
// adjustment ratio in the line, where its spaces changed.
void justify(SetLine& line, PangoUnits width);

}  // namespace leaflet::typeset
