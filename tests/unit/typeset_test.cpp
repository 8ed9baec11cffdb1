// Typesetting: soft hyphens from the hyphenate stage in a hyphenating
// style, and total-fit line breaking realised in the PangoLayout. Inputs:
// tests/cases/hyphenation.xml with the house style, its body style made to
// hyphenate in a scratch copy.
#include <gtest/gtest.h>

#include <string>

#include "load/load.hpp"
#include "project.hpp"
#include "resolve/resolve.hpp"
#include "typeset/typeset.hpp"

namespace leaflet::typeset {
namespace {

using test::source_dir;

// U+00AD, written out so that the expected strings show where it goes.
const std::string shy = "\u00AD";

resolve::StyledDocument styled_case(const std::string& name, bool hyphenate)
{
    const std::filesystem::path styles = test::scratch_dir() / "default.xml";
    std::filesystem::copy_file(source_dir() + "/styles/default.xml", styles);
    if (hyphenate) test::replace_in_file(styles, "align=\"justify\" hyphenate=\"false\"", "align=\"justify\" hyphenate=\"true\"");
    static const auto fonts = resolve::load_fonts(source_dir() + "/fonts/manifest.xml");
    const load::Document document = load::load(source_dir() + "/tests/cases/" + name + ".xml",
                                               source_dir() + "/sources/schema/leaflet.rng", source_dir() + "/sources");
    Diagnostics diagnostics;
    return resolve::resolve(document, resolve::load_stylesheet(styles.string()), fonts, {}, diagnostics);
}

// The text without what line breaking adds or takes: spaces, hyphens, line
// separators, soft hyphens.
std::string letters(const std::string& text)
{
    std::string result;
    for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
        const gunichar ch = g_utf8_get_char(p);
        if (ch != ' ' && ch != '-' && ch != 0x2011 && ch != 0x2028 && ch != 0x00AD)
            result.append(p, static_cast<std::size_t>(g_utf8_next_char(p) - p));
    }
    return result;
}

std::string text_of(const Block& block)
{
    return pango_layout_get_text(block.layout.get());
}

TEST(Typeset, HyphenatingStyleGetsSoftHyphensAtSyllableBreaks)
{
    const resolve::StyledDocument document = styled_case("hyphenation", true);
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics);
    const Block& block = result.panels.at(0).blocks.at(0);
    // Қа-зақс-тан Рес-пуб-ли-ка-сы мем-ле-кет-тік бағ-дар-ла-ма-сы, by the
    // rules (see hyphenate_test); the link and the number stay whole;
    // те-ле-фо-ны-на.
    EXPECT_EQ(text_of(block), "Қа" + shy + "зақс" + shy + "тан Рес" + shy + "пуб" + shy + "ли" + shy + "ка" + shy +
                                  "сы мем" + shy + "ле" + shy + "кет" + shy + "тік бағ" + shy + "дар" + shy + "ла" +
                                  shy + "ма" + shy + "сы Республикасы 2024 те" + shy + "ле" + shy + "фо" + shy + "ны" +
                                  shy + "на");
    // The bold span still covers exactly the bold word, its soft hyphens in.
    PangoAttrIterator* iterator = pango_attr_list_get_iterator(pango_layout_get_attributes(block.layout.get()));
    // (The iterator splits it where other attributes start or end.)
    int bold_start = -1, bold_end = -1;
    do {
        if (pango_attr_iterator_get(iterator, PANGO_ATTR_WEIGHT)) {
            int start = 0, end = 0;
            pango_attr_iterator_range(iterator, &start, &end);
            if (bold_start < 0) bold_start = start;
            EXPECT_TRUE(bold_end < 0 || bold_end == start) << "the bold span has a gap";
            bold_end = end;
        }
    } while (pango_attr_iterator_next(iterator));
    pango_attr_iterator_destroy(iterator);
    ASSERT_GE(bold_start, 0);
    EXPECT_EQ(text_of(block).substr(static_cast<std::size_t>(bold_start), static_cast<std::size_t>(bold_end - bold_start)),
              "мем" + shy + "ле" + shy + "кет" + shy + "тік");
}

