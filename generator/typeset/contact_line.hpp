// Private to typeset: a contact line, "label<tab/>value".
#pragma once

#include "paragraph.hpp"

namespace leaflet::typeset {

// The value set flush right on the label's last line, the label wrapping
// short of it, and the style's leader between them, its characters on a
// grid of their own advance from the column's edge, so that the leaders of
// lines one under the other line up. The leader and value are runs of the
// label's last line. `column` is the block's width.
std::vector<Line> contact_line(ParagraphSetter& setter, const resolve::StyledBlock& styled,
                               const resolve::ParagraphStyle& style, Pt column);

}  // namespace leaflet::typeset
