#include "layout/layout.hpp"

#include <fmt/format.h>

namespace leaflet::layout {

namespace {

constexpr Pt hairline{0.25};
constexpr Pt mark_length = mm(5);

// Places blocks that stay whole (boxes and what they hold).
class Placer {
public:
    explicit Placer(std::vector<Item>& items) : items_(items) {}

    void blocks(const std::vector<typeset::Block>& blocks, Pt x, Pt y, Pt width)
    {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (i > 0) y += blocks[i - 1].space_after + blocks[i].space_before;
            block(blocks[i], x, y, width);
            y += blocks[i].height;
        }
    }

    void block(const typeset::Block& block, Pt x, Pt y, Pt width)
    {
        if (block.box) {
            const resolve::BoxStyle& box = *block.box;
            if (box.background) items_.push_back(FillItem{{x, y, width, block.height}, *box.background, box.name});
            blocks(block.children, x + box.padding, y + box.padding, width - box.padding * 2);
            return;
        }
        if (!block.layout) {
            blocks(block.children, x, y, width);
            return;
        }
        if (block.bullet)
            items_.push_back(TextItem{block.bullet, x, y, 0, -1, block.colour, block.style + ".bullet", block.loc, {}});
        items_.push_back(
            TextItem{block.layout, x + block.indent, y, 0, -1, block.colour, block.style, block.loc, block.lines});
        for (const typeset::Attachment& attachment : block.attachments)
            items_.push_back(TextItem{attachment.layout, x + block.indent + attachment.x, y + attachment.y, 0, -1,
                                      block.colour, attachment.role, block.loc, {}});
    }

private:
    std::vector<Item>& items_;
};

// A piece of a flow: a paragraph (splittable between lines) or a block
// that stays whole (a box).
struct Piece {
    const typeset::Block* block;
    bool splittable;
    bool heading;
};

void flatten(const std::vector<typeset::Block>& blocks, std::vector<Piece>& pieces)
{
    for (const typeset::Block& block : blocks) {
        if (!block.box && !block.layout) {
            flatten(block.children, pieces);  // a list: its items flow one by one
            continue;
        }
        const bool heading = block.style == "h1" || block.style == "h2" || block.style == "title";
        // A contact line stays whole: its tab and leader are on its last line.
        pieces.push_back({&block, block.layout != nullptr && block.attachments.empty(), heading});
    }
}

// The top of each line of a paragraph and its bottom, in layout units from
// the layout's top.
std::vector<std::pair<Pt, Pt>> line_extents(PangoLayout* layout)
{
    std::vector<std::pair<Pt, Pt>> lines;
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
        int top = 0, bottom = 0;
        pango_layout_iter_get_line_yrange(iter, &top, &bottom);
        lines.emplace_back(from_pango({top}), from_pango({bottom}));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return lines;
}

constexpr int min_lines = 2;        // no widows, no orphans
constexpr double underfull = 0.5;   // a panel less full than this gets a note

void shift_down(TextItem& item, Pt by) { item.y += by; }
void shift_down(FillItem& item, Pt by) { item.rect.y += by; }
void shift_down(LineItem& item, Pt by)
{
    item.y0 += by;
    item.y1 += by;
}

// Thrown by a Flow whose blocks do not fit: where the first one that did
// not starts, the last panel, and how much more height the flow needs.
struct Overflow {
    SourceLoc loc;
    std::string role;
    Pt excess;
};

struct FlowFrame {
    PanelFrame* frame;
    std::vector<Item>* items;  // of the page that holds the panel
    Pt used;
};

// Threads the pieces of one panel's (or flow's) blocks through its frames.
class Flow {
public:
    explicit Flow(std::vector<FlowFrame> frames)
        : frames_(std::move(frames)), first_item_(frames_.front().items->size())
    {
    }

    const std::vector<FlowFrame>& frames() const { return frames_; }
    // The first of the items the flow added to its first panel's page.
    std::size_t first_item() const { return first_item_; }

