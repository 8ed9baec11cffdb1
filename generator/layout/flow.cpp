#include "flow.hpp"

namespace leaflet::layout {

namespace {

constexpr std::size_t min_lines = 2;  // no widows, no orphans

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
        if (!block.has_lines()) {
            blocks(block.children, x, y, width);
            return;
        }
        items_.push_back(text_item(block, x, y, 0, block.lines.size()));
    }

private:
    std::vector<Item>& items_;
};

void flatten(const std::vector<typeset::Block>& blocks, std::vector<Piece>& pieces)
{
    for (const typeset::Block& block : blocks) {
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

Flow::Flow(std::vector<FlowFrame> frames) : frames_(std::move(frames)), first_item_(frames_.front().items->size()) {}

std::optional<Overflow> Flow::run(const typeset::Panel& panel)
{
    flatten(panel.blocks, pieces_);
    column_ = panel.width;
    for (index_ = 0; index_ < pieces_.size(); ++index_) {
        const Piece& piece = pieces_[index_];
        const Pt gap = gap_before(index_);
        // A heading stays with the first lines of what follows it.
        if (is_heading(piece) && index_ + 1 < pieces_.size() && !fits_with_start(piece, pieces_[index_ + 1], gap) &&
            !next_frame())
            return overflow_;
        if (!(piece.splittable ? place_paragraph(piece, gap) : place_whole(piece, gap))) return overflow_;
    }
    return std::nullopt;
}

Pt Flow::gap_before(std::size_t i) const
{
    return i > 0 ? pieces_[i - 1].block->space_after + pieces_[i].block->space_before : Pt{};
}

bool Flow::fits_with_start(const Piece& heading, const Piece& next, Pt gap)
{
    Pt needed = gap_here(gap) + heading.block->height + heading.block->space_after + next.block->space_before;
    if (next.splittable) {
        const auto& lines = next.block->lines;
        needed += lines[std::min(lines.size(), min_lines) - 1].bottom;
    } else {
        needed += next.block->height;
    }
    return needed <= room() || last_frame();
}

bool Flow::next_frame(Pt left_here)
{
    if (frame().used == Pt{} && left_here == Pt{}) return true;  // already at the top: moving would not help
    if (last_frame()) {
        overflow(left_here);
        return false;
    }
    ++current_;
    return true;
}

bool Flow::place_whole(const Piece& piece, Pt gap)
{
    const Pt height = piece.block->height;
    if (gap_here(gap) + height > room() && !next_frame(height)) return false;
    if (gap_here(gap) + height > room()) {
        overflow(height);
        return false;
    }
    frame().used += gap_here(gap);
    Placer(*frame().items).block(*piece.block, x_here(), y_here(), column_);
    frame().used += height;
    return true;
}

bool Flow::place_paragraph(const Piece& piece, Pt gap)
{
    const typeset::Block& block = *piece.block;
    const std::vector<typeset::Line>& lines = block.lines;
    const std::size_t count = lines.size();
    for (std::size_t first = 0; first < count;) {
        const Pt space = first == 0 ? gap_here(gap) : Pt{};
        const Pt top = lines[first].top;
        std::size_t fit = 0;
        while (first + fit < count && space + lines[first + fit].bottom - top <= room()) ++fit;
        const std::size_t rest = count - first - fit;
        if (rest > 0) {
            // At least two lines on either side of a break between panels.
            if (rest < min_lines) fit -= std::min(fit, min_lines - rest);
            if (fit < min_lines) fit = 0;
        }
        const Pt remaining = lines[count - 1].bottom - top;
        if (fit == 0) {
            if (frame().used == Pt{}) {  // not even at the top of a panel
                overflow(remaining);
                return false;
            }
            if (!next_frame(remaining)) return false;
            continue;
        }
        frame().used += space;
        frame().items->push_back(text_item(block, x_here(), y_here(), first, fit));
        frame().used += lines[first + fit - 1].bottom - top;
        first += fit;
        if (first < count && !next_frame(lines[count - 1].bottom - lines[first].top)) return false;
    }
    return true;
}

void Flow::overflow(Pt left_here)
{
    Pt needed = left_here;
    for (std::size_t i = index_ + 1; i < pieces_.size(); ++i) needed += gap_before(i) + pieces_[i].block->height;
    overflow_ = Overflow{pieces_[index_].block->loc, frame().frame->role, needed - std::max(room(), Pt{})};
}

}  // namespace leaflet::layout
