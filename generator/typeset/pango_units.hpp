// Private to typeset: Pango's fixed-point unit, 1/1024 pt at the font
// map's 72 dpi. Shaping, breaking and justification count in it, so that a
// justified line ends on the column's edge to the unit; what leaves the
// stage is in Pt (each unit exactly representable as a double).
#pragma once

#include <compare>

#include <pango/pango.h>

#include "units.hpp"

namespace leaflet::typeset {

struct PangoUnits {
    int value = 0;
    constexpr auto operator<=>(const PangoUnits&) const = default;
};

constexpr PangoUnits to_pango(Pt length)
{
    return {static_cast<int>(length.value * PANGO_SCALE + (length.value < 0 ? -0.5 : 0.5))};
}
constexpr Pt from_pango(PangoUnits length) { return {static_cast<double>(length.value) / PANGO_SCALE}; }
constexpr Pt from_pango(int units) { return from_pango(PangoUnits{units}); }

}  // namespace leaflet::typeset
