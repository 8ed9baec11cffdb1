// leaflets: the command line over the job library. Exit status: 0 success,
// 1 errors in the inputs, 2 usage, 3 I/O or internal failure.
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

#include <CLI/CLI.hpp>
#include <malloc.h>

#include "hyphenate/hyphenate.hpp"
#include "io/files.hpp"
#include "job.hpp"
#include "preflight/preflight.hpp"
#include "release/release.hpp"
#include "watch/watch.hpp"

#ifndef LEAFLETS_VERSION
#define LEAFLETS_VERSION "0.0.0"
#endif

namespace {

// Warnings always, then the errors; notes (e.g. how full each panel is)
// only when asked. As text on stderr, or as JSON on stdout.
void print(const leaflet::Diagnostics& diagnostics, const std::vector<leaflet::Diagnostic>& errors, bool notes,
           bool json)
{
    std::vector<leaflet::Diagnostic> shown;
    for (const leaflet::Diagnostic& diagnostic : diagnostics.all())
        if (notes || diagnostic.severity != leaflet::Severity::note) shown.push_back(diagnostic);
    shown.insert(shown.end(), errors.begin(), errors.end());
    if (json) {
        std::cout << leaflet::format_json(shown);
        return;
    }
    for (const leaflet::Diagnostic& diagnostic : shown) std::cerr << leaflet::format(diagnostic) << '\n';
}

}  // namespace

