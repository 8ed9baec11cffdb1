// Proves `leaflets release` and `leaflets verify` (generator/release/):
// the manifest lists every file of the archive (read back with
// libarchive) with its true bytes, pages and sha256; a second release is
// byte for byte the first; a stale file in the old output never ships;
// verify passes a good release and names each changed, missing or extra
// file; without a tag the version falls back and says so.
//
// To stay fast the releases here are of one leaflet, `general` (no variant
// applies to it): its print and screen PDFs and two previews.
#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nettle/sha2.h>
#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>

#include "project.hpp"
#include "release/release.hpp"

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string sha256(const std::string& bytes)
{
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
    std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&context, digest.size(), digest.data());
    std::string hex;
    for (const uint8_t byte : digest) hex += fmt::format("{:02x}", byte);
    return hex;
}

struct Member {
    std::string bytes;
    int mode = 0;
    long long uid = -1, gid = -1, mtime = -1;
    std::string uname, gname;
};

// The archive as libarchive reads it: path -> member, and the paths in archive order.
std::pair<std::map<std::string, Member>, std::vector<std::string>> read_members(const fs::path& path)
{
    std::map<std::string, Member> members;
    std::vector<std::string> order;
    archive* reader = archive_read_new();
    archive_read_support_filter_all(reader);
    archive_read_support_format_all(reader);
    EXPECT_EQ(archive_read_open_filename(reader, path.c_str(), 65536), ARCHIVE_OK) << archive_error_string(reader);
    archive_entry* entry = nullptr;
    while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
        Member member;
        member.mode = static_cast<int>(archive_entry_mode(entry));
        member.uid = archive_entry_uid(entry);
        member.gid = archive_entry_gid(entry);
        member.mtime = archive_entry_mtime(entry);
        member.uname = archive_entry_uname(entry) ? archive_entry_uname(entry) : "";
        member.gname = archive_entry_gname(entry) ? archive_entry_gname(entry) : "";
        char buffer[65536];
        for (la_ssize_t got; (got = archive_read_data(reader, buffer, sizeof buffer)) > 0;)
            member.bytes.append(buffer, static_cast<std::size_t>(got));
        order.push_back(archive_entry_pathname(entry));
        members[order.back()] = std::move(member);
    }
    archive_read_free(reader);
    return {members, order};
}

// Writes `members` as a .tar.gz, as a tampered archive would be.
void write_members(const fs::path& path, const std::map<std::string, Member>& members)
{
    archive* writer = archive_write_new();
    archive_write_set_format_pax_restricted(writer);
    archive_write_add_filter_gzip(writer);
    ASSERT_EQ(archive_write_open_filename(writer, path.c_str()), ARCHIVE_OK);
    for (const auto& [name, member] : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(member.bytes.size()));
        archive_write_header(writer, entry);
        archive_write_data(writer, member.bytes.data(), member.bytes.size());
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
}

int pages_of(const std::string& pdf)
{
    QPDF document;
    document.processMemoryFile("pdf", pdf.data(), pdf.size());
    return static_cast<int>(document.getAllPages().size());
}

// A copy of the repository in its own git checkout (the enclosing one is
// out of reach: GIT_CEILING_DIRECTORIES), with one commit and no tag;
// SOURCE_DATE_EPOCH set (here, not by CTest: its ENVIRONMENT property
// reaches the tests with LC_ALL only).
fs::path checkout_copy(const fs::path& folder)
{
    fs::create_directories(folder);
    copy_of_repository(folder);
    ::setenv("GIT_CEILING_DIRECTORIES", folder.parent_path().c_str(), 1);
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    const std::string commit = "cd '" + folder.string() +
                               "' && git init -q && git add -A && git -c user.name=t -c user.email=t@example.org "
                               "commit -q -m release";
    EXPECT_EQ(std::system(commit.c_str()), 0);
    return folder;
}

std::string git_head(const fs::path& folder)
{
    const RunResult head = run_program("git", "rev-parse HEAD", folder);
    return head.out.substr(0, head.out.find('\n'));
}

