// Typesetting: paragraphs shaped once, broken where the hyphenate stage
// allows, justified to the column, frozen into glyph runs whose text is
// what a reader reads; first-fit lines where Pango itself would break them.
// Inputs: tests/cases/hyphenation.xml with the house style (its body style
// hyphenates and breaks total-fit), on the house sheet or one with narrow
// panels; the five leaflets for the comparison with Pango.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "c/pango.hpp"
#include "hyphenate/hyphenate.hpp"
#include "load/load.hpp"
#include "project.hpp"
#include "resolve/font_map.hpp"
#include "resolve/resolve.hpp"
#include "typeset/line_breaking.hpp"
#include "typeset/typeset.hpp"

namespace leaflet::typeset {
namespace {

using test::source_dir;

const std::string shy = "\u00AD";

const std::shared_ptr<const resolve::FontSet>& fonts()
{
    static const auto fonts = resolve::load_fonts(source_dir() + "/fonts/manifest.xml");
    return fonts;
}

resolve::StyledDocument styled(const std::string& source)
{
    const load::Document document =
        load::load(source, source_dir() + "/sources/schema/leaflet.rng", test::regions(), source_dir() + "/sources");
    Diagnostics diagnostics;
    const auto styles = resolve::load_stylesheet(source_dir() + "/styles/default.xml");
    const load::Directory directory =
        load::load_directory(source_dir() + "/sources/shared/directory.xml", source_dir() + "/sources/schema/directory.rng",
                             test::regions());
    return resolve::resolve(document, styles, fonts(), {&directory, nullptr, {}}, diagnostics);
}

resolve::StyledDocument hyphenation_case() { return styled(source_dir() + "/tests/cases/hyphenation.xml"); }

// The case on a sheet whose panels are `millimetres` wide: words must break.
resolve::StyledDocument narrow(double millimetres)
{
    resolve::StyledDocument document = hyphenation_case();
    for (resolve::Side& side : document.sheet.sides)
        for (resolve::PanelGeometry& panel : side.panels) panel.width = mm(millimetres);
    return document;
}

std::string text_of(const Line& line)
{
    std::string text;
    for (const GlyphRun& run : line.runs) text += run.text;
    return text;
}

bool ends_with(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The paragraph as a reader of the PDF reads it, a conforming extractor
// joining the lines: a space where a line broke at one, nothing where it
// broke at a dash, and a word whole where its line ended in the soft hyphen
// that stands for the drawn hyphen.
std::string read_back(const Block& block)
{
    std::string text;
    for (const Line& line : block.lines) {
        std::string part = text_of(line);
        if (line.kind == BreakKind::hyphen) {
            EXPECT_TRUE(ends_with(part, shy)) << part;
            part.resize(part.size() - shy.size());
        }
        text += part;
        if (line.kind == BreakKind::space) text += ' ';
        if (line.kind == BreakKind::forced) text += '\n';
    }
    return text;
}

// Pango's width unit: a justified line ends on the column to 1/1024 pt.
double to_pango_units(Pt width) { return std::round(width.value * 1024) / 1024; }

TEST(Typeset, RunsHoldTheSourceTextWithAHyphenOnlyWhereALineBreaks)
{
    const resolve::StyledDocument document = narrow(36);
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics);
    int hyphens = 0;
    for (std::size_t b = 0; b < 2; ++b) {
        const Block& block = result.panels.at(0).blocks.at(b);
        // Soft hyphens where no line breaks are not in the text: copy and
        // search find the words as the source spells them.
        EXPECT_EQ(read_back(block), document.panels.at(0).blocks.at(b).text);
        for (const Line& line : block.lines) {
            const std::string text = text_of(line);
            const auto at = text.find(shy);
            if (line.kind != BreakKind::hyphen) {
                EXPECT_EQ(at, std::string::npos) << text;
                continue;
            }
            ++hyphens;
            // One U+00AD, for the hyphen glyph that ends the line.
            EXPECT_EQ(at, text.size() - shy.size()) << text;
            const GlyphRun& run = line.runs.back();
            EXPECT_EQ(run.glyphs.back().cluster, static_cast<int>(run.text.size() - shy.size())) << text;
        }
    }
    EXPECT_GE(hyphens, 5) << "too few hyphenated lines: the test proves little";
}

TEST(Typeset, BreaksWordsOnlyWhereTheHyphenatorAllows)
{
    const resolve::StyledDocument document = narrow(36);
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics);
    const hyphenate::Hyphenator& hyphenator = hyphenate::shared_hyphenator();
    int checked = 0;
    for (const Block& block : result.panels.at(0).blocks) {
        // The paragraph's text read back, and where in it lines broke at a
        // soft hyphen.
        std::string text;
        std::vector<std::size_t> breaks;
        for (const Line& line : block.lines) {
            std::string part = text_of(line);
            if (line.kind == BreakKind::hyphen) part.resize(part.size() - shy.size());
            text += part;
            if (line.kind == BreakKind::hyphen) breaks.push_back(text.size());
            if (line.kind == BreakKind::space) text += ' ';
        }
        for (std::size_t at : breaks) {
            const std::size_t start = text.rfind(' ', at) == std::string::npos ? 0 : text.rfind(' ', at) + 1;
            const std::string word = text.substr(start, text.find(' ', at) - start);
            const std::vector<int> allowed = hyphenator.breaks(word, "kk");
            EXPECT_NE(std::find(allowed.begin(), allowed.end(), static_cast<int>(at - start)), allowed.end())
                << word.substr(0, at - start) << "-" << word.substr(at - start);
            // Links and numbers stay whole.
            EXPECT_EQ(word.find("2024"), std::string::npos);
            ++checked;
        }
        // The link's word is never broken: it is all in one run.
        for (const Line& line : block.lines)
            for (const GlyphRun& run : line.runs)
                EXPECT_TRUE(run.link.empty() || run.text == "Республикасы") << run.text;
    }
    EXPECT_GE(checked, 5);
}

TEST(Typeset, HyphenOfABoldWordIsBold)
{
    const resolve::StyledDocument document = narrow(30);
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics);
    bool found = false;
    for (const Line& line : result.panels.at(0).blocks.at(0).lines) {
        const GlyphRun& last = line.runs.back();
        if (line.kind != BreakKind::hyphen || last.text.rfind("мем", 0) != 0) continue;
        found = true;
        EXPECT_EQ(fonts()->files().at(last.face).weight, 700) << last.text;
    }
    EXPECT_TRUE(found) << "«мемлекеттік» did not break: the test proves nothing";
}

