#include "release/release.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>

#include "archive.hpp"
#include "io/digest.hpp"
#include "io/files.hpp"
#include "preflight/preflight.hpp"
#include "resolve/resolve.hpp"

#ifndef LEAFLETS_VERSION
#define LEAFLETS_VERSION "0.0.0"
#endif

namespace leaflet::release {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// A new, empty folder beside `out` that build() writes the products into,
// removed with everything in it when the release is done or fails: only
// what this run made can ship.
class FreshFolder {
public:
    explicit FreshFolder(const std::string& out)
    {
        fs::path parent = fs::path(out).parent_path();
        if (parent.empty()) parent = ".";
        std::error_code error;
        fs::create_directories(parent, error);
        std::string pattern = (parent / ".leaflets-release-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) fail_io(parent.string(), "cannot create a temporary folder for the release");
        path_ = pattern;
    }
    ~FreshFolder()
    {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    FreshFolder(const FreshFolder&) = delete;
    FreshFolder& operator=(const FreshFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// What a file of the build is, from its path below the output folder
// (job/paths.hpp): <format>/<leaflet>[.<variant>][.latn](.pdf|-<side>.png).
// Leaflet and variant ids hold no dot (the schemas' id form).
Json product_of(const std::string& relative)
{
    const fs::path path(relative);
    const std::string format = path.begin()->string();
    std::string name = path.stem().string();
    std::string side;
    if (format == "preview") {
        const auto dash = name.rfind('-');
        side = name.substr(dash + 1);
        name.erase(dash);
    }
    std::string script = "cyrl";
    if (name.size() > 5 && name.ends_with(".latn")) {
        script = "latn";
        name.erase(name.size() - 5);
    }
    const auto dot = name.find('.');
    Json product;
    product["leaflet"] = name.substr(0, dot);
    product["variant"] = dot == std::string::npos ? Json(nullptr) : Json(name.substr(dot + 1));
    product["format"] = format;
    if (!side.empty()) product["side"] = side;
    if (script != "cyrl") product["script"] = script;
    return product;
}

int pages_of_pdf(const std::string& bytes, const std::string& name)
{
    QPDF pdf;
    pdf.processMemoryFile(name.c_str(), bytes.data(), bytes.size());
    return static_cast<int>(pdf.getAllPages().size());
}

Json preflight_json(const preflight::Report& report, preflight::Kind kind)
{
    Json findings = Json::array();
    for (const preflight::Finding& finding : report.findings)
        findings.push_back({{"check", std::string(preflight::name(finding.check))},
                            {"page", finding.page},
                            {"message", finding.message}});
    return {{"kind", kind == preflight::Kind::print ? "print" : "screen"},
            {"passed", report.passed()},
            {"findings", findings}};
}

// One file of the release: its manifest record, its findings as errors.
Json describe_file(const std::string& relative, const std::string& in_archive, const std::string& bytes,
                   std::vector<Diagnostic>& errors)
{
    Json file;
    file["path"] = in_archive;
    file["product"] = product_of(relative);
    file["bytes"] = bytes.size();
    const bool pdf = relative.ends_with(".pdf");
    file["pages"] = pdf ? pages_of_pdf(bytes, relative) : 1;  // a preview is one side of the sheet
    file["sha256"] = io::sha256_hex(bytes);
    if (!pdf) {
        file["preflight"] = nullptr;  // PNGs are for review; preflight reads PDFs
        return file;
    }
    const auto kind = relative.starts_with("screen/") ? preflight::Kind::screen : preflight::Kind::print;
    const preflight::Report report = preflight::preflight_bytes(bytes, relative, kind);
    for (const preflight::Finding& finding : report.findings)
        errors.emplace_back(Severity::error, SourceLoc{relative},
                            finding.page > 0 ? fmt::format("preflight: page {}: {}: {}", finding.page,
                                                           preflight::name(finding.check), finding.message)
                                             : fmt::format("preflight: {}: {}", preflight::name(finding.check),
                                                           finding.message));
    file["preflight"] = preflight_json(report, kind);
    return file;
}

Json fonts_json(const Project& project)
{
    const std::string manifest = project.path(project.fonts);
    Json fonts;
    fonts["manifest"] = project.fonts;
    fonts["manifest_sha256"] = io::sha256_hex(io::read_file(manifest));
    Json files = Json::array();
    // load_fonts checks every file against the checksum the manifest pins.
    const std::shared_ptr<const resolve::FontSet> set = resolve::load_fonts(manifest);
    for (const resolve::FontFile& font : set->files())
        files.push_back({{"family", font.family},
                         {"style", font.slant == resolve::Slant::italic ? "italic" : "normal"},
                         {"weight", font.weight},
                         {"path", font.path},
                         {"sha256", font.sha256}});
    fonts["files"] = files;
    return fonts;
}

// Earlier releases' archives in the release folder go: one archive there,
// the one the manifest names.
void remove_other_archives(const fs::path& folder, const std::string& keep)
{
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name != keep && name.starts_with("leaflets-") && name.ends_with(".tar.gz")) fs::remove(entry.path(), error);
    }
}

}  // namespace

Released release(const Project& project, const ReleaseOptions& options, Diagnostics& diagnostics)
{
    const Version version = version_of(project.root);
    Diagnostics dates;  // build() gives the same warning, once
    const long long epoch = source_date_epoch(project.root, dates);
    Json fonts = fonts_json(project);

    const FreshFolder fresh(options.out);
    BuildOptions build_options;
    build_options.leaflets = options.leaflets;
    build_options.out = fresh.path().string();
    build_options.werror = options.werror;
    build_options.jobs = options.jobs;
    const std::vector<std::string> written = build(project, build_options, diagnostics);

    const std::string top = "leaflets-" + version.text;
    std::vector<Entry> entries;
    std::vector<Json> files;
    std::vector<Diagnostic> errors;
    for (const std::string& path : written) {
        const std::string relative = fs::path(path).lexically_relative(fresh.path()).generic_string();
        Entry entry{top + "/" + relative, io::read_file(path)};
        files.push_back(describe_file(relative, entry.path, entry.bytes, errors));
        entries.push_back(std::move(entry));
    }
    if (!errors.empty()) throw Error(ErrorKind::input, std::move(errors));
    std::sort(files.begin(), files.end(),
              [](const Json& a, const Json& b) { return a["path"].get<std::string>() < b["path"].get<std::string>(); });

    const std::string archive_name = top + ".tar.gz";
    const std::string archive = write_tar_gz(std::move(entries), epoch);
    Json manifest;
    manifest["version"] = version.text;
    manifest["version_source"] = version.source;
    manifest["source_commit"] = version.commit ? Json(*version.commit) : Json(nullptr);
    manifest["source_date_epoch"] = epoch;
    manifest["tool"] = {{"name", "leaflets"}, {"version", LEAFLETS_VERSION}};
    manifest["fonts"] = std::move(fonts);
    manifest["archive"] = {{"path", archive_name}, {"bytes", archive.size()}, {"sha256", io::sha256_hex(archive)}};
    manifest["files"] = files;

    const fs::path folder = fs::path(options.out) / "release";
    Released released;
    released.archive = (folder / archive_name).string();
    released.manifest = (folder / "manifest.json").string();
    released.version = version.text;
    released.files = files.size();
    // The archive first: a manifest never names an archive that is not there.
    io::write_file_atomically(released.archive, archive);
    io::write_file_atomically(released.manifest, manifest.dump(2) + "\n");
    remove_other_archives(folder, archive_name);
    return released;
}

}  // namespace leaflet::release
