#include "layout/layout.hpp"

#include <fmt/format.h>

namespace leaflet::layout {

namespace {

constexpr Pt hairline{0.25};
constexpr Pt mark_length = mm(5);

const typeset::Panel* find_panel(const typeset::Typeset& typeset, const std::string& role)
{
    for (const typeset::Panel& panel : typeset.panels)
        if (panel.role == role) return &panel;
    return nullptr;
}

// Total height of blocks stacked in order; the space before the first block
// collapses at the top of a panel.
Pt stacked_height(const std::vector<typeset::Block>& blocks)
{
    Pt total;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (i > 0) total += blocks[i].space_before + blocks[i - 1].space_after;
        total += blocks[i].height;
    }
    return total;
}

class Placer {
public:
    explicit Placer(Page& page) : page_(page) {}

    // Places `blocks` from (x, y) down, in a column `width` wide.
    void blocks(const std::vector<typeset::Block>& blocks, Pt x, Pt y, Pt width)
    {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (i > 0) y += blocks[i - 1].space_after + blocks[i].space_before;
            block(blocks[i], x, y, width);
            y += blocks[i].height;
        }
    }

private:
    void block(const typeset::Block& block, Pt x, Pt y, Pt width)
    {
        if (block.box) {
            const resolve::BoxStyle& box = *block.box;
            if (box.background)
                page_.items.push_back(FillItem{{x, y, width, block.height}, *box.background, box.name});
            blocks(block.children, x + box.padding, y + box.padding, width - box.padding * 2);
            return;
        }
        if (!block.layout) {
            blocks(block.children, x, y, width);
            return;
        }
        if (block.bullet)
            page_.items.push_back(TextItem{block.bullet, x, y, block.colour, block.style + ".bullet", block.loc});
        page_.items.push_back(TextItem{block.layout, x + block.indent, y, block.colour, block.style, block.loc});
    }

    Page& page_;
};

void crop_marks(Page& page, const resolve::Sheet& sheet)
{
    const Rect& trim = page.trim;
    const Pt offset = sheet.bleed;  // marks stay outside the bleed
    for (Pt x : {trim.x, trim.x + trim.width}) {
        for (Pt y : {trim.y, trim.y + trim.height}) {
            const double dx = x == trim.x ? -1 : 1;
            const double dy = y == trim.y ? -1 : 1;
            page.items.push_back(LineItem{x + offset * dx, y, x + (offset + mark_length) * dx, y, hairline,
                                          sheet.registration, false, "crop"});
            page.items.push_back(LineItem{x, y + offset * dy, x, y + (offset + mark_length) * dy, hairline,
                                          sheet.registration, false, "crop"});
        }
    }
}

void fold_marks(Page& page, const resolve::Sheet& sheet, const std::vector<Pt>& folds)
{
    const Rect& trim = page.trim;
    for (Pt fold : folds) {
        const Pt x = trim.x + fold;
        page.items.push_back(LineItem{x, trim.y - sheet.bleed, x, trim.y - sheet.bleed - mark_length, hairline,
                                      sheet.registration, true, "fold"});
        page.items.push_back(LineItem{x, trim.y + trim.height + sheet.bleed, x,
                                      trim.y + trim.height + sheet.bleed + mark_length, hairline,
                                      sheet.registration, true, "fold"});
    }
}

std::string mm_text(Pt length)
{
    return fmt::format("{:.1f} mm", to_mm(length));
}

}  // namespace

Frames layout(const typeset::Typeset& typeset, Diagnostics& diagnostics)
{
    const resolve::Sheet& sheet = typeset.sheet;
    Frames frames{typeset.id, typeset.title, typeset.language, typeset.version, {}};
    for (std::size_t side_index = 0; side_index < sheet.sides.size(); ++side_index) {
        const resolve::Side& side = sheet.sides[side_index];
        Page page;
        page.side = side.name;
        page.width = sheet.width + sheet.slug * 2;
        page.height = sheet.height + sheet.slug * 2;
        page.trim = {sheet.slug, sheet.slug, sheet.width, sheet.height};
        page.bleed = {sheet.slug - sheet.bleed, sheet.slug - sheet.bleed, sheet.width + sheet.bleed * 2,
                      sheet.height + sheet.bleed * 2};

        Placer placer(page);
        std::vector<Pt> folds;
        Pt panel_x = page.trim.x;
        for (const resolve::PanelGeometry& geometry : side.panels) {
            PanelFrame frame{geometry.role, {panel_x, page.trim.y, geometry.width, page.trim.height}, {}, 0};
            frame.text = {panel_x + sheet.margin, page.trim.y + sheet.margin, geometry.width - sheet.margin * 2,
                          page.trim.height - sheet.margin * 2};
            panel_x += geometry.width;
            if (panel_x < page.trim.x + page.trim.width) folds.push_back(panel_x - page.trim.x);

            const typeset::Panel* panel = find_panel(typeset, geometry.role);
            if (panel) {
                const Pt used = stacked_height(panel->blocks);
                frame.fill = used / frame.text.height;
                if (used > frame.text.height) {
                    // Name the first block whose bottom passes the panel's end.
                    Pt bottom;
                    SourceLoc loc = panel->loc;
                    for (std::size_t i = 0; i < panel->blocks.size(); ++i) {
                        if (i > 0) bottom += panel->blocks[i - 1].space_after + panel->blocks[i].space_before;
                        bottom += panel->blocks[i].height;
                        if (bottom > frame.text.height) {
                            loc = panel->blocks[i].loc;
                            break;
                        }
                    }
                    fail(loc, fmt::format("text overflows panel {} by {}", geometry.role,
                                          mm_text(used - frame.text.height)));
                }
                Pt y = frame.text.y;
                if (panel->valign == load::VerticalAlign::center) y += (frame.text.height - used) / 2;
                if (panel->valign == load::VerticalAlign::bottom) y += frame.text.height - used;
                placer.blocks(panel->blocks, frame.text.x, y, frame.text.width);
            }
            page.panels.push_back(frame);
        }
        crop_marks(page, sheet);
        fold_marks(page, sheet, folds);
        if (side_index < typeset.slugs.size()) {
            const Pt slug_y = page.trim.y + page.trim.height + sheet.bleed + mark_length + mm(1);
            page.items.push_back(TextItem{typeset.slugs[side_index], page.trim.x + mm(10), slug_y,
                                          sheet.registration, "slug", typeset.loc});
        }
        frames.pages.push_back(std::move(page));
    }
    (void)diagnostics;
    return frames;
}

}  // namespace leaflet::layout
