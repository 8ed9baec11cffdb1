// layout: backgrounds to the bleed, bands, fixed placement and the fill
// modes (valign="justify", balance="true", copyfit="fill"), on
// tests/cases/placement.xml laid out with the house styles.
#include <algorithm>
#include <cmath>
#include <regex>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "preflight/preflight.hpp"
#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::test {
namespace {

std::string placement_source() { return read(source_dir() + "/tests/cases/placement.xml"); }

struct Laid {
    Product product;
    Diagnostics diagnostics;
};

Laid lay_out(const std::string& xml)
{
    const std::filesystem::path folder = scratch_dir();
    write(folder / "placement.xml", xml);
    const Project project = repository();
    Laid laid;
    laid.product = make_leaflet(project, load_inputs(project, laid.diagnostics), (folder / "placement.xml").string(),
                                nullptr, laid.diagnostics);
    return laid;
}

std::string replaced(std::string xml, const std::string& from, const std::string& to)
{
    const auto at = xml.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? xml : xml.replace(at, from.size(), to);
}

const layout::Page& page_of(const layout::Frames& frames, const std::string& side)
{
    for (const layout::Page& page : frames.pages)
        if (page.side == side) return page;
    throw std::runtime_error("no side " + side);
}

const layout::PanelFrame& panel_of(const layout::Frames& frames, const std::string& role)
{
    for (const layout::Page& page : frames.pages)
        for (const layout::PanelFrame& panel : page.panels)
            if (panel.role == role) return panel;
    throw std::runtime_error("no panel " + role);
}

std::vector<layout::FillItem> fills(const layout::Frames& frames, const std::string& style)
{
    std::vector<layout::FillItem> result;
    for (const layout::Page& page : frames.pages)
        for (const layout::Item& item : page.items)
            if (const auto* fill = std::get_if<layout::FillItem>(&item); fill && fill->style == style)
                result.push_back(*fill);
    return result;
}

// The text items whose left edge is in `panel`, top to bottom.
std::vector<layout::TextItem> texts_in(const layout::Frames& frames, const layout::PanelFrame& panel)
{
    std::vector<layout::TextItem> result;
    for (const layout::Page& page : frames.pages) {
        if (page.panels.empty() || &panel < &page.panels.front() || &panel > &page.panels.back()) continue;
        for (const layout::Item& item : page.items)
            if (const auto* text = std::get_if<layout::TextItem>(&item);
                text && text->kind != typeset::BlockKind::slug && text->x >= panel.trim.x &&
                text->x < panel.trim.x + panel.trim.width)
                result.push_back(*text);
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const layout::TextItem& a, const layout::TextItem& b) { return a.y < b.y; });
    return result;
}

Pt bottom(const layout::Rect& rect) { return rect.y + rect.height; }
Pt right(const layout::Rect& rect) { return rect.x + rect.width; }

constexpr double near = 0.05;  // pt

TEST(Placement, APanelBackgroundReachesTheBleedWhereThePanelMeetsTheTrim)
{
    const Laid laid = lay_out(placement_source());
    const layout::Frames& frames = laid.product.frames;
    const layout::Page& outside = page_of(frames, "outside");
    const layout::PanelFrame& front = panel_of(frames, "front");
    const auto backgrounds = fills(frames, "panel");
    ASSERT_EQ(backgrounds.size(), 1u);
    const layout::Rect& rect = backgrounds[0].rect;
    EXPECT_EQ(backgrounds[0].colour->name, "tint");
    // The front is the outside's right panel: its left edge is the fold
    // with the back, where the background stops.
    EXPECT_NEAR(rect.x.value, front.trim.x.value, near);
    EXPECT_NEAR(right(rect).value, right(outside.bleed).value, near);
    EXPECT_NEAR(rect.y.value, outside.bleed.y.value, near);
    EXPECT_NEAR(bottom(rect).value, bottom(outside.bleed).value, near);
    // Drawn first: everything else stands on it.
    const auto first_fill = std::find_if(outside.items.begin(), outside.items.end(), [](const layout::Item& item) {
        return std::holds_alternative<layout::FillItem>(item);
    });
    ASSERT_NE(first_fill, outside.items.end());
    EXPECT_EQ(std::get<layout::FillItem>(*first_fill).style, "panel");
}

