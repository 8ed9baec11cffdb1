// Private to finish: what the finished PDF says about itself beside its
// content (page boxes, folds, output intent, Info dictionary, PDF/X keys)
// and how it is written.
#pragma once

#include <string>
#include <vector>

#include <qpdf/QPDF.hh>

#include "finish/finish.hpp"

namespace leaflet::finish {

// What each mode writes.
struct Settings {
    bool cmyk = false;          // rewrite colours, refuse RGB and transparency
    bool pdfx = false;          // OutputIntent, GTS_PDFX keys, /PieceInfo
    bool trapped = false;       // Info /Trapped /False
    bool remove_group = false;  // the page transparency group
    bool mark_info = false;     // Catalog /MarkInfo << /Marked true >>
    bool pdfua = false;         // PDF/UA-1: XMP, DisplayDocTitle, /Tabs, link /Contents, artifacts
    std::string version;        // of the header: "1.3", "1.7"
};

// D:YYYYMMDDHHmmSSZ (UTC). Throws leaflet::Error (io) outside the years
// 1970-9999.
std::string pdf_date(long long epoch);

// /TrimBox and /BleedBox on every page, and no page /Group when
// settings.remove_group. Does nothing when `boxes` is empty and not
// settings.pdfx. Throws leaflet::Error (io) when the page count is not
// boxes.size(), a TrimBox is empty, or a box is not nested (finish.hpp).
void set_boxes(QPDF& pdf, const std::vector<PageBoxes>& boxes, const Settings& settings);

// The folds and safe zone of every page as its /PieceInfo (finish.hpp),
// with /LastModified `date`. Expects one PageBoxes per page (set_boxes
// checks that).
void set_piece_info(QPDF& pdf, const std::vector<PageBoxes>& boxes, const std::string& date);

// A new Info dictionary (finish.hpp; /Trapped and the GTS_PDFX keys as
// `settings` says), Catalog /Lang, /OutputIntents (FOGRA39, when pdfx) and
// /MarkInfo; drops the trailer's /ID so that write_pdf derives a new one.
void set_metadata(QPDF& pdf, const Metadata& metadata, const Settings& settings, const std::string& date);

// The bytes: compressed streams, no object streams, a %PDF-<version>
// header and a deterministic /ID. QPDF's warnings stay on `pdf`.
std::string write_pdf(QPDF& pdf, const Settings& settings);

}  // namespace leaflet::finish
