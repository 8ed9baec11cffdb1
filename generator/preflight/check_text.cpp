#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "checks.hpp"
#include "pdf/pdf.hpp"
#include "print_limits.hpp"
#include "units.hpp"

namespace leaflet::preflight {

namespace {

constexpr double minimum_text_size = print_limits::minimum_text_size.value;

class TextSizeCheck final : public Listener {
public:
    explicit TextSizeCheck(Findings& findings) : findings_(findings) {}

    void page(const Page& page) override { trim_ = page.trim; }

    void text(const Text& text) override
    {
        if (text.size < minimum_text_size - 1e-3)
            findings_.add(Check::text_size,
                          fmt::format("{} is {} pt (minimum {:.0f} pt){}", text_position(text.area, trim_),
                                      pdf::short_number(text.size), minimum_text_size, text.where));
    }

private:
    Findings& findings_;
    std::optional<Rect> trim_;
};

class SafeZoneCheck final : public Listener {
public:
    explicit SafeZoneCheck(Findings& findings) : findings_(findings) {}

    void page(const Page& page) override
    {
        trim_ = page.trim;
        zone_ = page.safe_zone;
    }

    void text(const Text& text) override;

private:
    Findings& findings_;
    std::optional<Rect> trim_;
    SafeZone zone_;
};

void SafeZoneCheck::text(const Text& text)
{
    const Rect& area = text.area;
    if (!trim_ || !area.intersects(*trim_)) return;  // slug and marks lie outside the trim
    const Rect& trim = *trim_;
    std::vector<std::pair<double, std::string>> near;
    near.emplace_back(area.left - trim.left, "the left trim edge");
    near.emplace_back(trim.right - area.right, "the right trim edge");
    near.emplace_back(area.bottom - trim.bottom, "the bottom trim edge");
    near.emplace_back(trim.top - area.top, "the top trim edge");
    for (double fold : zone_.folds) {
        const double distance = area.left >= fold ? area.left - fold : area.right <= fold ? fold - area.right : 0;
        near.emplace_back(distance, fmt::format("the fold at {:.1f} mm", (fold - trim.left) / points_per_mm));
    }
    const auto closest =
        std::min_element(near.begin(), near.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    if (closest->first < zone_.width - slack)
        findings_.add(Check::safe_zone,
                      fmt::format("{} is {:.1f} mm from {} (safe zone {:.1f} mm){}", text_position(area, trim_),
                                  std::max(0.0, closest->first) / points_per_mm, closest->second,
                                  zone_.width / points_per_mm, text.where));
}

}  // namespace

std::unique_ptr<Listener> check_text_size(Findings& findings)
{
    return std::make_unique<TextSizeCheck>(findings);
}

std::unique_ptr<Listener> check_safe_zone(Findings& findings)
{
    return std::make_unique<SafeZoneCheck>(findings);
}

}  // namespace leaflet::preflight
