// layout: the baseline grid. tests/cases/baseline-grid.xml (a heading, a
// title heading and a box above body text in three neighbouring panels), a
// flow whose paragraphs break between panels, and a flow that copyfit
// shrinks, all in the house style (<baseline-grid step="11.4pt"/>).
#include "layout/layout.hpp"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::test {
namespace {

constexpr double step = 11.4;        // <baseline-grid step="11.4pt"/>
constexpr double on_grid = 0.06;     // grid_tolerance (flow.cpp) and a rounding to spare

layout::Frames frames_of(const Project& project, const std::string& source)
{
    Diagnostics diagnostics;
    return make_leaflet(project, load_inputs(project, diagnostics), source, nullptr, diagnostics).frames;
}

std::string case_path() { return source_dir() + "/tests/cases/baseline-grid.xml"; }

// tests/cases/flow.xml with its flow's blocks repeated `times` times, and
// the flow's attributes `attributes`.
std::string flow_source(int times, const std::string& attributes = "")
{
    std::string xml = read(source_dir() + "/tests/cases/flow.xml");
    const auto begin = xml.find("<h2>");
    const auto end = xml.find("</flow>");
    const std::string body = xml.substr(begin, end - begin);
    std::string repeated;
    for (int i = 0; i < times; ++i) repeated += body;
    xml.replace(begin, end - begin, repeated);
    const std::string flow = "<flow panels=\"inside-1 inside-2 inside-3\"";
    return xml.replace(xml.find(flow), flow.size(), flow + attributes);
}

std::string written(const std::string& xml)
{
    const auto path = scratch_dir() / "case.xml";
    write(path, xml);
    return path.string();
}

const std::set<std::string> body_styles{"body", "list-item", "ordered-item", "questions", "contact-line"};

struct BodyLine {
    double baseline;                  // from the top of the page
    const layout::TextItem* item;
    std::size_t line;
};

// The lines of body text in inside panel `panel` (0, 1, 2), top to bottom.
std::vector<BodyLine> body_lines(const layout::Frames& frames, std::size_t panel)
{
    const layout::Page& inside = frames.pages.at(1);
    const layout::Rect trim = inside.panels.at(panel).trim;
    std::vector<BodyLine> result;
    for (const auto& item : inside.items) {
        const auto* text = std::get_if<layout::TextItem>(&item);
        if (!text || !body_styles.count(text->style) || text->x < trim.x || text->x >= trim.x + trim.width) continue;
        for (std::size_t i = 0; i < text->lines.size(); ++i)
            result.push_back({(text->y + text->lines[i].baseline).value, text, i});
    }
    return result;
}

// Where a body line's baseline stands when it stands at the top of a
// column: from the line's top, as typeset reports it.
double ascent(const BodyLine& line)
{
    const typeset::Line& first = line.item->lines.at(line.line);
    return (first.baseline - first.top).value;
}

// In grid steps from the first grid line of inside panel `panel`.
double steps(const layout::Frames& frames, std::size_t panel, const BodyLine& line, double grid_step = step)
{
    const double origin = frames.pages.at(1).panels.at(panel).text.y.value + ascent(line);
    return (line.baseline - origin) / grid_step;
}

TEST(BaselineGrid, BodyLinesOfNeighbouringPanelsShareBaselines)
{
    const layout::Frames frames = frames_of(repository(), case_path());
    std::vector<std::set<long>> baselines(3);  // in hundredths of a point
    for (std::size_t panel = 0; panel < 3; ++panel) {
        const auto lines = body_lines(frames, panel);
        ASSERT_GE(lines.size(), 3u) << panel;
        for (const BodyLine& line : lines) {
            const double at = steps(frames, panel, line);
            EXPECT_NEAR(at, std::round(at), on_grid / step) << "panel " << panel << " at " << line.baseline;
            baselines[panel].insert(std::lround(line.baseline * 100));
        }
    }
    // Under the h1 (leading 18 pt, space after 8 pt, the body's space
    // before 3.5 pt) the body's first baseline would stand 29.5 pt below
    // the first grid line; it moves down to the third line below it,
    // 34.2 pt. Under the h2 (12.5 + 2 + 3.5 pt): 18 pt, to the second,
    // 22.8 pt. In the quote (padding 3 mm, 8.5 pt): the box moves down
    // 2.9 pt, so that its text stands on the first line below the top one.
    EXPECT_NEAR(steps(frames, 0, body_lines(frames, 0).front()), 3, 0.001);
    EXPECT_NEAR(steps(frames, 1, body_lines(frames, 1).front()), 2, 0.001);
    EXPECT_NEAR(steps(frames, 2, body_lines(frames, 2).front()), 1, 0.001);
    // Neighbours share baselines, to the hundredth of a point.
    for (std::size_t panel = 1; panel < 3; ++panel) {
        int shared = 0;
        for (long baseline : baselines[panel]) shared += static_cast<int>(baselines[panel - 1].count(baseline));
        EXPECT_GE(shared, 3) << "inside-" << panel << " and inside-" << panel + 1;
    }
    // List items (space after 0) follow each other a step apart.
    const auto lines = body_lines(frames, 1);
    int items = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].item->style != "list-item" || lines[i - 1].item->style != "list-item") continue;
        ++items;
        EXPECT_NEAR(lines[i].baseline - lines[i - 1].baseline, step, 0.01);
    }
    EXPECT_GE(items, 1);
}

