// The whole run as a library call: main() parses the command line into
// these options, tests call the same functions directly.
//
// load -> resolve -> typeset -> layout -> render -> finish, per leaflet and
// variant; the style sheet, fonts, directory and variants are loaded once.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "finish/finish.hpp"
#include "layout/layout.hpp"
#include "load/load.hpp"
#include "resolve/resolve.hpp"
#include "script/script.hpp"

namespace leaflet {

// Where the inputs are, relative to the repository root.
struct Project {
    std::string root = ".";
    std::string sources = "sources";
    std::string schema = "sources/schema/leaflet.rng";
    std::string regions = "sources/shared/regions.xml";
    std::string regions_schema = "sources/schema/regions.rng";
    std::string words = "sources/shared/words-kk.txt";  // the spell check's project word list
    std::string directory = "sources/shared/directory.xml";
    std::string directory_schema = "sources/schema/directory.rng";
    std::string variants = "sources/variants";
    std::string variant_schema = "sources/schema/variant.rng";
    std::string styles = "styles/default.xml";
    std::string fonts = "fonts/manifest.xml";

    std::string path(const std::string& relative) const;
    // The source file of leaflet `id`.
    std::string source(const std::string& id) const;
    // Every leaflet id, from sources/*.xml, sorted.
    std::vector<std::string> leaflet_ids() const;
    // Every variant file, sources/variants/*.xml, sorted.
    std::vector<std::string> variant_files() const;
};

// Loaded once per run, shared by every leaflet.
struct Inputs {
    resolve::Stylesheet styles;
    std::shared_ptr<const resolve::FontSet> fonts;
    load::Regions regions;  // sources/shared/regions.xml
    std::optional<load::Directory> directory;
    std::vector<load::Variant> variants;
    long long epoch = 0;  // the time every date in the output says
    std::string art_folder;  // the sources folder: images and art/icons/ are read below it
    // The script the products are written in: in Latin letters, the
    // directory and variants are (in_latin()), and so is each source.
    script::Script script = script::Script::cyrillic;
};

// Loads them; a warning (no date to use, a variant whose region has no
// organisation in the directory) goes to `diagnostics`.
// Throws leaflet::Error with the errors of every input.
Inputs load_inputs(const Project& project, Diagnostics& diagnostics);
// The same, keeping the errors in `errors`: what loaded is returned.
Inputs load_inputs(const Project& project, Diagnostics& diagnostics, ErrorList& errors);

// The inputs for the Latin edition: the directory and variants in Latin
// letters (script.hpp).
Inputs in_latin(const Inputs& inputs);

// One leaflet (or one variant of it), laid out and finished.
struct Product {
    std::string name;  // "contacts", "contacts.mangystau", in Latin letters "contacts.mangystau.latn"
    layout::Frames frames;
    finish::Metadata metadata;
    std::string pdf;  // the finished print PDF
    // What the print edition was typeset from: the screen edition is set
    // again from it.
    std::shared_ptr<const resolve::StyledDocument> styled;
};

Product make_leaflet(const Project& project, const Inputs& inputs, const std::string& source_path,
                     const load::Variant* variant, Diagnostics& diagnostics);
// `document` and `variant` in the inputs' script.
Product make_leaflet(const Inputs& inputs, const load::Document& document, const load::Variant* variant,
                     Diagnostics& diagnostics);

// The screen PDF of a product: set again for a phone (layout::screen_pages),
// one page per panel or flow in the source's order, RGB, tagged.
std::string make_screen_pdf(const Product& product);

enum class Format { print, screen, preview };

// Which products a build makes of each leaflet.
struct VariantSelection {
    enum class Kind {
        all,   // the base leaflet and every variant that applies to it
        none,  // the base leaflet only
        one,   // the variant `id`, for the leaflets it applies to
    };
    Kind kind = Kind::all;
    std::string id;

    // "all", "none", or a variant's id.
    static VariantSelection parse(const std::string& text);
    bool operator==(const VariantSelection&) const = default;
};

struct BuildOptions {
    std::vector<std::string> leaflets;  // empty: every leaflet
    VariantSelection variants;
    std::vector<Format> formats{Format::print, Format::screen, Format::preview};
    std::vector<script::Script> scripts{script::Script::cyrillic};  // each product in each
    std::string out = "out";
    bool dump_layout = false;           // also out/layout/<name>.txt
    bool werror = false;                // warnings fail the build
    unsigned jobs = 0;                  // products made at once; 0: one per core
};

// What a process that builds again and again (`watch`) keeps from one
// build to the next, so that a build after a save redoes only what the
// save changed:
//   - the inputs (load_inputs()), loaded again when a file below the style
//     sheet's, the fonts manifest's, the schemas', the shared sources' or
//     the variants' folder changed: its path, or its bytes;
//   - what lint found in each source file, found again when the file's
//     bytes changed (or the inputs, whose folder holds the word list).
// The warnings the inputs gave are given again by each build. Builds may
// share one at once.
struct BuildCache {
    struct Linted {
        std::string digest;  // of the file's bytes
        std::vector<Diagnostic> findings;
    };
    std::string inputs_digest;
    std::shared_ptr<const Inputs> inputs;
    std::vector<Diagnostic> inputs_diagnostics;
    std::map<std::string, Linted> lint;  // by path
    std::mutex mutex;                    // held while any of them is used
};

// Builds the leaflets; writes only when every one of them succeeded.
// Returns the paths written. Throws leaflet::Error. With a `cache`, uses
// and keeps what it holds.
std::vector<std::string> build(const Project& project, const BuildOptions& options, Diagnostics& diagnostics,
                               BuildCache* cache = nullptr);

struct CheckOptions {
    std::vector<std::string> leaflets;  // empty: every leaflet
    VariantSelection variants;
    bool werror = false;                // warnings fail the check
};

// Validates, lints and lays out the leaflets and variants, in Cyrillic and
// in Latin letters, without writing anything. Throws leaflet::Error with
// every error found (at most ErrorList::limit), in file and line order.
void check(const Project& project, const CheckOptions& options, Diagnostics& diagnostics);

// The leaflets, their panels, the variants and the sheet.
std::string list(const Project& project);

// The files leaflet `id` is made of: its source, every fragment it includes
// (XInclude, directly or not) and every image its blocks name, as paths
// below project.root. What `watch` rebuilds a leaflet on. Throws
// leaflet::Error when the source does not load.
std::vector<std::string> source_files(const Project& project, const std::string& id);

// SOURCE_DATE_EPOCH, or else the committer time of the latest git commit
// of the checkout `root` is in (git run with an argument vector, never a
// shell), or else 0, with a warning that names the date used.
long long source_date_epoch(const std::string& root, Diagnostics& diagnostics);

}  // namespace leaflet
