// The rebuild selection of `leaflets watch`: the files a save changed ->
// the builds that remake just the products they touch.
//
// In: what the watcher knows of the project (a Model: the files each
// watched leaflet loaded, what each variant file says) and the changed
// paths. Out: Rebuilds, each one `build` call. Never builds, never watches:
// plan() is pure; load_model() only reads the sources.
//
//   sources/<leaflet>.xml          -> that leaflet, base and variants
//   sources/variants/<id>.xml      -> that variant's products
//   a file some leaflets loaded    -> those leaflets (fragments, images)
//   styles/, fonts/, the schemas, the directory, the regions, the word
//   list, an art file no leaflet names (icons) -> everything watched
#pragma once

#include <map>
#include <string>
#include <vector>

#include "job.hpp"

namespace leaflet::watch {

struct VariantFile {
    std::string id;
    std::vector<std::string> leaflets;  // the leaflets it applies to
};

// Paths are absolute and normal (absolute_path()).
struct Model {
    std::vector<std::string> leaflets;                       // the watched leaflets, sorted
    std::map<std::string, std::vector<std::string>> files;  // leaflet -> the files it was made of
    std::map<std::string, VariantFile> variants;             // variant file -> what it says
};

// One `build`: these leaflets, in these variants.
struct Rebuild {
    std::vector<std::string> leaflets;
    VariantSelection variants;
};

std::string absolute_path(const std::string& path);

// `watched`: the leaflets named on the command line; empty: every leaflet
// the sources hold now. What fails to load keeps its entry of `previous`
// (a broken edit does not forget which fragments a leaflet includes).
Model load_model(const Project& project, const std::vector<std::string>& watched, const Model& previous);

// The builds `changed` (absolute paths) needs; none when it touches no
// watched product. A leaflet rebuilt whole is not rebuilt again for a
// variant.
std::vector<Rebuild> plan(const Project& project, const Model& model, const std::vector<std::string>& changed);

// One build() of a rebuild: one product, in some formats.
struct Step {
    std::string leaflet;
    VariantSelection variants;  // none: the base leaflet; one: that variant
    std::vector<Format> formats;
    std::string product;  // "contacts", "contacts.akmola"

    bool operator==(const Step&) const = default;
};

// The steps of `rebuilds`, one product each, so that the product a
// designer looks at is seen first: `shown` if the rebuilds make it, else
// the first they make, comes first as its print PDF and previews only; its
// screen PDF comes after them, and then every other product in build
// order, in every format. `queued`, the steps of a rebuild a save cut
// short, are kept: merged in after the first step, a product once, with
// the formats of both.
std::vector<Step> steps(const Model& model, const std::vector<Rebuild>& rebuilds, const std::string& shown,
                        const std::vector<Step>& queued = {});

// The products a rebuild makes ("contacts", "contacts.akmola"), and those
// of every watched leaflet, in build order.
std::vector<std::string> products_of(const Model& model, const Rebuild& rebuild);
std::vector<std::string> products_of(const Model& model);

}  // namespace leaflet::watch
