// The spell check of the lint: Hunspell's Kazakh dictionary flags a name it
// lacks, and the project's word list silences it; findings are warnings.
#include "lint/lint.hpp"

#include <gtest/gtest.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

const std::string source = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\">\n"
                           "<title>Көкшетау</title>\n</leaflet>\n";

std::vector<std::string> spelling_messages(const lint::Spelling& spelling)
{
    Diagnostics diagnostics;
    lint::lint("t.xml", source, diagnostics, spelling);
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : diagnostics.all()) {
        EXPECT_EQ(diagnostic.severity, Severity::warning);
        if (diagnostic.code == "lint-spelling") messages.push_back(format(diagnostic));
    }
    return messages;
}

TEST(Spelling, ANameTheDictionaryLacksIsAWarning)
{
    const std::vector<std::string> messages = spelling_messages({});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].rfind("t.xml:3:8: warning: 'Көкшетау' is not in the Kazakh dictionary", 0), 0u) << messages[0];
}

TEST(Spelling, TheWordListSilencesAName)
{
    const auto folder = scratch_dir();
    write(folder / "words-kk.txt", "# places\nКөкшетау\n");
    lint::Spelling spelling;
    spelling.word_list = (folder / "words-kk.txt").string();
    EXPECT_TRUE(spelling_messages(spelling).empty());
}

// A watching process lints again and again: a word added to the list, or
// taken out of it, counts from the next lint on.
TEST(Spelling, AWordListChangedWhileRunningCountsFromTheNextLint)
{
    const auto folder = scratch_dir();
    lint::Spelling spelling;
    spelling.word_list = (folder / "words-kk.txt").string();
    write(folder / "words-kk.txt", "# places\n");
    EXPECT_EQ(spelling_messages(spelling).size(), 1u);
    write(folder / "words-kk.txt", "# places\nКөкшетау\n");
    EXPECT_TRUE(spelling_messages(spelling).empty());
    write(folder / "words-kk.txt", "# places\n");
    EXPECT_EQ(spelling_messages(spelling).size(), 1u);
}

}  // namespace
}  // namespace leaflet::test
