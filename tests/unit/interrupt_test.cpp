// An interrupted build (SIGINT, SIGTERM) leaves no partial file and no
// temporary one: every file in out/ is whole, whenever the signal comes.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

// Starts `leaflets build` in `folder`, signals it after `delay`; its status.
int interrupted_build(const std::filesystem::path& folder, int signal, std::chrono::milliseconds delay)
{
    const std::string binary = binary_dir() + "/leaflets";
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(folder.c_str()) != 0) _exit(127);
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
        execl(binary.c_str(), binary.c_str(), "build", "--format", "print", "--format", "preview", nullptr);
        _exit(127);
    }
    std::this_thread::sleep_for(delay);
    kill(pid, signal);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

TEST(Interrupt, LeavesOnlyWholeFiles)
{
    const auto folder = scratch_dir();
    copy_of_repository(folder);
    int interrupted = 0;
    // Signals at several moments: while laying out, while writing, after.
    for (int delay : {50, 300, 600, 900, 1200, 1500, 1800}) {
        for (int signal : {SIGINT, SIGTERM}) {
            const int status = interrupted_build(folder, signal, std::chrono::milliseconds(delay));
            interrupted += WIFSIGNALED(status) && WTERMSIG(status) == signal;
            if (!std::filesystem::exists(folder / "out")) continue;
            for (const auto& entry : std::filesystem::recursive_directory_iterator(folder / "out")) {
                const std::string name = entry.path().filename().string();
                EXPECT_NE(name.front(), '.') << "temporary file left: " << entry.path();
                if (entry.path().extension() == ".pdf") {
                    const std::string pdf = read(entry.path());
                    EXPECT_NE(pdf.find("%%EOF", pdf.size() - 8), std::string::npos) << "partial: " << entry.path();
                }
            }
        }
    }
    EXPECT_GT(interrupted, 0) << "no build was ever interrupted: the test proves nothing";
}

}  // namespace
}  // namespace leaflet::test
