#include "pdf/pdf.hpp"

#include <fmt/format.h>

namespace leaflet::pdf {

bool is_rgb_space(QPDFObjectHandle space)
{
    if (space.isName()) {
        const std::string name = space.getName();
        return name == "/DeviceRGB" || name == "/CalRGB" || name == "/Lab" || name == "/RGB";
    }
    if (!space.isArray() || space.getArrayNItems() == 0 || !space.getArrayItem(0).isName()) return false;
    const std::string family = space.getArrayItem(0).getName();
    if (family == "/CalRGB" || family == "/Lab") return true;
    if (family == "/ICCBased") {
        auto stream = space.getArrayItem(1);
        return stream.isStream() && stream.getDict().getKey("/N").isInteger() &&
               stream.getDict().getKey("/N").getIntValue() == 3;
    }
    if (family == "/Indexed" || family == "/I" || family == "/Pattern")
        return space.getArrayNItems() > 1 && is_rgb_space(space.getArrayItem(1));
    if (family == "/Separation" || family == "/DeviceN")
        return space.getArrayNItems() > 2 && is_rgb_space(space.getArrayItem(2));
    return false;
}

std::string short_number(double value)
{
    std::string text = fmt::format("{:.4f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

}  // namespace leaflet::pdf
