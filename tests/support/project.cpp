#include "project.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>

#include <sys/wait.h>
#include <unistd.h>

namespace leaflet::test {

RunResult run_leaflets(const std::string& arguments, const std::filesystem::path& cwd)
{
    return run_program(binary_dir() + "/leaflets", arguments, cwd);
}

RunResult run_program(const std::string& program, const std::string& arguments, const std::filesystem::path& cwd)
{
    // Named for this process and call: tests that run at once in the same
    // folder (the repository) must not read or remove each other's.
    static std::atomic<int> calls{0};
    const std::string name = ".run." + std::to_string(::getpid()) + "." + std::to_string(calls++);
    const std::filesystem::path out = cwd / (name + ".out");
    const std::filesystem::path err = cwd / (name + ".err");
    const std::string command = "cd '" + cwd.string() + "' && '" + program + "' " + arguments + " >'" + out.string() +
                                "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    RunResult result;
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read(out);
    result.err = read(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return result;
}

}  // namespace leaflet::test

namespace leaflet::test {

::testing::AssertionResult matches_text_golden(const std::string& actual, const std::string& name)
{
    const std::filesystem::path golden = std::filesystem::path(golden_dir()) / name;
    const char* update = std::getenv("LEAFLET_UPDATE_GOLDENS");
    if (update && std::string(update) == "1") {
        write(golden, actual);
        return ::testing::AssertionSuccess() << "updated " << golden;
    }
    const std::string expected = std::filesystem::exists(golden) ? read(golden) : std::string();
    if (actual == expected) return ::testing::AssertionSuccess();
    const std::filesystem::path written = std::filesystem::path(output_dir()) / name;
    write(written, actual);
    std::size_t line = 1, at = 0;
    while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) {
        if (actual[at] == '\n') ++line;
        ++at;
    }
    return ::testing::AssertionFailure() << golden << " differs from the output at line " << line
                                         << "; actual written to " << written << " (diff -u the two)";
}

}  // namespace leaflet::test
