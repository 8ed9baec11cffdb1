// The source loader: a leaflet file beside a copy of the shared fragments,
// parsed with XInclude from the include root, validated against the real
// schema and loaded into the document model.
#include <cstdint>

#include "fuzz_target.hpp"
#include "load/load.hpp"
#include "xml/xml.hpp"

namespace {

const std::filesystem::path& sources()
{
    static const std::filesystem::path folder = [] {
        const auto path = leaflet::fuzz::scratch() / "sources";
        std::filesystem::create_directories(path);
        std::filesystem::copy(std::filesystem::path(LEAFLETS_SOURCE_DIR) / "sources/shared", path / "shared",
                              std::filesystem::copy_options::recursive);
        return path;
    }();
    return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace leaflet;
    static const std::string schema = std::string(LEAFLETS_SOURCE_DIR) + "/sources/schema/leaflet.rng";
    static const load::Regions regions =
        load::load_regions(std::string(LEAFLETS_SOURCE_DIR) + "/sources/shared/regions.xml",
                           std::string(LEAFLETS_SOURCE_DIR) + "/sources/schema/regions.rng");
    const auto path = sources() / "fuzz.xml";
    fuzz::write(path, data, size);
    try {
        xml::ParseOptions options;
        options.include_root = sources().string();
        xml::Document::parse(path.string(), options).validate(schema);
        load::load(path.string(), schema, regions, sources().string());
    } catch (const Error&) {
    }
    return 0;
}
