#include "job.hpp"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ;

namespace leaflet {

namespace {

// The committer time of the latest commit of the git checkout `root` is
// in: git run with an argument vector (no shell), its error output
// discarded. None when git is missing, `root` is no checkout, or it has no
// commit.
std::optional<long long> commit_time(const std::string& root)
{
    int pipe[2];
    if (::pipe2(pipe, O_CLOEXEC) != 0) return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> arguments{"git", "-C", root, "log", "-1", "--format=%ct"};
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t child = 0;
    const int spawned = posix_spawnp(&child, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe[1]);
    std::string output;
    char buffer[256];
    for (ssize_t got; spawned == 0 && (got = ::read(pipe[0], buffer, sizeof buffer)) != 0;) {
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) break;
        output.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(pipe[0]);
    if (spawned != 0) return std::nullopt;
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    long long epoch = 0;
    const char* end = output.data() + output.size();
    while (end > output.data() && (end[-1] == '\n' || end[-1] == '\r')) --end;
    const auto [stop, error] = std::from_chars(output.data(), end, epoch);
    if (error != std::errc() || stop != end || epoch < 0) return std::nullopt;
    return epoch;
}

}  // namespace

long long source_date_epoch(const std::string& root, Diagnostics& diagnostics)
{
    if (const char* value = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long epoch = std::strtoll(value, &end, 10);
        if (end != value && *end == '\0' && epoch >= 0) return epoch;
        fail({"SOURCE_DATE_EPOCH"}, fmt::format("'{}' is not a number of seconds", value));
    }
    if (const auto epoch = commit_time(root)) return *epoch;
    diagnostics.warn({"SOURCE_DATE_EPOCH"},
                     fmt::format("not set, and '{}' is not in a git checkout with a commit: every date in the PDFs "
                                 "is 1970-01-01 00:00:00 UTC",
                                 root));
    return 0;
}

}  // namespace leaflet