    void run(const typeset::Panel& panel)
    {
        flatten(panel.blocks, pieces_);
        column_ = panel.width;
        for (index_ = 0; index_ < pieces_.size(); ++index_) {
            const Piece& piece = pieces_[index_];
            const Pt gap = gap_before(index_);
            if (piece.heading && index_ + 1 < pieces_.size() && !fits_with_start(piece, pieces_[index_ + 1], gap))
                next_frame();
            if (piece.splittable) place_paragraph(piece, gap);
            else place_whole(piece, gap);
        }
    }

private:
    Pt gap_before(std::size_t i) const
    {
        return i > 0 ? pieces_[i - 1].block->space_after + pieces_[i].block->space_before : Pt{};
    }
    FlowFrame& frame() { return frames_[current_]; }
    Pt room() { return frame().frame->text.height - frame().used; }
    Pt gap_here(Pt gap) { return frame().used > Pt{} ? gap : Pt{}; }
    // The flow's measure, centred in the current panel's text column.
    Pt x_here() { return frame().frame->text.x + (frame().frame->text.width - column_) / 2; }
    Pt y_here() { return frame().frame->text.y + frame().used; }
    bool last_frame() const { return current_ + 1 == frames_.size(); }

    // A heading stays with the first lines of what follows it.
    bool fits_with_start(const Piece& heading, const Piece& next, Pt gap)
    {
        Pt needed = gap_here(gap) + heading.block->height + heading.block->space_after + next.block->space_before;
        if (next.splittable) {
            const auto lines = line_extents(next.block->layout.get());
            needed += lines[std::min<std::size_t>(lines.size(), min_lines) - 1].second;
        } else {
            needed += next.block->height;
        }
        return needed <= room() || last_frame();
    }

    // Moves to the next panel; past the last one the flow overflows.
    void next_frame(Pt left_here = {})
    {
        if (frame().used == Pt{} && left_here == Pt{}) return;  // already at the top: moving would not help
        if (last_frame()) overflow(left_here);
        ++current_;
    }

    void place_whole(const Piece& piece, Pt gap)
    {
        if (gap_here(gap) + piece.block->height > room()) next_frame(piece.block->height);
        if (gap_here(gap) + piece.block->height > room()) overflow(piece.block->height);
        frame().used += gap_here(gap);
        Placer(*frame().items).block(*piece.block, x_here(), y_here(), column_);
        frame().used += piece.block->height;
    }

    void place_paragraph(const Piece& piece, Pt gap)
    {
        const typeset::Block& block = *piece.block;
        const auto lines = line_extents(block.layout.get());
        const int count = static_cast<int>(lines.size());
        for (int first = 0; first < count;) {
            const Pt space = first == 0 ? gap_here(gap) : Pt{};
            const Pt top = lines[first].first;
            int fit = 0;
            while (first + fit < count && space + lines[first + fit].second - top <= room()) ++fit;
            const int rest = count - first - fit;
            if (rest > 0) {
                // At least two lines on either side of a break between panels.
                if (rest < min_lines) fit -= min_lines - rest;
                if (fit < min_lines) fit = 0;
            }
            const Pt remaining = lines[count - 1].second - top;
            if (fit <= 0) {
                if (frame().used == Pt{}) overflow(remaining);  // not even at the top of a panel
                next_frame(remaining);
                continue;
            }
            frame().used += space;
            const Pt y = y_here() - top;
            if (first == 0 && block.bullet)
                frame().items->push_back(TextItem{block.bullet, x_here(), y, 0, -1, block.colour, block.style + ".bullet",
                                          block.loc, {}});
            frame().items->push_back(TextItem{block.layout, x_here() + block.indent, y, first, fit, block.colour,
                                              block.style, block.loc, block.lines});
            frame().used += lines[first + fit - 1].second - top;
            first += fit;
            if (first < count) next_frame(lines[count - 1].second - lines[first].first);
        }
    }

    // `left_here` of the current piece did not fit; neither does anything
    // after it. The message says how much more room the flow would need.
    [[noreturn]] void overflow(Pt left_here)
    {
        Pt needed = left_here;
        for (std::size_t i = index_ + 1; i < pieces_.size(); ++i) needed += gap_before(i) + pieces_[i].block->height;
        throw Overflow{pieces_[index_].block->loc, frame().frame->role, needed - std::max(room(), Pt{})};
    }

