// The art loaders: any bytes as an image file (told SVG, PNG or JPEG by
// their bytes), checked and decoded as `leaflets build` does, with the
// house swatches' RGB.
#include <cstdint>
#include <string_view>

#include "art/art.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace leaflet;
    static const std::vector<art::Swatch> swatches = {
        {"black", {0, 0, 0}}, {"white", {255, 255, 255}}, {"red", {242, 24, 48}}, {"dark-blue", {0, 54, 179}}};
    try {
        (void)art::decode(std::string_view(reinterpret_cast<const char*>(data), size), "art.bin", swatches, {});
    } catch (const Error&) {
    }
    return 0;
}
