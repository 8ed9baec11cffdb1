// render: Frames -> drawing operations on a Canvas.
//
// In: laid-out pages. Out: the same pages drawn on a Canvas: the Cairo PDF
// canvas writes the print PDF's bytes, the trace canvas writes one line per
// drawing operation for text goldens. Never moves or reshapes anything:
// both canvases see exactly the same items.
#pragma once

#include <string>

#include "layout/layout.hpp"

namespace leaflet::render {

class Canvas {
public:
    virtual ~Canvas() = default;
    virtual void begin_page(const layout::Page& page) = 0;
    virtual void fill(const layout::FillItem& item) = 0;
    virtual void line(const layout::LineItem& item) = 0;
    virtual void text(const layout::TextItem& item) = 0;
    virtual void end_page() = 0;
};

void render(const layout::Frames& frames, Canvas& canvas);

// The PDF that Cairo writes for `frames` (RGB; the finish stage makes it
// print-ready). `tagged`: with a structure tree (Document, H1, H2, P, L, LI,
// Lbl, LBody) for the screen PDF.
std::string render_pdf(const layout::Frames& frames, bool tagged = false);

// One line per drawing operation, numbers rounded to 0.1 pt, each text line
// with its baseline and its text.
std::string render_trace(const layout::Frames& frames);

}  // namespace leaflet::render
