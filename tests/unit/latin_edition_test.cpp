// The Latin-script edition (build --script): every leaflet and variant
// built in both scripts; Poppler's text of each Latin PDF is the transliteration of the
// Cyrillic PDF's text, holds no Cyrillic letter, and every PDF passes
// preflight.
#include <gtest/gtest.h>

#include <glib.h>

#include <algorithm>
#include <thread>

#include "pdf_oracle.hpp"
#include "preflight/preflight.hpp"
#include "project.hpp"
#include "script/script.hpp"

namespace leaflet::test {
namespace {

// What the slug of a Latin edition says besides the Cyrillic one's.
const std::string script_mark = "  ·  latn: the draft Latin alphabet of 2021";

class LatinEdition : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        out_ = process_dir("latin-edition").string();
        BuildOptions options;
        options.formats = {Format::print, Format::screen};
        options.scripts = {script::Script::cyrillic, script::Script::latin};
        options.out = out_;
        options.jobs = std::max(2u, std::thread::hardware_concurrency());
        Diagnostics diagnostics;
        written_ = build(repository(), options, diagnostics);
        for (const auto& diagnostic : diagnostics.all())
            if (diagnostic.severity != Severity::note) warnings_.push_back(format(diagnostic));
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(out_); }

    static inline std::string out_;
    static inline std::vector<std::string> written_, warnings_;
};

// The products built: "contacts", "contacts.mangystau", ... (no ".latn").
std::vector<std::string> products(const std::string& out)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(out + "/print")) {
        const std::string stem = entry.path().stem().string();
        if (stem.size() < 5 || stem.compare(stem.size() - 5, 5, ".latn") != 0) names.push_back(stem);
    }
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(LatinEdition, EveryProductIsBuiltInBothScriptsWithoutWarnings)
{
    EXPECT_TRUE(warnings_.empty()) << warnings_.front();
    const std::vector<std::string> names = products(out_);
    EXPECT_EQ(names.size(), 5 + 2 * repository().variant_files().size());
    for (const std::string& name : names)
        for (const char* file : {"print/", "screen/"})
            EXPECT_TRUE(std::filesystem::is_regular_file(out_ + "/" + file + name + ".latn.pdf")) << name;
    EXPECT_EQ(written_.size(), names.size() * 2 * 2);
}

TEST_F(LatinEdition, ItsTextIsTheTransliterationOfTheCyrillicText)
{
    int letters = 0;
    for (const std::string& id : products(out_))
        for (const char* folder : {"print", "screen"}) {
            SCOPED_TRACE(std::string(folder) + "/" + id);
            const std::string cyrillic = comparable_text(extract_text(out_ + "/" + folder + "/" + id + ".pdf"));
            std::string latin = comparable_text(extract_text(out_ + "/" + folder + "/" + id + ".latn.pdf"));
            // The slug says the script (print only: it is outside the trim).
            const std::string mark = " " + comparable_text(script_mark);
            for (auto at = latin.find(mark); at != std::string::npos; at = latin.find(mark)) latin.erase(at, mark.size());
            const std::string expected = script::to_latin(cyrillic);
            const auto differ = std::mismatch(latin.begin(), latin.end(), expected.begin(), expected.end());
            EXPECT_EQ(latin, expected) << "first difference: |"
                                       << latin.substr(static_cast<std::size_t>(differ.first - latin.begin()) - 40, 120) << "| against |"
                                       << expected.substr(static_cast<std::size_t>(differ.second - expected.begin()) - 40, 120) << "|";
            for (const char* p = latin.c_str(); *p; p = g_utf8_next_char(p)) {
                const gunichar ch = g_utf8_get_char(p);
                EXPECT_NE(g_unichar_get_script(ch), G_UNICODE_SCRIPT_CYRILLIC) << "a Cyrillic letter in " << id;
                letters += g_unichar_isalpha(ch) != 0;
            }
        }
    EXPECT_GE(letters, 35 * 2 * 5000);
}

TEST_F(LatinEdition, EveryLatinPdfPassesPreflightAndSaysItsLanguage)
{
    for (const std::string& id : products(out_)) {
        for (const auto& [folder, kind] : {std::pair{"print", preflight::Kind::print}, {"screen", preflight::Kind::ua}}) {
            const std::string pdf = out_ + "/" + folder + "/" + id + ".latn.pdf";
            const preflight::Report report = preflight::preflight(pdf, kind);
            EXPECT_TRUE(report.passed()) << preflight::format_text({report});
            EXPECT_NE(read(pdf).find("/Lang (kk-Latn-KZ)"), std::string::npos) << pdf;
        }
    }
}

}  // namespace
}  // namespace leaflet::test
