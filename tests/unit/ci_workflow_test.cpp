// Proves the CI workflow (.github/workflows/ci.yml, read with yaml-cpp)
// runs the suite on every push in Debian 12 and, on a version tag, makes
// the release and attaches its archive and manifest to the GitHub release.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

YAML::Node workflow() { return YAML::LoadFile(source_dir() + "/.github/workflows/ci.yml"); }

// A scalar or a sequence of scalars, as a list.
std::vector<std::string> strings(const YAML::Node& node)
{
    if (!node) return {};
    if (node.IsScalar()) return {node.as<std::string>()};
    std::vector<std::string> out;
    for (const YAML::Node& item : node) out.push_back(item.as<std::string>());
    return out;
}

// Every `run:` command of a job's steps, one string.
std::string commands_of(const YAML::Node& job)
{
    std::string out;
    for (const YAML::Node& step : job["steps"])
        if (step["run"]) out += step["run"].as<std::string>() + "\n";
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(CiWorkflow, RunsTheSuiteOnEveryPushInDebian12AsRoot)
{
    const YAML::Node ci = workflow();
    // `on` is a plain key for yaml-cpp (a YAML 1.1 reader would make it true).
    const YAML::Node push = ci["on"]["push"];
    ASSERT_TRUE(push) << "no push trigger";
    // Branch pushes: every branch, or no filter at all.
    const std::vector<std::string> branches = strings(push["branches"]);
    EXPECT_TRUE(contains(branches, "**") || (!push["branches"] && !push["tags"])) << "not every branch";
    EXPECT_TRUE(contains(strings(push["tags"]), "v*")) << "no trigger on version tags";

    const YAML::Node test = ci["jobs"]["test"];
    ASSERT_TRUE(test) << "no job 'test'";
    EXPECT_FALSE(test["if"]) << "the suite runs on every push";
    const YAML::Node container = test["container"];
    ASSERT_TRUE(container);
    EXPECT_EQ(container.IsScalar() ? container.as<std::string>() : container["image"].as<std::string>(), "debian:12");
    // Root is the container's default user; nothing may change it.
    EXPECT_FALSE(container.IsMap() && container["options"] &&
                 container["options"].as<std::string>().find("--user") != std::string::npos);
    EXPECT_NE(commands_of(test).find(".ci/run"), std::string::npos);
}

TEST(CiWorkflow, OnAVersionTagReleasesAndUploadsTheArchiveAndTheManifest)
{
    const YAML::Node ci = workflow();
    const YAML::Node release = ci["jobs"]["release"];
    ASSERT_TRUE(release) << "no job 'release'";
    ASSERT_TRUE(release["if"]);
    EXPECT_NE(release["if"].as<std::string>().find("refs/tags/v"), std::string::npos);
    EXPECT_TRUE(contains(strings(release["needs"]), "test")) << "a release only after the suite passed";
    EXPECT_EQ(release["container"].as<std::string>(), "debian:12");
    EXPECT_EQ(release["permissions"]["contents"].as<std::string>(), "write");
    EXPECT_NE(commands_of(release).find("make release"), std::string::npos);

    // The upload step names both files, by softprops/action-gh-release or gh.
    std::string uploaded;
    for (const YAML::Node& step : release["steps"]) {
        if (step["uses"] && step["uses"].as<std::string>().rfind("softprops/action-gh-release@", 0) == 0)
            uploaded += step["with"]["files"].as<std::string>();
        if (step["run"] && step["run"].as<std::string>().find("gh release upload") != std::string::npos)
            uploaded += step["run"].as<std::string>();
    }
    EXPECT_NE(uploaded.find("out/release/leaflets-*.tar.gz"), std::string::npos) << uploaded;
    EXPECT_NE(uploaded.find("out/release/manifest.json"), std::string::npos) << uploaded;
}

TEST(CiWorkflow, ChecksOutTheHistoryThatTheVersionComesFrom)
{
    // git describe --tags (the version) and the commit time (the dates)
    // need the tags and the history: a full clone, git installed first.
    const YAML::Node ci = workflow();
    for (const char* name : {"test", "release"}) {
        const YAML::Node steps = ci["jobs"][name]["steps"];
        bool git_installed = false, checked_out = false;
        for (const YAML::Node& step : steps) {
            if (step["run"] && step["run"].as<std::string>().find("install") != std::string::npos &&
                step["run"].as<std::string>().find(" git") != std::string::npos)
                git_installed = true;
            if (step["uses"] && step["uses"].as<std::string>().rfind("actions/checkout@", 0) == 0) {
                EXPECT_TRUE(git_installed) << name << ": git is installed after the checkout";
                EXPECT_EQ(step["with"]["fetch-depth"].as<int>(), 0) << name;
                checked_out = true;
            }
        }
        EXPECT_TRUE(checked_out) << name;
    }
}

}  // namespace
}  // namespace leaflet::test
