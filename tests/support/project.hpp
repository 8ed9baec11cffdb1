// Paths and runs shared by the tests: the repository, the build folder,
// a scratch folder per test, and the leaflets binary.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "job.hpp"

namespace leaflet::test {

inline std::string source_dir() { return LEAFLETS_SOURCE_DIR; }
inline std::string binary_dir() { return LEAFLETS_BINARY_DIR; }
inline std::string golden_dir() { return source_dir() + "/tests/golden"; }

// The repository's regions file (sources/shared/regions.xml), loaded once.
inline const load::Regions& regions()
{
    static const load::Regions regions =
        load::load_regions(source_dir() + "/sources/shared/regions.xml", source_dir() + "/sources/schema/regions.rng");
    return regions;
}
inline std::string output_dir() { return binary_dir() + "/test-output"; }

// The repository as a Project (tests run with the repository as cwd, but
// say so explicitly).
inline Project repository()
{
    Project project;
    project.root = source_dir();
    return project;
}

// A fresh, empty folder for the current test under build/test-output/scratch.
inline std::filesystem::path scratch_dir()
{
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path path =
        std::filesystem::path(output_dir()) / "scratch" / (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
}

// A folder of this test process's own under build/test-output: CTest runs
// each test as a process, in parallel, so a suite's shared output must not
// be shared with the other processes.
inline std::filesystem::path process_dir(const std::string& name)
{
    const std::filesystem::path path =
        std::filesystem::path(output_dir()) / "process" / (name + "." + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
}

// A copy of the repository's inputs (sources, styles, fonts) in a scratch
// folder, for tests that break one of them.
inline Project copy_of_repository(const std::filesystem::path& folder)
{
    namespace fs = std::filesystem;
    for (const char* part : {"sources", "styles", "fonts"})
        fs::copy(fs::path(source_dir()) / part, folder / part, fs::copy_options::recursive);
    Project project;
    project.root = folder.string();
    return project;
}

inline std::string read(const std::filesystem::path& path)
{
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

inline void write(const std::filesystem::path& path, const std::string& text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The lines of `text`, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

// Replaces the first occurrence of `from` in the file; fails the test if absent.
inline void replace_in_file(const std::filesystem::path& path, const std::string& from, const std::string& to)
{
    std::string text = read(path);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << path;
    text.replace(at, from.size(), to);
    write(path, text);
}

// The screen PDF of a leaflet whose source is `xml` (written to a scratch
// folder), against the repository's styles, fonts and directory.
inline std::string screen_pdf_of(const std::string& xml)
{
    const auto folder = scratch_dir();
    write(folder / "t.xml", xml);
    const Project project = repository();
    Diagnostics diagnostics;
    return make_screen_pdf(
        make_leaflet(project, load_inputs(project, diagnostics), (folder / "t.xml").string(), nullptr, diagnostics));
}

// The first diagnostic `action` throws, with `folder` cut from its path;
// "no error" when it throws none.
template <typename Action>
std::string error_of(const std::filesystem::path& folder, Action action)
{
    try {
        action();
    } catch (const Error& error) {
        std::string text = format(error.diagnostics().front());
        const std::string prefix = folder.string() + "/";
        if (text.rfind(prefix, 0) == 0) text.erase(0, prefix.size());
        return text;
    }
    return "no error";
}

struct RunResult {
    int status = -1;
    std::string out, err;
};

// Runs build/leaflets with `arguments` in `cwd`; captures stdout and stderr.
RunResult run_leaflets(const std::string& arguments, const std::filesystem::path& cwd);
// The same for any program (`arguments` go through the shell).
RunResult run_program(const std::string& program, const std::string& arguments, const std::filesystem::path& cwd);

}  // namespace leaflet::test

namespace leaflet::test {

// Compares `actual` with the text golden tests/golden/<name>; with
// LEAFLET_UPDATE_GOLDENS=1 writes it instead. On a mismatch writes
// build/test-output/<name> and names the first differing line.
::testing::AssertionResult matches_text_golden(const std::string& actual, const std::string& name);

}  // namespace leaflet::test
