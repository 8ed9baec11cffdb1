#include "job.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <future>

#include "xml/xml.hpp"

namespace leaflet {

namespace fs = std::filesystem;

Inputs load_inputs(const Project& project, Diagnostics& diagnostics)
{
    Inputs inputs;
    xml::initialize();
    // The fonts (checksums, fontconfig) take the longest: they load on a
    // thread of their own while this one reads the rest. An error is
    // reported as if the inputs had been read one by one in this order:
    // styles, fonts, directory, variants.
    auto fonts = std::async(std::launch::async, [&] { return resolve::load_fonts(project.path(project.fonts)); });
    std::array<std::exception_ptr, 4> errors;
    auto attempt = [](std::exception_ptr& error, auto&& step) {
        try {
            step();
        } catch (...) {
            error = std::current_exception();
        }
    };
    attempt(errors[0], [&] { inputs.styles = resolve::load_stylesheet(project.path(project.styles)); });
    attempt(errors[2], [&] {
        if (fs::exists(project.path(project.directory)))
            inputs.directory =
                load::load_directory(project.path(project.directory), project.path(project.directory_schema));
    });
    attempt(errors[3], [&] {
        const std::vector<std::string> leaflets = project.leaflet_ids();
        for (const std::string& file : project.variant_files()) {
            load::Variant variant = load::load_variant(file, project.path(project.variant_schema));
            if (fs::path(file).stem().string() != variant.id)
                fail(variant.loc, "variant id '" + variant.id + "' differs from its file name");
            for (const std::string& leaflet : variant.leaflets)
                if (std::find(leaflets.begin(), leaflets.end(), leaflet) == leaflets.end())
                    fail(variant.loc,
                         "variant '" + variant.id + "' names leaflet '" + leaflet + "', which does not exist");
            inputs.variants.push_back(std::move(variant));
        }
    });
    inputs.epoch = source_date_epoch(project.root, diagnostics);
    attempt(errors[1], [&] { inputs.fonts = fonts.get(); });
    for (const std::exception_ptr& error : errors)
        if (error) std::rethrow_exception(error);
    return inputs;
}

}  // namespace leaflet
