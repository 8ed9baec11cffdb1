#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "checks.hpp"

namespace leaflet::preflight {

namespace {

std::string font_name(QPDFObjectHandle font)
{
    auto base = font.getKey("/BaseFont");
    return base.isName() ? base.getName().substr(1) : "(unnamed)";
}

bool is_subset_name(const std::string& name)
{
    return name.size() > 7 && name[6] == '+'
        && std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; });
}

class FontCheck final : public Listener {
public:
    explicit FontCheck(Findings& findings) : findings_(findings) {}

    void font(const Resource& resource) override
    {
        auto font = resource.object;
        // Once per font object, on the first page that uses it.
        if (!font.isDictionary() || (font.isIndirect() && !seen_.insert(font.getObjGen()).second)) return;
        auto subtype = font.getKey("/Subtype");
        if (subtype.isNameAndEquals("/Type3")) return;  // its glyphs are content streams of the file
        auto descriptor = font.getKey("/FontDescriptor");
        if (subtype.isNameAndEquals("/Type0")) {
            auto descendants = font.getKey("/DescendantFonts");
            if (descendants.isArray() && descendants.getArrayNItems() > 0)
                descriptor = descendants.getArrayItem(0).getKey("/FontDescriptor");
        }
        const std::string base = font_name(font);
        const bool embedded = descriptor.isDictionary()
            && (descriptor.getKey("/FontFile").isStream() || descriptor.getKey("/FontFile2").isStream()
                || descriptor.getKey("/FontFile3").isStream());
        if (!embedded)
            findings_.add(Check::font_not_embedded, fmt::format("font {} ({}) is not embedded", resource.name, base));
        else if (!is_subset_name(base))
            findings_.add(Check::font_not_subset,
                          fmt::format("font {} ({}) is embedded whole, not as a subset", resource.name, base));
    }

private:
    Findings& findings_;
    std::set<QPDFObjGen> seen_;
};

}  // namespace

std::unique_ptr<Listener> check_fonts(Findings& findings)
{
    return std::make_unique<FontCheck>(findings);
}

}  // namespace leaflet::preflight
