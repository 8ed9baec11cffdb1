// Private to finish: what the screen PDF's structure tree needs that Cairo
// cannot write (Cairo 1.16's structure tags take no attributes).
#pragma once

#include <string>
#include <vector>

#include <qpdf/QPDF.hh>

namespace leaflet::finish {

// Gives the Figure elements of the structure tree, in the tree's order
// (the order they were drawn), their /Alt texts: one per Figure. Throws
// leaflet::Error (io) when the counts differ: a figure without its text
// alternative must not reach a reader.
void set_figure_alts(QPDF& pdf, const std::vector<std::string>& alts);

// Moves the text of each link into its Link element: render draws a link's
// run alone in a Span just before the Link (which Cairo leaves empty but for
// the annotation's OBJR), so that Span's marked content becomes the Link's
// (its /K and the page's entry in the /ParentTree) and the Span goes.
void move_link_text(QPDF& pdf);

}  // namespace leaflet::finish
