// resolve: the house style and the fonts manifest; their errors.
#include "resolve/resolve.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

TEST(Stylesheet, HouseStyleDescribesTheRollFold)
{
    const auto styles = resolve::load_stylesheet(source_dir() + "/styles/default.xml");
    ASSERT_EQ(styles.sheet.sides.size(), 2u);
    // outside: flap 97 | back 100 | front 100; inside: 100 | 100 | 97 (mm)
    const auto widths = [](const resolve::Side& side) {
        std::vector<long> mm_widths;
        for (const auto& panel : side.panels) mm_widths.push_back(std::lround(to_mm(panel.width)));
        return mm_widths;
    };
    EXPECT_EQ(widths(styles.sheet.sides[0]), (std::vector<long>{97, 100, 100}));
    EXPECT_EQ(widths(styles.sheet.sides[1]), (std::vector<long>{100, 100, 97}));
    EXPECT_EQ(styles.sheet.sides[0].panels[2].role, "front");
    EXPECT_NEAR(styles.sheet.width.value, 841.89, 0.01);  // 297 mm
    EXPECT_NEAR(styles.sheet.bleed.value, 8.504, 0.001);  // 3 mm
}

TEST(Stylesheet, BasedOnInheritsAndOverrides)
{
    const auto styles = resolve::load_stylesheet(source_dir() + "/styles/default.xml");
    const auto& body = styles.paragraphs.at("body");
    const auto& item = styles.paragraphs.at("list-item");
    EXPECT_EQ(item.font_family, body.font_family);
    EXPECT_EQ(item.size, body.size);
    EXPECT_EQ(item.bullet, "•");
    EXPECT_GT(item.indent, Pt{0});
    EXPECT_EQ(body.colour.name, "black");
    EXPECT_EQ(body.colour.black, 1.0);  // body text is 100 % K
    EXPECT_EQ(body.colour.cyan + body.colour.magenta + body.colour.yellow, 0.0);
}

TEST(Stylesheet, BaselineGridHoldsTheStylesWhoseLeadingIsItsStep)
{
    const auto styles = resolve::load_stylesheet(source_dir() + "/styles/default.xml");
    ASSERT_TRUE(styles.sheet.baseline_grid);
    const resolve::BaselineGrid& grid = *styles.sheet.baseline_grid;
    EXPECT_EQ(grid.step, styles.paragraphs.at("body").leading);
    // body says baseline-grid="true"; list-item, ordered-item (through
    // list-item), questions and contact-line inherit it; directory-entry
    // (10 pt leading) and the headings say false, and their heirs inherit that;
    // caps-lead (the house design's bold lead sentence) keeps body's leading.
    EXPECT_EQ(grid.styles,
              (std::set<std::string>{"body", "caps-lead", "contact-line", "list-item", "ordered-item", "questions"}));
    EXPECT_TRUE(styles.paragraphs.at("ordered-item").baseline_grid);
    EXPECT_FALSE(styles.paragraphs.at("directory-entry-highlight").baseline_grid);
    EXPECT_FALSE(styles.paragraphs.at("title").baseline_grid);
}

struct StyleCase {
    std::string name, from, to, expected;
};

void PrintTo(const StyleCase& style_case, std::ostream* out) { *out << style_case.name; }

class StylesheetError : public ::testing::TestWithParam<StyleCase> {};

// "line:col" of the start tag that holds byte `offset` of `text`: where a
// diagnostic about that element must point.
std::string element_start(const std::string& text, std::size_t offset)
{
    const std::size_t open = text.rfind('<', offset);
    const std::size_t line_start = text.rfind('\n', open) + 1;  // npos + 1 == 0
    const long line = std::count(text.begin(), text.begin() + static_cast<long>(open), '\n') + 1;
    return std::to_string(line) + ":" + std::to_string(open - line_start + 1);
}