TEST(Typeset, TotalFitJustifiesEveryLineToTheColumn)
{
    const resolve::StyledDocument document = hyphenation_case();
    Diagnostics diagnostics;
    const Typeset first = typeset(document, "base", diagnostics, {LineBreaking::first_fit});
    const Typeset total = typeset(document, "base", diagnostics, {LineBreaking::total_fit});
    const Block& block = total.panels.at(0).blocks.at(1);
    ASSERT_EQ(block.line_breaking, LineBreaking::total_fit);
    const double width = to_pango_units(total.panels.at(0).width);
    int hyphens_in_a_row = 0, loose = 0;
    ASSERT_GE(block.lines.size(), 5u);
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
        const Line& line = block.lines[i];
        Pt sum;
        for (const GlyphRun& run : line.runs) {
            EXPECT_EQ(run.x, line.x + sum) << "line " << i << ": runs follow each other";
            sum += run.width();
        }
        EXPECT_EQ(sum, line.width) << "line " << i;
        EXPECT_LE(line.width.value, width) << "line " << i;
        if (i + 1 < block.lines.size()) {
            // Every line but the last is set to the column's width, to the
            // Pango unit, within its ranges when it shrinks (ratio -1).
            ASSERT_TRUE(line.justified.has_value()) << "line " << i;
            EXPECT_FALSE(line.justified->ragged) << "line " << i;
            EXPECT_EQ(line.width.value, width) << "line " << i;
            EXPECT_GE(line.justified->adjustment, -1);
            if (line.justified->word_spacing > 1.5) ++loose;
        } else {
            EXPECT_EQ(line.kind, BreakKind::last);
            EXPECT_FALSE(line.justified.has_value());
        }
        hyphens_in_a_row = line.kind == BreakKind::hyphen ? hyphens_in_a_row + 1 : 0;
        EXPECT_LE(hyphens_in_a_row, 2) << "line " << i;
    }
    // No more lines with spaces 50 % over natural than first-fit.
    int first_loose = 0;
    for (const Line& line : first.panels.at(0).blocks.at(1).lines)
        if (line.justified && line.justified->word_spacing > 1.5) ++first_loose;
    EXPECT_LE(loose, first_loose);
    // Both hold the same text.
    EXPECT_EQ(read_back(block), read_back(first.panels.at(0).blocks.at(1)));
}

