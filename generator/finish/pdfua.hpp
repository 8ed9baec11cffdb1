// Private to finish: what PDF/UA-1 (ISO 14289-1) asks of the screen PDF
// beyond the structure tree Cairo writes (Cairo 1.16's tags take no
// attributes, write no metadata and mark only the content of leaf
// elements).
#pragma once

#include <string>

#include <qpdf/QPDF.hh>

#include "finish/finish.hpp"

namespace leaflet::finish {

// The catalog's XMP /Metadata (pdfuaid:part 1; dc:title, dc:description,
// dc:language, xmp:CreatorTool, the dates and pdf:Producer as the Info
// dictionary has them), /ViewerPreferences << /DisplayDocTitle true >>, and
// /Tabs /S on every page. `date` is pdf_date's D:YYYYMMDDHHmmSSZ.
void set_pdfua_keys(QPDF& pdf, const Metadata& metadata, const std::string& date);

// Every link annotation's /Contents, its alternate description (7.18.5),
// said from its target in the edition's script: "Телефон 11616",
// "Электрондық пошта a@b.kz", "Сайт https://…" (Latin: "Telefon",
// "Elektrondyq poşta", "Sait"). `language` is the Catalog's /Lang. And its
// /Rect, which Cairo 1.16 writes in whole points rounded outward (up to a
// point more each side), made the bounding box of its /QuadPoints: exactly
// over its text, for readers that ignore QuadPoints.
void set_link_contents(QPDF& pdf, const std::string& language);

// Wraps every stretch of page content that paints outside any marked-content
// sequence (backgrounds, rules, box fills, underlines, leader dots) in
// /Artifact BMC ... EMC, never across q or Q. Content already marked is
// left as it is.
void mark_artifacts(QPDF& pdf);

}  // namespace leaflet::finish
