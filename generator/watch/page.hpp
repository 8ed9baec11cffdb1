// The live page of `leaflets watch --serve`: one product's sheet, both
// sides, as HTML.
//
// In: the products, the one shown, the rebuild generation, the sheet of the
// style sheet and the product's diagnostics from its latest build. Out: the
// page: a list of the products; per side of the sheet its preview PNG
// (/out/preview/…png?g=<generation>, so that a rebuild changes every image
// URL) under an SVG overlay of the trim, the bleed, the folds and the safe
// zone of every panel, all drawn from the sheet's geometry; the
// diagnostics with their places; a script that, on each event of /events,
// fetches the page again and swaps its #live part. Never reads a file.
#pragma once

#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "resolve/resolve.hpp"

namespace leaflet::watch {

struct PageView {
    std::vector<std::string> products;
    std::string product;                  // the one shown
    int generation = 0;                   // rebuilds so far
    const resolve::Sheet* sheet = nullptr;  // null: no style sheet has loaded yet
    std::vector<Diagnostic> diagnostics;  // the product's, from its latest build
};

std::string render_page(const PageView& view);

// The part of the page the script swaps after a rebuild.
std::string render_live(const PageView& view);

}  // namespace leaflet::watch