TEST(Typeset, LinesStackAtTheLeading)
{
    const resolve::StyledDocument document = hyphenation_case();
    Diagnostics diagnostics;
    const Typeset result = typeset(document, "base", diagnostics);
    const Block& block = result.panels.at(0).blocks.at(1);
    const Pt leading = document.panels.at(0).blocks.at(1).style.leading;  // 11.4 pt
    ASSERT_GE(block.lines.size(), 3u);
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
        const Line& line = block.lines[i];
        EXPECT_NEAR((line.bottom - line.top).value, leading.value, 1.0 / 1024) << i;
        EXPECT_GT(line.baseline, line.top);
        EXPECT_LT(line.baseline, line.bottom);
        if (i > 0) {
            EXPECT_EQ(line.top, block.lines[i - 1].bottom) << i;
        }
    }
    EXPECT_EQ(block.height, block.lines.back().bottom);
}

// Pango laying out `text` itself, wrapped at `width`: its lines' first
// bytes and baselines.
struct PangoLines {
    std::vector<std::string> starts;
    std::vector<double> baselines;
};

PangoLines pango_lines(const resolve::StyledBlock& block, Pt width)
{
    const c::GObject<PangoContext> context(pango_font_map_create_context(resolve::font_map(*fonts())));
    pango_context_set_round_glyph_positions(context.get(), FALSE);
    pango_context_set_language(context.get(), pango_language_from_string("kk"));
    const c::GObject<PangoLayout> layout(pango_layout_new(context.get()));
    pango_layout_set_text(layout.get(), block.text.c_str(), -1);
    pango_layout_set_width(layout.get(), static_cast<int>(std::lround(width.value * PANGO_SCALE)));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
    const c::PangoFontDescriptionHandle font(pango_font_description_new());
    pango_font_description_set_family(font.get(), block.style.font_family.c_str());
    pango_font_description_set_absolute_size(font.get(), std::lround(block.style.size.value * PANGO_SCALE));
    pango_font_description_set_weight(font.get(), static_cast<PangoWeight>(block.style.weight));
    pango_layout_set_font_description(layout.get(), font.get());
    const c::PangoAttrListHandle attributes(pango_attr_list_new());
    PangoAttribute* leading = pango_attr_line_height_new_absolute(static_cast<int>(std::lround(block.style.leading.value * PANGO_SCALE)));
    pango_attr_list_insert(attributes.get(), leading);
    const auto add = [&](PangoAttribute* attribute, const resolve::Span& span) {
        attribute->start_index = static_cast<guint>(span.start);
        attribute->end_index = static_cast<guint>(span.end);
        pango_attr_list_insert(attributes.get(), attribute);
    };
    for (const resolve::Span& span : block.spans) {
        if (span.weight) add(pango_attr_weight_new(static_cast<PangoWeight>(*span.weight)), span);
        if (span.slant == resolve::Slant::italic) add(pango_attr_style_new(PANGO_STYLE_ITALIC), span);
        if (span.no_break) add(pango_attr_allow_breaks_new(FALSE), span);
    }
    pango_layout_set_attributes(layout.get(), attributes.get());
    PangoLines lines;
    const c::PangoLayoutIterHandle iter(pango_layout_get_iter(layout.get()));
    do {
        const PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter.get());
        lines.starts.push_back(block.text.substr(static_cast<std::size_t>(line->start_index), 12));
        lines.baselines.push_back(static_cast<double>(pango_layout_iter_get_baseline(iter.get())) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(iter.get()));
    return lines;
}

