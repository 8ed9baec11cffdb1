#include "checks.hpp"

#include <fmt/format.h>

#include "units.hpp"

namespace leaflet::preflight {

void Findings::add(Check check, const std::string& message)
{
    if (seen_.insert({check, page_, message}).second) findings_.push_back({check, page_, message});
}

std::string text_position(const Rect& area, const std::optional<Rect>& trim)
{
    return "text at " + position(area, trim);
}

std::string position(const Rect& area, const std::optional<Rect>& trim)
{
    const double left = trim ? trim->left : 0, bottom = trim ? trim->bottom : 0;
    return fmt::format("x {:.1f}..{:.1f} mm, y {:.1f}..{:.1f} mm", (area.left - left) / points_per_mm,
                       (area.right - left) / points_per_mm, (area.bottom - bottom) / points_per_mm,
                       (area.top - bottom) / points_per_mm);
}

}  // namespace leaflet::preflight
