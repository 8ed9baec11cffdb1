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

// A panel the flow runs through, and how much of its height it used.
struct FlowFrame {
    PanelFrame* frame = nullptr;
    std::vector<Item>* items = nullptr;  // of the page that holds the panel
    Pt used;
};

// A piece of a flow: a paragraph (splittable between lines) or a block
// that stays whole (a box, a contact line).
struct Piece {
    const typeset::Block* block;
    bool splittable;
};

class Flow {
public:
    explicit Flow(std::vector<FlowFrame> frames);

    // Places the panel's blocks on its frames' pages: the overflow, if they
    // do not all fit (what did fit stays placed).
    std::optional<Overflow> run(const typeset::Panel& panel);

    const std::vector<FlowFrame>& frames() const { return frames_; }
    // The first of the items the flow added to its first panel's page.
    std::size_t first_item() const { return first_item_; }

private:
    Pt gap_before(std::size_t i) const;
    FlowFrame& frame() { return frames_[current_]; }
    Pt room() { return frame().frame->text.height - frame().used; }
    Pt gap_here(Pt gap) { return frame().used > Pt{} ? gap : Pt{}; }
    // The flow's measure, centred in the current panel's text column.
    Pt x_here() { return frame().frame->text.x + (frame().frame->text.width - column_) / 2; }
    Pt y_here() { return frame().frame->text.y + frame().used; }
    bool last_frame() const { return current_ + 1 == frames_.size(); }

    bool fits_with_start(const Piece& heading, const Piece& next, Pt gap);
    // Moves to the next panel; false (and the overflow recorded) past the last.
    bool next_frame(Pt left_here = {});
    bool place_whole(const Piece& piece, Pt gap);
    bool place_paragraph(const Piece& piece, Pt gap);
    // `left_here` of the current piece did not fit; neither does anything after it.
    void overflow(Pt left_here);

    std::vector<FlowFrame> frames_;
    std::size_t first_item_;
    std::vector<Piece> pieces_;
    std::size_t index_ = 0;
    std::size_t current_ = 0;
    Pt column_;
    std::optional<Overflow> overflow_;
};

// The block's lines [first, first + count) as an item at (x, y): their
// geometry from the first one's top.
TextItem text_item(const typeset::Block& block, Pt x, Pt y, std::size_t first, std::size_t count);

}  // namespace leaflet::layout
