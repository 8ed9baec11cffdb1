// The NGO directory and regional variants: a variant puts its region's
// organisations first, drops region-only blocks of other regions, replaces
// blocks by id; bad directory data and bad variants are refused.
#include <sstream>

#include <gtest/gtest.h>

#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

const char* const directory_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<directory-data>
  <organisation id="union" number="1" category="crisis-centre" regions="almaty-city">
    <name>«Одақ»</name><legal-form>бірлестігі</legal-form><area>Алматы қ.</area>
    <phone number="+77273764037">+7 727 3764037</phone><email>union@example.kz</email>
  </organisation>
  <organisation id="meyirim" number="2" category="crisis-centre" regions="mangystau">
    <name>«Мейірім»</name><legal-form>қоғамдық бірлестігі</legal-form><area>Ақтау қ.</area>
    <phone number="+77292545168">+7 7292 545168</phone>
  </organisation>
  <organisation id="law" number="3" category="other" regions="almaty-city">
    <name>«Құқық»</name><legal-form>жеке қоры</legal-form><area>Алматы қ.</area>
    <phone number="+77015168787">+7 701 5168787</phone>
  </organisation>
</directory-data>
)";

const char* const leaflet_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<leaflet id="t" xml:lang="kk" version="1">
  <title>Сынақ</title>
  <panel role="back">
    <p id="greeting">Жалпы сәлем.</p>
    <p region="mangystau">Маңғыстауға ғана арналған сөйлем.</p>
    <directory category="crisis-centre"/>
  </panel>
</leaflet>
)";

const char* const variant_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<variant id="mangystau" leaflets="t" region="mangystau" label="Маңғыстау">
  <replace ref="greeting"><p>Маңғыстаудан сәлем.</p></replace>
</variant>
)";

class Variants : public ::testing::Test {
protected:
    void SetUp() override
    {
        folder_ = scratch_dir();
        project_ = copy_of_repository(folder_);
        std::filesystem::remove_all(folder_ / "sources/variants");
        write(folder_ / "sources/shared/directory.xml", directory_xml);
        write(folder_ / "sources/t.xml", leaflet_xml);
        write(folder_ / "sources/variants/mangystau.xml", variant_xml);
    }

    // Builds leaflet t with `variant` selection; the extracted text of `name`.
    std::string text_of(const std::string& variant, const std::string& name)
    {
        BuildOptions options;
        options.leaflets = {"t"};
        options.variants = VariantSelection::parse(variant);
        options.formats = {Format::print};
        options.out = (folder_ / "out").string();
        options.dump_layout = true;
        Diagnostics diagnostics;
        build(project_, options, diagnostics);
        return normalize_space(extract_text((folder_ / "out/print" / (name + ".pdf")).string()));
    }

    // The error lines `leaflets check t` prints (the fixture leaflet's
    // missing panels also give warnings and notes: not what these tests are about).
    std::string error_of_check()
    {
        const RunResult run = run_leaflets("check t", folder_);
        EXPECT_EQ(run.status, 1);
        std::string errors;
        std::istringstream lines(run.err);
        for (std::string line; std::getline(lines, line);)
            if (line.find(": error: ") != std::string::npos) errors += line + "\n";
        return errors;
    }

    std::filesystem::path folder_;
    Project project_;
};

TEST_F(Variants, BaseLeafletListsTheDirectoryInNumberOrderWithoutRegionBlocks)
{
    const std::string text = text_of("none", "t");
    EXPECT_NE(text.find("Жалпы сәлем."), std::string::npos) << text;
    EXPECT_EQ(text.find("Маңғыстауға ғана"), std::string::npos) << text;
    const auto first = text.find("1. «Одақ» бірлестігі, Алматы қ., тел.: +7 727 3764037, union@example.kz");
    const auto second = text.find("2. «Мейірім» қоғамдық бірлестігі, Ақтау қ., тел.: +7 7292 545168");
    EXPECT_NE(first, std::string::npos) << text;
    EXPECT_NE(second, std::string::npos) << text;
    EXPECT_LT(first, second);
    EXPECT_EQ(text.find("«Құқық»"), std::string::npos) << "category other is not selected";
    EXPECT_FALSE(std::filesystem::exists(folder_ / "out/print/t.mangystau.pdf"));
}

TEST_F(Variants, VariantPutsItsRegionFirstAndReplacesById)
{
    const std::string text = text_of("mangystau", "t.mangystau");
    EXPECT_NE(text.find("Маңғыстаудан сәлем."), std::string::npos) << text;
    EXPECT_EQ(text.find("Жалпы сәлем."), std::string::npos) << text;
    EXPECT_NE(text.find("Маңғыстауға ғана арналған сөйлем."), std::string::npos) << text;
    EXPECT_NE(text.find("1. «Мейірім»"), std::string::npos) << text;
    EXPECT_NE(text.find("2. «Одақ»"), std::string::npos) << text;
    // the slug line names the variant
    EXPECT_NE(text.find("Маңғыстау"), std::string::npos);
}

