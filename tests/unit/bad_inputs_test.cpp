// The diagnostics corpus, tests/bad/ (see its README.md): every case is run
// through `leaflets` in a project of its own and must give exactly its
// expected stderr and exit status, and leave every file that was in out/
// before byte for byte as it was, with nothing added. Each case is its own
// CTest (Corpus/BadInput.Case/<name>).
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <sched.h>
#include <sys/mount.h>

#include <gtest/gtest.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;

fs::path corpus() { return fs::path(source_dir()) / "tests/bad"; }

struct Case {
    std::string name;
    fs::path path;  // <name>.xml (a leaflet source) or the folder <name>/
    bool folder = false;
};

// GoogleTest names a failing case by this.
void PrintTo(const Case& item, std::ostream* out)
{
    *out << item.path;
}

std::vector<Case> cases()
{
    std::vector<Case> found;
    for (const auto& entry : fs::directory_iterator(corpus())) {
        const fs::path& path = entry.path();
        if (entry.is_directory() && fs::exists(path / "expected.err"))
            found.push_back({path.filename().string(), path, true});
        else if (path.extension() == ".xml" && fs::exists(fs::path(path).replace_extension(".err")))
            found.push_back({path.stem().string(), path, false});
    }
    std::sort(found.begin(), found.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
    return found;
}

// A folder case's `case` file: what to run and what to expect.
struct Spec {
    std::string run = "build --out out";
    int exit = 1;
    bool repository = false;  // project: repository (every source) rather than base
    int full_kib = 0;         // out: full <KiB> (a tmpfs that small on out/)
    // replace: <file> | <from> | <to>: an edit of a copied repository file.
    struct Edit {
        std::string file, from, to;
    };
    std::vector<Edit> edits;
};

std::vector<std::string> split_bars(const std::string& text)
{
    std::vector<std::string> parts;
    std::size_t at = 0;
    for (std::size_t bar; (bar = text.find(" | ", at)) != std::string::npos; at = bar + 3)
        parts.push_back(text.substr(at, bar - at));
    parts.push_back(text.substr(at));
    return parts;
}

Spec read_spec(const Case& item)
{
    Spec spec;
    if (!item.folder || !fs::exists(item.path / "case")) return spec;
    std::istringstream lines(read(item.path / "case"));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        const std::string key = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (key == "run") spec.run = value;
        else if (key == "exit") spec.exit = std::stoi(value);
        else if (key == "project") spec.repository = value == "repository";
        else if (key == "out" && value.rfind("full ", 0) == 0) spec.full_kib = std::stoi(value.substr(5));
        else if (key == "replace" && split_bars(value).size() == 3) {
            const auto parts = split_bars(value);
            spec.edits.push_back({parts[0], parts[1], parts[2]});
        }
        else ADD_FAILURE() << item.path / "case" << ": unknown line '" << line << "'";
    }
    return spec;
}

// The project a case runs in: the repository's styles, fonts, schemas,
// shared fragments and art (and, for `project: repository`, its sources), with the
// case's own files laid over them.
void make_project(const Case& item, const Spec& spec, const fs::path& project)
{
    const fs::path repository = source_dir();
    const auto recursive = fs::copy_options::recursive | fs::copy_options::copy_symlinks |
                           fs::copy_options::overwrite_existing;
    for (const char* part : {"styles", "fonts", "sources/schema", "sources/shared", "sources/art"})
        if (fs::exists(repository / part)) {
            fs::create_directories((project / part).parent_path());
            fs::copy(repository / part, project / part, recursive);
        }
    if (spec.repository)
        for (const auto& entry : fs::directory_iterator(repository / "sources"))
            if (entry.path().extension() == ".xml") fs::copy(entry.path(), project / "sources" / entry.path().filename());
    if (!item.folder) {
        fs::copy(item.path, project / "sources" / item.path.filename());
        return;
    }
    for (const auto& entry : fs::directory_iterator(item.path)) {
        const std::string name = entry.path().filename().string();
        if (name == "case" || name == "expected.err") continue;
        fs::copy(entry.path(), project / name, recursive);
    }
    for (const Spec::Edit& edit : spec.edits) replace_in_file(project / edit.file, edit.from, edit.to);
}

// Every regular file under `folder` (relative path -> bytes).
std::map<std::string, std::string> snapshot(const fs::path& folder)
{
    std::map<std::string, std::string> files;
    if (!fs::exists(folder)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (!entry.is_directory()) files[fs::relative(entry.path(), folder).string()] = read(entry.path());
    return files;
}

// What a previous, good build left in out/.
void seed_out(const fs::path& out)
{
    write(out / "print/general.pdf", "%PDF-1.4\n% the previous build of general\n");
    write(out / "print/previous.pdf", "%PDF-1.4\n% another leaflet\n");
    write(out / "layout/general.txt", "page 1\n");
}

// A tmpfs of `kib` KiB on `folder`, in a mount namespace of this process's
// own, so that writes there fail with ENOSPC as on a full disk.
bool mount_small_disk(const fs::path& folder, int kib, std::string& why)
{
    if (::unshare(CLONE_NEWNS) != 0) {
        why = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
        return false;
    }
    if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        why = std::string("making / private: ") + std::strerror(errno);
        return false;
    }
    const std::string options = "size=" + std::to_string(kib) + "k,mode=0755";
    if (::mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) != 0) {
        why = std::string("mount tmpfs: ") + std::strerror(errno);
        return false;
    }
    return true;
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, Case)
{
    const Case& item = GetParam();
    const Spec spec = read_spec(item);
    const fs::path project = scratch_dir() / "project";
    make_project(item, spec, project);
    const fs::path out = project / "out";
    fs::create_directories(out);
    if (spec.full_kib > 0) {
        std::string why;
        if (!mount_small_disk(out, spec.full_kib, why)) GTEST_SKIP() << "cannot simulate a full disk: " << why;
    }
    seed_out(out);
    const auto before = snapshot(out);

    const RunResult result = run_leaflets(spec.run, project);
    const fs::path expected_path = item.folder ? item.path / "expected.err" : fs::path(item.path).replace_extension(".err");
    // LEAFLET_UPDATE_GOLDENS=1 rewrites the expectations (review `git diff tests/bad`).
    const char* update = std::getenv("LEAFLET_UPDATE_GOLDENS");
    if (update && std::string(update) == "1") write(expected_path, result.err);
    const std::string expected = read(expected_path);
    EXPECT_EQ(result.err, expected) << "leaflets " << spec.run << " in " << project;
    EXPECT_EQ(result.status, spec.exit) << result.err;
    EXPECT_EQ(snapshot(out), before) << "out/ changed";

    if (spec.full_kib > 0) ::umount2(out.c_str(), MNT_DETACH);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info)
{
    std::string name = info.param.name;
    std::replace_if(name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(cases()), case_name);

// The corpus covers what the issue asks for, at least 30 cases.
TEST(BadInputCorpus, HasAtLeastThirtyCases)
{
    EXPECT_GE(cases().size(), 30u);
}

}  // namespace
}  // namespace leaflet::test
