// layout::differences: where a variant's pages may look other than its
// base's, from their frames, for the previews to render only there.
#include <algorithm>

#include <gtest/gtest.h>

#include "layout/layout.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

class Differences : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        const Project project = repository();
        Diagnostics diagnostics;
        inputs_ = new Inputs(load_inputs(project, diagnostics));
        const auto frames_of = [&](const load::Variant* variant) {
            return make_leaflet(project, *inputs_, project.source("contacts"), variant, diagnostics).frames;
        };
        base_ = new layout::Frames(frames_of(nullptr));
        again_ = new layout::Frames(frames_of(nullptr));
        const auto akmola = std::find_if(inputs_->variants.begin(), inputs_->variants.end(),
                                         [](const load::Variant& variant) { return variant.id == "akmola"; });
        ASSERT_NE(akmola, inputs_->variants.end());
        variant_ = new layout::Frames(frames_of(&*akmola));
    }

    static void TearDownTestSuite()
    {
        delete variant_;
        delete again_;
        delete base_;
        delete inputs_;
    }

    static bool contains(const layout::Rect& outer, const layout::Rect& inner)
    {
        return outer.x <= inner.x && outer.y <= inner.y && inner.x + inner.width <= outer.x + outer.width &&
               inner.y + inner.height <= outer.y + outer.height;
    }

    static inline Inputs* inputs_ = nullptr;
    static inline layout::Frames *base_ = nullptr, *again_ = nullptr, *variant_ = nullptr;
};

// Laid out twice, the leaflet is the same: its art was loaded twice (two
// objects), and compares by what it is.
TEST_F(Differences, ALeafletLaidOutAgainHasNone)
{
    for (std::size_t page = 0; page < base_->pages.size(); ++page) {
        const auto areas = layout::differences(*base_, page, *again_, page);
        ASSERT_TRUE(areas.has_value());
        EXPECT_TRUE(areas->empty()) << page;
    }
}

// A regional variant's inside is its base's but for the slug line, which
// names the region, below the trim. Its outside has the cover's art, an
// SVG, elsewhere: nothing bounds what that changes (see below).
TEST_F(Differences, AVariantsInsideDiffersOnlyInItsSlug)
{
    const layout::Page& inside = base_->pages[1];
    ASSERT_EQ(inside.side, "inside");
    const auto areas = layout::differences(*base_, 1, *variant_, 1);
    ASSERT_TRUE(areas.has_value());
    ASSERT_FALSE(areas->empty());
    for (const layout::Rect& area : *areas) EXPECT_GE(area.y, inside.trim.y + inside.trim.height);
    EXPECT_FALSE(layout::differences(*base_, 0, *variant_, 0).has_value());
}

// An item one page has and the other lacks is an area, around all it paints.
TEST_F(Differences, AnItemOnlyOnePageHasIsAnAreaAroundIt)
{
    layout::Frames fewer = *base_;
    auto& items = fewer.pages[0].items;
    const auto fill = std::find_if(items.begin(), items.end(), [](const layout::Item& item) {
        return std::holds_alternative<layout::FillItem>(item);
    });
    ASSERT_NE(fill, items.end());
    const layout::Rect rect = std::get<layout::FillItem>(*fill).rect;
    items.erase(fill);
    const auto areas = layout::differences(*base_, 0, fewer, 0);
    ASSERT_TRUE(areas.has_value());
    ASSERT_EQ(areas->size(), 1u);
    EXPECT_TRUE(contains(areas->front(), rect));
}

// Two items painted in the other order differ where they overlap: one of
// them is an area (the rest keep their order).
TEST_F(Differences, ItemsPaintedInAnotherOrderDiffer)
{
    layout::Frames swapped = *base_;
    auto& items = swapped.pages[1].items;
    // Two text items without icons, one after the other.
    const auto plain_text = [](const layout::Item& item) {
        const auto* text = std::get_if<layout::TextItem>(&item);
        if (!text) return false;
        for (const typeset::Line& line : text->lines)
            for (const typeset::GlyphRun& run : line.runs)
                if (run.art) return false;
        return true;
    };
    const auto text = std::adjacent_find(items.begin(), items.end(), [&](const layout::Item& a, const layout::Item& b) {
        return plain_text(a) && plain_text(b);
    });
    ASSERT_NE(text, items.end());
    std::swap(*text, *(text + 1));
    const auto areas = layout::differences(*base_, 1, swapped, 1);
    ASSERT_TRUE(areas.has_value());
    EXPECT_EQ(areas->size(), 2u);  // the one moved, where it was and where it is
}

// A text item's area holds its lines and what their glyphs may paint past
// their boxes: an em of its type around them.
TEST_F(Differences, ATextItemsAreaHoldsItsLinesAndAnEmAround)
{
    layout::Frames fewer = *variant_;
    auto& items = fewer.pages[1].items;
    const auto slug = std::find_if(items.begin(), items.end(), [](const layout::Item& item) {
        const auto* text = std::get_if<layout::TextItem>(&item);
        return text && text->kind == typeset::BlockKind::slug;
    });
    ASSERT_NE(slug, items.end());
    const layout::TextItem text = std::get<layout::TextItem>(*slug);
    items.erase(slug);
    const auto areas = layout::differences(*variant_, 1, fewer, 1);
    ASSERT_TRUE(areas.has_value());
    ASSERT_EQ(areas->size(), 1u);
    const typeset::Line& line = text.lines.front();
    const Pt em = line.runs.front().size;
    EXPECT_TRUE(contains(areas->front(), {text.x + line.x - em, text.y + line.top - em, line.width + em * 2,
                                          line.bottom - line.top + em * 2}));
}

// An SVG may paint past its box (librsvg does not clip it): where one
// page has an SVG the other lacks, nothing bounds where they differ.
TEST_F(Differences, AnSvgOnlyOnePageHasLeavesThemIncomparable)
{
    layout::Frames fewer = *base_;
    auto& items = fewer.pages[0].items;
    const auto svg = std::find_if(items.begin(), items.end(), [](const layout::Item& item) {
        const auto* art = std::get_if<layout::ArtItem>(&item);
        return art && art->figure.art->kind == art::Kind::svg;
    });
    ASSERT_NE(svg, items.end());
    items.erase(svg);
    EXPECT_FALSE(layout::differences(*base_, 0, fewer, 0).has_value());
}

TEST_F(Differences, PagesOfAnotherSizeCannotBeCompared)
{
    layout::Frames wider = *base_;
    wider.pages[0].width = wider.pages[0].width + Pt{1};
    EXPECT_FALSE(layout::differences(*base_, 0, wider, 0).has_value());
    EXPECT_FALSE(layout::differences(*base_, 2, wider, 2).has_value());  // no such page
}

}  // namespace
}  // namespace leaflet::test
