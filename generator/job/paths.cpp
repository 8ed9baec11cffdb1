#include "paths.hpp"

#include <fmt/format.h>

namespace leaflet::paths {

std::string print_pdf(const std::string& out, const std::string& product)
{
    return fmt::format("{}/print/{}.pdf", out, product);
}

std::string screen_pdf(const std::string& out, const std::string& product)
{
    return fmt::format("{}/screen/{}.pdf", out, product);
}

std::string preview_png(const std::string& out, const std::string& product, const std::string& side)
{
    return fmt::format("{}/preview/{}-{}.png", out, product, side);
}

std::string layout_dump(const std::string& out, const std::string& product)
{
    return fmt::format("{}/layout/{}.txt", out, product);
}

}  // namespace leaflet::paths
