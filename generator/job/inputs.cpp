#include "job.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <future>

#include "xml/xml.hpp"

namespace leaflet {

namespace fs = std::filesystem;

namespace {

// A variant exists to put its region's organisations first: when the
// directory has none there, it is a slip (a region id for another's, an
// entry's regions="…" forgotten).
void warn_of_empty_regions(const Inputs& inputs, Diagnostics& diagnostics)
{
    if (!inputs.directory) return;
    for (const load::Variant& variant : inputs.variants) {
        const load::Region* region = inputs.regions.find(variant.region);
        if (!region) continue;  // unknown: an error already
        const auto& organisations = (variant.directory ? *variant.directory : *inputs.directory).organisations;
        const bool any = std::any_of(organisations.begin(), organisations.end(), [&](const load::Organisation& o) {
            return std::find(o.regions.begin(), o.regions.end(), variant.region) != o.regions.end();
        });
        // What the reader gets instead (resolve's directory()): the others
        // in the base leaflet's order, or, with others="omit", nothing.
        const std::string result = variant.omit_others ? "its directory prints empty (others=\"omit\")"
                                                       : "its directory prints as in the base leaflet";
        if (!any)
            diagnostics.add({Severity::warning, variant.loc,
                             "variant '" + variant.id + "': no organisation of the directory is in region '" +
                                 variant.region + "' (" + region->name + "): " + result,
                             "variant-region-empty"});
    }
}

// <organisations src="…"/>: the variant's own organisations, a file of the
// directory's schema below the variants folder.
void own_organisations(const Project& project, const load::Regions& regions, load::Variant& variant)
{
    if (variant.organisations_src.empty()) return;
    const std::string path = project.path(project.variants) + "/" + variant.organisations_src;
    if (!fs::is_regular_file(path))
        fail(variant.organisations_loc, "variant '" + variant.id + "': no file '" + path + "' for its organisations");
    variant.organisations =
        load::load_directory(path, project.path(project.directory_schema), regions).organisations;
}

}  // namespace

Inputs load_inputs(const Project& project, Diagnostics& diagnostics, ErrorList& errors)
{
    Inputs inputs;
    inputs.art_folder = project.path(project.sources);
    xml::initialize();
    // The fonts (checksums, fontconfig) take the longest: they load on a
    // thread of their own while this one reads the rest. Every input is
    // read however many of the others have errors, so that one run reports
    // them all.
    auto fonts = std::async(std::launch::async, [&] { return resolve::load_fonts(project.path(project.fonts)); });
    errors.attempt([&] { inputs.styles = resolve::load_stylesheet(project.path(project.styles)); });
    if (!errors.attempt([&] {
            inputs.regions = load::load_regions(project.path(project.regions), project.path(project.regions_schema));
        }))
        inputs.regions.loaded = false;
    errors.attempt([&] {
        if (fs::exists(project.path(project.directory)))
            inputs.directory = load::load_directory(project.path(project.directory),
                                                    project.path(project.directory_schema), inputs.regions);
    });
    const std::vector<std::string> leaflets = project.leaflet_ids();
    for (const std::string& file : project.variant_files()) {
        errors.attempt([&] {
            load::Variant variant = load::load_variant(file, project.path(project.variant_schema), inputs.regions);
            ErrorList found;
            if (fs::path(file).stem().string() != variant.id)
                found.attempt([&] { fail(variant.loc, "variant id '" + variant.id + "' differs from its file name"); });
            for (const std::string& leaflet : variant.leaflets)
                if (std::find(leaflets.begin(), leaflets.end(), leaflet) == leaflets.end())
                    found.attempt([&] {
                        fail(variant.loc, "variant '" + variant.id + "' names leaflet '" + leaflet +
                                              "', which does not exist" + did_you_mean(leaflet, leaflets));
                    });
            found.attempt([&] { own_organisations(project, inputs.regions, variant); });
            found.throw_if_any();
            if (inputs.directory) variant.directory = load::variant_directory(*inputs.directory, variant);
            inputs.variants.push_back(std::move(variant));
        });
    }
    warn_of_empty_regions(inputs, diagnostics);
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
