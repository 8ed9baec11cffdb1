// release: every product, built afresh -> one reproducible archive and the
// manifest that describes it; verify: a manifest -> the archive beside it
// checked against it.
//
// In: the project, a checkout git can describe (the version, the commit;
// without a tag the version is "0.0.0-untagged+<commit>" and the manifest
// says so). Out: OUT/release/leaflets-<version>.tar.gz, holding every
// print and screen PDF and preview below leaflets-<version>/, and
// OUT/release/manifest.json: the version and where it came from, the
// source commit and date, the tool's version, the fonts' checksums, the
// archive's bytes and sha256, and per file its path in the archive, product
// (leaflet, variant, format), bytes, pages, sha256 and preflight result.
// The archive is reproducible: entries sorted, every time the source date
// (SOURCE_DATE_EPOCH or the commit's), owner and group 0 with empty names,
// mode 0644, no time in the gzip header; the same inputs give the same
// bytes.
// Never: ships a file it did not make in this run (the products are built
// into a new folder beside OUT, removed afterwards), nor a PDF that fails
// preflight; writes nothing unless every product succeeded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "job.hpp"

namespace leaflet::release {

struct ReleaseOptions {
    std::vector<std::string> leaflets;  // empty: every leaflet (in every variant and format)
    std::string out = "out";
    bool werror = false;
    unsigned jobs = 0;  // as BuildOptions::jobs
};

struct Released {
    std::string manifest;  // OUT/release/manifest.json
    std::string archive;   // OUT/release/leaflets-<version>.tar.gz
    std::string version;
    std::size_t files = 0;  // in the archive
};

// Throws leaflet::Error: the build's errors, preflight findings (input), or
// I/O failures.
Released release(const Project& project, const ReleaseOptions& options, Diagnostics& diagnostics);

// Checks the archive the manifest names, in the manifest's folder: every
// file present, its bytes and sha256 as listed, no other file; and the
// archive's own bytes and sha256. Throws leaflet::Error (input) with one
// diagnostic per mismatch, "<path>: error: ..."; (io) when the manifest or
// the archive cannot be read at all.
void verify(const std::string& manifest_path);

struct Version {
    std::string text;    // "1.2.0" (tag v1.2.0), "1.2.0-3-gabc1234", "0.0.0-untagged+abc1234"
    std::string source;  // how it was found: "git describe --tags", or why it fell back
    std::optional<std::string> commit;  // the full commit id, none outside a checkout
};

// The release's version: `git describe --tags` of the checkout `root` is
// in, a leading "v" dropped; without a tag (or a checkout) the fallback.
Version version_of(const std::string& root);

}  // namespace leaflet::release
