// The leaflets binary finds its own files (the generated Kazakh
// hyphenation patterns, the Poppler preview module) from where it is, not by
// paths compiled in: an installed tree and a copied build folder work
// wherever they are (io/resources.hpp).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "project.hpp"

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;

// `binary` hyphenates (the patterns) and previews (the module) in a copy
// of the repository's inputs.
void expect_working(const fs::path& binary, const fs::path& folder)
{
    const RunResult hyphenated = run_program(binary.string(), "hyphenate республика", folder);
    EXPECT_EQ(hyphenated.status, 0) << hyphenated.err;
    EXPECT_EQ(hyphenated.out, "рес-пуб-лика\n");
    const fs::path repository = folder / "repository";
    fs::create_directories(repository);
    copy_of_repository(repository);
    const RunResult built =
        run_program(binary.string(), "build general --variant none --format preview --out out", repository);
    EXPECT_EQ(built.status, 0) << built.err;
    const std::string png = read(repository / "out/preview/general-outside.png");
    EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
}

TEST(Install, CmakeInstallGivesAWorkingLeaflets)
{
    const fs::path folder = scratch_dir();
    const fs::path prefix = folder / "prefix";
    const std::string command = std::string("'") + LEAFLETS_CMAKE_COMMAND + "' --install '" + binary_dir() +
                                "' --prefix '" + prefix.string() + "' >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    EXPECT_TRUE(fs::exists(prefix / "share/leaflets/hyph_kk_KZ.dic"));
    EXPECT_TRUE(fs::exists(prefix / "lib/leaflets/preview.so"));
    expect_working(prefix / "bin/leaflets", folder);
}

TEST(Install, ACopiedBuildFolderStillWorks)
{
    // What the binary needs of the build folder: itself, share/ and lib/.
    const fs::path folder = scratch_dir();
    const fs::path copy = folder / "elsewhere";
    fs::create_directories(copy);
    fs::copy_file(binary_dir() + "/leaflets", copy / "leaflets");
    for (const char* part : {"share", "lib"})
        fs::copy(fs::path(binary_dir()) / part, copy / part, fs::copy_options::recursive);
    expect_working(copy / "leaflets", folder);
    // Without its patterns it says where it looked.
    fs::remove_all(copy / "share");
    const RunResult missing = run_program((copy / "leaflets").string(), "hyphenate республика", folder);
    EXPECT_EQ(missing.status, 3);
    EXPECT_EQ(missing.err, "share/leaflets/hyph_kk_KZ.dic: error: not found beside the executable: neither " +
                               (folder / "share/leaflets/hyph_kk_KZ.dic").string() + " nor " +
                               (copy / "share/leaflets/hyph_kk_KZ.dic").string() + " exists\n");
}

}  // namespace
}  // namespace leaflet::test
