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

}  // namespace leaflet::finish