TEST(Typeset, StyleWithoutHyphenationKeepsTheText)
{
    const resolve::StyledDocument document = styled_case("hyphenation", false);
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics);
    EXPECT_EQ(text_of(result.panels.at(0).blocks.at(0)),
              "Қазақстан Республикасы мемлекеттік бағдарламасы Республикасы 2024 телефонына");
}

TEST(Typeset, TotalFitJustifiesEveryLineWithinTheColumn)
{
    const resolve::StyledDocument document = styled_case("hyphenation", true);
    Diagnostics diagnostics;
    const Typeset first = typeset(document, "base", diagnostics, {LineBreaking::first_fit});
    const Typeset total = typeset(document, "base", diagnostics, {LineBreaking::total_fit});
    const Block& block = total.panels.at(0).blocks.at(1);
    ASSERT_EQ(block.line_breaking, LineBreaking::total_fit);
    const std::string text = text_of(block);
    const int width = pango_layout_get_width(block.layout.get());
    ASSERT_EQ(static_cast<int>(block.lines.size()), pango_layout_get_line_count(block.layout.get()));
    int hyphens_in_a_row = 0, loose = 0;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
        const Line& line = block.lines[i];
        PangoRectangle logical;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(block.layout.get(), static_cast<int>(i)), nullptr,
                                      &logical);
        EXPECT_LE(logical.width, width) << "line " << i;
        if (i + 1 < block.lines.size()) {
            // Every line but the last is stretched to the column (to a
            // Pango unit or two) and has its adjustment ratio.
            EXPECT_GE(logical.width, width - 2) << "line " << i;
            ASSERT_TRUE(line.adjustment.has_value()) << "line " << i;
            EXPECT_GE(*line.adjustment, 0);
            if (*line.adjustment > 1) ++loose;
            // The break is ours: a line separator, after a visible hyphen
            // (U+2011) where a soft hyphen was chosen.
            const std::string after = text.substr(static_cast<std::size_t>(line.end), 6);
            if (line.kind == BreakKind::hyphen) {
                EXPECT_EQ(after, "\u2011\u2028") << "line " << i;
            } else {
                EXPECT_EQ(after.substr(0, 3), "\u2028") << "line " << i;
            }
        } else {
            EXPECT_EQ(line.kind, BreakKind::last);
            EXPECT_FALSE(line.adjustment.has_value());
        }
        hyphens_in_a_row = line.kind == BreakKind::hyphen ? hyphens_in_a_row + 1 : 0;
        EXPECT_LE(hyphens_in_a_row, 2) << "line " << i;
    }
    // No more lines with spaces 50 % over natural than Pango's first-fit.
    int first_loose = 0;
    for (const Line& line : first.panels.at(0).blocks.at(1).lines)
        if (line.adjustment && *line.adjustment > 1) ++first_loose;
    EXPECT_LE(loose, first_loose);
    // Total-fit changes where lines end, never the letters.
    EXPECT_EQ(letters(text), letters(text_of(first.panels.at(0).blocks.at(1))));
}

TEST(Typeset, FirstFitLinesSayHowTheyBreak)
{
    const resolve::StyledDocument document = styled_case("hyphenation", true);
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics, {LineBreaking::first_fit});
    const Block& block = result.panels.at(0).blocks.at(1);
    ASSERT_GE(block.lines.size(), 2u);
    EXPECT_EQ(block.lines.back().kind, BreakKind::last);
    const std::string text = text_of(block);
    for (std::size_t i = 0; i + 1 < block.lines.size(); ++i) {
        const Line& line = block.lines[i];
        const std::string after = text.substr(static_cast<std::size_t>(line.end), 2);
        if (line.kind == BreakKind::hyphen) {
            EXPECT_EQ(after, shy) << "line " << i;
        } else if (line.kind == BreakKind::space) {
            EXPECT_EQ(after.substr(0, 1), " ") << "line " << i;
        }
        EXPECT_TRUE(line.adjustment.has_value()) << "line " << i;
    }
}

}  // namespace
}  // namespace leaflet::typeset
