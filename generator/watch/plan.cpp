#include "plan.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace leaflet::watch {

namespace fs = std::filesystem;

std::string absolute_path(const std::string& path)
{
    return fs::absolute(path).lexically_normal().string();
}

namespace {

bool is_below(const std::string& path, const std::string& folder)
{
    return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

bool holds(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::string folder_of(const std::string& path)
{
    return fs::path(absolute_path(path)).parent_path().string();
}

// A change to one of these remakes every product.
bool touches_everything(const Project& project, const std::string& path)
{
    for (const std::string* file : {&project.styles, &project.fonts, &project.schema})
        if (is_below(path, folder_of(project.path(*file)))) return true;
    for (const std::string* file : {&project.regions, &project.regions_schema, &project.words, &project.directory,
                                    &project.directory_schema, &project.variant_schema})
        if (path == absolute_path(project.path(*file))) return true;
    return false;
}

}  // namespace

Model load_model(const Project& project, const std::vector<std::string>& watched, const Model& previous)
{
    Model model;
    model.leaflets = watched.empty() ? project.leaflet_ids() : watched;
    std::sort(model.leaflets.begin(), model.leaflets.end());
    for (const std::string& id : model.leaflets) {
        std::vector<std::string>& files = model.files[id];
        try {
            for (const std::string& file : source_files(project, id)) files.push_back(absolute_path(file));
        } catch (const Error&) {
            const auto known = previous.files.find(id);
            files = known != previous.files.end() ? known->second
                                                  : std::vector<std::string>{absolute_path(project.source(id))};
        }
    }
    load::Regions unchecked;  // region ids are the build's to check
    unchecked.loaded = false;
    for (const std::string& file : project.variant_files()) {
        const std::string key = absolute_path(file);
        try {
            const load::Variant variant = load::load_variant(file, project.path(project.variant_schema), unchecked);
            model.variants[key] = {variant.id, variant.leaflets};
        } catch (const Error&) {
            if (const auto known = previous.variants.find(key); known != previous.variants.end())
                model.variants[key] = known->second;
        }
    }
    return model;
}

std::vector<Rebuild> plan(const Project& project, const Model& model, const std::vector<std::string>& changed)
{
    const std::string sources = absolute_path(project.path(project.sources));
    const std::string variants = absolute_path(project.path(project.variants));
    bool everything = false;
    std::set<std::string> whole;                    // leaflets rebuilt in every variant
    std::map<std::string, std::string> variant_of;  // variant file -> its id, for the variant files changed
    for (const std::string& path : changed) {
        if (touches_everything(project, path)) {
            everything = true;
        } else if (fs::path(path).parent_path() == variants) {
            if (const auto known = model.variants.find(path); known != model.variants.end())
                variant_of[path] = known->second.id;
            else if (fs::exists(path))
                everything = true;  // a variant that never loaded: every build reports it
        } else if (fs::path(path).parent_path() == sources && fs::path(path).extension() == ".xml") {
            const std::string id = fs::path(path).stem().string();
            if (holds(model.leaflets, id)) whole.insert(id);
        } else if (is_below(path, sources)) {
            bool named = false;
            for (const auto& [leaflet, files] : model.files)
                if (holds(files, path)) whole.insert(leaflet), named = true;
            // An icon is named by <icon name="…"/>, not by its path.
            if (!named && is_below(path, sources + "/art")) everything = true;
        }
    }
    if (everything) return model.leaflets.empty() ? std::vector<Rebuild>{} : std::vector<Rebuild>{{model.leaflets, {}}};
    std::vector<Rebuild> rebuilds;
    if (!whole.empty()) rebuilds.push_back({{whole.begin(), whole.end()}, {}});
    for (const auto& [file, id] : variant_of) {
        Rebuild rebuild{{}, {VariantSelection::Kind::one, id}};
        for (const std::string& leaflet : model.variants.at(file).leaflets)
            if (holds(model.leaflets, leaflet) && !whole.count(leaflet)) rebuild.leaflets.push_back(leaflet);
        if (!rebuild.leaflets.empty()) rebuilds.push_back(std::move(rebuild));
    }
    return rebuilds;
}

namespace {

// The products of a rebuild as steps, in every format.
std::vector<Step> product_steps(const Model& model, const Rebuild& rebuild)
{
    using Kind = VariantSelection::Kind;
    const std::vector<Format> every{Format::print, Format::screen, Format::preview};
    std::vector<Step> steps;
    for (const std::string& leaflet : rebuild.leaflets) {
        if (rebuild.variants.kind != Kind::one) steps.push_back({leaflet, {Kind::none, {}}, every, leaflet});
        if (rebuild.variants.kind == Kind::none) continue;
        for (const auto& [file, variant] : model.variants)
            if (holds(variant.leaflets, leaflet) &&
                (rebuild.variants.kind == Kind::all || variant.id == rebuild.variants.id))
                steps.push_back({leaflet, {Kind::one, variant.id}, every, leaflet + "." + variant.id});
    }
    return steps;
}

// `step` into `steps`: a product already there gets its formats too.
void merge(std::vector<Step>& steps, const Step& step)
{
    const auto same = std::find_if(steps.begin(), steps.end(), [&](const Step& s) { return s.product == step.product; });
    if (same == steps.end()) {
        steps.push_back(step);
        return;
    }
    for (const Format format : step.formats)
        if (std::find(same->formats.begin(), same->formats.end(), format) == same->formats.end())
            same->formats.push_back(format);
    std::sort(same->formats.begin(), same->formats.end());
}

}  // namespace

std::vector<std::string> products_of(const Model& model, const Rebuild& rebuild)
{
    std::vector<std::string> products;
    for (const Step& step : product_steps(model, rebuild)) products.push_back(step.product);
    return products;
}

std::vector<Step> steps(const Model& model, const std::vector<Rebuild>& rebuilds, const std::string& shown,
                        const std::vector<Step>& queued)
{
    std::vector<Step> made;
    for (const Rebuild& rebuild : rebuilds)
        for (const Step& step : product_steps(model, rebuild)) merge(made, step);
    if (made.empty()) return queued;
    auto first = std::find_if(made.begin(), made.end(), [&](const Step& step) { return step.product == shown; });
    if (first == made.end()) first = made.begin();
    Step seen = *first;
    seen.formats = {Format::print, Format::preview};
    std::vector<Step> rest;
    merge(rest, {seen.leaflet, seen.variants, {Format::screen}, seen.product});
    for (const Step& step : made)
        if (step.product != seen.product) merge(rest, step);
    for (const Step& step : queued) merge(rest, step);
    std::vector<Step> result{seen};
    for (Step& step : rest) {
        // What the first step makes is not made again.
        if (step.product == seen.product)
            std::erase_if(step.formats, [](Format format) { return format != Format::screen; });
        if (!step.formats.empty()) result.push_back(std::move(step));
    }
    return result;
}

std::vector<std::string> products_of(const Model& model)
{
    return products_of(model, {model.leaflets, {}});
}

}  // namespace leaflet::watch
