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

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leaflet::preview {

// A page's pixels as rendered: 8-bit R, G, B, row after row, no padding.
struct Raster {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
};

// An area of a page, in points from its top-left corner (MediaBox), y down.
struct Area {
    double x = 0, y = 0, width = 0, height = 0;
};

// The pages of another PDF this one's pages are like (a variant's base
// leaflet), and, per page, where this one's may look other than those
// (layout::differences): only those areas are rendered, and the rest of the
// page is the other's pixels. Poppler renders an area of a page (whole
// pixels of it) as it renders that part of the whole page, so the PNG is
// the same as from a whole render: tests compare every preview of contacts'
// variants with a whole render of its PDF. A page without areas (none
// known), or whose size is not the other's, is rendered whole, and so is
// one whose areas would cover three quarters of it.
struct Like {
    const std::vector<Raster>* pages = nullptr;
    std::vector<std::optional<std::vector<Area>>> differs;  // by page
};

struct Options {
    // The PNGs a former run wrote for these pages, one per page (see above).
    std::vector<std::string> previous;
    // On up to `threads` threads, a page each: one product's previews at
    // once, for a designer waiting on them; a build, which makes products
    // in parallel, renders each product's pages one after the other.
    std::size_t threads = 1;
    const Like* like = nullptr;
    // If set, receives the pixels of each page rendered, for a Like; left
    // empty where the PNGs of `previous` stand.
    std::vector<Raster>* rasters = nullptr;
};

std::vector<std::string> preview(std::string_view pdf, double dpi, const Options& options = {});

}  // namespace leaflet::preview
