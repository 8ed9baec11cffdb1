// The style loader: a style sheet file, read and resolved (based-on chains,
// swatches, lengths) as `leaflets build` does.
#include <cstdint>

#include "fuzz_target.hpp"
#include "resolve/resolve.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace leaflet;
    const auto path = fuzz::scratch() / "styles.xml";
    fuzz::write(path, data, size);
    try {
        (void)resolve::load_stylesheet(path.string());
    } catch (const Error&) {
    }
    return 0;
}
