#include "release/release.hpp"

#include "io/git.hpp"

namespace leaflet::release {

namespace {

// "v1.2.0" -> "1.2.0": tags are named v<version>; the file names say the
// version only.
std::string without_v(const std::string& tag)
{
    if (tag.size() > 1 && tag[0] == 'v' && tag[1] >= '0' && tag[1] <= '9') return tag.substr(1);
    return tag;
}

}  // namespace

Version version_of(const std::string& root)
{
    Version version;
    version.commit = io::git_output(root, {"rev-parse", "--verify", "HEAD^{commit}"});
    if (const auto described = io::git_output(root, {"describe", "--tags"}); described && !described->empty()) {
        version.text = without_v(*described);
        version.source = "git describe --tags";
        return version;
    }
    if (version.commit) {
        version.text = "0.0.0-untagged+" + version.commit->substr(0, 12);
        version.source = "fallback: git describe --tags found no tag";
    } else {
        version.text = "0.0.0-untagged";
        version.source = "fallback: not a git checkout with a commit";
    }
    return version;
}

}  // namespace leaflet::release
