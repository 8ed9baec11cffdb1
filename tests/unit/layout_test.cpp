// layout: the sheet's geometry and how flows thread through panels.
#include "layout/layout.hpp"

#include <cmath>
#include <map>
#include <regex>

#include <glib.h>
#include <gtest/gtest.h>

#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::test {
namespace {

// tests/cases/flow.xml with its flow's paragraphs repeated `times` times.
std::string flow_source(int times)
{
    std::string xml = read(source_dir() + "/tests/cases/flow.xml");
    const auto begin = xml.find("<h2>");
    const auto end = xml.find("</flow>");
    const std::string body = xml.substr(begin, end - begin);
    std::string repeated;
    for (int i = 0; i < times; ++i) repeated += body;
    return xml.replace(begin, end - begin, repeated);
}

// A flow whose second paragraph is long enough (all the case's paragraphs
// in one) that it must break between panels.
std::string long_paragraph_source()
{
    std::string xml = read(source_dir() + "/tests/cases/flow.xml");
    std::string joined;
    for (auto at = xml.find("<p>"); at != std::string::npos; at = xml.find("<p>", at + 1))
        joined += xml.substr(at + 3, xml.find("</p>", at) - at - 3) + " ";
    const auto begin = xml.find("<h2>");
    const auto end = xml.find("</flow>");
    const std::string body = "<h2>БІР АБЗАЦ</h2>\n<p>Қысқа кіріспе абзац.</p>\n<p>" + joined + joined + joined + "</p>\n";
    return xml.replace(begin, end - begin, body);
}

layout::Frames frames_of(const std::string& xml, const std::filesystem::path& folder)
{
    write(folder / "flow.xml", xml);
    const Project project = repository();
    Diagnostics diagnostics;
    return make_leaflet(project, load_inputs(project, diagnostics), (folder / "flow.xml").string(), nullptr, diagnostics).frames;
}

std::size_t line_count(const layout::TextItem& item) { return item.lines.size(); }

TEST(Sheet, FoldMarksStandAtTheFoldsOfEachSide)
{
    const auto frames = frames_of(flow_source(1), scratch_dir());
    ASSERT_EQ(frames.pages.size(), 2u);
    // outside: flap 97 | back 100 | front 100 -> folds at 97 and 197 mm;
    // inside: 100 | 100 | 97 -> folds at 100 and 200 mm.
    const std::vector<std::vector<double>> expected{{97, 197}, {100, 200}};
    for (std::size_t side = 0; side < 2; ++side) {
        const auto& page = frames.pages[side];
        std::vector<double> folds;
        for (const auto& item : page.items)
            if (const auto* line = std::get_if<layout::RuleItem>(&item);
                line && line->kind == layout::MarkKind::fold && line->y0 < page.trim.y)
                folds.push_back(std::round(to_mm(line->x0 - page.trim.x) * 10) / 10);
        EXPECT_EQ(folds, expected[side]) << page.side;
        // Every mark stays outside the bleed.
        for (const auto& item : page.items)
            if (const auto* line = std::get_if<layout::RuleItem>(&item)) {
                const bool outside = std::min(line->x0, line->x1) >= page.bleed.x + page.bleed.width ||
                                     std::max(line->x0, line->x1) <= page.bleed.x ||
                                     std::min(line->y0, line->y1) >= page.bleed.y + page.bleed.height ||
                                     std::max(line->y0, line->y1) <= page.bleed.y;
                EXPECT_TRUE(outside) << "a mark at " << line->x0.value << "," << line->y0.value;
            }
    }
}

TEST(Flow, ThreadsThroughPanelsWithoutWidowsOrOrphans)
{
    const auto frames = frames_of(long_paragraph_source(), scratch_dir());
    const layout::Page& inside = frames.pages.at(1);
    // The pieces of each block, by where its source is.
    std::map<std::pair<int, int>, std::vector<const layout::TextItem*>> parts;
    std::map<std::string, int> items_per_panel;
    for (const auto& item : inside.items) {
        const auto* text = std::get_if<layout::TextItem>(&item);
        if (!text || text->kind == typeset::BlockKind::slug) continue;
        parts[{text->loc.line, text->loc.column}].push_back(text);
        for (const auto& frame : inside.panels) {
            if (text->x < frame.text.x || text->x >= frame.text.x + frame.text.width) continue;
            ++items_per_panel[frame.role];
        }
    }
    EXPECT_GT(items_per_panel["inside-1"], 0);
    EXPECT_GT(items_per_panel["inside-2"], 0);
    EXPECT_GT(items_per_panel["inside-3"], 0);
    int split = 0;
    for (const auto& [where, pieces] : parts) {
        if (pieces.size() < 2) continue;
        ++split;
        for (const auto* piece : pieces) EXPECT_GE(line_count(*piece), 2u) << "a widow or an orphan";
        // Where the next piece goes on, the one before left off.
        for (std::size_t i = 1; i < pieces.size(); ++i) EXPECT_TRUE(pieces[i]->continued);
        EXPECT_FALSE(pieces.front()->continued);
    }
    EXPECT_GE(split, 1) << "no paragraph broke between panels: the test proves nothing";
    // Full panels but the last; its rest carries at least two lines.
    EXPECT_GT(inside.panels[0].fill, 0.9);
    EXPECT_GT(inside.panels[1].fill, 0.9);
}

TEST(Flow, LineBreaksMatchTheTraceGolden)
{
    const auto frames = frames_of(long_paragraph_source(), scratch_dir());
    EXPECT_TRUE(matches_text_golden(render::render_trace(frames), "flow.frames.txt"));
}

TEST(Flow, OverflowNamesTheLastPanelAndTheExcess)
{
    const auto folder = scratch_dir();
    try {
        frames_of(flow_source(6), folder);
        FAIL() << "no overflow";
    } catch (const Error& error) {
        const std::string message = format(error.diagnostics().front());
        EXPECT_TRUE(std::regex_match(message, std::regex(".*/flow\\.xml:[0-9]+:[0-9]+: error: text overflows panel inside-3 "
                                                         "by [0-9]+\\.[0-9] mm")))
            << message;
        EXPECT_EQ(message.find("by 0.0 mm"), std::string::npos) << message;
    }
}

// The text items of the inside page in style `style`.
std::vector<const layout::TextItem*> items(const layout::Frames& frames, const std::string& style)
{
    std::vector<const layout::TextItem*> result;
    for (const layout::Item& item : frames.pages.at(1).items)
        if (const auto* text = std::get_if<layout::TextItem>(&item); text && text->style == style) result.push_back(text);
    return result;
}

// The runs of an item's last line in `role`.
std::vector<const typeset::GlyphRun*> runs(const layout::TextItem& item, typeset::RunRole role)
{
    std::vector<const typeset::GlyphRun*> result;
    for (const typeset::GlyphRun& run : item.lines.back().runs)
        if (run.role == role) result.push_back(&run);
    return result;
}

TEST(ContactLine, NumberEndsFlushWithTheColumnAndLeadersLineUp)
{
    const Project project = repository();
    Diagnostics diagnostics;
    const layout::Frames frames =
        make_leaflet(project, load_inputs(project, diagnostics), source_dir() + "/tests/cases/contact-lines.xml", nullptr,
                     diagnostics)
            .frames;
    const layout::Rect column = frames.pages.at(1).panels.at(0).text;  // inside-1
    const auto lines = items(frames, "contact-line");
    ASSERT_EQ(lines.size(), 3u);
    std::vector<Pt> leader_starts;
    Pt dot;
    for (std::size_t i = 0; i < 3; ++i) {
        const layout::TextItem& line = *lines[i];
        // On the label's last line: its text, the leader, then the number,
        // which ends at the column's right edge.
        const auto texts = runs(line, typeset::RunRole::text);
        const auto leaders = runs(line, typeset::RunRole::leader);
        ASSERT_EQ(leaders.size(), 1u) << i;
        ASSERT_GE(texts.size(), 2u) << i;
        const typeset::GlyphRun& number = *texts.back();
        EXPECT_FALSE(number.link.empty()) << "the number keeps its link";
        EXPECT_NEAR((line.x + number.x + number.width()).value, (column.x + column.width).value, 0.01) << i;
        EXPECT_GT(number.x, leaders[0]->x + leaders[0]->width()) << i;
        EXPECT_GT(leaders[0]->x, texts.front()->x + texts.front()->width()) << i;
        leader_starts.push_back(line.x + leaders[0]->x);
        // A dot's advance inside a run of dots, as the font kerns them.
        dot = leaders[0]->glyphs.front().advance;
    }
    // The third label wraps (three lines): its number stands on the last.
    EXPECT_EQ(lines[2]->lines.size(), 3u);
    // The dots stand on one grid: the leaders' starts differ by whole dots.
    for (std::size_t i = 1; i < 3; ++i) {
        const double steps = (leader_starts[i] - leader_starts[0]).value / dot.value;
        EXPECT_NEAR(steps, std::round(steps), 0.01) << i;
        EXPECT_NE(std::round(steps), 0) << "the labels end in one place: the test proves nothing";
    }
    // A style with no leader leaves the gap blank.
    const auto small = items(frames, "small");
    ASSERT_EQ(small.size(), 1u);
    EXPECT_TRUE(runs(*small[0], typeset::RunRole::leader).empty());
    EXPECT_EQ(runs(*small[0], typeset::RunRole::text).size(), 2u);
    EXPECT_TRUE(matches_text_golden(render::render_trace(frames), "contact-lines.frames.txt"));
}

// The words of a line's own runs, its line-end U+00AD dropped.
std::string words_of(const typeset::Line& line)
{
    std::string text;
    for (const typeset::GlyphRun& run : line.runs)
        if (run.role == typeset::RunRole::text) text += run.text;
    const std::string shy = "\u00AD";
    if (text.size() >= shy.size() && text.compare(text.size() - shy.size(), shy.size(), shy) == 0)
        text.resize(text.size() - shy.size());
    return text;
}

TEST(Composer, TinyCasesBreakByTheRules)
{
    const Project project = repository();
    Diagnostics diagnostics;
    const layout::Frames frames =
        make_leaflet(project, load_inputs(project, diagnostics), source_dir() + "/tests/cases/composer.xml", nullptr,
                     diagnostics)
            .frames;
    const auto title = items(frames, "title");
    const auto body = items(frames, "body");
    ASSERT_EQ(title.size(), 1u);
    ASSERT_EQ(body.size(), 3u);

    // The title, balanced: first-fit set «ШЕТЕЛДІКТЕР МЕН / ЕҢБЕК /
    // МИГРАНТТАРЫНА / АРНАЛҒАН ЕСКЕРТПЕ», «ЕҢБЕК» alone and a third of the
    // others' width; balanced, in as many lines, no line is under half the
    // widest.
    const std::vector<typeset::Line>& title_lines = title[0]->lines;
    ASSERT_EQ(title_lines.size(), 4u);
    EXPECT_EQ(words_of(title_lines[1]), "МЕН ЕҢБЕК");
    Pt narrowest = title_lines[0].width, widest = title_lines[0].width;
    for (const typeset::Line& line : title_lines) {
        narrowest = std::min(narrowest, line.width);
        widest = std::max(widest, line.width);
    }
    EXPECT_GT(narrowest.value, 0.5 * widest.value);

    // No runt: the last line is no hyphenated word's tail, and is at least
    // six characters.
    for (const layout::TextItem* item : body) {
        const std::vector<typeset::Line>& lines = item->lines;
        ASSERT_GE(lines.size(), 2u);
        const std::string last = words_of(lines.back());
        EXPECT_FALSE(lines[lines.size() - 2].kind == typeset::BreakKind::hyphen && last.find(' ') == std::string::npos)
            << last;
        EXPECT_GE(g_utf8_strlen(last.c_str(), -1), 6) << last;
    }
    EXPECT_EQ(words_of(body[0]->lines.back()), "шалыңыз.") << "not «ша‑ / лыңыз.»";

    // Compounds break only after their hyphen, «немесе» never.
    int compound_breaks = 0;
    const std::vector<typeset::Line>& compounds = body[1]->lines;
    for (std::size_t i = 0; i + 1 < compounds.size(); ++i) {
        const std::string end = words_of(compounds[i]);
        const std::string word = end.substr(end.find_last_of(' ') + 1);
        if (compounds[i].kind == typeset::BreakKind::hyphen) {
            EXPECT_EQ(word.find('-'), std::string::npos) << word;
            EXPECT_NE(word, "не") << "немесе broken";
            EXPECT_NE(word, "неме") << "немесе broken";
            const std::string next = words_of(compounds[i + 1]);
            EXPECT_EQ(next.substr(0, next.find(' ')).find('-'), std::string::npos) << next;
        }
        compound_breaks += compounds[i].kind == typeset::BreakKind::dash;
    }

    // Capitals are never justified: every line ragged, at natural spacing.
    for (const typeset::Line& line : body[2]->lines) EXPECT_FALSE(line.justified.has_value()) << words_of(line);
    EXPECT_GE(body[2]->lines.size(), 3u);

    EXPECT_TRUE(matches_text_golden(render::render_trace(frames), "composer.frames.txt"));
}

}  // namespace
}  // namespace leaflet::test