int main(int argc, char** argv)
{
    // A preview page is a 10 MB image made and freed again for every page.
    // Freed memory up to this size stays with the process instead of going
    // back to the kernel, which would fault it in again, zeroed, for the
    // next page: 70 % fewer page faults, 5-10 % less time for previews.
    mallopt(M_MMAP_THRESHOLD, 128 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    CLI::App app{"leaflets: typesets the Kazakh leaflets in sources/ into print-ready PDFs.\n"
                 "Run it from the repository root."};
    app.set_version_flag("--version", "leaflets " LEAFLETS_VERSION);
    app.require_subcommand(1);

    leaflet::BuildOptions build_options;
    std::vector<leaflet::Format> formats;
    const std::map<std::string, leaflet::Format> format_names{{"print", leaflet::Format::print},
                                                              {"screen", leaflet::Format::screen},
                                                              {"preview", leaflet::Format::preview}};
    CLI::App* build = app.add_subcommand("build", "build leaflets into out/ (all of them when none is named)");
    build->add_option("leaflets", build_options.leaflets, "leaflet ids, e.g. general");
    std::string variants = "all";
    build->add_option("--variant", variants, "all, none, or a variant id (sources/variants/<id>.xml)")
        ->capture_default_str();
    // One value per --format, so that `--format print general` names a leaflet.
    build->add_option("--format", formats, "print, screen or preview (repeatable; default: all three)")
        ->transform(CLI::CheckedTransformer(format_names, CLI::ignore_case))
        ->allow_extra_args(false);
    std::string scripts = "cyrl";
    build->add_option("--script", scripts,
                      "cyrl, latn (Kazakh in the draft Latin alphabet of 2021: <leaflet>[.<variant>].latn.pdf) or all")
        ->check(CLI::IsMember({"cyrl", "latn", "all"}))
        ->capture_default_str();
    build->add_option("--out", build_options.out, "output folder")->capture_default_str();
    build->add_flag("--dump-layout", build_options.dump_layout, "also write out/layout/<leaflet>.txt");
    build->add_flag("--werror", build_options.werror, "treat warnings as errors");
    build->add_option("-j,--jobs", build_options.jobs,
                      "products made at once (default: one per core); the output is the same for any number")
        ->check(CLI::PositiveNumber);
    bool verbose = false;
    build->add_flag("--verbose", verbose, "also print notes, e.g. panels that are less than half full");

    leaflet::CheckOptions check_options;
    std::string check_variants = "all";
    bool check_json = false;
    CLI::App* check = app.add_subcommand("check", "validate and lint sources, styles, fonts and variants; write "
                                                  "nothing; notes say how full each panel is");
    check->add_option("leaflets", check_options.leaflets, "leaflet ids");
    check->add_option("--variant", check_variants, "all, none, or a variant id")->capture_default_str();
    check->add_flag("--werror", check_options.werror, "treat warnings as errors");
    check->add_flag("--json", check_json, "write the diagnostics to stdout as JSON, one object each");

    CLI::App* list = app.add_subcommand("list", "leaflets, their panels, the variants and the sheet");

    std::string hyphenate_language = "kk";
    std::vector<std::string> hyphenate_words;
    CLI::App* hyphenate = app.add_subcommand("hyphenate", "print each word on its own line, '-' at every allowed break");
    hyphenate->add_option("--lang", hyphenate_language, "language: kk, kk-Latn (Kazakh in Latin letters), ru or en")->capture_default_str();
    hyphenate->add_option("words", hyphenate_words, "words")->required();

    std::vector<std::string> preflight_files;
    bool preflight_json = false;
    std::string preflight_profile;
    CLI::App* preflight = app.add_subcommand(
        "preflight", "check finished PDFs: fonts, colour, boxes, safe zone, text size, ink, PDF/UA-1");
    preflight->add_option("files", preflight_files, "PDF files")->required()->check(CLI::ExistingFile);
    preflight
        ->add_option("--profile", preflight_profile,
                     "print, screen or ua (screen and PDF/UA-1); default: print for a PDF with a PDF/X "
                     "OutputIntent, else screen")
        ->check(CLI::IsMember({"print", "screen", "ua"}));
    preflight->add_flag("--json", preflight_json, "write the report as JSON");

    leaflet::release::ReleaseOptions release_options;
    CLI::App* release = app.add_subcommand(
        "release", "build every leaflet, variant and format afresh into out/release/leaflets-<version>.tar.gz "
                   "with its manifest.json");
    release->add_option("leaflets", release_options.leaflets, "leaflet ids (default: all of them)");
    release->add_option("--out", release_options.out, "output folder (the release goes to its release/)")
        ->capture_default_str();
    release->add_flag("--werror", release_options.werror, "treat warnings as errors");
    release->add_option("-j,--jobs", release_options.jobs, "products made at once (default: one per core)")
        ->check(CLI::PositiveNumber);

    leaflet::watch::WatchOptions watch_options;
    CLI::App* watch = app.add_subcommand(
        "watch", "build, then rebuild the products a saved source, fragment, variant, style or font touches; "
                 "with --serve a live page on 127.0.0.1");
    watch->add_option("leaflets", watch_options.leaflets, "leaflet ids (default: all of them)");
    watch->add_flag("--serve", watch_options.serve, "serve the live page: both sides, folds, safe zone, diagnostics");
    watch->add_option("--port", watch_options.port, "the live page's port on 127.0.0.1 (0: a free one)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    watch->add_option("--out", watch_options.out, "output folder")->capture_default_str();
    watch->add_option("-j,--jobs", watch_options.jobs, "products made at once (default: one per core)")
        ->check(CLI::PositiveNumber);

    std::string verify_manifest;
    CLI::App* verify =
        app.add_subcommand("verify", "check the archive beside a release manifest against it, file by file");
    verify->add_option("manifest", verify_manifest, "out/release/manifest.json")->required()->check(CLI::ExistingFile);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;
    }

    leaflet::io::remove_temporary_on_signal();
    const leaflet::Project project;
    leaflet::Diagnostics diagnostics;
    if (!formats.empty()) build_options.formats = formats;
    build_options.variants = leaflet::VariantSelection::parse(variants);
    using leaflet::script::Script;
    build_options.scripts = scripts == "all"    ? std::vector<Script>{Script::cyrillic, Script::latin}
                          : scripts == "latn" ? std::vector<Script>{Script::latin}
                                              : std::vector<Script>{Script::cyrillic};
    check_options.variants = leaflet::VariantSelection::parse(check_variants);
    const bool json = *check && check_json;
    try {
        if (*build) {
            for (const std::string& path : leaflet::build(project, build_options, diagnostics))
                std::cout << "wrote " << path << '\n';
        } else if (*check) {
            leaflet::check(project, check_options, diagnostics);
        } else if (*list) {
            std::cout << leaflet::list(project);
        } else if (*hyphenate) {
            std::cout << leaflet::hyphenate::hyphenate_words(hyphenate_words, hyphenate_language);
        } else if (*release) {
            const leaflet::release::Released released = leaflet::release::release(project, release_options, diagnostics);
            std::cout << "wrote " << released.archive << " (" << released.files << " files)\n"
                      << "wrote " << released.manifest << '\n';
        } else if (*watch) {
            return leaflet::watch::watch(project, watch_options,
                                         [](const leaflet::Diagnostics& found, const std::vector<leaflet::Diagnostic>& errors) {
                                             print(found, errors, false, false);
                                         });
        } else if (*verify) {
            leaflet::release::verify(verify_manifest);
            std::cout << verify_manifest << ": verified\n";
        } else if (*preflight) {
            namespace pf = leaflet::preflight;
            std::vector<pf::Report> reports;
            std::optional<pf::Kind> kind;  // none: what each PDF says it is
            if (preflight_profile == "print") kind = pf::Kind::print;
            if (preflight_profile == "screen") kind = pf::Kind::screen;
            if (preflight_profile == "ua") kind = pf::Kind::ua;
            for (const std::string& file : preflight_files) reports.push_back(pf::preflight(file, kind));
            std::cout << (preflight_json ? pf::format_json(reports) : pf::format_text(reports));
            const bool passed =
                std::all_of(reports.begin(), reports.end(), [](const pf::Report& report) { return report.passed(); });
            return passed ? 0 : 1;
        }
        print(diagnostics, {}, verbose || *check, json);
        return 0;
    } catch (const leaflet::Error& error) {
        print(diagnostics, error.diagnostics(), verbose || *check, json);
        return error.kind() == leaflet::ErrorKind::input ? 1 : error.kind() == leaflet::ErrorKind::usage ? 2 : 3;
    } catch (const std::exception& error) {
        print(diagnostics, {}, verbose || *check, json);
        std::cerr << "leaflets: internal error: " << error.what() << '\n';
        return 3;
    }
}
