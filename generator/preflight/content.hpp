// The interpreter's parts that read resources and content streams, shared
// by interpreter.cpp (pages, annotations) and content.cpp (operators, forms
// drawn). Private to the interpreter.
#pragma once

#include <memory>
#include <string>

#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "font_metrics.hpp"
#include "geometry.hpp"
#include "interpreter.hpp"

namespace leaflet::preflight {

struct TextState {
    QPDFObjectHandle font;
    std::shared_ptr<const FontMetrics> metrics;  // null until the first Tf
    double size = 0, char_spacing = 0, word_spacing = 0, scale = 1, leading = 0, rise = 0;
    int render = 0;
};

// What q saves and Q restores.
struct GraphicsState {
    Matrix ctm;
    QPDFObjectHandle fill_space = QPDFObjectHandle::newName("/DeviceGray");
    QPDFObjectHandle stroke_space = QPDFObjectHandle::newName("/DeviceGray");
    FillColour fill;
    FillColour stroke{{0, 0, 0, 1}, "0 G"};
    TextState text;
};

// Where content is being read: page, form XObject, annotation appearance.
struct Context {
    mutable QPDFObjectHandle resources;  // QPDF 11's accessors are not const
    std::string where;                   // "" for page content, else " (form XObject /X1)"
    bool placed = true;                  // its place on the page is known: not in appearances
    int depth = 0;                       // form XObjects drawn within forms
};

// Reports each entry of `resources` (a dictionary, else nothing): fonts,
// graphics states, colour spaces, shadings, shading patterns, images.
void read_resources(QPDFObjectHandle resources, const std::string& where, Listener& listener);

// Runs the operators of `stream` (a page, or a form's stream) from `state`,
// which it leaves as the stream does (q/Q unbalanced included).
void read_content(QPDFPageObjectHelper stream, const Context& context, GraphicsState& state, Listener& listener,
                  FontMetricsCache& fonts);

}  // namespace leaflet::preflight