TEST(Typeset, FirstFitBreaksAndStacksLinesWherePangoWould)
{
    // Every left-aligned paragraph of the five leaflets that is not
    // hyphenated nor a heading (ragged lists, the directory) is set first-fit,
    // by our breaker over the glyphs shaped once: its lines must start and
    // stand where Pango's own wrapping puts them.
    int compared = 0, multi_line = 0;
    for (const char* id : {"contacts", "general", "migrants", "sab-staff", "youth"}) {
        const resolve::StyledDocument document = styled(source_dir() + "/sources/" + id + ".xml");
        Diagnostics diagnostics;
        const Typeset result = typeset(document, "base", diagnostics);
        std::function<void(const std::vector<resolve::StyledBlock>&, const std::vector<Block>&, Pt)> visit =
            [&](const std::vector<resolve::StyledBlock>& styled_blocks, const std::vector<Block>& blocks, Pt width) {
                for (std::size_t i = 0; i < blocks.size(); ++i) {
                    const resolve::StyledBlock& source = styled_blocks[i];
                    const Block& block = blocks[i];
                    const Pt inner = block.box ? width - block.box->padding * 2 : width;
                    visit(source.children, block.children, inner);
                    if (!block.has_lines() || block.kind == BlockKind::heading ||
                        source.style.align != resolve::Align::left || source.style.hyphenate ||
                        source.text.find('\t') != std::string::npos)
                        continue;
                    const PangoLines expected = pango_lines(source, width - source.style.indent);
                    std::vector<std::string> starts;
                    std::vector<double> baselines;
                    std::size_t from = 0;
                    for (const Line& line : block.lines) {
                        std::string text;
                        for (const GlyphRun& run : line.runs)
                            if (!run.icon.empty()) text += "\uFFFC";  // an icon stands for its U+FFFC
                            else if (run.role == RunRole::text) text += run.text;
                        from = source.text.find(text.substr(0, 12), from);
                        starts.push_back(source.text.substr(from, 12));
                        baselines.push_back(line.baseline.value);
                    }
                    EXPECT_EQ(starts, expected.starts) << id << ": " << source.text;
                    ASSERT_EQ(baselines.size(), expected.baselines.size());
                    for (std::size_t l = 0; l < baselines.size(); ++l)
                        EXPECT_NEAR(baselines[l], expected.baselines[l], 1.0 / 1024) << id << ": " << source.text;
                    ++compared;
                    multi_line += block.lines.size() > 1;
                }
            };
        for (std::size_t p = 0; p < document.panels.size(); ++p)
            visit(document.panels[p].blocks, result.panels[p].blocks, result.panels[p].width);
    }
    EXPECT_GE(compared, 50);
    EXPECT_GE(multi_line, 10) << "few paragraphs wrap: the test proves little";
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
    // Word spaces from 80 % to 150 %, nothing else changes.
    const Ranges ranges{0.5, 0.2, 0, 0, 0, 0};
    // Three words of 30 pt, two spaces: natural width 94.8 pt.
    const std::vector<Candidate> line = words({30, 30, 30}, {true, false});
    // 2.4 pt short: both spaces stretch, half their width at ratio 1.
    EXPECT_NEAR(adjustment_ratio(line[0], line[3], 97.2, ranges), 1.0, 1e-9);
    // 0.24 pt too wide: only the first space shrinks, 0.48 pt at ratio -1.
    EXPECT_NEAR(adjustment_ratio(line[0], line[3], 94.56, ranges), -0.5, 1e-9);
    EXPECT_NEAR(adjustment_ratio(line[0], line[3], 94.32, ranges), -1.0, 1e-9);
    // A line with no space to shrink is too wide whatever it lacks.
    const std::vector<Candidate> tight = words({30, 30}, {false});
    EXPECT_EQ(adjustment_ratio(tight[0], tight[2], 62, ranges), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(adjustment_ratio(tight[0], tight[1], 40, ranges), std::numeric_limits<double>::infinity());
}

// `words()` with `gaps` gaps between letters in each word.
std::vector<Candidate> with_gaps(std::vector<Candidate> candidates, int gaps)
{
    for (std::size_t k = 1; k < candidates.size(); ++k) {
        candidates[k].gaps_to_end = static_cast<int>(k) * gaps;
        candidates[k].gaps_to_next = static_cast<int>(k) * gaps;
    }
    return candidates;
}

TEST(LineBreaking, ALineIsFilledByWordSpacesThenLettersThenGlyphs)
{
    // Three words of 30 pt with 10 gaps each, two 2.4 pt spaces (natural
    // 94.8 pt): word spaces to 133 % (1.584 pt), letters 0.1 pt a gap
    // (3 pt), glyphs 2 % (1.8 pt of 90): 6.384 pt in all.
    const Ranges ranges{0.33, 0.2, 0.1, 0.05, 0.02, 0.02};
    const std::vector<Candidate> line = with_gaps(words({30, 30, 30}, {true, true}), 10);
    // 1 pt short: the word spaces alone.
    Fill fill = typeset::fill(line[0], line[3], 95.8, ranges);
    EXPECT_NEAR(fill.words, 1, 1e-9);
    EXPECT_EQ(fill.letters, 0);
    EXPECT_EQ(fill.glyphs, 0);
    EXPECT_NEAR(fill.word_spacing, 1 + 1 / 4.8, 1e-9);
    // 3 pt short: the word spaces to their maximum, the letters the rest.
    fill = typeset::fill(line[0], line[3], 97.8, ranges);
    EXPECT_NEAR(fill.words, 1.584, 1e-9);
    EXPECT_NEAR(fill.letters, 3 - 1.584, 1e-9);
    EXPECT_EQ(fill.glyphs, 0);
    // 5 pt short: the glyphs too; 6.384 pt is ratio 1.
    fill = typeset::fill(line[0], line[3], 99.8, ranges);
    EXPECT_NEAR(fill.letters, 3, 1e-9);
    EXPECT_NEAR(fill.glyphs, 5 - 1.584 - 3, 1e-9);
    EXPECT_NEAR(typeset::fill(line[0], line[3], 94.8 + 6.384, ranges).ratio, 1, 1e-9);
    // Past every range the word spaces take the rest: 8.4 pt short gives
    // them 1.584 + 2.016 pt, 175 %.
    fill = typeset::fill(line[0], line[3], 103.2, ranges);
    EXPECT_NEAR(fill.word_spacing, 1 + 3.6 / 4.8, 1e-9);
    EXPECT_GT(fill.ratio, 1);
    // Shrinking, in the same order: spaces to 80 % (0.96 pt), then 0.05 pt
    // a gap between letters.
    fill = typeset::fill(line[0], line[3], 93.34, ranges);
    EXPECT_NEAR(fill.words, -0.96, 1e-9);
    EXPECT_NEAR(fill.letters, -0.5, 1e-9);
}

TEST(LineBreaking, TotalFitMovesAWordRatherThanLeaveARunt)
{
    // Five words of 20 pt with 10 gaps between letters each, the last «e‑f»
    // with a soft hyphen after its first 10 pt (a 3 pt hyphen). At 102.6 pt
    // «a b c d e‑» is exactly natural, but leaves «f» alone, the tail of a
    // hyphenated word: total-fit sets «a b c d», loose (its word spaces at
    // 170 %), and «e‑f» whole below.
    const Ranges ranges{0.33, 0.2, 0.259, 0, 0, 0};
    std::vector<Candidate> candidates = with_gaps(words({20, 20, 20, 20, 20}, {true, true, true, true}), 10);
    Candidate hyphen = candidates[4];
    hyphen.line_end = hyphen.next_start + 10 + 3;
    hyphen.next_start += 10;
    hyphen.spaces_to_end = hyphen.spaces_to_next;
    hyphen.gaps_to_end = hyphen.gaps_to_next = 45;
    hyphen.penalty = 50;
    hyphen.flagged = hyphen.hyphen = true;
    candidates.insert(candidates.begin() + 5, hyphen);
    const double width = 4 * 20 + 4 * 2.4 + 13;
    EXPECT_NEAR(adjustment_ratio(candidates[0], candidates[5], width, ranges), 0, 1e-9);
    EXPECT_NEAR(typeset::fill(candidates[0], candidates[4], width, ranges).word_spacing, 1.7, 0.01);
    EXPECT_EQ(total_fit(candidates, width, {ranges, 0}), (std::vector<int>{4, 6}));

    // A last line of fewer characters than the style's minimum is a runt
    // too: «a b c d» natural leaves «e» (3 characters) alone; with a
    // minimum of 6, «d» goes down with it.
    std::vector<Candidate> short_end = with_gaps(words({20, 20, 20, 20, 8}, {true, true, true, true}), 10);
    for (std::size_t k = 1; k < short_end.size(); ++k) {
        short_end[k].characters_to_end = static_cast<int>(k) * 9 - 1 - (k == 5 ? 5 : 0);
        short_end[k].characters_to_next = static_cast<int>(k) * 9;
    }
    const Ranges letters{0.33, 0.2, 0.6, 0, 0, 0};
    const double four = 4 * 20 + 3 * 2.4;
    EXPECT_EQ(total_fit(short_end, four, {letters, 0}), (std::vector<int>{4, 5}));
    EXPECT_EQ(total_fit(short_end, four, {letters, 6}), (std::vector<int>{3, 5}));
}

TEST(LineBreaking, BalancedLinesAreAsEvenAsTheirCountAllows)
{
    // Five words of 30 pt in 130 pt: first-fit sets four and one; balanced,
    // three and two, the narrowest width that still needs two lines.
    const std::vector<Candidate> candidates = words({30, 30, 30, 30, 30}, {true, true, true, true});
    EXPECT_EQ(first_fit(candidates, 130), (std::vector<int>{4, 5}));
    EXPECT_EQ(balanced(candidates, 130), (std::vector<int>{3, 5}));
    // One line stays one line.
    EXPECT_EQ(balanced(candidates, 200), (std::vector<int>{5}));
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

TEST(LineBreaking, FirstFitFillsEachLineAsFarAsItGoesAtNaturalWidth)
{
    // Words of 30 pt and 2.4 pt spaces: at 94.8 pt three fit exactly
    // (30 + 2.4 + 30 + 2.4 + 30), at 94.7 only two: first-fit never
    // shrinks a space.
    const std::vector<Candidate> candidates = words({30, 30, 30, 30, 30, 30}, {true, true, true, true, true});
    EXPECT_EQ(first_fit(candidates, 94.8), (std::vector<int>{3, 6}));
    EXPECT_EQ(first_fit(candidates, 94.7), (std::vector<int>{2, 4, 6}));
    // A word wider than the line stands alone on it.
    const std::vector<Candidate> long_word = words({30, 120, 30}, {true, true});
    EXPECT_EQ(first_fit(long_word, 94.8), (std::vector<int>{1, 2, 3}));
    // One candidate past the start: the paragraph's end.
    EXPECT_EQ(first_fit(words({30}, {}), 10), (std::vector<int>{1}));
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
