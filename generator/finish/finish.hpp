// finish: Cairo's PDF bytes -> the finished PDF bytes (QPDF).
//
// In: the PDF Cairo wrote, the boxes of each page, the document metadata,
// the mode and, for print, the style's swatches. Out, for print: every
// RGB colour operator of page content, form XObjects, tiling patterns and
// annotation appearances rewritten to the exact CMYK of the swatch whose
// 8-bit RGB it is; /TrimBox, /BleedBox and the folds (/PieceInfo) on every
// page; no transparency; PDF/X-1a:2001 keys (OutputIntent FOGRA39,
// GTS_PDFXVersion, Trapped); a %PDF-1.3 header. For screen, PDF/UA-1
// (ISO 14289-1): RGB kept, MarkInfo and Lang, each Figure's /Alt, each
// link's text in its Link element and an alternate description in its
// annotation's /Contents, content outside the structure marked as
// Artifact, XMP metadata with pdfuaid:part 1, DisplayDocTitle, /Tabs /S on
// every page, %PDF-1.7. Both: a new Info dictionary and a deterministic
// /ID; the same input always gives the same bytes.
// Never draws, never re-renders, never approximates a colour, never touches
// the MediaBox Cairo wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "resolve/resolve.hpp"
#include "print_limits.hpp"

namespace leaflet::finish {

enum class Mode { print, screen };

// PDF user space: origin at the bottom-left corner of the MediaBox.
struct Box {
    Pt left, bottom, right, top;
};

// One per page. BleedBox must contain TrimBox, MediaBox must contain
// BleedBox. Written with four decimals. Print only: the folds and the
// safe-zone width go to the page's /PieceInfo /Leaflets /Private as
// << /Folds [x...] /SafeZone w >>, read back by preflight.
struct PageBoxes {
    Box trim;
    Box bleed;
    std::vector<Pt> folds{};  // x of every fold line, PDF user space, left to right
    Pt safe_zone = print_limits::safe_zone;  // no text this close to the trim or a fold
};

// Written as a new Info dictionary (Cairo's is dropped) with /Producer
// "leaflets finish (QPDF <version>)", /CreationDate = /ModDate =
// D:YYYYMMDDHHmmSSZ. Text may be any UTF-8.
struct Metadata {
    std::string title;     // Info /Title
    std::string subject;   // Info /Subject; omitted when empty
    std::string language;  // Catalog /Lang, e.g. "kk-KZ"; omitted when empty
    std::string creator;   // Info /Creator, e.g. "leaflets 0.1.0"
    long long epoch = 0;   // seconds since 1970 UTC: /CreationDate and /ModDate
    // screen: the text alternative of each Figure of the structure tree, in
    // the order they were drawn (the images and QR codes).
    std::vector<std::string> figure_alts{};
};

// print: `palette` holds every swatch of the style sheet (unique 8-bit RGB);
// an RGB colour that is none of them, an RGB image, shading or colour space,
// or transparency is an error. screen: `palette` is unused, and `boxes` may
// be empty (then no page boxes are written).
// Throws leaflet::Error (io) when the input is not a readable PDF, its page
// count differs from boxes.size(), a box is empty or not nested, the epoch
// lies outside the years 1970-9999, or a colour cannot be made CMYK.
std::string finish(std::string_view cairo_pdf, const std::vector<PageBoxes>& boxes,
                   const Metadata& metadata, Mode mode, const std::vector<resolve::Colour>& palette);

}  // namespace leaflet::finish
