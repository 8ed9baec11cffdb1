#include "flow.hpp"

#include <cmath>
#include <functional>

namespace leaflet::layout {

namespace {

constexpr std::size_t min_lines = 2;  // no widows, no orphans
// Lines within a paragraph stack at its leading in whole Pango units
// (1/1024 pt): over a column of them a baseline may drift this far from
// the grid's exact steps and still count as on it.
constexpr Pt grid_tolerance{0.05};

// The first block with lines among `blocks` and what they hold.
const typeset::Block* first_leaf(const std::vector<typeset::Block>& blocks,
                                 const std::function<bool(const typeset::Block&)>& wanted)
{
    for (const typeset::Block& block : blocks) {
        if (block.has_lines() && wanted(block)) return &block;
        if (const typeset::Block* found = first_leaf(block.children, wanted)) return found;
    }
    return nullptr;
}

void flatten(const std::vector<typeset::Block>& blocks, std::vector<Piece>& pieces)
{
    for (const typeset::Block& block : blocks) {
        if (block.place != load::Place::flow) continue;  // layout places it
        if (block.kind == typeset::BlockKind::list) {
            flatten(block.children, pieces);  // a list: its items flow one by one
            continue;
        }
        pieces.push_back({&block, block.has_lines() && !block.keep_whole});
    }
}

bool is_heading(const Piece& piece)
{
    return piece.block->kind == typeset::BlockKind::heading;
}

}  // namespace

Grid::Grid(const std::optional<resolve::BaselineGrid>& grid, const typeset::Panel& panel)
{
    if (!grid) return;
    const typeset::Block* body = first_leaf(panel.blocks, [&](const typeset::Block& block) {
        return !block.lines.empty() && grid->styles.count(block.style) > 0;
    });
    if (!body) return;
    grid_ = &*grid;
    step_ = grid->step * panel.scale;
    ascent_ = body->lines.front().baseline - body->lines.front().top;
}

std::optional<Pt> Grid::baseline(const typeset::Block& block, std::size_t first) const
{
    if (block.box) {
        if (block.children.empty()) return std::nullopt;
        const auto inner = baseline(block.children.front(), 0);
        return inner ? std::optional<Pt>(block.box->padding + *inner) : std::nullopt;
    }
    if (!block.has_lines()) return block.children.empty() ? std::nullopt : baseline(block.children.front(), 0);
    if (first >= block.lines.size() || !grid_->styles.count(block.style)) return std::nullopt;
    return block.lines[first].baseline - block.lines[first].top;
}

Pt Grid::snap(const typeset::Block& block, std::size_t first, Pt top, Pt column_top) const
{
    if (!active()) return {};
    const auto offset = baseline(block, first);
    if (!offset) return {};
    const Pt at = top + *offset;
    const Pt origin = column_top + ascent_;
    const double steps = std::max(0.0, std::ceil(((at - origin) - grid_tolerance).value / step_.value));
    return std::max(Pt{}, origin + step_ * steps - at);
}

Pt Placer::blocks(const std::vector<typeset::Block>& blocks, Pt x, Pt y, Pt width)
{
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (i > 0) y += blocks[i - 1].space_after + blocks[i].space_before;
        y += grid_.snap(blocks[i], 0, y, column_top_);
        y = block(blocks[i], x, y, width);
    }
    return y;
}

Pt Placer::block(const typeset::Block& block, Pt x, Pt y, Pt width)
{
    if (block.box) {
        const resolve::BoxStyle& box = *block.box;
        // Measured first: the grid may move the blocks inside down.
        const Pt inside = Placer(nullptr, grid_, column_top_)
                              .blocks(block.children, x + box.padding, y + box.padding, width - box.padding * 2);
        const Pt bottom = block.children.empty() ? y + block.height : inside + box.padding;
        if (items_ && (box.background || box.border)) items_->push_back(background(block, {x, y, width, bottom - y}));
        if (items_) blocks(block.children, x + box.padding, y + box.padding, width - box.padding * 2);
        return bottom;
    }
    if (block.figure) {
        // Centred in its column.
        const resolve::Figure& figure = *block.figure;
        if (items_)
            items_->push_back(
                ArtItem{{x + (width - figure.width) / 2, y, figure.width, figure.height}, figure, block.style, block.loc});
        return y + block.height;
    }
    if (!block.has_lines()) return block.children.empty() ? y + block.height : blocks(block.children, x, y, width);
    if (items_) items_->push_back(text_item(block, x, y, 0, block.lines.size()));
    return y + block.height;
}

FillItem Placer::background(const typeset::Block& block, Rect rect) const
{
    const resolve::BoxStyle& box = *block.box;
    if (box.extent == resolve::Extent::panel && reach_) {
        constexpr Pt touching{0.01};
        const Pt bottom = rect.y + rect.height;
        const Pt text_bottom = reach_->text.y + reach_->text.height;
        rect.x = reach_->trim.x - reach_->left;
        rect.width = reach_->trim.width + reach_->left + reach_->right;
        if (std::abs((rect.y - reach_->text.y).value) < touching.value) {
            rect.height += rect.y - (reach_->trim.y - reach_->top);
            rect.y = reach_->trim.y - reach_->top;
        }
        if (std::abs((bottom - text_bottom).value) < touching.value)
            rect.height = reach_->trim.y + reach_->trim.height + reach_->bottom - rect.y;
    }
    return FillItem{rect, box.background, box.name, box.radius, box.border, box.border_width, block.loc};
}

