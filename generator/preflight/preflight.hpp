// preflight: a finished PDF -> a report of what a print shop would reject.
//
// In: a PDF file (or its bytes), read with QPDF, and the profile to check
// it against: print, screen or ua (screen and PDF/UA-1), or none, and then
// the PDF says: print when it has an OutputIntent /GTS_PDFX, else screen.
// Out: findings, each with a check, the page (0 for the document) and a
// message; a readable text report and JSON. Checks, with their names:
//   font-not-embedded, font-not-subset   every font (Type 3 aside)
//   rgb-colour      print: no DeviceRGB, CalRGB, ICCBased RGB or Lab in page
//                   content, form XObjects, patterns, images, shadings or
//                   annotation appearances
//   transparency    print: no soft masks, alpha below 1 or blend modes
//   boxes           print: TrimBox and BleedBox on every page, Trim in Bleed
//                   in Media
//   output-intent   print: an OutputIntent with /S /GTS_PDFX
//   pdfx-keys       print: Info /GTS_PDFXVersion and /Trapped, trailer /ID
//   safe-zone       print: no text within the safe zone of the trim edges
//                   and of the folds (from the page's /PieceInfo /Leaflets,
//                   written by finish; else 5 mm and no folds)
//   text-size       no text below 6 pt (font size x text matrix x CTM)
//   total-ink       print: no fill or stroke above 300 % (c+m+y+k) inside the
//                   BleedBox; marks outside it are registration colour
//   image           print: every image drawn DeviceCMYK (RGB ones are
//                   rgb-colour's), at 150 ppi or more where it is drawn
//                   (pixels / size in inches, from the CTM), and no pixel
//                   above 300 % ink
//   qr-module       print: no QR code with modules under 0.5 mm where it is
//                   drawn; a QR code is any fill of axis-aligned rectangles
//                   on one square grid of 17 + 4 v modules with finder
//                   patterns in three corners, measured in default user
//                   space (so a page scaled after finish is measured too)
//   ua-metadata    ua: XMP /Metadata with pdfuaid:part 1 and dc:title,
//                   /ViewerPreferences /DisplayDocTitle true, /MarkInfo
//                   /Marked true, /Lang, a /StructTreeRoot
//   ua-structure    ua: headings start at H1 and never skip a level, L
//                   holds LI, LI holds Lbl and LBody, every Figure an /Alt
//   ua-links        ua: every page /Tabs /S; each link annotation with
//                   /Contents and a /StructParent whose Link element holds
//                   an OBJR to it
//   ua-fonts        ua: every font with a /ToUnicode map
//   ua-artifacts    ua: no painting in page content outside marked
//                   content (tagged, or /Artifact)
// Each ua message opens with the clause of ISO 14289-1 it breaks and, where
// one names it, the failure condition of the Matterhorn Protocol 1.1:
// "ISO 14289-1 7.18.5, Matterhorn 28-012: ...".
// Text extents come from the fonts' /Widths or /W and their descriptors'
// /Ascent and /Descent, in default user space.
//
// Inside (private to preflight/): an interpreter (interpreter.hpp) reads
// pages, resources, content streams, form XObjects and annotation
// appearances, tracks the graphics state and emits events; one listener
// per check (checks.hpp) turns events into findings; report.cpp formats
// the reports. Never writes anything.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leaflet::preflight {

// ua: the screen checks and PDF/UA-1's.
enum class Kind { print, screen, ua };

enum class Check {
    font_not_embedded,
    font_not_subset,
    rgb_colour,
    transparency,
    boxes,
    output_intent,
    pdfx_keys,
    safe_zone,
    text_size,
    total_ink,
    image,
    qr_module,
    ua_metadata,
    ua_structure,
    ua_links,
    ua_fonts,
    ua_artifacts,
};

// As in reports: "font-not-embedded", "rgb-colour", "safe-zone", ...
std::string_view name(Check check);

struct Finding {
    Check check = Check::font_not_embedded;
    int page = 0;  // 1-based; 0: the document
    std::string message;
};

struct Report {
    std::string file;
    std::vector<Finding> findings;  // by page, then in the order found; no duplicates
    Kind kind = Kind::print;        // what it was checked as
    bool passed() const { return findings.empty(); }
};

// Without a kind, the PDF's own: print with an OutputIntent /GTS_PDFX, else
// screen (never its file name or folder).
// Throws leaflet::Error (io) when the file cannot be read as a PDF.
Report preflight(const std::string& pdf_path, std::optional<Kind> kind = std::nullopt);
// The same for PDF bytes in memory; `name` becomes Report::file.
Report preflight_bytes(std::string_view pdf, const std::string& name, std::optional<Kind> kind = std::nullopt);

// One line per finding, "file: page N: check: message" ("file: check:
// message" for the document), then "file: passed" or "file: N finding(s)".
std::string format_text(const std::vector<Report>& reports);
// [{"file": ..., "passed": ..., "findings": [{"check", "page", "message"}]}]
std::string format_json(const std::vector<Report>& reports);

}  // namespace leaflet::preflight