release::Released release_general(const fs::path& folder, const fs::path& out)
{
    Project project;
    project.root = folder.string();
    release::ReleaseOptions options;
    options.leaflets = {"general"};
    options.out = out.string();
    options.werror = true;
    Diagnostics diagnostics;
    return release::release(project, options, diagnostics);
}

TEST(Release, TheManifestListsEveryFileOfTheArchiveWithItsBytesPagesAndSha256)
{
    const fs::path folder = checkout_copy(scratch_dir() / "project");
    const std::string commit = git_head(folder);
    ASSERT_EQ(commit.size(), 40u);
    const release::Released released = release_general(folder, folder / "out");

    // No tag: the fallback version, and the manifest says so.
    const std::string version = "0.0.0-untagged+" + commit.substr(0, 12);
    EXPECT_EQ(released.version, version);
    EXPECT_EQ(released.archive, (folder / "out/release" / ("leaflets-" + version + ".tar.gz")).string());
    const Json manifest = Json::parse(read(released.manifest));
    EXPECT_EQ(manifest["version"], version);
    EXPECT_EQ(manifest["version_source"], "fallback: git describe --tags found no tag");
    EXPECT_EQ(manifest["source_commit"], commit);
    EXPECT_EQ(manifest["source_date_epoch"], 1700000000);  // SOURCE_DATE_EPOCH
    EXPECT_EQ(manifest["tool"]["name"], "leaflets");
    EXPECT_EQ(manifest["tool"]["version"], LEAFLETS_VERSION);
    // The fonts as fonts/manifest.xml pins them.
    const std::string fonts = read(folder / "fonts/manifest.xml");
    EXPECT_EQ(manifest["fonts"]["manifest_sha256"], sha256(fonts));
    ASSERT_EQ(manifest["fonts"]["files"].size(), 4u);
    for (const Json& font : manifest["fonts"]["files"]) {
        EXPECT_EQ(font["family"], "PT Sans");
        EXPECT_NE(fonts.find("sha256=\"" + font["sha256"].get<std::string>() + "\""), std::string::npos) << font;
        EXPECT_EQ(font["sha256"], sha256(read(font["path"].get<std::string>())));
    }
    const std::string archive = read(released.archive);
    EXPECT_EQ(manifest["archive"]["path"], "leaflets-" + version + ".tar.gz");
    EXPECT_EQ(manifest["archive"]["bytes"], archive.size());
    EXPECT_EQ(manifest["archive"]["sha256"], sha256(archive));
    // Only the manifest and the archive in out/release/.
    EXPECT_EQ(std::distance(fs::directory_iterator(folder / "out/release"), fs::directory_iterator()), 2);

    const auto [members, order] = read_members(released.archive);
    const std::string top = "leaflets-" + version + "/";
    const std::vector<std::string> expected{top + "preview/general-inside.png", top + "preview/general-outside.png",
                                            top + "print/general.pdf", top + "screen/general.pdf"};
    EXPECT_EQ(order, expected);  // sorted, nothing else
    ASSERT_EQ(manifest["files"].size(), members.size());
    EXPECT_EQ(released.files, members.size());
    for (const Json& file : manifest["files"]) {
        const std::string path = file["path"];
        ASSERT_TRUE(members.count(path)) << path;
        const Member& member = members.at(path);
        EXPECT_EQ(file["bytes"], member.bytes.size()) << path;
        EXPECT_EQ(file["sha256"], sha256(member.bytes)) << path;
        EXPECT_EQ(file["product"]["leaflet"], "general") << path;
        EXPECT_TRUE(file["product"]["variant"].is_null()) << path;
        // Fixed modes, owners and times.
        EXPECT_EQ(member.mode, AE_IFREG | 0644) << path;
        EXPECT_EQ(member.uid, 0) << path;
        EXPECT_EQ(member.gid, 0) << path;
        EXPECT_EQ(member.uname, "") << path;
        EXPECT_EQ(member.gname, "") << path;
        EXPECT_EQ(member.mtime, 1700000000) << path;
        if (path.ends_with(".pdf")) {
            EXPECT_EQ(file["pages"], pages_of(member.bytes)) << path;
            EXPECT_EQ(file["preflight"]["passed"], true) << path;
            EXPECT_EQ(file["preflight"]["findings"], Json::array()) << path;
        } else {
            EXPECT_EQ(file["pages"], 1) << path;
            EXPECT_TRUE(file["preflight"].is_null()) << path;
            EXPECT_EQ(member.bytes.substr(1, 3), "PNG") << path;
        }
    }
    const auto format_of = [&](std::size_t i) { return manifest["files"][i]["product"]["format"]; };
    EXPECT_EQ(format_of(0), "preview");
    EXPECT_EQ(manifest["files"][0]["product"]["side"], "inside");
    EXPECT_EQ(format_of(2), "print");
    EXPECT_EQ(manifest["files"][2]["pages"], 2);  // outside and inside
    EXPECT_EQ(manifest["files"][2]["preflight"]["kind"], "print");
    EXPECT_EQ(format_of(3), "screen");
    EXPECT_EQ(manifest["files"][3]["pages"], 6);  // one panel a page
    EXPECT_EQ(manifest["files"][3]["preflight"]["kind"], "screen");
    // Nothing left of the folder the products were built in.
    for (const fs::directory_entry& entry : fs::directory_iterator(folder))
        EXPECT_EQ(entry.path().filename().string().rfind(".leaflets-release-", 0), std::string::npos) << entry.path();
}

