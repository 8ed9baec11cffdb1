#include "layout/layout.hpp"

#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "flow.hpp"

namespace leaflet::layout {

namespace {

constexpr Pt hairline{0.25};
constexpr Pt mark_length = mm(5);
constexpr double underfull = 0.5;  // a panel less full than this gets a note

void crop_marks(Page& page, const resolve::Sheet& sheet)
{
    const Rect& trim = page.trim;
    const Pt offset = sheet.bleed;  // marks stay outside the bleed
    for (Pt x : {trim.x, trim.x + trim.width}) {
        for (Pt y : {trim.y, trim.y + trim.height}) {
            const double dx = x == trim.x ? -1 : 1;
            const double dy = y == trim.y ? -1 : 1;
            page.items.push_back(RuleItem{x + offset * dx, y, x + (offset + mark_length) * dx, y, hairline,
                                          sheet.registration, false, MarkKind::crop});
            page.items.push_back(RuleItem{x, y + offset * dy, x, y + (offset + mark_length) * dy, hairline,
                                          sheet.registration, false, MarkKind::crop});
        }
    }
}

void fold_marks(Page& page, const resolve::Sheet& sheet, const std::vector<Pt>& folds)
{
    const Rect& trim = page.trim;
    for (Pt fold : folds) {
        const Pt x = trim.x + fold;
        page.items.push_back(RuleItem{x, trim.y - sheet.bleed, x, trim.y - sheet.bleed - mark_length, hairline,
                                      sheet.registration, true, MarkKind::fold});
        page.items.push_back(RuleItem{x, trim.y + trim.height + sheet.bleed, x,
                                      trim.y + trim.height + sheet.bleed + mark_length, hairline,
                                      sheet.registration, true, MarkKind::fold});
    }
}

// The pages of the sheet with their panels, empty.
Frames empty_pages(const typeset::Typeset& typeset)
{
    const resolve::Sheet& sheet = typeset.sheet;
    Frames frames{typeset.id, typeset.title, typeset.language, typeset.version, typeset.fonts, {}};
    for (const resolve::Side& side : sheet.sides) {
        Page page;
        page.side = side.name;
        page.width = sheet.width + sheet.slug * 2;
        page.height = sheet.height + sheet.slug * 2;
        page.trim = {sheet.slug, sheet.slug, sheet.width, sheet.height};
        page.bleed = {sheet.slug - sheet.bleed, sheet.slug - sheet.bleed, sheet.width + sheet.bleed * 2,
                      sheet.height + sheet.bleed * 2};
        Pt panel_x = page.trim.x;
        for (const resolve::PanelGeometry& geometry : side.panels) {
            PanelFrame frame{geometry.role, {panel_x, page.trim.y, geometry.width, page.trim.height}, {}, 0};
            frame.text = {panel_x + sheet.margin, page.trim.y + sheet.margin, geometry.width - sheet.margin * 2,
                          page.trim.height - sheet.margin * 2};
            panel_x += geometry.width;
            page.panels.push_back(frame);
        }
        frames.pages.push_back(std::move(page));
    }
    return frames;
}

// The frames of `panel`'s panels on `frames`' pages, in flow order.
std::vector<FlowFrame> flow_frames(Frames& frames, const typeset::Panel& panel)
{
    std::vector<FlowFrame> result;
    std::vector<std::string> roles{panel.role};
    roles.insert(roles.end(), panel.next_roles.begin(), panel.next_roles.end());
    for (const std::string& role : roles) {
        FlowFrame flow_frame{};
        for (Page& page : frames.pages)
            for (PanelFrame& frame : page.panels)
                if (frame.role == role) flow_frame = {&frame, &page.items, {}};
        if (!flow_frame.frame) fail(panel.loc, "panel '" + role + "' has no place on the sheet");
        result.push_back(flow_frame);
    }
    return result;
}

void shift_down(TextItem& item, Pt by) { item.y += by; }
void shift_down(FillItem& item, Pt by) { item.rect.y += by; }
void shift_down(RuleItem& item, Pt by)
{
    item.y0 += by;
    item.y1 += by;
}

// "panel front", "flow inside-1, inside-2, inside-3".
std::string describe(const typeset::Panel& panel)
{
    if (panel.next_roles.empty()) return "panel " + panel.role;
    return fmt::format("flow {}, {}", panel.role, fmt::join(panel.next_roles, ", "));
}

}  // namespace

Pt overflow(const typeset::Typeset& typeset, std::size_t panel)
{
    Frames frames = empty_pages(typeset);
    const auto overflow = Flow(flow_frames(frames, typeset.panels.at(panel)), typeset.sheet).run(typeset.panels.at(panel));
    return overflow ? overflow->excess : Pt{};
}

void fit(typeset::Typeset& typeset, std::size_t panel, const std::function<typeset::Panel(double scale)>& set_at,
         Diagnostics& diagnostics)
{
    if (!typeset.panels.at(panel).copyfit || overflow(typeset, panel) == Pt{}) return;
    const resolve::Copyfit limits = *typeset.panels[panel].copyfit;
    for (int step = 1;; ++step) {
        // Whole tenths of a per cent, so that steps land on the minimum.
        const double scale = std::max(limits.minimum, std::round((1 - step * limits.step) * 1000) / 1000);
        typeset.panels[panel] = set_at(scale);
        if (overflow(typeset, panel) == Pt{}) {
            diagnostics.warn(typeset.panels[panel].loc,
                             fmt::format("copyfit: the type of {} is set at {:g} % of its font size and leading to fit",
                                         describe(typeset.panels[panel]), scale * 100));
            return;
        }
        if (scale <= limits.minimum) return;
    }
}

Frames layout(const typeset::Typeset& typeset, Diagnostics& diagnostics)
{
    const resolve::Sheet& sheet = typeset.sheet;
    Frames frames = empty_pages(typeset);
    for (const typeset::Panel& panel : typeset.panels) {
        Flow placed(flow_frames(frames, panel), sheet);
        if (const auto overflow = placed.run(panel))
            fail(overflow->loc, fmt::format("text overflows panel {} by {:.1f} mm{}", overflow->role,
                                            to_mm(overflow->excess),
                                            panel.copyfit ? fmt::format(" even with its type at the copyfit "
                                                                        "minimum of {:.0f} %",
                                                                        panel.copyfit->minimum * 100)
                                                          : ""));

        // A single panel may be centred or bottom-aligned as a whole.
        const FlowFrame& only = placed.frames().front();
        if (panel.next_roles.empty() && panel.valign != load::VerticalAlign::top) {
            const Pt free = only.frame->text.height - only.used;
            Pt shift = panel.valign == load::VerticalAlign::center ? free / 2 : free;
            // In whole steps of the grid, so that its lines stay on it.
            if (placed.grid().active()) shift = placed.grid().step() * std::floor(shift.value / placed.grid().step().value);
            for (std::size_t i = placed.first_item(); i < only.items->size(); ++i)
                std::visit([&](auto& item) { shift_down(item, shift); }, (*only.items)[i]);
        }
        for (const FlowFrame& flow_frame : placed.frames()) {
            flow_frame.frame->scale = panel.scale;
            flow_frame.frame->fill = flow_frame.used / flow_frame.frame->text.height;
            if (flow_frame.frame->fill < underfull)
                diagnostics.note(panel.loc, fmt::format("panel {} is underfull: {:.0f} % of its height used",
                                                        flow_frame.frame->role, flow_frame.frame->fill * 100));
        }
    }

    for (std::size_t i = 0; i < frames.pages.size(); ++i) {
        Page& page = frames.pages[i];
        std::vector<Pt> folds;
        for (std::size_t p = 1; p < page.panels.size(); ++p) folds.push_back(page.panels[p].trim.x - page.trim.x);
        crop_marks(page, sheet);
        fold_marks(page, sheet, folds);
        if (i < typeset.slugs.size()) {
            const typeset::Block& slug = typeset.slugs[i];
            const Pt slug_y = page.trim.y + page.trim.height + sheet.bleed + mark_length + mm(1);
            page.items.push_back(text_item(slug, page.trim.x + mm(10), slug_y, 0, slug.lines.size()));
        }
    }
    return frames;
}

namespace {

Pt left_of(const TextItem& item) { return item.x; }
Pt left_of(const FillItem& item) { return item.rect.x; }
Pt left_of(const RuleItem& item) { return std::min(item.x0, item.x1); }

void move(TextItem& item, Pt dx, Pt dy)
{
    item.x += dx;
    item.y += dy;
}
void move(FillItem& item, Pt dx, Pt dy)
{
    item.rect.x += dx;
    item.rect.y += dy;
}
void move(RuleItem& item, Pt dx, Pt dy)
{
    item.x0 += dx;
    item.x1 += dx;
    item.y0 += dy;
    item.y1 += dy;
}

// Marks and the slug line belong to the print sheet.
bool is_mark(const Item& item)
{
    if (const auto* text = std::get_if<TextItem>(&item)) return text->kind == typeset::BlockKind::slug;
    return std::holds_alternative<RuleItem>(item);
}

}  // namespace

Frames screen_pages(const Frames& print)
{
    Frames screen{print.id, print.title, print.language, print.version, print.fonts, {}};
    for (const char* role : {"front", "inside-1", "inside-2", "inside-3", "flap", "back"}) {
        for (const Page& sheet : print.pages) {
            for (const PanelFrame& frame : sheet.panels) {
                if (frame.role != role) continue;
                Page page;
                page.side = role;
                page.width = frame.trim.width;
                page.height = frame.trim.height;
                page.trim = page.bleed = {{}, {}, page.width, page.height};
                PanelFrame panel = frame;
                panel.trim.x = panel.trim.y = Pt{};
                panel.text.x -= frame.trim.x;
                panel.text.y -= frame.trim.y;
                page.panels.push_back(panel);
                for (const Item& item : sheet.items) {
                    if (is_mark(item)) continue;
                    const Pt x = std::visit([](const auto& concrete) { return left_of(concrete); }, item);
                    if (x < frame.trim.x || x >= frame.trim.x + frame.trim.width) continue;
                    Item moved = item;
                    std::visit([&](auto& concrete) { move(concrete, -frame.trim.x, -frame.trim.y); }, moved);
                    page.items.push_back(std::move(moved));
                }
                screen.pages.push_back(std::move(page));
            }
        }
    }
    return screen;
}

}  // namespace leaflet::layout