TEST(Placement, ABandAtTheTopReachesTheBleedAndItsTextIsReversedOutInTheColumn)
{
    const Laid laid = lay_out(placement_source());
    const layout::Frames& frames = laid.product.frames;
    const layout::Page& outside = page_of(frames, "outside");
    const layout::PanelFrame& front = panel_of(frames, "front");
    const auto bands = fills(frames, "band");
    ASSERT_EQ(bands.size(), 1u);
    const layout::Rect& band = bands[0].rect;
    EXPECT_NEAR(band.x.value, front.trim.x.value, near) << "not past the fold";
    EXPECT_NEAR(right(band).value, right(outside.bleed).value, near);
    EXPECT_NEAR(band.y.value, outside.bleed.y.value, near) << "up through the trim into the bleed";
    EXPECT_GT(bottom(band).value, front.text.y.value);

    const auto texts = texts_in(frames, front);
    ASSERT_FALSE(texts.empty());
    const layout::TextItem& title = texts.front();
    EXPECT_EQ(title.style, "title");
    // The title stays in the column, inside the band's padding, and in white.
    EXPECT_GE(title.x.value, front.text.x.value);
    EXPECT_GE((title.y + title.lines.front().top).value, front.text.y.value);
    EXPECT_LE((title.y + title.lines.back().bottom).value, bottom(band).value);
    for (const typeset::Line& line : title.lines)
        for (const typeset::GlyphRun& run : line.runs) EXPECT_EQ(run.colour.name, "white");
}

TEST(Placement, ABoxFixedAtTheFootStaysThereWhateverTheFlowAboveHolds)
{
    const std::string xml = placement_source();
    const std::string paragraph = "<p>Адам саудасы — адамның еркіндігін шектеу және оны пайдалану.</p>";
    const Laid short_front = lay_out(xml);
    const Laid longer_front = lay_out(replaced(xml, paragraph, paragraph + paragraph + paragraph + paragraph));
    const layout::PanelFrame& front = panel_of(short_front.product.frames, "front");
    const auto boxes = fills(short_front.product.frames, "callout");
    const auto boxes_longer = fills(longer_front.product.frames, "callout");
    ASSERT_EQ(boxes.size(), 1u);
    ASSERT_EQ(boxes_longer.size(), 1u);
    EXPECT_NEAR(bottom(boxes[0].rect).value, bottom(front.text).value, near);
    EXPECT_NEAR(boxes[0].rect.y.value, boxes_longer[0].rect.y.value, near);
    EXPECT_GT(panel_of(longer_front.product.frames, "front").fill, front.fill);
}

TEST(Placement, AFlowThatRunsIntoAFixedBoxOverflows)
{
    const std::string paragraph = "<p>Адам саудасы — адамның еркіндігін шектеу және оны пайдалану.</p>";
    std::string many;
    for (int i = 0; i < 30; ++i) many += paragraph;
    try {
        lay_out(replaced(placement_source(), paragraph, many));
        FAIL() << "no overflow";
    } catch (const Error& error) {
        EXPECT_TRUE(std::regex_search(error.what(), std::regex(R"(placement\.xml:\d+:\d+: error: text overflows panel front by \d+\.\d mm)")))
            << error.what();
    }
}

TEST(Placement, JustifiedPanelsSpreadTheirFreeHeightInWholeGridLinesUpToTheMaximum)
{
    const std::string xml = placement_source();
    const Laid justified = lay_out(xml);
    const Laid top = lay_out(replaced(xml, "<panel role=\"back\" valign=\"justify\">", "<panel role=\"back\">"));
    const layout::PanelFrame& back = panel_of(justified.product.frames, "back");
    const auto spread = texts_in(justified.product.frames, back);
    const auto natural = texts_in(top.product.frames, panel_of(top.product.frames, "back"));
    ASSERT_EQ(spread.size(), 3u);
    ASSERT_EQ(natural.size(), 3u);
    EXPECT_NEAR(spread[0].y.value, natural[0].y.value, near) << "the first block stays at the top";
    const double extra = (spread[1].y - natural[1].y).value;
    const double step = 11.4;  // styles/default.xml's baseline grid
    EXPECT_GT(extra, 0);
    EXPECT_LE(extra, mm(8).value + near);
    EXPECT_NEAR(std::fmod(extra + near, step), near, near) << extra;
    // The rule stands in the second gap, the last paragraph after the third.
    const auto rules = fills(justified.product.frames, "rule");
    const auto rules_natural = fills(top.product.frames, "rule");
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_NEAR((rules[0].rect.y - rules_natural[0].rect.y).value, 2 * extra, near);
    EXPECT_NEAR((spread[2].y - natural[2].y).value, 3 * extra, near);
    EXPECT_NEAR(rules[0].rect.height.value, 0.75, near);
}

