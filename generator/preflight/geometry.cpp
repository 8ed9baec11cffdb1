#include "geometry.hpp"

#include <algorithm>
#include <array>

namespace leaflet::preflight {

std::optional<Rect> rect_of(QPDFObjectHandle object)
{
    if (!object.isRectangle()) return std::nullopt;
    const auto r = object.getArrayAsRectangle();
    return Rect{std::min(r.llx, r.urx), std::min(r.lly, r.ury), std::max(r.llx, r.urx), std::max(r.lly, r.ury)};
}

std::optional<Matrix> matrix_of(QPDFObjectHandle array)
{
    if (!array.isArray() || array.getArrayNItems() != 6) return std::nullopt;
    std::array<double, 6> values{};
    for (int i = 0; i < 6; ++i) {
        auto item = array.getArrayItem(i);
        if (!item.isNumber()) return std::nullopt;
        values[i] = item.getNumericValue();
    }
    return Matrix{values[0], values[1], values[2], values[3], values[4], values[5]};
}

Rect transform(const Rect& r, const Matrix& m)
{
    Rect result{1e300, 1e300, -1e300, -1e300};
    for (auto [x, y] : {std::pair{r.left, r.bottom}, {r.right, r.bottom}, {r.left, r.top}, {r.right, r.top}}) {
        const auto [u, v] = m.apply(x, y);
        result.left = std::min(result.left, u);
        result.right = std::max(result.right, u);
        result.bottom = std::min(result.bottom, v);
        result.top = std::max(result.top, v);
    }
    return result;
}

}  // namespace leaflet::preflight
