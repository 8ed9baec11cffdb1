// build_time: how long the whole `leaflets build` takes, and where the time
// goes. Prints
//   - the median wall time and the peak RSS of the whole process for
//     `leaflets build --format print --variant none` (the five leaflets) and
//     for `--format print --variant all` (with every regional variant), over
//     RUNS runs each, with one job per core and with one job;
//   - the same for the whole default `leaflets build` (every leaflet,
//     variant and format), into a fresh folder and over its own output,
//     over RUNS / 2 runs (at least 3);
//   - per leaflet, the in-process time to lay it out and finish its print PDF;
//   - the time to hyphenate every word of every leaflet's text, patterns
//     loaded once.
//
//   build_time [REPOSITORY [RUNS]]     (run from anywhere; default RUNS 11)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hyphenate/hyphenate.hpp"
#include "job.hpp"
#include "load/load.hpp"

namespace {

using namespace leaflet;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Run {
    double milliseconds;
    long peak_kib;
};

// One `leaflets build` as its own process, as CI runs it.
Run run_build(const std::string& repository, const std::string& binary, const std::vector<std::string>& arguments)
{
    std::fflush(stdout);  // or the child's freopen would print our buffer again
    const auto start = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(repository.c_str()) != 0) _exit(127);
        std::vector<char*> argv{const_cast<char*>(binary.c_str())};
        for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        if (!freopen("/dev/null", "w", stdout)) _exit(127);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("leaflets build failed");
    return {since(start), usage.ru_maxrss};
}

void whole_process(const std::string& repository, const std::string& binary, int runs, const char* variants,
                   const char* jobs)
{
    const std::string out = (std::filesystem::temp_directory_path() / "leaflets-bench").string();
    std::vector<double> times;
    long peak = 0;
    for (int i = 0; i < runs; ++i) {
        const Run run = run_build(repository, binary,
                                  {"build", "--format", "print", "--variant", variants, "--jobs", jobs, "--out", out});
        times.push_back(run.milliseconds);
        peak = std::max(peak, run.peak_kib);
    }
    std::sort(times.begin(), times.end());
    fmt::print("leaflets build --format print --variant {:<4} --jobs {}  median {:7.1f} ms  min {:7.1f} ms  peak RSS "
               "{:5.1f} MiB  ({} runs)\n",
               variants, jobs, times[times.size() / 2], times.front(), peak / 1024.0, runs);
    std::filesystem::remove_all(out);
}

// The whole default `leaflets build` (every leaflet, variant and format,
// one job per core): into a fresh folder each time (as CI builds), and
// again over its own output (as a designer rebuilds: previews made from
// the same PDF are kept).
void default_build(const std::string& repository, const std::string& binary, int runs)
{
    const std::string out = (std::filesystem::temp_directory_path() / "leaflets-bench-all").string();
    for (const bool fresh : {true, false}) {
        std::filesystem::remove_all(out);
        if (!fresh) run_build(repository, binary, {"build", "--out", out});
        std::vector<double> times;
        long peak = 0;
        for (int i = 0; i < runs; ++i) {
            if (fresh) std::filesystem::remove_all(out);
            const Run run = run_build(repository, binary, {"build", "--out", out});
            times.push_back(run.milliseconds);
            peak = std::max(peak, run.peak_kib);
        }
        std::sort(times.begin(), times.end());
        fmt::print("leaflets build (everything), {:<22} median {:7.1f} ms  min {:7.1f} ms  peak RSS {:5.1f} MiB  ({} "
                   "runs)\n",
                   fresh ? "into a fresh folder" : "over its own output", times[times.size() / 2], times.front(),
                   peak / 1024.0, runs);
    }
    std::filesystem::remove_all(out);
}

}  // namespace

int main(int argc, char** argv)
{
    const std::string repository = argc > 1 ? argv[1] : LEAFLETS_SOURCE_DIR;
    const int runs = argc > 2 ? std::stoi(argv[2]) : 11;
    const std::string binary = std::filesystem::absolute(LEAFLETS_BINARY).string();

    // One job per core (the default), and one job for comparison.
    const std::string cores = std::to_string(std::max(1u, std::thread::hardware_concurrency()));
    for (const char* variants : {"none", "all"})
        for (const std::string& jobs : {cores, std::string("1")}) whole_process(repository, binary, runs, variants, jobs.c_str());
    default_build(repository, binary, std::max(3, runs / 2));

    Project project;
    project.root = repository;
    auto start = Clock::now();
    Diagnostics load_diagnostics;
    const Inputs inputs = load_inputs(project, load_diagnostics);
    fmt::print("\nin one process: styles, fonts, directory, variants loaded in {:.1f} ms\n", since(start));
    double total = 0;
    for (const std::string& id : project.leaflet_ids()) {
        Diagnostics diagnostics;
        start = Clock::now();
        make_leaflet(project, inputs, project.source(id), nullptr, diagnostics);
        const double milliseconds = since(start);
        total += milliseconds;
        fmt::print("  {:<10} {:6.1f} ms\n", id, milliseconds);
    }
    fmt::print("  {:<10} {:6.1f} ms\n", "total", total);

    // Hyphenation of every word of the five leaflets, cold cache then warm.
    std::vector<std::string> words;
    for (const std::string& id : project.leaflet_ids()) {
        const load::Document document =
            load::load(project.source(id), project.path(project.schema), inputs.regions, project.path(project.sources));
        std::function<void(const std::vector<load::Block>&)> visit = [&](const std::vector<load::Block>& blocks) {
            for (const load::Block& block : blocks) {
                visit(block.children);
                std::string text = load::plain_text(block.content);
                std::string word;
                for (char ch : text + " ") {
                    if (ch == ' ') {
                        if (!word.empty()) words.push_back(word);
                        word.clear();
                    } else {
                        word += ch;
                    }
                }
            }
        };
        for (const load::Panel& panel : document.panels) visit(panel.blocks);
    }
    hyphenate::Hyphenator hyphenator(hyphenate::installed_paths());
    for (int pass = 0; pass < 2; ++pass) {
        start = Clock::now();
        std::size_t breaks = 0;
        for (const std::string& word : words) breaks += hyphenator.breaks(word, "kk").size();
        fmt::print("hyphenation of {} words ({} breaks): {:.1f} ms{}\n", words.size(), breaks, since(start),
                   pass == 0 ? " (patterns loaded, cache cold)" : " (cache warm)");
    }
    return 0;
}
