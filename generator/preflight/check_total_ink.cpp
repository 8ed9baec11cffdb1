#include <fmt/format.h>

#include "checks.hpp"
#include "print_limits.hpp"

namespace leaflet::preflight {

namespace {

constexpr double maximum_ink = print_limits::maximum_ink;

class TotalInkCheck final : public Listener {
public:
    explicit TotalInkCheck(Findings& findings) : findings_(findings) {}

    // Without a BleedBox, the bleed is the MediaBox.
    void page(const Page& page) override { bleed_ = page.bleed ? page.bleed : page.media; }

    void fill(const Fill& fill) override { paint("fill", fill); }
    void stroke(const Fill& stroke) override { paint("stroke", stroke); }

private:
    void paint(const char* kind, const Fill& paint)
    {
        // Marks outside the bleed are registration colour, all inks at 100 %;
        // a crop mark's line ends on the bleed's edge, give or take rounding.
        if (paint.area && bleed_
            && !paint.area->intersects({bleed_->left + slack, bleed_->bottom + slack, bleed_->right - slack,
                                        bleed_->top - slack}))
            return;
        double ink = 0;
        for (double value : paint.colour.ink) ink += value;
        if (ink > maximum_ink + 1e-6)
            findings_.add(Check::total_ink, fmt::format("{} colour {} has {:.0f} % ink (maximum {:.0f} %){}", kind,
                                                        paint.colour.written, ink * 100, maximum_ink * 100,
                                                        paint.where));
    }

    Findings& findings_;
    std::optional<Rect> bleed_;
};

}  // namespace

std::unique_ptr<Listener> check_total_ink(Findings& findings)
{
    return std::make_unique<TotalInkCheck>(findings);
}

}  // namespace leaflet::preflight
