#include "release/release.hpp"

#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive.hpp"
#include "io/digest.hpp"
#include "io/files.hpp"

namespace leaflet::release {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

struct Listed {
    std::string path;
    long long bytes = 0;
    std::string sha256;
};

// The archive's and the files' records of a manifest; a manifest that is
// not JSON or lacks a field is an error at the manifest.
std::pair<Listed, std::vector<Listed>> read_manifest(const std::string& manifest_path)
{
    const std::string text = io::read_file(manifest_path);
    try {
        const Json manifest = Json::parse(text);
        const auto listed = [](const Json& record) {
            return Listed{record.at("path").get<std::string>(), record.at("bytes").get<long long>(),
                          record.at("sha256").get<std::string>()};
        };
        std::vector<Listed> files;
        for (const Json& file : manifest.at("files")) files.push_back(listed(file));
        return {listed(manifest.at("archive")), files};
    } catch (const Json::exception& error) {
        fail({manifest_path}, fmt::format("not a release manifest: {}", error.what()));
    }
}

// Mismatches of `bytes` against what `listed` says, at `where`.
void compare(const std::string& where, const std::string& bytes, const Listed& listed, std::vector<Diagnostic>& errors)
{
    if (static_cast<long long>(bytes.size()) != listed.bytes)
        errors.emplace_back(Severity::error, SourceLoc{where},
                            fmt::format("{} bytes, the manifest says {}", bytes.size(), listed.bytes));
    const std::string sha256 = io::sha256_hex(bytes);
    if (sha256 != listed.sha256)
        errors.emplace_back(Severity::error, SourceLoc{where},
                            fmt::format("sha256 {}, the manifest says {}", sha256, listed.sha256));
}

}  // namespace

void verify(const std::string& manifest_path)
{
    const auto [archive, files] = read_manifest(manifest_path);
    const std::string archive_path = (fs::path(manifest_path).parent_path() / archive.path).string();
    std::vector<Diagnostic> errors;
    compare(archive_path, io::read_file(archive_path), archive, errors);

    std::map<std::string, std::string> entries;  // path -> bytes
    try {
        for (Entry& entry : read_archive(archive_path)) {
            if (entries.count(entry.path))
                errors.emplace_back(Severity::error, SourceLoc{entry.path}, "twice in the archive");
            entries[entry.path] = std::move(entry.bytes);
        }
    } catch (const Error& error) {
        // A damaged archive: say so with the rest, and compare what was read.
        for (const Diagnostic& diagnostic : error.diagnostics())
            errors.emplace_back(Severity::error, diagnostic.loc, "cannot read the archive: " + diagnostic.message);
    }
    std::map<std::string, bool> in_manifest;
    for (const Listed& file : files) {
        in_manifest[file.path] = true;
        const auto found = entries.find(file.path);
        if (found == entries.end())
            errors.emplace_back(Severity::error, SourceLoc{file.path}, "in the manifest, missing from the archive");
        else
            compare(file.path, found->second, file, errors);
    }
    for (const auto& [path, bytes] : entries)
        if (!in_manifest.count(path))
            errors.emplace_back(Severity::error, SourceLoc{path}, "in the archive, not in the manifest");
    if (!errors.empty()) throw Error(ErrorKind::input, std::move(errors));
}

}  // namespace leaflet::release