// Breaks the house style in one place; the error must name that element.
TEST_P(StylesheetError, IsReportedAtItsLine)
{
    const auto folder = scratch_dir();
    const std::string house = read(source_dir() + "/styles/default.xml");
    const std::size_t at = house.find(GetParam().from);
    ASSERT_NE(at, std::string::npos) << GetParam().from;
    write(folder / "style.xml", house);
    replace_in_file(folder / "style.xml", GetParam().from, GetParam().to);
    EXPECT_EQ(error_of(folder, [&] { resolve::load_stylesheet((folder / "style.xml").string()); }),
              "style.xml:" + element_start(house, at) + ": error: " + GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StylesheetError,
    ::testing::Values(
        StyleCase{"unknown_swatch", "colour=\"dark-blue\" align=\"left\" space-before=\"14pt\"",
                  "colour=\"navy\" align=\"left\" space-before=\"14pt\"",
                  "unknown colour swatch 'navy'"},
        StyleCase{"length_without_unit", "font-size=\"9pt\" leading=\"11.4pt\"", "font-size=\"9\" leading=\"11.4pt\"",
                  "length '9' in attribute 'font-size' needs a unit: mm or pt"},
        StyleCase{"panels_do_not_add_up", "<side name=\"inside\">\n      <panel role=\"inside-1\" width=\"100mm\"/>",
                  "<side name=\"inside\">\n      <panel role=\"inside-1\" width=\"99mm\"/>",
                  "the panels of side 'inside' add up to 296.00 mm, not the sheet width 297.00 mm"},
        StyleCase{"bad_cmyk", "cmyk=\"0 90 80 5\"", "cmyk=\"0 90 180 5\"",
                  "swatch 'red': 180 is not a percentage from 0 to 100"},
        StyleCase{"misspelt_attribute", "font-size=\"9pt\" leading=\"11.4pt\"", "font-sise=\"9pt\" leading=\"11.4pt\"",
                  "<paragraph-style> has no attribute 'font-sise'"},
        StyleCase{"text_too_small", "font-size=\"7.5pt\"", "font-size=\"5pt\"",
                  "font-size below the 6 pt minimum for print"},
        StyleCase{"grid_leading_not_whole_steps",
                  "space-after=\"2.5pt\" hyphenate=\"false\"\n                   baseline-grid=\"false\"/>",
                  "space-after=\"2.5pt\" hyphenate=\"false\"/>",
                  "paragraph style 'directory-entry' sits on the baseline grid, but its leading 10 pt is not a "
                  "whole multiple of the grid's step 11.4 pt (say baseline-grid=\"false\")"},
        StyleCase{"grid_step_zero", "<baseline-grid step=\"11.4pt\"/>", "<baseline-grid step=\"0pt\"/>",
                  "the baseline grid's step must be above 0"},
        StyleCase{"grid_flag_not_boolean", "last-line-minimum=\"6\" baseline-grid=\"true\"",
                  "last-line-minimum=\"6\" baseline-grid=\"yes\"", "baseline-grid must be true or false"},
        StyleCase{"unknown_base", "based-on=\"h1\"", "based-on=\"heading\"",
                  "based-on names unknown paragraph style 'heading' (define it first)"}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(Fonts, ManifestFontsAreLoadedPrivately)
{
    const auto fonts = resolve::load_fonts(source_dir() + "/fonts/manifest.xml");
    EXPECT_EQ(fonts->files().size(), 4u);
    EXPECT_TRUE(fonts->has_family("PT Sans"));
    EXPECT_FALSE(fonts->has_family("DejaVu Sans"));
}

TEST(Fonts, MissingFontFileIsNamed)
{
    const auto folder = scratch_dir();
    write(folder / "manifest.xml", read(source_dir() + "/fonts/manifest.xml"));
    replace_in_file(folder / "manifest.xml", "PTS56F.ttf", "PTS99F.ttf");
    EXPECT_EQ(error_of(folder, [&] { resolve::load_fonts((folder / "manifest.xml").string()); }),
              "manifest.xml:9:3: error: font file '/usr/share/fonts/truetype/paratype/PTS99F.ttf' is missing "
              "(install the package the manifest names)");
}

TEST(Fonts, ChangedFontFileIsNamed)
{
    const auto folder = scratch_dir();
    write(folder / "manifest.xml", read(source_dir() + "/fonts/manifest.xml"));
    replace_in_file(folder / "manifest.xml", "sha256=\"3bbff9ab", "sha256=\"00000000");
    EXPECT_EQ(error_of(folder, [&] { resolve::load_fonts((folder / "manifest.xml").string()); }),
              "manifest.xml:6:3: error: font file '/usr/share/fonts/truetype/paratype/PTS55F.ttf' has changed: sha256 "
              "3bbff9ab698453a4c705ec9ab9d8f528d21562a684bb6816f157163637eac914, the manifest pins "
              "00000000698453a4c705ec9ab9d8f528d21562a684bb6816f157163637eac914");
}

}  // namespace
}  // namespace leaflet::test
