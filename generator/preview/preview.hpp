// preview: a finished PDF -> PNG images of its pages, for review.
//
// In: the finished print PDF (bytes). Out: one PNG (bytes) per page,
// rendered by Poppler at the given resolution on white paper: what the
// printer will get, not what Cairo drew. Never changes the PDF. Poppler
// lives in a module of its own (preview/poppler/), loaded on the first
// call, so that runs without previews do not load it. Safe to call from
// several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leaflet::preview {

std::vector<std::string> preview(std::string_view pdf, double dpi);

}  // namespace leaflet::preview
