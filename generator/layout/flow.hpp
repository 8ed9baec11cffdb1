// Private to layout: threading a panel's (or flow's) blocks through the
// text columns of its panels.
#pragma once

#include <optional>
#include <vector>

#include "layout/layout.hpp"

namespace leaflet::layout {

// Blocks that did not fit: where the first one that did not starts, the
// last panel, and how much more height the flow needs.
struct Overflow {
    SourceLoc loc;
    std::string role;
    Pt excess;
};

// How far a band (a box of extent="panel") reaches: across its panel's
// trim and past it into the bleed where the panel meets the sheet's trim
// (not at a fold); at the top or foot of the text column up or down to the
// trim and past it.
struct Reach {
    Rect trim;                    // the panel's
    Rect text;                    // its text column
    Pt left, right, top, bottom;  // past the trim: the bleed at the sheet's edges, zero at a fold
};

// A panel the flow runs through, and how much of its height it used.
struct FlowFrame {
    PanelFrame* frame = nullptr;
    std::vector<Item>* items = nullptr;  // of the page that holds the panel
    // The part of its text column the flow may fill: all of it, less what
    // the blocks fixed at its top or foot take.
    Rect column;
    Pt fixed;                            // the height its fixed blocks take
    Pt used;                             // from the column's top
    Reach reach;
    // The items the flow put there: each piece's first, and the end.
    std::vector<std::size_t> starts;
    std::size_t end = 0;
};

// The baseline grid of a panel's (or flow's) columns: lines `step` (the
// style sheet's, at the panel's scale) apart, the first `ascent` below the
// top of each text column, where the first baseline of a block on the grid
// stands when it stands at the top (its Line::baseline). Without a grid in
// the style sheet, or without a block on it in the panel, nothing moves.
class Grid {
public:
    Grid() = default;
    Grid(const std::optional<resolve::BaselineGrid>& grid, const typeset::Panel& panel);

    bool active() const { return grid_ != nullptr; }
    Pt step() const { return step_; }
    // How far down a block whose line `first` would stand with its top at
    // `top` moves so that that line's baseline stands on the next line of
    // the grid of the column whose top is `column_top`: zero for a block
    // off the grid. A box is on the grid if its first paragraph is.
    Pt snap(const typeset::Block& block, std::size_t first, Pt top, Pt column_top) const;

private:
    // From a block's top to the baseline of its line `first`, if that
    // line stands on the grid.
    std::optional<Pt> baseline(const typeset::Block& block, std::size_t first) const;

    const resolve::BaselineGrid* grid_ = nullptr;
    Pt step_, ascent_;
};

// A piece of a flow: a paragraph (splittable between lines) or a block
// that stays whole (a box, a contact line).
struct Piece {
    const typeset::Block* block;
    bool splittable;
};

class Flow {
public:
    Flow(std::vector<FlowFrame> frames, const resolve::Sheet& sheet);

    // Places the panel's blocks on its frames' pages: the overflow, if they
    // do not all fit (what did fit stays placed).
    std::optional<Overflow> run(const typeset::Panel& panel);

    const std::vector<FlowFrame>& frames() const { return frames_; }
    const Grid& grid() const { return grid_; }
    // The first of the items the flow added to its first panel's page.
    std::size_t first_item() const { return first_item_; }

private:
    Pt gap_before(std::size_t i) const;
    FlowFrame& frame() { return frames_[current_]; }
    Pt room() { return frame().column.height - frame().used; }
    Pt gap_here(Pt gap) { return frame().used > Pt{} ? gap : Pt{}; }
    // The flow's measure, centred in the current panel's text column.
    Pt x_here() { return frame().column.x + (frame().column.width - column_) / 2; }
    Pt y_here() { return frame().column.y + frame().used; }
    // How far below y_here() a whole block ends when it stands there after
    // `gap` (the gap, the grid's move and its height).
    Pt extent_here(const typeset::Block& block, Pt gap);
    bool last_frame() const { return current_ + 1 == frames_.size(); }

    bool fits_with_start(const Piece& heading, const Piece& next, Pt gap);
    // Moves to the next panel; false (and the overflow recorded) past the last.
    bool next_frame(Pt left_here = {});
    bool place_whole(const Piece& piece, Pt gap);
    bool place_paragraph(const Piece& piece, Pt gap);
    // `left_here` of the current piece did not fit; neither does anything after it.
    void overflow(Pt left_here);

    std::vector<FlowFrame> frames_;
    const resolve::Sheet& sheet_;
    Grid grid_;
    std::size_t first_item_;
    std::vector<Piece> pieces_;
    std::size_t index_ = 0;
    std::size_t current_ = 0;
    Pt column_;
    std::optional<Overflow> overflow_;
};

// Places blocks that stay whole (boxes and what they hold) with their
// tops at the given y, on `grid` in the column whose top is `column_top`;
// without items (nullptr) it only measures.
class Placer {
public:
    // `reach`: where bands reach (null: only to the column, as in a measure).
    Placer(std::vector<Item>* items, const Grid& grid, Pt column_top, const Reach* reach = nullptr)
        : items_(items), grid_(grid), column_top_(column_top), reach_(reach)
    {
    }

    // Returns the bottom of the last block.
    Pt blocks(const std::vector<typeset::Block>& blocks, Pt x, Pt y, Pt width);
    // Returns the block's bottom.
    Pt block(const typeset::Block& block, Pt x, Pt y, Pt width);

private:
    // A box's background and border over `rect`, a band's reaching out.
    FillItem background(const typeset::Block& block, Rect rect) const;

    std::vector<Item>* items_;
    const Grid& grid_;
    Pt column_top_;
    const Reach* reach_;
};

// The block's lines [first, first + count) as an item at (x, y): their
// geometry from the first one's top.
TextItem text_item(const typeset::Block& block, Pt x, Pt y, std::size_t first, std::size_t count);

}  // namespace leaflet::layout
