// edit_to_preview: how long a designer waits, after saving a leaflet's
// source, for its new preview; the figure `leaflets watch` is held to
// (at most 300 ms). The inputs (style sheet, fonts, directory, variants)
// are loaded once, as a watching process keeps them; each run then reads
// the leaflet's source again, lays out and finishes its print PDF, and
// renders both sides (no former preview to keep; a side on each of two
// threads), then makes the screen PDF. Prints, per base leaflet, the median and the slowest of RUNS runs:
// source to print PDF, source to both previews, and the screen PDF after.
//
//   edit_to_preview [REPOSITORY [RUNS]]     (default RUNS 11)
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "job.hpp"
#include "preview/preview.hpp"

namespace {

using namespace leaflet;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> times)
{
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv)
{
    Project project;
    project.root = argc > 1 ? argv[1] : LEAFLETS_SOURCE_DIR;
    const int runs = argc > 2 ? std::stoi(argv[2]) : 11;

    auto start = Clock::now();
    Diagnostics load_diagnostics;
    const Inputs inputs = load_inputs(project, load_diagnostics);
    fmt::print("inputs loaded once in {:.1f} ms\n", since(start));
    // The first preview loads the Poppler module: once per process.
    preview::preview(make_leaflet(project, inputs, project.source(project.leaflet_ids().front()), nullptr,
                                  load_diagnostics)
                         .pdf,
                     150);

    fmt::print("{:<10} {:>24} {:>24} {:>24}\n", "leaflet", "save -> print PDF", "-> both previews",
               "then the screen PDF");
    preview::Options two_threads;
    two_threads.threads = 2;
    for (const std::string& id : project.leaflet_ids()) {
        std::vector<double> to_pdf, to_preview, to_screen;
        for (int i = 0; i < runs; ++i) {
            Diagnostics diagnostics;
            start = Clock::now();
            const Product product = make_leaflet(project, inputs, project.source(id), nullptr, diagnostics);
            to_pdf.push_back(since(start));
            const std::vector<std::string> pages = preview::preview(product.pdf, 150, two_threads);
            to_preview.push_back(since(start));
            start = Clock::now();
            make_screen_pdf(product);
            to_screen.push_back(since(start));
        }
        const auto figures = [](const std::vector<double>& times) {
            return fmt::format("median {:6.1f} ms max {:6.1f}", median(times),
                               *std::max_element(times.begin(), times.end()));
        };
        fmt::print("{:<10} {:>24} {:>24} {:>24}\n", id, figures(to_pdf), figures(to_preview), figures(to_screen));
    }
    return 0;
}
