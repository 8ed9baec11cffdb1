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

// How far a band in `frame` reaches past its trim: into the bleed at the
// sheet's edges, not at a fold.
Reach reach_of(const PanelFrame& frame, const Page& page, Pt bleed)
{
    constexpr Pt edge{0.01};
    const bool left = std::abs((frame.trim.x - page.trim.x).value) < edge.value;
    const bool right = std::abs((frame.trim.x + frame.trim.width - (page.trim.x + page.trim.width)).value) < edge.value;
    return {frame.trim, frame.text, left ? bleed : Pt{}, right ? bleed : Pt{}, bleed, bleed};
}

// A fixed block and where its top stands.
struct Fixed {
    const typeset::Block* block;
    Pt top;
};

const Grid& off_grid()
{
    static const Grid none;
    return none;
}

Pt height_of(const typeset::Block& block, Pt width)
{
    return Placer(nullptr, off_grid(), Pt{}).block(block, Pt{}, Pt{}, width);
}

// The blocks of a single panel fixed at the top of its text column
// (stacked down in source order) and at its foot (stacked up, the last at
// the foot); `column` shrinks to what is left between them for the flow.
std::vector<Fixed> fixed_blocks(const typeset::Panel& panel, Rect& column)
{
    std::vector<Fixed> fixed;
    Pt top = column.y;
    Pt bottom = column.y + column.height;
    const typeset::Block* above = nullptr;
    for (const typeset::Block& block : panel.blocks) {
        if (block.place != load::Place::top) continue;
        if (above) top += above->space_after + block.space_before;
        fixed.push_back({&block, top});
        top += height_of(block, panel.width);
        above = &block;
    }
    if (above) top += above->space_after;
    const typeset::Block* below = nullptr;
    for (auto it = panel.blocks.rbegin(); it != panel.blocks.rend(); ++it) {
        if (it->place != load::Place::foot) continue;
        if (below) bottom -= below->space_before + it->space_after;
        bottom -= height_of(*it, panel.width);
        fixed.push_back({&*it, bottom});
        below = &*it;
    }
    if (below) bottom -= below->space_before;
    column.y = top;
    column.height = std::max(Pt{}, bottom - top);
    return fixed;
}

// The frames of `panel`'s panels on `frames`' pages, in flow order, each
// column less its fixed blocks, and no taller than `cap` (a balanced flow).
std::vector<FlowFrame> flow_frames(Frames& frames, const typeset::Panel& panel, Pt bleed,
                                   std::optional<Pt> cap = std::nullopt)
{
    std::vector<FlowFrame> result;
    std::vector<std::string> roles{panel.role};
    roles.insert(roles.end(), panel.next_roles.begin(), panel.next_roles.end());
    for (const std::string& role : roles) {
        FlowFrame flow_frame{};
        for (Page& page : frames.pages) {
            for (PanelFrame& frame : page.panels) {
                if (frame.role != role) continue;
                flow_frame.frame = &frame;
                flow_frame.items = &page.items;
                flow_frame.column = frame.text;
                flow_frame.reach = reach_of(frame, page, bleed);
            }
        }
        if (!flow_frame.frame) fail(panel.loc, "panel '" + role + "' has no place on the sheet");
        if (panel.next_roles.empty()) fixed_blocks(panel, flow_frame.column);
        flow_frame.fixed = flow_frame.frame->text.height - flow_frame.column.height;
        if (cap) flow_frame.column.height = std::min(flow_frame.column.height, *cap);
        result.push_back(flow_frame);
    }
    return result;
}

// How a panel's (or flow's) blocks stand in its columns: what did not fit,
// and the share of their height they fill.
struct Measure {
    Pt excess;
    double share = 0;
};

Measure measure(const typeset::Typeset& typeset, const typeset::Panel& panel, std::optional<Pt> cap = std::nullopt)
{
    Frames frames = empty_pages(typeset);
    Flow flow(flow_frames(frames, panel, typeset.sheet.bleed, cap), typeset.sheet);
    const auto overflow = flow.run(panel);
    Pt used, height;
    for (const FlowFrame& frame : flow.frames()) {
        used += frame.used + frame.fixed;
        height += frame.frame->text.height;
    }
    return {overflow ? overflow->excess : Pt{}, height > Pt{} ? used / height : 0.0};
}

// A balanced flow's cap: the least column height (to a tenth of a point)
// at which its blocks still fit.
Pt balanced_height(const typeset::Typeset& typeset, const typeset::Panel& panel, Pt tallest)
{
    Pt low, high = tallest;
    while (high - low > Pt{0.1}) {
        const Pt middle = (low + high) / 2;
        if (measure(typeset, panel, middle).excess > Pt{}) low = middle;
        else high = middle;
    }
    return high;
}

