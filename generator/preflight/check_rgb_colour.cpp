#include <fmt/format.h>

#include "checks.hpp"
#include "pdf/pdf.hpp"

namespace leaflet::preflight {

namespace {

class RgbColourCheck final : public Listener {
public:
    explicit RgbColourCheck(Findings& findings) : findings_(findings) {}

    void colour_space(const Resource& space) override
    {
        if (pdf::is_rgb_space(space.object))
            findings_.add(Check::rgb_colour, fmt::format("colour space {} is RGB{}", space.name, space.where));
    }

    void shading(const Resource& shading) override
    {
        if (shading.object.isDictionary() && pdf::is_rgb_space(shading.object.getKey("/ColorSpace")))
            findings_.add(Check::rgb_colour, fmt::format("shading {} is RGB{}", shading.name, shading.where));
    }

    void image(const Resource& image) override
    {
        if (pdf::is_rgb_space(image.object.getKey("/ColorSpace")))
            findings_.add(Check::rgb_colour, fmt::format("image {} is RGB{}", image.name, image.where));
    }

    void colour_operator(const ColourOperator& colour) override
    {
        if (colour.operator_name == "rg" || colour.operator_name == "RG")
            findings_.add(Check::rgb_colour, fmt::format("RGB colour {}{}", colour.written, colour.where));
        else if ((colour.operator_name == "cs" || colour.operator_name == "CS") && pdf::is_rgb_space(colour.space))
            findings_.add(Check::rgb_colour,
                          fmt::format("RGB colour space {} {}{}", QPDFObjectHandle(colour.operands.back()).unparse(),
                                      colour.operator_name, colour.where));
    }

    void inline_image(QPDFObjectHandle space, const std::string& where) override
    {
        if (pdf::is_rgb_space(space)) findings_.add(Check::rgb_colour, fmt::format("inline image is RGB{}", where));
    }

private:
    Findings& findings_;
};

}  // namespace

std::unique_ptr<Listener> check_rgb_colour(Findings& findings)
{
    return std::make_unique<RgbColourCheck>(findings);
}

}  // namespace leaflet::preflight
