// preview: a finished PDF -> PNG images of its pages, for review.
//
// In: the finished print PDF (bytes). Out: one PNG (bytes) per page,
// rendered by Poppler at the given resolution on white paper: what the
// printer will get, not what Cairo drew. Never changes the PDF. Poppler
// lives in a module of its own (preview/poppler/), loaded on the first
// call, so that runs without previews do not load it. Safe to call from
// several threads.
//
// Each PNG says what it was made from (a tEXt chunk, leaflets:made-from:
// the PDF's sha256, the resolution, Poppler's version, the page). Given
// the PNGs a former run wrote for these pages (`previous`, one per page),
// it returns them unchanged if they were made from these very bytes in
// the same way, which is what rendering again would give, and renders
// otherwise: a build that changed nothing of a leaflet does not render it
// again.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leaflet::preview {

// On up to `threads` threads, a page each: one product's previews at once,
// for a designer waiting on them; a build, which makes products in
// parallel, renders each product's pages one after the other.
std::vector<std::string> preview(std::string_view pdf, double dpi, const std::vector<std::string>& previous = {},
                                 std::size_t threads = 1);

}  // namespace leaflet::preview
