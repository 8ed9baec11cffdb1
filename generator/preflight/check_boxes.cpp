#include <fmt/format.h>

#include "checks.hpp"

namespace leaflet::preflight {

namespace {

std::string describe(const Rect& r)
{
    return fmt::format("[{:.2f} {:.2f} {:.2f} {:.2f}]", r.left, r.bottom, r.right, r.top);
}

class BoxesCheck final : public Listener {
public:
    explicit BoxesCheck(Findings& findings) : findings_(findings) {}

    void page(const Page& page) override
    {
        const auto& media = page.media;
        const auto& trim = page.trim;
        const auto& bleed = page.bleed;
        if (!trim) findings_.add(Check::boxes, "no TrimBox");
        if (!bleed) findings_.add(Check::boxes, "no BleedBox");
        if (trim && bleed && !bleed->contains(*trim))
            findings_.add(Check::boxes,
                          fmt::format("BleedBox {} does not contain TrimBox {}", describe(*bleed), describe(*trim)));
        if (bleed && media && !media->contains(*bleed))
            findings_.add(Check::boxes,
                          fmt::format("MediaBox {} does not contain BleedBox {}", describe(*media), describe(*bleed)));
        // Without a BleedBox the bleed is the MediaBox: the trim must lie in it.
        if (!bleed && trim && media && !media->contains(*trim))
            findings_.add(Check::boxes,
                          fmt::format("MediaBox {} does not contain TrimBox {}", describe(*media), describe(*trim)));
    }

private:
    Findings& findings_;
};

}  // namespace

std::unique_ptr<Listener> check_boxes(Findings& findings)
{
    return std::make_unique<BoxesCheck>(findings);
}

}  // namespace leaflet::preflight
