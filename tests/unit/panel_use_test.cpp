// The panel-use measurement (tests/support/panel_use.*) on
// tests/cases/panel-use.xml laid out with the house styles: it tells a
// near-empty panel from a full one, the bleed used from unused, art listed
// and seen from none, and it takes the panels from the style sheet.
#include "panel_use.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;

struct Built {
    std::string pdf;    // the print PDF's path
    std::string trace;  // the layout trace, as --dump-layout writes it
};

struct Edit {
    std::string from, to;
};

// The case, with each edit's `from` replaced by its `to`, laid out and finished.
Built build_case(const std::vector<Edit>& edits = {})
{
    std::string xml = read(source_dir() + "/tests/cases/panel-use.xml");
    for (const Edit& edit : edits) {
        const auto at = xml.find(edit.from);
        EXPECT_NE(at, std::string::npos) << edit.from;
        if (at != std::string::npos) xml.replace(at, edit.from.size(), edit.to);
    }
    // A folder per build: a test compares several.
    static int builds = 0;
    const fs::path folder = process_dir("panel-use-" + std::to_string(++builds));
    write(folder / "panel-use.xml", xml);
    const Project project = repository();
    Diagnostics diagnostics;
    const Product product = make_leaflet(project, load_inputs(project, diagnostics),
                                         (folder / "panel-use.xml").string(), nullptr, diagnostics);
    write(folder / "panel-use.pdf", product.pdf);
    return {(folder / "panel-use.pdf").string(), render::render_trace(product.frames)};
}

const resolve::Sheet& house_sheet()
{
    static const resolve::Sheet sheet = resolve::load_stylesheet(source_dir() + "/styles/default.xml").sheet;
    return sheet;
}

TEST(PanelUse, ANearEmptyPanelHasALowShareAndAFullOneAHighShare)
{
    const Built built = build_case();
    const SheetUse use = panel_use(built.pdf, house_sheet());
    ASSERT_EQ(use.panels.size(), 6u);
    // One line of body under the margin: a few rows of 196 mm (556 rows).
    EXPECT_LT(use.panel("flap").share(), 0.1);
    EXPECT_GE(use.panel("flap").first_row, 0) << "the flap has content";
    // The band reaches up through the margin, the hotline box stands on
    // the foot of the column: content from the first row to the last.
    EXPECT_GT(use.panel("front").share(), 0.95);
    // On the tint, the background is the tint, not paper white.
    EXPECT_LT(use.panel("front").background[0], 250);
    EXPECT_EQ(use.panel("back").page, 0);
    EXPECT_EQ(use.panel("inside-1").page, 1);
}

TEST(PanelUse, TheLiveHeightIsTheTrimLessTheStyleSheetsMargin)
{
    const Built built = build_case();
    // 210 mm less 7 mm at top and foot = 196 mm = 555.6 pt: 556 rows at
    // 72 dpi, give or take the rounding of either edge to a pixel.
    EXPECT_NEAR(panel_use(built.pdf, house_sheet()).panel("inside-2").live_rows, 556, 1);
    resolve::Sheet wide_margin = house_sheet();
    wide_margin.margin = mm(20);  // 210 - 2 x 20 = 170 mm = 481.9 pt
    EXPECT_NEAR(panel_use(built.pdf, wide_margin).panel("inside-2").live_rows, 482, 1);
    resolve::Sheet other_size = house_sheet();
    other_size.height = mm(297);
    EXPECT_THROW(panel_use(built.pdf, other_size), std::runtime_error);
    resolve::Sheet one_side = house_sheet();
    one_side.sides.pop_back();
    EXPECT_THROW(panel_use(built.pdf, one_side), std::runtime_error);
}

TEST(PanelUse, ABackgroundToTheTrimUsesTheBleed)
{
    const SheetUse tinted = panel_use(build_case().pdf, house_sheet());
    EXPECT_TRUE(tinted.uses_bleed());
    // The front is the outside's right-hand panel: right, top and foot.
    EXPECT_GT(tinted.bleed[0].right, 0.9);
    EXPECT_GT(tinted.bleed[0].top, 0.2);
    EXPECT_EQ(tinted.bleed[1].left + tinted.bleed[1].right + tinted.bleed[1].top + tinted.bleed[1].bottom, 0);

    // The band alone still runs up into the bleed over the front.
    const SheetUse band = panel_use(build_case({{"<panel role=\"front\" background=\"tint\">", "<panel role=\"front\">"}}).pdf,
                                    house_sheet());
    EXPECT_TRUE(band.uses_bleed());
    EXPECT_GT(band.bleed[0].top, 0.2);
    EXPECT_LT(band.bleed[0].right, 0.5);

    // Neither the tint nor the band: nothing reaches beyond the trim.
    const SheetUse bare = panel_use(build_case({{"<panel role=\"front\" background=\"tint\">", "<panel role=\"front\">"},
                                                {"<callout style=\"band\" place=\"top\">", "<callout place=\"top\">"}})
                                        .pdf,
                                    house_sheet());
    EXPECT_FALSE(bare.uses_bleed());
}

TEST(PanelUse, ArtIsListedAndSeenWhereTheLayoutPutsIt)
{
    const Built built = build_case();
    const std::vector<ArtItem> items = art_items(built.trace);
    ASSERT_EQ(items.size(), 1u) << built.trace;
    EXPECT_EQ(items[0].kind, "qr");
    EXPECT_EQ(items[0].page, 0);
    EXPECT_NEAR(items[0].width, 70.9, 0.1);  // 25 mm
    // A QR code is about half black modules, on its white quiet zone.
    EXPECT_GT(ink_share(built.pdf, items[0].page, items[0].x, items[0].y, items[0].width, items[0].height), 0.2);

    const Built without = build_case({{"<qr phone=\"11616\" width=\"25mm\"/>", ""}});
    EXPECT_TRUE(art_items(without.trace).empty());
}

}  // namespace
}  // namespace leaflet::test
