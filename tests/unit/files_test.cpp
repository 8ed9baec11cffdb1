// io: whole files written atomically, several at once.
#include "io/files.hpp"

#include <gtest/gtest.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

TEST(Files, ManyWrittenAtOnceAreAllThereWithNoTemporaryLeft)
{
    const std::filesystem::path folder = scratch_dir();
    std::vector<std::pair<std::string, std::string>> files;
    for (int i = 0; i < 40; ++i)
        files.emplace_back((folder / ("sub" + std::to_string(i % 3)) / (std::to_string(i) + ".txt")).string(),
                           std::string(static_cast<std::size_t>(1000 * i), static_cast<char>('a' + i % 26)));
    io::write_files_atomically(files);
    for (const auto& [path, bytes] : files) EXPECT_EQ(read(path), bytes) << path;
    int found = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
        ++found;
    }
    EXPECT_EQ(found, 40);
}

// The first file (in their order) that cannot be written is the error; the
// others are written.
TEST(Files, TheFirstThatCannotBeWrittenIsTheError)
{
    const std::filesystem::path folder = scratch_dir();
    write(folder / "plain", "a file, not a folder");
    const std::vector<std::pair<std::string, std::string>> files = {
        {(folder / "one.txt").string(), "1"},
        {(folder / "plain/two.txt").string(), "2"},
        {(folder / "plain/three.txt").string(), "3"},
        {(folder / "four.txt").string(), "4"},
    };
    try {
        io::write_files_atomically(files);
        ADD_FAILURE() << "no error";
    } catch (const Error& error) {
        EXPECT_NE(error.diagnostics().front().loc.file.find("plain"), std::string::npos);
        EXPECT_EQ(error.diagnostics().front().message.find("three"), std::string::npos);
    }
    EXPECT_EQ(read(folder / "one.txt"), "1");
    EXPECT_EQ(read(folder / "four.txt"), "4");
}

}  // namespace
}  // namespace leaflet::test