void shift_down(TextItem& item, Pt by) { item.y += by; }
void shift_down(FillItem& item, Pt by) { item.rect.y += by; }
void shift_down(ArtItem& item, Pt by) { item.rect.y += by; }
void shift_down(RuleItem& item, Pt by)
{
    item.y0 += by;
    item.y1 += by;
}

void shift_items(std::vector<Item>& items, std::size_t from, std::size_t to, Pt by)
{
    for (std::size_t i = from; i < to; ++i) std::visit([&](auto& item) { shift_down(item, by); }, items[i]);
}

// valign="justify": the free height of each column spread over the gaps
// between the pieces that stand there, each growing by at most `maximum`
// (in whole steps of the grid, if the flow is on one).
void justify_vertically(const Flow& flow, Pt maximum)
{
    for (const FlowFrame& frame : flow.frames()) {
        if (frame.starts.size() < 2) continue;
        const auto gaps = static_cast<double>(frame.starts.size() - 1);
        Pt extra = std::min(maximum, (frame.column.height - frame.used) / gaps);
        if (flow.grid().active()) extra = flow.grid().step() * std::floor(extra.value / flow.grid().step().value);
        if (extra <= Pt{}) continue;
        for (std::size_t k = 1; k < frame.starts.size(); ++k) {
            const std::size_t to = k + 1 < frame.starts.size() ? frame.starts[k + 1] : frame.end;
            shift_items(*frame.items, frame.starts[k], to, extra * static_cast<double>(k));
        }
    }
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
    return measure(typeset, typeset.panels.at(panel)).excess;
}