TEST(Placement, ABalancedFlowFillsItsPanelsToOneHeight)
{
    const std::string xml = placement_source();
    const Laid balanced = lay_out(xml);
    const Laid unbalanced = lay_out(replaced(xml, " balance=\"true\"", ""));
    const double line = 11.4 / panel_of(balanced.product.frames, "inside-1").text.height.value;
    std::vector<double> filled;
    for (const char* role : {"inside-1", "inside-2", "inside-3"})
        filled.push_back(panel_of(balanced.product.frames, role).fill);
    EXPECT_GT(filled[2], 0);
    EXPECT_LE(*std::max_element(filled.begin(), filled.end()) - *std::min_element(filled.begin(), filled.end()),
              3 * line);
    // Unbalanced, the same text stands in the first panel alone.
    EXPECT_EQ(panel_of(unbalanced.product.frames, "inside-3").fill, 0);
    EXPECT_EQ(texts_in(unbalanced.product.frames, panel_of(unbalanced.product.frames, "inside-2")).size(), 0u);
}

TEST(Placement, CopyfitFillGrowsTheTypeWhileItFitsAndSaysTheScale)
{
    const std::string xml = placement_source();
    const Laid short_flap = lay_out(xml);
    const layout::PanelFrame& flap = panel_of(short_flap.product.frames, "flap");
    // Little text: it grows to the maximum, 125 %, and says how full that is.
    EXPECT_DOUBLE_EQ(flap.scale, 1.25);
    std::string said;
    for (const Diagnostic& diagnostic : short_flap.diagnostics.all())
        if (diagnostic.message.find("to fill") != std::string::npos) {
            said = diagnostic.message;
            EXPECT_EQ(diagnostic.severity, Severity::note);  // asked for: no warning
        }
    EXPECT_EQ(said, fmt::format("copyfit: the type of panel flap is set at 125 % of its font size and leading to fill "
                                "{:.0f} % of its height",
                                flap.fill * 100));

    // Text enough to fill the panel first: it grows less, and stops at the
    // target (90 %) or at the last step that fitted.
    const std::string paragraph = "<p>Жұмыс берушіңіз туралы ақпаратты жақындарыңызға қалдырыңыз. Шетелге шықпас бұрын "
                                  "келісімшартты мұқият оқыңыз.</p>";
    std::string more;
    for (int i = 0; i < 9; ++i) more += paragraph;
    const Laid long_flap = lay_out(replaced(xml, paragraph, more));
    const layout::PanelFrame& full = panel_of(long_flap.product.frames, "flap");
    EXPECT_GT(full.scale, 1);
    EXPECT_LT(full.scale, 1.25);
    EXPECT_GE(full.fill, 0.85);
    EXPECT_LE(full.fill, 1.0);
}

TEST(Placement, TheTraceListsEveryBackgroundWithItsBoxAndSourceAndPreflightPasses)
{
    const Laid laid = lay_out(placement_source());
    const std::string trace = render::render_trace(laid.product.frames);
    EXPECT_NE(trace.find("fill panel 598.1,31.2 292.0x612.3 tint from placement.xml:12"), std::string::npos);
    EXPECT_NE(trace.find(" none radius 5.7 border 0.8 red from placement.xml:29"), std::string::npos);
    EXPECT_TRUE(matches_text_golden(trace, "placement.frames.txt"));

    const std::filesystem::path pdf = scratch_dir() / "placement.pdf";
    write(pdf, laid.product.pdf);
    const preflight::Report report = preflight::preflight(pdf.string(), preflight::Kind::print);
    EXPECT_TRUE(report.passed()) << preflight::format_text({report});
}

}  // namespace
}  // namespace leaflet::test
