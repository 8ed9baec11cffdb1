// Rectangles and matrices of PDF user space, for the interpreter and the
// checks. Private to preflight/.
#pragma once

#include <optional>
#include <utility>

#include <qpdf/QPDFObjectHandle.hh>

namespace leaflet::preflight {

// Below anything visible, above the rounding of four-decimal boxes and of
// Cairo's coordinates: what "inside" and "outside" allow.
constexpr double slack = 0.01;

struct Rect {
    double left = 0, bottom = 0, right = 0, top = 0;

    // Overlap of positive area; touching edges do not intersect.
    bool intersects(const Rect& other) const
    {
        return left < other.right && other.left < right && bottom < other.top && other.bottom < top;
    }
    // `inner` lies within this, give or take `slack`.
    bool contains(const Rect& inner) const
    {
        return inner.left >= left - slack && inner.bottom >= bottom - slack && inner.right <= right + slack
            && inner.top <= top + slack;
    }
};

// A PDF rectangle, its corners in either order; nullopt if `object` is none.
std::optional<Rect> rect_of(QPDFObjectHandle object);

// PDF matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;

    // First this, then `then`.
    Matrix times(const Matrix& then) const
    {
        return {a * then.a + b * then.c,          a * then.b + b * then.d,
                c * then.a + d * then.c,          c * then.b + d * then.d,
                e * then.a + f * then.c + then.e, e * then.b + f * then.d + then.f};
    }
    std::pair<double, double> apply(double x, double y) const { return {a * x + c * y + e, b * x + d * y + f}; }
};

// An array of six numbers; nullopt for anything else.
std::optional<Matrix> matrix_of(QPDFObjectHandle array);

// The bounding box of `r` (in the space of `m`) in user space.
Rect transform(const Rect& r, const Matrix& m);

}  // namespace leaflet::preflight