namespace {

// Whole tenths of a per cent, so that steps land on the limits.
double step_scale(double scale) { return std::round(scale * 1000) / 1000; }

void shrink_to_fit(typeset::Typeset& typeset, std::size_t panel,
                   const std::function<typeset::Panel(double scale)>& set_at, Diagnostics& diagnostics)
{
    const resolve::Copyfit limits = *typeset.panels[panel].copyfit;
    for (int step = 1;; ++step) {
        const double scale = std::max(limits.minimum, step_scale(1 - step * limits.step));
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

void grow_to_fill(typeset::Typeset& typeset, std::size_t panel,
                  const std::function<typeset::Panel(double scale)>& set_at, Diagnostics& diagnostics)
{
    const resolve::Copyfit limits = *typeset.panels[panel].copyfit;
    double share = measure(typeset, typeset.panels[panel]).share;
    if (share >= limits.target) return;
    for (int step = 1;; ++step) {
        const double scale = std::min(limits.maximum, step_scale(1 + step * limits.step));
        typeset::Panel larger = set_at(scale);
        std::swap(typeset.panels[panel], larger);
        const Measure measured = measure(typeset, typeset.panels[panel]);
        if (measured.excess > Pt{}) {
            std::swap(typeset.panels[panel], larger);  // the step before fitted
            break;
        }
        share = measured.share;
        if (share >= limits.target || scale >= limits.maximum) break;
    }
    // Filling is what the designer asked for, not a compromise as shrinking
    // is: a note (shown with --verbose), so that a published leaflet may fill.
    if (typeset.panels[panel].scale > 1)
        diagnostics.note(typeset.panels[panel].loc,
                         fmt::format("copyfit: the type of {} is set at {:g} % of its font size and leading to fill "
                                     "{:.0f} % of its height",
                                     describe(typeset.panels[panel]), typeset.panels[panel].scale * 100, share * 100));
}

// A panel's background: its trim, into the bleed where it meets the sheet's.
FillItem panel_background(const FlowFrame& frame, const resolve::Colour& colour, const SourceLoc& loc)
{
    const Reach& reach = frame.reach;
    const Rect rect{reach.trim.x - reach.left, reach.trim.y - reach.top, reach.trim.width + reach.left + reach.right,
                    reach.trim.height + reach.top + reach.bottom};
    return FillItem{rect, colour, "panel", {}, {}, {}, loc};
}

}  // namespace

void fit(typeset::Typeset& typeset, std::size_t panel, const std::function<typeset::Panel(double scale)>& set_at,
         Diagnostics& diagnostics)
{
    if (!typeset.panels.at(panel).copyfit) return;
    if (overflow(typeset, panel) > Pt{}) shrink_to_fit(typeset, panel, set_at, diagnostics);
    else if (typeset.panels[panel].copyfit->mode == load::Copyfit::fill) grow_to_fill(typeset, panel, set_at, diagnostics);
}

Frames layout(const typeset::Typeset& typeset, Diagnostics& diagnostics)
{
    const resolve::Sheet& sheet = typeset.sheet;
    Frames frames = empty_pages(typeset);
    // Backgrounds first: everything else stands on them.
    for (const typeset::Panel& panel : typeset.panels) {
        if (!panel.background) continue;
        for (const FlowFrame& frame : flow_frames(frames, panel, sheet.bleed))
            frame.items->push_back(panel_background(frame, *panel.background, panel.loc));
    }
    for (const typeset::Panel& panel : typeset.panels) {
        std::optional<Pt> cap;
        if (panel.balance && !panel.next_roles.empty()) {
            Pt tallest;
            for (const FlowFrame& frame : flow_frames(frames, panel, sheet.bleed))
                tallest = std::max(tallest, frame.column.height);
            cap = balanced_height(typeset, panel, tallest);
        }
        Flow placed(flow_frames(frames, panel, sheet.bleed, cap), sheet);
        if (const auto overflow = placed.run(panel))
            fail(overflow->loc, fmt::format("text overflows panel {} by {:.1f} mm{}", overflow->role,
                                            to_mm(overflow->excess),
                                            panel.copyfit && overflow->excess > Pt{}
                                                ? fmt::format(" even with its type at the copyfit "
                                                              "minimum of {:.0f} %",
                                                              panel.copyfit->minimum * 100)
                                                : ""));

        const FlowFrame& only = placed.frames().front();
        if (panel.valign == load::VerticalAlign::justify) {
            justify_vertically(placed, sheet.justify_maximum);
        } else if (panel.next_roles.empty() && panel.valign != load::VerticalAlign::top) {
            // A single panel may be centred or bottom-aligned as a whole.
            const Pt free = only.column.height - only.used;
            Pt shift = panel.valign == load::VerticalAlign::center ? free / 2 : free;
            // In whole steps of the grid, so that its lines stay on it.
            if (placed.grid().active()) shift = placed.grid().step() * std::floor(shift.value / placed.grid().step().value);
            shift_items(*only.items, placed.first_item(), only.items->size(), shift);
        }
        // The fixed blocks, where fixed_blocks() kept their room.
        if (panel.next_roles.empty()) {
            Rect column = only.frame->text;
            for (const Fixed& fixed : fixed_blocks(panel, column))
                Placer(only.items, off_grid(), only.frame->text.y, &only.reach)
                    .block(*fixed.block, only.column.x + (only.column.width - panel.width) / 2, fixed.top, panel.width);
        }
        for (const FlowFrame& flow_frame : placed.frames()) {
            flow_frame.frame->scale = panel.scale;
            flow_frame.frame->fill = (flow_frame.used + flow_frame.fixed) / flow_frame.frame->text.height;
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

Frames screen_pages(const typeset::Typeset& screen)
{
    const resolve::Sheet& sheet = screen.sheet;
    Frames frames{screen.id, screen.title, screen.language, screen.version, screen.fonts, {}};
    for (const typeset::Panel& source : screen.panels) {
        typeset::Panel column = source;
        column.next_roles.clear();
        for (typeset::Block& block : column.blocks) block.place = load::Place::flow;
        Page page;
        page.side = source.role;
        page.width = sheet.width;
        page.panels.push_back(PanelFrame{source.role, {{}, {}, sheet.width, sheet.height}, {}, 1, source.scale});
        PanelFrame& frame = page.panels.back();
        frame.text = {sheet.margin, sheet.margin, sheet.width - sheet.margin * 2, sheet.height - sheet.margin * 2};
        FlowFrame flow_frame{&frame, &page.items, frame.text, {}, {}, {frame.trim, frame.text, {}, {}, {}, {}}, {}, 0};
        Flow flow({flow_frame}, sheet);
        if (const auto overflow = flow.run(column))
            fail(overflow->loc, fmt::format("the screen edition's page for {} would be taller than {:.0f} mm",
                                            describe(source), to_mm(sheet.height)));
        const Pt used = flow.frames().front().used;
        page.height = used + sheet.margin * 2;
        page.trim = page.bleed = frame.trim = {{}, {}, page.width, page.height};
        frame.text.height = used;
        if (source.background)
            page.items.insert(page.items.begin(), FillItem{page.trim, *source.background, "panel", {}, {}, {}, source.loc});
        frames.pages.push_back(std::move(page));
    }
    return frames;
}

}  // namespace leaflet::layout
