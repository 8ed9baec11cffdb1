// Typesetting: soft hyphens from the hyphenate stage in a hyphenating
// style, and total-fit line breaking realised in the PangoLayout. Inputs:
// tests/cases/hyphenation.xml with the house style (its body style
// hyphenates and breaks total-fit), or a scratch copy where it does not
// hyphenate.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "load/load.hpp"
#include "project.hpp"
#include "resolve/resolve.hpp"
#include "typeset/line_breaking.hpp"
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
    if (!hyphenate) test::replace_in_file(styles, "align=\"justify\" hyphenate=\"true\"", "align=\"justify\" hyphenate=\"false\"");
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
    // First-fit: the text as it goes to Pango, without total-fit's breaks.
    const Typeset result = typeset(document, "base", diagnostics, {LineBreaking::first_fit});
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
    const Typeset result = typeset(document, "base", diagnostics, {LineBreaking::first_fit});
    EXPECT_EQ(text_of(result.panels.at(0).blocks.at(0)),
              "Қазақстан Республикасы мемлекеттік бағдарламасы Республикасы 2024 телефонына");
}

TEST(Typeset, TotalFitJustifiesEveryLineToTheColumn)
{
    const resolve::StyledDocument document = styled_case("hyphenation", true);
    Diagnostics diagnostics;
    const Typeset first = typeset(document, "base", diagnostics, {LineBreaking::first_fit});
    const Typeset total = typeset(document, "base", diagnostics, {LineBreaking::total_fit});
    const Block& block = total.panels.at(0).blocks.at(1);
    ASSERT_EQ(block.line_breaking, LineBreaking::total_fit);
    const std::string text = text_of(block);
    // The layout is unwrapped: Pango breaks only at our line separators.
    EXPECT_EQ(pango_layout_get_width(block.layout.get()), -1);
    const int width = to_pango(total.panels.at(0).width - block.indent).value;
    ASSERT_EQ(static_cast<int>(block.lines.size()), pango_layout_get_line_count(block.layout.get()));
    int hyphens_in_a_row = 0, loose = 0;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
        const Line& line = block.lines[i];
        PangoRectangle logical;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(block.layout.get(), static_cast<int>(i)), nullptr,
                                      &logical);
        EXPECT_LE(logical.width, width) << "line " << i;
        if (i + 1 < block.lines.size()) {
            // Every line but the last is set to the column's width, to the
            // Pango unit, its spaces stretched or shrunk (to no less than
            // 80 %: ratio -1).
            EXPECT_EQ(logical.width, width) << "line " << i;
            ASSERT_TRUE(line.adjustment.has_value()) << "line " << i;
            EXPECT_GE(*line.adjustment, -1);
            if (*line.adjustment > 1) ++loose;
            // The break is ours: a line separator, after a visible hyphen
            // (U+2011) where a soft hyphen was chosen, after the space
            // (drawn with no width) where a space was.
            const std::string after = text.substr(static_cast<std::size_t>(line.end), 6);
            if (line.kind == BreakKind::hyphen) {
                EXPECT_EQ(after, "\u2011\u2028") << "line " << i;
            } else if (line.kind == BreakKind::space) {
                EXPECT_EQ(after.substr(0, 4), " \u2028") << "line " << i;
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

// Candidates for words of `widths` points with one 2.4 pt space between
// each; `shrinkable` says which spaces may shrink.
std::vector<Candidate> words(const std::vector<double>& widths, const std::vector<bool>& shrinkable)
{
    std::vector<Candidate> result(1);
    double x = 0;
    SpaceWidths spaces;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        x += widths[i];
        Candidate candidate;
        candidate.line_end = x;
        candidate.spaces_to_end = spaces;
        if (i + 1 < widths.size()) {
            x += 2.4;
            spaces.stretchable += 2.4;
            if (shrinkable[i]) spaces.shrinkable += 2.4;
        }
        candidate.next_start = x;
        candidate.spaces_to_next = spaces;
        result.push_back(candidate);
    }
    return result;
}

TEST(LineBreaking, AdjustmentRatioStretchesAllSpacesAndShrinksOnlyShrinkableOnes)
{
    // Three words of 30 pt, two spaces: natural width 94.8 pt.
    const std::vector<Candidate> line = words({30, 30, 30}, {true, false});
    // 2.4 pt short: both spaces stretch, half their width at ratio 1.
    EXPECT_NEAR(adjustment_ratio(line[0], line[3], 97.2), 1.0, 1e-9);
    // 0.24 pt too wide: only the first space shrinks, 0.48 pt at ratio -1.
    EXPECT_NEAR(adjustment_ratio(line[0], line[3], 94.56), -0.5, 1e-9);
    EXPECT_NEAR(adjustment_ratio(line[0], line[3], 94.32), -1.0, 1e-9);
    // A line with no space to shrink is too wide whatever it lacks.
    const std::vector<Candidate> tight = words({30, 30}, {false});
    EXPECT_EQ(adjustment_ratio(tight[0], tight[2], 62), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(adjustment_ratio(tight[0], tight[1], 40), std::numeric_limits<double>::infinity());
}

TEST(LineBreaking, TotalFitShrinksALineRatherThanLeaveOneLoose)
{
    // Width 94.5: three words fit only if the two shrinkable spaces give
    // 0.3 pt (ratio -0.31); otherwise two lines of two and one words, the
    // first stretched far beyond 50 %.
    const std::vector<Candidate> candidates = words({30, 30, 30, 30, 30, 30}, {true, true, true, true, true});
    EXPECT_EQ(total_fit(candidates, 94.5), (std::vector<int>{3, 6}));
    // Spaces that may not shrink (next to punctuation) leave no such line.
    const std::vector<Candidate> rigid = words({30, 30, 30, 30, 30, 30}, {false, false, false, false, false});
    const std::vector<int> breaks = total_fit(rigid, 94.5);
    EXPECT_EQ(breaks.size(), 3u);
    EXPECT_EQ(breaks.back(), 6);
}

TEST(LineBreaking, TotalFitPutsNoThreeHyphenatedLinesInARow)
{
    // A half word of 20 pt, then words of two 20 pt halves, a 3 pt hyphen
    // between them: "h hh hh hh ...". At 87.8 pt every line could be
    // "h hh h-" at its natural width, each ending in a hyphen; any line
    // ending at a space is far too loose. The limit makes every third line
    // end at a space.
    std::vector<Candidate> candidates(1);
    double x = 0;
    SpaceWidths spaces;
    const auto space = [&] {
        Candidate end;
        end.line_end = x;
        end.spaces_to_end = spaces;
        x += 2.4;
        spaces.stretchable += 2.4;
        spaces.shrinkable += 2.4;
        end.next_start = x;
        end.spaces_to_next = spaces;
        candidates.push_back(end);
    };
    x = 20;
    space();
    for (int word = 0; word < 12; ++word) {
        Candidate half;
        half.line_end = x + 20 + 3;
        half.next_start = x + 20;
        half.spaces_to_end = half.spaces_to_next = spaces;
        half.penalty = 50;
        half.flagged = half.hyphen = true;
        candidates.push_back(half);
        x += 40;
        space();
    }
    candidates.back().next_start = candidates.back().line_end;
    const std::vector<int> breaks = total_fit(candidates, 87.8);
    std::string kinds;
    for (int at : breaks) kinds += candidates[static_cast<std::size_t>(at)].hyphen ? 'h' : 's';
    EXPECT_EQ(kinds.find("hhh"), std::string::npos) << kinds;
    EXPECT_NE(kinds.find("hh"), std::string::npos) << kinds;
    EXPECT_EQ(breaks.back(), static_cast<int>(candidates.size()) - 1);
}

}  // namespace
}  // namespace leaflet::typeset