TEST(BaselineGrid, WithoutAGridInTheStyleSheetNothingMoves)
{
    const auto folder = scratch_dir();
    const Project project = copy_of_repository(folder);
    replace_in_file(folder / "styles/default.xml", "<baseline-grid step=\"11.4pt\"/>", "");
    const layout::Frames frames = frames_of(project, case_path());
    // The body's first baseline right under the h1 and the space between
    // them: 18 + 8 + 3.5 pt.
    EXPECT_NEAR(steps(frames, 0, body_lines(frames, 0).front()) * step, 29.5, 0.01);
}

TEST(BaselineGrid, LayoutMatchesTheTraceGolden)
{
    EXPECT_TRUE(matches_text_golden(render::render_trace(frames_of(repository(), case_path())),
                                    "baseline-grid.frames.txt"));
}

TEST(BaselineGrid, ParagraphsBrokenBetweenPanelsGoOnOnTheGrid)
{
    const layout::Frames frames = frames_of(repository(), written(flow_source(2)));
    int continued = 0;
    for (std::size_t panel = 0; panel < 3; ++panel) {
        for (const BodyLine& line : body_lines(frames, panel)) {
            const double at = steps(frames, panel, line);
            EXPECT_NEAR(at, std::round(at), on_grid / step) << "panel " << panel << " at " << line.baseline;
            // The rest of a paragraph starts on the panel's first grid line.
            if (line.item->continued && line.line == 0) {
                ++continued;
                EXPECT_NEAR(at, 0, 0.001);
            }
        }
    }
    EXPECT_GE(continued, 1) << "no paragraph broke between panels: the test proves nothing";
}

TEST(BaselineGrid, CopyfitScalesTheGridWithTheLeading)
{
    const layout::Frames frames = frames_of(repository(), written(flow_source(3, " copyfit=\"shrink\"")));
    const double scale = frames.pages.at(1).panels.at(0).scale;
    ASSERT_LT(scale, 1) << "the flow fits at full size: the test proves nothing";
    int off_the_full_size_grid = 0;
    for (std::size_t panel = 0; panel < 3; ++panel) {
        for (const BodyLine& line : body_lines(frames, panel)) {
            const double at = steps(frames, panel, line, step * scale);
            EXPECT_NEAR(at, std::round(at), on_grid / step) << "panel " << panel << " at " << line.baseline;
            const double unscaled = steps(frames, panel, line);
            if (std::abs(unscaled - std::round(unscaled)) * step > 0.5) ++off_the_full_size_grid;
        }
    }
    EXPECT_GT(off_the_full_size_grid, 0) << "the lines stand on the unscaled grid too: the test proves nothing";
}

// Panel inside-1 holding `count` copies of one body paragraph.
std::string repeated_paragraph(int count)
{
    const std::string flow = read(source_dir() + "/tests/cases/flow.xml");
    const auto begin = flow.find("<p>");
    const std::string paragraph = flow.substr(begin, flow.find("</p>", begin) + 4 - begin);
    std::string blocks;
    for (int i = 0; i < count; ++i) blocks += "    " + paragraph + "\n";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<leaflet id=\"grid-overflow\" xml:lang=\"kk\" version=\"1\">\n"
           "  <title>Тор</title>\n  <panel role=\"inside-1\">\n" +
           blocks + "  </panel>\n</leaflet>\n";
}

TEST(BaselineGrid, BlocksTheGridMovesPastTheColumnOverflowByWhatTheyNeed)
{
    const auto folder = scratch_dir();
    const Project without_grid = copy_of_repository(folder);
    replace_in_file(folder / "styles/default.xml", "<baseline-grid step=\"11.4pt\"/>", "");
    // The fewest paragraphs that overflow on the grid (one blank line
    // between them) but fit without it (3.5 pt between them).
    for (int count = 1; count < 40; ++count) {
        const std::string source = (folder / ("case-" + std::to_string(count) + ".xml")).string();
        write(source, repeated_paragraph(count));
        try {
            frames_of(repository(), source);
            continue;
        } catch (const Error& error) {
            const layout::Frames loose = frames_of(without_grid, source);  // fits, or throws and fails the test
            const layout::Page& inside = loose.pages.at(1);
            const auto lines = body_lines(loose, 0);
            ASSERT_FALSE(lines.empty());
            // On the grid each paragraph takes its lines and a blank line
            // before it, but the first: what the column lacks for them.
            const double paragraph = static_cast<double>(lines.front().item->lines.size()) * step;
            const double needed = count * paragraph + (count - 1) * step;
            const double excess_mm = (needed - inside.panels.at(0).text.height.value) * 25.4 / 72;
            const std::string message = format(error.diagnostics().front());
            const auto by = message.find("text overflows panel inside-1 by ");
            ASSERT_NE(by, std::string::npos) << message;
            EXPECT_NEAR(std::stod(message.substr(by + 33)), excess_mm, 0.06) << message;
            EXPECT_GT(excess_mm, 0);
            return;
        }
    }
    FAIL() << "no count of paragraphs overflows";
}

}  // namespace
}  // namespace leaflet::test
