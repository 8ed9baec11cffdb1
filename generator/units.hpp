// Lengths. Pt is a PostScript point (1/72 in), the unit of PDF and Cairo;
// PangoUnits are Pango's fixed-point 1/1024 pt. Millimetres only appear at
// the edges (style files, diagnostics) and are converted at once.
#pragma once

#include <compare>

#include <pango/pango.h>

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

struct PangoUnits {
    int value = 0;
    constexpr auto operator<=>(const PangoUnits&) const = default;
};

constexpr PangoUnits to_pango(Pt length) { return {static_cast<int>(length.value * PANGO_SCALE + (length.value < 0 ? -0.5 : 0.5))}; }
constexpr Pt from_pango(PangoUnits length) { return {static_cast<double>(length.value) / PANGO_SCALE}; }

}  // namespace leaflet
