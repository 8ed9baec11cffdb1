#include "job.hpp"

#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "io/git.hpp"

namespace leaflet {

namespace {

// The committer time of the latest commit of the git checkout `root` is
// in. None when git is missing, `root` is no checkout, or it has no commit.
std::optional<long long> commit_time(const std::string& root)
{
    const std::optional<std::string> output = io::git_output(root, {"log", "-1", "--format=%ct"});
    if (!output) return std::nullopt;
    long long epoch = 0;
    const char* end = output->data() + output->size();
    const auto [stop, error] = std::from_chars(output->data(), end, epoch);
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
