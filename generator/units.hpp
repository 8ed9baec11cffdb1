// Lengths. Pt is a PostScript point (1/72 in), the unit of PDF and Cairo.
// Millimetres only appear at the edges (style files, diagnostics) and are
// converted at once. (Pango's fixed-point units stay inside typeset/.)
#pragma once

#include <compare>

namespace leaflet {

struct Pt {
    double value = 0;

    constexpr Pt operator+(Pt other) const { return {value + other.value}; }
    constexpr Pt operator-(Pt other) const { return {value - other.value}; }
    constexpr Pt operator-() const { return {-value}; }
    constexpr Pt operator*(double factor) const { return {value * factor}; }
    constexpr Pt operator/(double divisor) const { return {value / divisor}; }
    constexpr double operator/(Pt other) const { return value / other.value; }
    constexpr Pt& operator+=(Pt other) { value += other.value; return *this; }
    constexpr Pt& operator-=(Pt other) { value -= other.value; return *this; }
    constexpr auto operator<=>(const Pt&) const = default;
};

constexpr double points_per_mm = 72.0 / 25.4;

constexpr Pt mm(double millimetres) { return {millimetres * points_per_mm}; }
constexpr double to_mm(Pt length) { return length.value / points_per_mm; }

}  // namespace leaflet
