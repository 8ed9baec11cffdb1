// watch: `leaflets watch`, rebuild on save and the live page.
//
// In: the project and the leaflets to watch (none: every leaflet). Out:
// first a build of every watched product, then, on each save below
// sources/ (fragments, variants and art included), styles/ or fonts/ (GIO
// file monitors, bursts of events taken as one save), builds of just the
// products the change touches (watch/plan.hpp), one product each, on
// worker threads: the product the page shows first, as its print PDF and
// previews, then the rest (Step). Written and reported as `build` does:
// "wrote PATH" lines, a line when the first previews are there and one
// per rebuild saying how long it took from the save on stdout,
// diagnostics through `print`. A product whose build fails writes
// nothing, so its last good output stays. The inputs stay loaded between
// builds (BuildCache). With `serve`: the live page (watch/page.hpp) on
// 127.0.0.1:`port` (0: a free one), announced as
// "serving http://127.0.0.1:PORT/", told after the first previews and
// after the rebuild.
// Never: returns before SIGINT or SIGTERM (then 0, after the builds under
// way); stops on a failed build.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "job.hpp"

namespace leaflet::watch {

constexpr int default_port = 8421;

struct WatchOptions {
    std::vector<std::string> leaflets;  // empty: every leaflet, also those added while watching
    std::string out = "out";
    unsigned jobs = 0;                  // as BuildOptions::jobs
    bool serve = false;
    int port = default_port;
};

// How a build's warnings and errors are shown (main's, as for `build`).
using Printer = std::function<void(const Diagnostics& diagnostics, const std::vector<Diagnostic>& errors)>;

// Throws leaflet::Error: usage (a leaflet named that does not exist), io
// (a folder that cannot be watched, a port that cannot be listened on).
int watch(const Project& project, const WatchOptions& options, const Printer& print);

}  // namespace leaflet::watch