TEST(Release, ASecondReleaseIsByteIdentical)
{
    const fs::path folder = checkout_copy(scratch_dir() / "project");
    const release::Released first = release_general(folder, folder / "first");
    // A second later: a time of writing anywhere (gzip's header) would show.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const release::Released second = release_general(folder, folder / "second");
    EXPECT_EQ(sha256(read(first.archive)), sha256(read(second.archive)));
    EXPECT_EQ(read(first.manifest), read(second.manifest));
    EXPECT_TRUE(read(first.archive) == read(second.archive));
}

TEST(Release, AStaleFileInTheOldOutputDoesNotShip)
{
    const fs::path folder = checkout_copy(scratch_dir() / "project");
    // What a variant deleted since the last build, or an older release, left behind.
    write(folder / "out/print/general.deleted.pdf", "%PDF-1.3 stale\n");
    write(folder / "out/screen/general.deleted.pdf", "%PDF-1.3 stale\n");
    write(folder / "out/preview/general.deleted-outside.png", "stale");
    write(folder / "out/release/leaflets-0.0.1.tar.gz", "an older release");
    const release::Released released = release_general(folder, folder / "out");
    const auto [members, order] = read_members(released.archive);
    EXPECT_EQ(members.size(), 4u);
    for (const std::string& path : order) EXPECT_EQ(path.find("deleted"), std::string::npos) << path;
    EXPECT_EQ(read(released.manifest).find("deleted"), std::string::npos);
    EXPECT_FALSE(fs::exists(folder / "out/release/leaflets-0.0.1.tar.gz"));
    EXPECT_TRUE(fs::exists(folder / "out/print/general.deleted.pdf"));  // out/ itself is not the release's
}

