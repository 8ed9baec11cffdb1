// render: Frames -> drawing operations on a Canvas.
//
// In: laid-out pages. Out: the same pages drawn on a Canvas: the Cairo PDF
// canvas writes the print PDF's bytes (glyph runs through Cairo's
// text-glyph API, with their text and cluster maps, so that extracted text
// is exactly the runs' text), the trace canvas writes one line per drawing
// operation for text goldens. Never moves or reshapes anything: both
// canvases see exactly the same items. The only stage that sees Cairo
// (with the preview module); never sees Pango.
#pragma once

#include <string>

#include "layout/layout.hpp"

namespace leaflet::render {

class Canvas {
public:
    virtual ~Canvas() = default;
    virtual void begin_page(const layout::Page& page) = 0;
    virtual void fill(const layout::FillItem& item) = 0;
    virtual void rule(const layout::RuleItem& item) = 0;
    virtual void text(const layout::TextItem& item) = 0;  // with its icons
    virtual void art(const layout::ArtItem& item) = 0;
    virtual void end_page() = 0;
};

void render(const layout::Frames& frames, Canvas& canvas);

// The PDF that Cairo writes for `frames` (RGB; the finish stage makes it
// print-ready). `tagged`: with a structure tree for the screen PDF, from
// the items' kinds: Document; H1, H2 by heading level (the first heading
// H1, none more than one level below the one before); P; consecutive list
// items in one L, each an LI with its label runs in Lbl and the rest in
// LBody; a Figure for each image and QR code; and link annotations over
// the runs that have a link. In a P or LBody that holds a link or a
// contact line's leader, the text is in Span leaves (each link's run alone
// in one, just before its Link) and the leader outside them, unmarked
// (finish makes it an Artifact, and moves a link's Span into its Link). Art is drawn by art/draw.hpp: in print a
// raster is flattened onto paper white (the finish stage makes it CMYK).
std::string render_pdf(const layout::Frames& frames, bool tagged = false);

// One line per drawing operation, numbers rounded to 0.1 pt: each text
// item's lines with their baseline, extent, text and break, and each line's
// runs with their face, size, swatch, role and link; each image, QR code
// and icon with its box, its source and where it was cited.
std::string render_trace(const layout::Frames& frames);

}  // namespace leaflet::render