TextItem text_item(const typeset::Block& block, Pt x, Pt y, std::size_t first, std::size_t count)
{
    TextItem item{block.kind, block.level, x, y, {}, first > 0, block.style, block.loc};
    const Pt top = block.lines[first].top;
    for (std::size_t i = first; i < first + count; ++i) {
        typeset::Line line = block.lines[i];
        line.top -= top;
        line.baseline -= top;
        line.bottom -= top;
        item.lines.push_back(std::move(line));
    }
    return item;
}

Flow::Flow(std::vector<FlowFrame> frames, const resolve::Sheet& sheet)
    : frames_(std::move(frames)), sheet_(sheet), first_item_(frames_.front().items->size())
{
}

std::optional<Overflow> Flow::run(const typeset::Panel& panel)
{
    flatten(panel.blocks, pieces_);
    column_ = panel.width;
    grid_ = Grid(sheet_.baseline_grid, panel);
    for (index_ = 0; index_ < pieces_.size(); ++index_) {
        const Piece& piece = pieces_[index_];
        const Pt gap = gap_before(index_);
        // A heading stays with the first lines of what follows it.
        if (is_heading(piece) && index_ + 1 < pieces_.size() && !fits_with_start(piece, pieces_[index_ + 1], gap) &&
            !next_frame())
            return overflow_;
        if (!(piece.splittable ? place_paragraph(piece, gap) : place_whole(piece, gap))) return overflow_;
    }
    frame().end = frame().items->size();
    return std::nullopt;
}

Pt Flow::gap_before(std::size_t i) const
{
    return i > 0 ? pieces_[i - 1].block->space_after + pieces_[i].block->space_before : Pt{};
}

bool Flow::fits_with_start(const Piece& heading, const Piece& next, Pt gap)
{
    const Pt column_top = frame().frame->text.y;  // the grid's origin
    Pt y = y_here() + extent_here(*heading.block, gap);
    y += heading.block->space_after + next.block->space_before;
    y += grid_.snap(*next.block, 0, y, column_top);
    if (next.splittable) {
        const auto& lines = next.block->lines;
        y += lines[std::min(lines.size(), min_lines) - 1].bottom - lines.front().top;
    } else {
        y = Placer(nullptr, grid_, column_top).block(*next.block, x_here(), y, column_);
    }
    return y - y_here() <= room() || last_frame();
}

Pt Flow::extent_here(const typeset::Block& block, Pt gap)
{
    const Pt column_top = frame().frame->text.y;
    Pt top = y_here() + gap_here(gap);
    top += grid_.snap(block, 0, top, column_top);
    return Placer(nullptr, grid_, column_top).block(block, x_here(), top, column_) - y_here();
}

bool Flow::next_frame(Pt left_here)
{
    if (frame().used == Pt{} && left_here == Pt{}) return true;  // already at the top: moving would not help
    if (last_frame()) {
        overflow(left_here);
        return false;
    }
    frame().end = frame().items->size();
    ++current_;
    return true;
}

bool Flow::place_whole(const Piece& piece, Pt gap)
{
    if (extent_here(*piece.block, gap) > room() && !next_frame(extent_here(*piece.block, gap))) return false;
    if (extent_here(*piece.block, gap) > room()) {
        overflow(extent_here(*piece.block, gap));
        return false;
    }
    const Pt column_top = frame().frame->text.y;
    Pt top = y_here() + gap_here(gap);
    top += grid_.snap(*piece.block, 0, top, column_top);
    frame().starts.push_back(frame().items->size());
    const Pt bottom =
        Placer(frame().items, grid_, column_top, &frame().reach).block(*piece.block, x_here(), top, column_);
    frame().used = bottom - frame().column.y;
    return true;
}

bool Flow::place_paragraph(const Piece& piece, Pt gap)
{
    const typeset::Block& block = *piece.block;
    const std::vector<typeset::Line>& lines = block.lines;
    const std::size_t count = lines.size();
    for (std::size_t first = 0; first < count;) {
        const Pt gap_above = first == 0 ? gap_here(gap) : Pt{};
        const Pt space = gap_above + grid_.snap(block, first, y_here() + gap_above, frame().frame->text.y);
        const Pt top = lines[first].top;
        std::size_t fit = 0;
        while (first + fit < count && space + lines[first + fit].bottom - top <= room()) ++fit;
        const std::size_t rest = count - first - fit;
        if (rest > 0) {
            // At least two lines on either side of a break between panels.
            if (rest < min_lines) fit -= std::min(fit, min_lines - rest);
            if (fit < min_lines) fit = 0;
        }
        // With the space above it: in the last panel the overflow counts it.
        const Pt remaining = space + lines[count - 1].bottom - top;
        if (fit == 0) {
            if (frame().used == Pt{}) {  // not even at the top of a panel
                overflow(remaining);
                return false;
            }
            if (!next_frame(remaining)) return false;
            continue;
        }
        frame().used += space;
        frame().starts.push_back(frame().items->size());
        frame().items->push_back(text_item(block, x_here(), y_here(), first, fit));
        frame().used += lines[first + fit - 1].bottom - top;
        first += fit;
        if (first < count && !next_frame(lines[count - 1].bottom - lines[first].top)) return false;
    }
    return true;
}

void Flow::overflow(Pt left_here)
{
    // The rest as if the column went on below: the grid moves each block
    // as it would there.
    const Pt column_top = frame().frame->text.y;
    Pt y = y_here() + left_here;
    for (std::size_t i = index_ + 1; i < pieces_.size(); ++i) {
        const typeset::Block& block = *pieces_[i].block;
        y += gap_before(i);
        y += grid_.snap(block, 0, y, column_top);
        y = Placer(nullptr, grid_, column_top).block(block, x_here(), y, column_);
    }
    const Pt needed = y - y_here();
    overflow_ = Overflow{pieces_[index_].block->loc, frame().frame->role, needed - std::max(room(), Pt{})};
}

}  // namespace leaflet::layout
