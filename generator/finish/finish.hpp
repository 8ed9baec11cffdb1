// finish: Cairo's PDF bytes -> the finished PDF bytes (QPDF).
//
// In: the PDF Cairo wrote (one page per print side), the trim and bleed box
// of each page, and the document metadata. Out: the same pages with
// /TrimBox and /BleedBox set, no page transparency group, a new Info
// dictionary, Catalog /Lang, a deterministic /ID and a %PDF-1.4 header;
// the same input always gives the same bytes. Never draws, never re-renders,
// never touches content streams or the MediaBox Cairo wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "units.hpp"

namespace leaflet::finish {

// PDF user space: origin at the bottom-left corner of the MediaBox.
struct Box {
    Pt left, bottom, right, top;
};

// One per page. BleedBox must contain TrimBox, MediaBox must contain
// BleedBox. Written with four decimals.
struct PageBoxes {
    Box trim;
    Box bleed;
};

// Written as a new Info dictionary (Cairo's is dropped) with /Producer
// "leaflets finish (QPDF <version>)", /CreationDate = /ModDate =
// D:YYYYMMDDHHmmSSZ and /Trapped /False. Text may be any UTF-8.
struct Metadata {
    std::string title;     // Info /Title
    std::string subject;   // Info /Subject; omitted when empty
    std::string language;  // Catalog /Lang, e.g. "kk-KZ"; omitted when empty
    std::string creator;   // Info /Creator, e.g. "leaflets 0.1.0"
    long long epoch = 0;   // seconds since 1970 UTC: /CreationDate and /ModDate
};

// Throws leaflet::Error (io) when the input is not a readable PDF, its page
// count differs from boxes.size(), a box is empty or not nested, or the
// epoch lies outside the years 1970-9999.
std::string finish(std::string_view cairo_pdf, const std::vector<PageBoxes>& boxes,
                   const Metadata& metadata);

}  // namespace leaflet::finish
