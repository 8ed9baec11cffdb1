#include <fmt/format.h>

#include "checks.hpp"
#include "pdf/pdf.hpp"

namespace leaflet::preflight {

namespace {

bool is_transparency_group(QPDFObjectHandle dictionary)
{
    auto group = dictionary.getKey("/Group");
    return group.isDictionary() && group.getKey("/S").isNameAndEquals("/Transparency");
}

class TransparencyCheck final : public Listener {
public:
    explicit TransparencyCheck(Findings& findings) : findings_(findings) {}

    void page(const Page& page) override
    {
        if (is_transparency_group(page.object)) findings_.add(Check::transparency, "the page has a transparency group");
    }

    void form(const Resource& form) override
    {
        if (is_transparency_group(form.object))
            findings_.add(Check::transparency, "form XObject " + form.name + " is a transparency group");
    }

    void graphics_state(const Resource& state) override;

    void image(const Resource& image) override
    {
        if (image.object.hasKey("/SMask") || image.object.hasKey("/SMaskInData"))
            findings_.add(Check::transparency, fmt::format("image {} has a soft mask{}", image.name, image.where));
    }

private:
    Findings& findings_;
};

void TransparencyCheck::graphics_state(const Resource& resource)
{
    auto state = resource.object;
    if (!state.isDictionary()) return;
    const std::string& name = resource.name;
    auto mask = state.getKey("/SMask");
    if (!mask.isNull() && !mask.isNameAndEquals("/None"))
        findings_.add(Check::transparency, fmt::format("graphics state {} has a soft mask{}", name, resource.where));
    for (const char* key : {"/CA", "/ca"}) {
        auto alpha = state.getKey(key);
        if (alpha.isNumber() && alpha.getNumericValue() < 1)
            findings_.add(Check::transparency, fmt::format("graphics state {} has {} {}{}", name, key,
                                                           pdf::short_number(alpha.getNumericValue()), resource.where));
    }
    auto blend = state.getKey("/BM");
    if (blend.isName() && !blend.isNameAndEquals("/Normal") && !blend.isNameAndEquals("/Compatible"))
        findings_.add(Check::transparency,
                      fmt::format("graphics state {} has blend mode {}{}", name, blend.getName(), resource.where));
}

}  // namespace

std::unique_ptr<Listener> check_transparency(Findings& findings)
{
    return std::make_unique<TransparencyCheck>(findings);
}

}  // namespace leaflet::preflight