TEST_F(Variants, OmitOthersLeavesOnlyTheRegion)
{
    replace_in_file(folder_ / "sources/variants/mangystau.xml", "label=", "others=\"omit\" label=");
    const std::string text = text_of("mangystau", "t.mangystau");
    EXPECT_NE(text.find("1. «Мейірім»"), std::string::npos) << text;
    EXPECT_EQ(text.find("«Одақ»"), std::string::npos) << text;
}

TEST_F(Variants, AllBuildsTheBaseAndEveryVariant)
{
    text_of("all", "t");
    EXPECT_TRUE(std::filesystem::exists(folder_ / "out/print/t.pdf"));
    EXPECT_TRUE(std::filesystem::exists(folder_ / "out/print/t.mangystau.pdf"));
}

TEST_F(Variants, ReplacingAnUnknownIdIsAnError)
{
    replace_in_file(folder_ / "sources/variants/mangystau.xml", "ref=\"greeting\"", "ref=\"greting\"");
    EXPECT_EQ(error_of_check(), "sources/variants/mangystau.xml:3:26: error: [t.mangystau] variant 'mangystau' replaces 'greting', "
                                "which no block of the leaflet has as its id\n");
}

TEST_F(Variants, UnknownRegionIsAnError)
{
    replace_in_file(folder_ / "sources/variants/mangystau.xml", "region=\"mangystau\"", "region=\"atlantis\"");
    EXPECT_EQ(error_of_check(), "sources/variants/mangystau.xml:2:1: error: unknown region 'atlantis'\n");
}

TEST_F(Variants, VariantForAMissingLeafletIsAnError)
{
    replace_in_file(folder_ / "sources/variants/mangystau.xml", "leaflets=\"t\"", "leaflets=\"t tt\"");
    EXPECT_EQ(error_of_check(),
              "sources/variants/mangystau.xml:2:1: error: variant 'mangystau' names leaflet 'tt', which does not exist "
              "(did you mean 't'?)\n");
}

TEST_F(Variants, PhoneNotInPlusSevenFormIsAnError)
{
    replace_in_file(folder_ / "sources/shared/directory.xml", "number=\"+77292545168\"", "number=\"87292545168\"");
    EXPECT_EQ(error_of_check(), "sources/shared/directory.xml:9:5: error: phone number '87292545168' is in the "
                                "national form (8 …): write it '+77292545168', which dials from abroad too\n");
}

TEST_F(Variants, ShortNumberThatIsNoServiceNumberIsAnError)
{
    // 1409 dials nothing from a reader's phone: it is an extension (extension="1409" of its number).
    replace_in_file(folder_ / "sources/shared/directory.xml", "number=\"+77292545168\"", "number=\"1409\"");
    EXPECT_EQ(error_of_check(), "sources/shared/directory.xml:9:5: error: phone number '1409' does not dial as "
                                "written: it is not +7 and ten digits, nor a service number (101, 102, 103, 104, "
                                "112, 11616); an extension is no number of its own (in the directory: "
                                "extension=\"1409\" on the number it belongs to)\n");
}

TEST_F(Variants, PhoneInASourceIsCheckedToo)
{
    replace_in_file(folder_ / "sources/t.xml", "Жалпы сәлем.", "Жалпы <phone>8 701 123</phone>.");
    EXPECT_EQ(error_of_check(), "sources/t.xml:5:28: error: phone number '8701123' is not +7 and ten digits, nor a "
                                "service number (101, 102, 103, 104, 112, 11616)\n");
}

TEST_F(Variants, MalformedEmailIsAnError)
{
    replace_in_file(folder_ / "sources/shared/directory.xml", "union@example.kz", "union@example");
    EXPECT_EQ(error_of_check(), "sources/shared/directory.xml:5:56: error: e-mail address 'union@example' is "
                                "malformed\n");
}

TEST_F(Variants, DuplicateOrganisationIdIsAnError)
{
    replace_in_file(folder_ / "sources/shared/directory.xml", "id=\"law\"", "id=\"union\"");
    EXPECT_EQ(error_of_check(), "sources/shared/directory.xml:11:3: error: duplicate id 'union'\n");
}

TEST_F(Variants, EmptyAndMissingPanelsAreWarningsThatWerrorRefuses)
{
    replace_in_file(folder_ / "sources/t.xml", "<panel role=\"back\">", "<panel role=\"front\"/>\n  <panel role=\"back\">");
    const RunResult run = run_leaflets("build t --variant none --werror", folder_);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("sources/t.xml:4:3: warning: panel 'front' is empty\n"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("sources/t.xml:2:1: warning: the leaflet has no panel 'inside-2'\n"), std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("error: 5 warning(s) treated as errors (--werror)"), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(folder_ / "out"));
}