TEST(Verify, PassesAGoodReleaseAndNamesEveryChangedMissingOrExtraFile)
{
    const fs::path folder = checkout_copy(scratch_dir() / "project");
    const RunResult made = run_leaflets("release general --out out", folder);
    ASSERT_EQ(made.status, 0) << made.err;
    const std::string version = "0.0.0-untagged+" + git_head(folder).substr(0, 12);
    const std::string archive_name = "out/release/leaflets-" + version + ".tar.gz";
    EXPECT_EQ(made.out, "wrote " + archive_name + " (4 files)\nwrote out/release/manifest.json\n");
    const RunResult good = run_leaflets("verify out/release/manifest.json", folder);
    EXPECT_EQ(good.status, 0) << good.err;
    EXPECT_EQ(good.out, "out/release/manifest.json: verified\n");
    EXPECT_EQ(good.err, "");

    const fs::path archive = folder / archive_name;
    const std::string original = read(archive);
    const std::string listed = sha256(original);

    // One byte changed in the archive file (in the gzip stream's middle).
    std::string changed = original;
    changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x01);
    write(archive, changed);
    const RunResult flipped = run_leaflets("verify out/release/manifest.json", folder);
    EXPECT_EQ(flipped.status, 1);
    EXPECT_EQ(flipped.err.substr(0, flipped.err.find('\n') + 1),
              archive_name + ": error: sha256 " + sha256(changed) + ", the manifest says " + listed + "\n")
        << flipped.err;

    // One byte changed in a member, one member missing, one extra.
    write(archive, original);
    auto [members, order] = read_members(archive);
    const std::string top = "leaflets-" + version + "/";
    Member& pdf = members[top + "print/general.pdf"];
    const std::string pdf_sha = sha256(pdf.bytes);
    pdf.bytes[pdf.bytes.size() / 2] = static_cast<char>(pdf.bytes[pdf.bytes.size() / 2] ^ 0x01);
    const std::string changed_sha = sha256(pdf.bytes);
    members.erase(top + "screen/general.pdf");
    members[top + "print/extra.pdf"].bytes = "%PDF-1.3\n";
    write_members(archive, members);
    const std::string tampered = read(archive);
    const RunResult bad = run_leaflets("verify out/release/manifest.json", folder);
    EXPECT_EQ(bad.status, 1);
    std::string expected;
    if (tampered.size() != original.size())
        expected += fmt::format("{}: error: {} bytes, the manifest says {}\n", archive_name, tampered.size(),
                                original.size());
    expected += fmt::format("{}: error: sha256 {}, the manifest says {}\n", archive_name, sha256(tampered), listed);
    expected += top + "print/general.pdf: error: sha256 " + changed_sha + ", the manifest says " + pdf_sha + "\n";
    expected += top + "screen/general.pdf: error: in the manifest, missing from the archive\n";
    expected += top + "print/extra.pdf: error: in the archive, not in the manifest\n";
    EXPECT_EQ(bad.err, expected);
    EXPECT_EQ(bad.out, "");
}

TEST(ReleaseVersion, WithoutATagTheVersionFallsBackAndSaysSo)
{
    const fs::path folder = scratch_dir();
    ::setenv("GIT_CEILING_DIRECTORIES", folder.parent_path().c_str(), 1);
    // Not a checkout at all.
    release::Version version = release::version_of(folder.string());
    EXPECT_EQ(version.text, "0.0.0-untagged");
    EXPECT_EQ(version.source, "fallback: not a git checkout with a commit");
    EXPECT_FALSE(version.commit);

    const std::string git = "cd '" + folder.string() + "' && git -c user.name=t -c user.email=t@example.org ";
    ASSERT_EQ(std::system(("cd '" + folder.string() + "' && git init -q").c_str()), 0);
    ASSERT_EQ(std::system((git + "commit -q --allow-empty -m one").c_str()), 0);
    const std::string commit = git_head(folder);
    version = release::version_of(folder.string());
    EXPECT_EQ(version.text, "0.0.0-untagged+" + commit.substr(0, 12));
    EXPECT_EQ(version.source, "fallback: git describe --tags found no tag");
    EXPECT_EQ(version.commit, commit);

    // A version tag: its version, without the v; a commit after it, git's description.
    ASSERT_EQ(std::system((git + "tag -a v1.2.0 -m v1.2.0").c_str()), 0);
    version = release::version_of(folder.string());
    EXPECT_EQ(version.text, "1.2.0");
    EXPECT_EQ(version.source, "git describe --tags");
    ASSERT_EQ(std::system((git + "commit -q --allow-empty -m two").c_str()), 0);
    version = release::version_of(folder.string());
    EXPECT_EQ(version.text, "1.2.0-1-g" + git_head(folder).substr(0, 7));
}

}  // namespace
}  // namespace leaflet::test
