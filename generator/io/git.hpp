// Running git: with an argument vector (posix_spawnp, never a shell), in
// the checkout `root` is in (`git -C root ...`), stdin from /dev/null and
// its error output discarded.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace leaflet::io {

// git's standard output, without its trailing newlines; none when git is
// missing or exits with a failure (no checkout, no commit, no tag).
std::optional<std::string> git_output(const std::string& root, const std::vector<std::string>& arguments);

}  // namespace leaflet::io