TEST_F(Variants, UnknownStyleIsAnError)
{
    replace_in_file(folder_ / "sources/t.xml", "<p id=\"greeting\">", "<p id=\"greeting\" style=\"shout\">");
    EXPECT_EQ(error_of_check(),
              // only the base leaflet has the paragraph: the variant replaces it
              "sources/t.xml:5:5: error: [t] unknown paragraph style 'shout' (not in styles/default.xml)\n");
}

TEST_F(Variants, ListNamesLeafletsPanelsAndVariants)
{
    const RunResult run = run_leaflets("list", folder_);
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("t\tСынақ\tversion 1\n  back\t3 block(s)\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("variant mangystau\tregion mangystau\tМаңғыстау\tfor t\n"), std::string::npos) << run.out;
}

TEST_F(Variants, RegionNamePrintsTheRegionInAVariantAndItsBlockIsLeftOutOfTheBase)
{
    replace_in_file(folder_ / "sources/t.xml", "<p id=\"greeting\">",
                    "<callout><p>Өңір: <region-name/></p></callout>\n"
                    "    <ul><li>Барлығына.</li><li>Тек <b><region-name/></b> үшін.</li></ul>\n"
                    "    <p id=\"greeting\">");
    const std::string base = text_of("none", "t");
    EXPECT_EQ(base.find("Өңір"), std::string::npos) << base;
    EXPECT_NE(base.find("Барлығына."), std::string::npos) << base;
    EXPECT_EQ(base.find("үшін"), std::string::npos) << base;
    // the box its only paragraph left empty is gone too: no red fill
    EXPECT_EQ(read(folder_ / "out/layout/t.txt").find("fill callout"), std::string::npos);
    const std::string variant = text_of("mangystau", "t.mangystau");
    EXPECT_NE(variant.find("Өңір: Маңғыстау облысы"), std::string::npos) << variant;
    EXPECT_NE(variant.find("Тек Маңғыстау облысы үшін."), std::string::npos) << variant;
}

TEST_F(Variants, RegionsOrganisationsStandInATintBoxLabelledWithItsName)
{
    const std::string text = text_of("mangystau", "t.mangystau");
    // the label (a map pin, then the region's name), then the region's entries, then the others
    EXPECT_NE(text.find("Маңғыстау облысы 1. «Мейірім»"), std::string::npos) << text;
    const std::string dump = read(folder_ / "out/layout/t.mangystau.txt");
    EXPECT_NE(dump.find("icon map-pin"), std::string::npos) << dump;
    EXPECT_NE(dump.find(" tint radius 4.3 from t.xml:7"), std::string::npos) << dump;
    // the base leaflet has no region and no box
    text_of("none", "t");
    EXPECT_EQ(read(folder_ / "out/layout/t.txt").find("tint"), std::string::npos);
}

TEST_F(Variants, OneNumberingRunsThroughTheDirectoriesInTheBaseAndInAVariant)
{
    replace_in_file(folder_ / "sources/t.xml", "<directory category=\"crisis-centre\"/>",
                    "<directory category=\"crisis-centre\"/>\n    <directory category=\"other\"/>");
    const std::string base = text_of("none", "t");
    const auto one = base.find("1. «Одақ»"), two = base.find("2. «Мейірім»"), three = base.find("3. «Құқық»");
    EXPECT_NE(three, std::string::npos) << base;
    EXPECT_LT(one, two);
    EXPECT_LT(two, three);
    // the variant reorders the first directory; the second goes on counting from it
    const std::string variant = text_of("mangystau", "t.mangystau");
    const auto first = variant.find("1. «Мейірім»"), second = variant.find("2. «Одақ»"),
               third = variant.find("3. «Құқық»");
    EXPECT_NE(third, std::string::npos) << variant;
    EXPECT_LT(first, second);
    EXPECT_LT(second, third);
}

TEST_F(Variants, DirectoryInABoxCannotBoxItsRegionAgain)
{
    replace_in_file(folder_ / "sources/t.xml", "<directory category=\"crisis-centre\"/>",
                    "<callout><directory category=\"crisis-centre\"/></callout>");
    EXPECT_EQ(error_of_check(), "sources/t.xml:7:14: error: [t.mangystau] a <directory> in a box cannot set its "
                                "region's organisations in a box of their own\n");
}

TEST_F(Variants, EditionAndDateComeFromTheLeafletsAttributes)
{
    replace_in_file(folder_ / "sources/t.xml", "version=\"1\"", "version=\"3\" date=\"2026-12-03\"");
    replace_in_file(folder_ / "sources/t.xml", "<p id=\"greeting\">",
                    "<p>Басылым: <edition/>, <edition-date/></p>\n    <p id=\"greeting\">");
    EXPECT_NE(text_of("none", "t").find("Басылым: 3, 03.12.2026"), std::string::npos);
}

}  // namespace
}  // namespace leaflet::test
