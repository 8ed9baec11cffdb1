// watch_save: what a designer waits for under `leaflets watch`, from the
// moment an editor saves a leaflet's source to its new previews on disk;
// the figure watch is held to (at most 300 ms). It copies the repository's
// sources, styles and fonts manifest into a scratch folder, starts
// `leaflets watch` there on every leaflet, waits for its first build, and
// then, RUNS times per leaflet, saves the source as editors do (a
// temporary file renamed over it) with one word added to, or taken away
// from, its first paragraph, and watches the output folder. Prints, per
// leaflet, the median and the slowest of: save -> both previews of the
// base leaflet written, and save -> the whole rebuild done (screen PDF,
// every variant), as watch reports it.
//
//   watch_save [REPOSITORY [RUNS]]     (default RUNS 9)
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// As an editor saves: the new bytes in a temporary file, renamed over the old.
void save(const fs::path& path, const std::string& bytes)
{
    const fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".swp");
    std::ofstream(temporary, std::ios::binary) << bytes;
    fs::rename(temporary, path);
}

// The file's modification time in nanoseconds, 0 if it is absent.
long long mtime(const fs::path& path)
{
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return 0;
    return status.st_mtim.tv_sec * 1'000'000'000LL + status.st_mtim.tv_nsec;
}

int count_of(const std::string& text, const std::string& prefix)
{
    int count = 0;
    for (std::size_t at = 0; (at = text.find("\n" + prefix, at)) != std::string::npos; ++at) ++count;
    return count;
}

// The rebuilds watch has reported, good or not.
int rebuilds(const std::string& log)
{
    return count_of(log, "rebuilt ") + count_of(log, "not rebuilt");
}

// Polls every millisecond until `done` holds; false after 60 s.
template <typename Done>
bool wait_until(Done done)
{
    const auto give_up = Clock::now() + std::chrono::seconds(60);
    while (!done()) {
        if (Clock::now() > give_up) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

double median(std::vector<double> times)
{
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv)
{
    const fs::path repository = argc > 1 ? argv[1] : LEAFLETS_SOURCE_DIR;
    const int runs = argc > 2 ? std::stoi(argv[2]) : 9;
    const fs::path folder = fs::temp_directory_path() / fmt::format("leaflets-watch-bench-{}", ::getpid());
    fs::remove_all(folder);
    fs::create_directories(folder / "fonts");
    fs::copy(repository / "sources", folder / "sources", fs::copy_options::recursive);
    fs::copy(repository / "styles", folder / "styles", fs::copy_options::recursive);
    fs::copy(repository / "fonts/manifest.xml", folder / "fonts/manifest.xml");
    const fs::path out = folder / "out", log = folder / "watch.out";

    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        if (::chdir(folder.c_str()) != 0) _exit(127);
        ::setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
        if (!std::freopen(log.c_str(), "w", stdout) || !std::freopen("/dev/null", "w", stderr)) _exit(127);
        ::execl(LEAFLETS_BINARY, LEAFLETS_BINARY, "watch", "--out", out.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    if (!wait_until([&] { return read(log).find("\nwatching ") != std::string::npos; })) {
        std::fprintf(stderr, "watch_save: leaflets watch did not start:\n%s", read(log).c_str());
        ::kill(pid, SIGKILL);
        return 1;
    }
    fmt::print("leaflets watch, every leaflet: {}", read(log).substr(read(log).rfind("\nrebuilt ") + 1));
    fmt::print("{:<10} {:>32} {:>32}\n", "leaflet", "save -> both previews written", "save -> whole rebuild done");

    std::vector<std::string> leaflets;
    for (const auto& entry : fs::directory_iterator(folder / "sources"))
        if (entry.path().extension() == ".xml") leaflets.push_back(entry.path().stem().string());
    std::sort(leaflets.begin(), leaflets.end());
    bool failed = false;
    for (const std::string& id : leaflets) {
        const fs::path source = folder / "sources" / (id + ".xml");
        const std::string original = read(source);
        const std::size_t end_of_paragraph = original.find("</p>");
        if (end_of_paragraph == std::string::npos) continue;
        const std::string edited = original.substr(0, end_of_paragraph) + " және" + original.substr(end_of_paragraph);
        std::vector<double> to_previews, to_rebuilt;
        for (int run = 0; run < runs; ++run) {
            const fs::path outside = out / "preview" / (id + "-outside.png"), inside = out / "preview" / (id + "-inside.png");
            const long long outside_was = mtime(outside), inside_was = mtime(inside);
            const int rebuilds_were = rebuilds(read(log));
            const auto saved = Clock::now();
            save(source, run % 2 == 0 ? edited : original);
            failed |= !wait_until([&] { return mtime(outside) != outside_was && mtime(inside) != inside_was; });
            to_previews.push_back(std::chrono::duration<double, std::milli>(Clock::now() - saved).count());
            failed |= !wait_until([&] { return rebuilds(read(log)) > rebuilds_were; });
            to_rebuilt.push_back(std::chrono::duration<double, std::milli>(Clock::now() - saved).count());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a designer looks before saving again
        }
        const int rebuilds_were = rebuilds(read(log));
        save(source, original);
        wait_until([&] { return rebuilds(read(log)) > rebuilds_were; });
        const auto figures = [](const std::vector<double>& times) {
            return fmt::format("median {:6.1f} ms  max {:6.1f}", median(times),
                               *std::max_element(times.begin(), times.end()));
        };
        fmt::print("{:<10} {:>32} {:>32}\n", id, figures(to_previews), figures(to_rebuilt));
    }
    // A save while another leaflet's variants are being rebuilt: the
    // shown product waits for the steps under way, not for the rest.
    if (std::find(leaflets.begin(), leaflets.end(), "contacts") != leaflets.end() &&
        std::find(leaflets.begin(), leaflets.end(), "general") != leaflets.end()) {
        const fs::path contacts = folder / "sources/contacts.xml", general = folder / "sources/general.xml";
        const std::string contacts_was = read(contacts), general_was = read(general);
        std::vector<double> to_previews;
        for (int run = 0; run < runs; ++run) {
            const int rebuilds_were = rebuilds(read(log));
            const std::size_t end_of_paragraph = general_was.find("</p>");
            const std::string edited = run % 2 == 1 ? general_was
                                                    : general_was.substr(0, end_of_paragraph) + " және" +
                                                          general_was.substr(end_of_paragraph);
            save(contacts, run % 2 == 0 ? contacts_was + "\n<!-- -->\n" : contacts_was);
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            const fs::path outside = out / "preview/general-outside.png", inside = out / "preview/general-inside.png";
            const long long outside_was = mtime(outside), inside_was = mtime(inside);
            const auto saved = Clock::now();
            save(general, edited);
            failed |= !wait_until([&] { return mtime(outside) != outside_was && mtime(inside) != inside_was; });
            to_previews.push_back(std::chrono::duration<double, std::milli>(Clock::now() - saved).count());
            failed |= !wait_until([&] { return rebuilds(read(log)) > rebuilds_were; });
        }
        fmt::print("{:<10} {:>32}   (saved 400 ms into a rebuild of contacts and its variants)\n", "general",
                   fmt::format("median {:6.1f} ms  max {:6.1f}", median(to_previews),
                               *std::max_element(to_previews.begin(), to_previews.end())));
    }
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    fs::remove_all(folder);
    return failed ? 1 : 0;
}
