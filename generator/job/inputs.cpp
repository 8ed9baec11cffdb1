#include "job.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <future>

#include "xml/xml.hpp"

namespace leaflet {

namespace fs = std::filesystem;

Inputs load_inputs(const Project& project, Diagnostics& diagnostics, ErrorList& errors)
{
    Inputs inputs;
    xml::initialize();
    // The fonts (checksums, fontconfig) take the longest: they load on a
    // thread of their own while this one reads the rest. Every input is
    // read however many of the others have errors, so that one run reports
    // them all.
    auto fonts = std::async(std::launch::async, [&] { return resolve::load_fonts(project.path(project.fonts)); });
    errors.attempt([&] { inputs.styles = resolve::load_stylesheet(project.path(project.styles)); });
    errors.attempt([&] {
        if (fs::exists(project.path(project.directory)))
            inputs.directory =
                load::load_directory(project.path(project.directory), project.path(project.directory_schema));
    });
    const std::vector<std::string> leaflets = project.leaflet_ids();
    for (const std::string& file : project.variant_files()) {
        errors.attempt([&] {
            load::Variant variant = load::load_variant(file, project.path(project.variant_schema));
            ErrorList found;
            if (fs::path(file).stem().string() != variant.id)
                found.attempt([&] { fail(variant.loc, "variant id '" + variant.id + "' differs from its file name"); });
            for (const std::string& leaflet : variant.leaflets)
                if (std::find(leaflets.begin(), leaflets.end(), leaflet) == leaflets.end())
                    found.attempt([&] {
                        fail(variant.loc, "variant '" + variant.id + "' names leaflet '" + leaflet +
                                              "', which does not exist" + did_you_mean(leaflet, leaflets));
                    });
            found.throw_if_any();
            inputs.variants.push_back(std::move(variant));
        });
    }
    inputs.epoch = source_date_epoch(project.root, diagnostics);
    errors.attempt([&] { inputs.fonts = fonts.get(); });
    return inputs;
}

Inputs load_inputs(const Project& project, Diagnostics& diagnostics)
{
    ErrorList errors;
    Inputs inputs = load_inputs(project, diagnostics, errors);
    errors.throw_if_any();
    return inputs;
}

}  // namespace leaflet