    std::vector<FlowFrame> frames_;
    std::size_t first_item_;
    std::vector<Piece> pieces_;
    std::size_t index_ = 0;
    std::size_t current_ = 0;
    Pt column_;
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

// The pages of the sheet with their panels, empty.
Frames empty_pages(const typeset::Typeset& typeset)
{
    const resolve::Sheet& sheet = typeset.sheet;
    Frames frames{typeset.id, typeset.title, typeset.language, typeset.version, {}};
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

// Threads `panel`'s blocks through its frames on `frames`' pages.
Flow flow(Frames& frames, const typeset::Panel& panel)
{
    std::vector<FlowFrame> flow_frames;
    std::vector<std::string> roles{panel.role};
    roles.insert(roles.end(), panel.next_roles.begin(), panel.next_roles.end());
    for (const std::string& role : roles) {
        FlowFrame flow_frame{};
        for (Page& page : frames.pages)
            for (PanelFrame& frame : page.panels)
                if (frame.role == role) flow_frame = {&frame, &page.items, {}};
        if (!flow_frame.frame) fail(panel.loc, "panel '" + role + "' has no place on the sheet");
        flow_frames.push_back(flow_frame);
    }
    Flow flow(flow_frames);
    flow.run(panel);
    return flow;
}

}  // namespace

Pt overflow(const typeset::Typeset& typeset, std::size_t panel)
{
    Frames frames = empty_pages(typeset);
    try {
        flow(frames, typeset.panels.at(panel));
    } catch (const Overflow& overflow) {
        return overflow.excess;
    }
    return {};
}

Frames layout(const typeset::Typeset& typeset, Diagnostics& diagnostics)
{
    const resolve::Sheet& sheet = typeset.sheet;
    Frames frames = empty_pages(typeset);
    for (const typeset::Panel& panel : typeset.panels) {
        Flow placed = [&] {
            try {
                return flow(frames, panel);
            } catch (const Overflow& overflow) {
                fail(overflow.loc, fmt::format("text overflows panel {} by {:.1f} mm{}", overflow.role,
                                               to_mm(overflow.excess),
                                               panel.copyfit ? fmt::format(" even with its type at the copyfit "
                                                                           "minimum of {:.0f} %",
                                                                           panel.copyfit->minimum * 100)
                                                             : ""));
            }
        }();

        // A single panel may be centred or bottom-aligned as a whole.
        const FlowFrame& only = placed.frames().front();
        if (panel.next_roles.empty() && panel.valign != load::VerticalAlign::top) {
            const Pt free = only.frame->text.height - only.used;
            const Pt shift = panel.valign == load::VerticalAlign::center ? free / 2 : free;
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
            const Pt slug_y = page.trim.y + page.trim.height + sheet.bleed + mark_length + mm(1);
            page.items.push_back(TextItem{typeset.slugs[i], page.trim.x + mm(10), slug_y, 0, -1, sheet.registration,
                                          "slug", typeset.loc, {}});
        }
    }
    return frames;
}
namespace {

Pt left_of(const TextItem& item) { return item.x; }
Pt left_of(const FillItem& item) { return item.rect.x; }
Pt left_of(const LineItem& item) { return std::min(item.x0, item.x1); }

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
void move(LineItem& item, Pt dx, Pt dy)
{
    item.x0 += dx;
    item.x1 += dx;
    item.y0 += dy;
    item.y1 += dy;
}

bool is_mark(const Item& item)
{
    if (const auto* text = std::get_if<TextItem>(&item)) return text->role == "slug";
    return std::holds_alternative<LineItem>(item) &&
           (std::get<LineItem>(item).role == "crop" || std::get<LineItem>(item).role == "fold");
}

}  // namespace

Frames screen_pages(const Frames& print)
{
    Frames screen{print.id, print.title, print.language, print.version, {}};
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
