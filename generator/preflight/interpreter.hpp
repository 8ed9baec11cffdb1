// The preflight interpreter: reads a PDF as a press would and tells
// listeners what it meets. It tracks the graphics state but knows nothing
// of what is checked. Private to preflight/.
//
// In: a document read by QPDF. Out: events, in the order the document is
// read: document; then, page by page: page; the page's resources; its
// content stream's operators; each annotation appearance's resources and
// content. A form XObject drawn (Do) gives form, then its resources and its
// content, in place; an image XObject drawn gives image_drawn, with the CTM
// at the Do; a Do met more than 16 forms deep is not followed (a cycle, or
// nothing a press would run). Resources are reported each time
// they are read, so the same object may come more than once. Never writes
// anything.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "geometry.hpp"
#include "print_limits.hpp"

namespace leaflet::preflight {

// The page's recorded folds and safe zone (finish's /PieceInfo /Leaflets);
// without them, the house safe zone and no folds.
struct SafeZone {
    std::vector<double> folds;  // x in default user space
    double width = print_limits::safe_zone.value;
};

struct Page {
    int number = 0;                          // 1-based
    mutable QPDFObjectHandle object;         // QPDF 11's accessors are not const
    std::optional<Rect> media, trim, bleed;  // the boxes as written (media inherited)
    SafeZone safe_zone;
};

// An entry of a resource dictionary. `where` says where it was read, as a
// suffix for messages: "" on the page, " (form XObject /X1)", " (annotation
// appearance /N)".
struct Resource {
    const std::string& name;         // "/F1"
    mutable QPDFObjectHandle object;
    const std::string& where;
};

// The fill (or stroke) colour as ink: c m y k (grey and RGB converted naively, only to
// rank), and the operator that set it, as written ("1 1 1 1 k").
struct FillColour {
    std::vector<double> ink{0, 0, 0, 1};
    std::string written = "0 g";
};

// rg RG k K g G cs CS sc scn SC SCN, as met in content.
struct ColourOperator {
    const std::string& operator_name;  // "rg"
    const std::vector<QPDFObjectHandle>& operands;
    const std::string& written;   // operands (numbers short) and operator: "0 0 0 rg"
    QPDFObjectHandle space;       // cs CS: the space set, looked up in /ColorSpace; else null
    const std::string& where;
};

// An image XObject drawn (Do): it fills the unit square of `ctm`, which
// maps it into default user space.
struct DrawnImage {
    const std::string& name;  // "/Im1"
    mutable QPDFObjectHandle stream;  // the image XObject
    Matrix ctm;
    const std::string& where;
};

// Text shown visibly (render mode neither 3 nor 7) where its place on the
// page is known, i.e. not in annotation appearances.
struct Text {
    Rect area;    // the run's extent (ascent to descent) in default user space
    double size;  // the em's height in default user space
    const std::string& where;
};

// Paint with the fill colour (a filled path, filled text, sh) where its
// place on the page is known.
struct Fill {
    std::optional<Rect> area;  // default user space; nullopt for sh: anywhere
    const FillColour& colour;
    const std::string& where;
    // A filled path made only of axis-aligned rectangles in default user
    // space (re, or m and three l, closed or back to the start): them, one
    // per subpath; empty for any other fill.
    const std::vector<Rect>& rectangles;
};

// The events; each does nothing unless overridden.
class Listener {
public:
    virtual ~Listener() = default;
    virtual void document(QPDF& /*pdf*/) {}
    // Before the page's resources and content.
    virtual void page(const Page& /*page*/) {}
    // Resources: /Font, /ExtGState, /ColorSpace entries as they are.
    virtual void font(const Resource& /*font*/) {}
    virtual void graphics_state(const Resource& /*state*/) {}
    virtual void colour_space(const Resource& /*space*/) {}
    // A /Shading entry, or a shading pattern's /Shading under the pattern's
    // name; `object` is the shading's dictionary.
    virtual void shading(const Resource& /*shading*/) {}
    // An image XObject; `object` is its stream dictionary.
    virtual void image(const Resource& /*image*/) {}
    // A form XObject drawn; `object` is its stream dictionary, `where` the
    // place it is drawn from.
    virtual void form(const Resource& /*form*/) {}
    // Content.
    virtual void colour_operator(const ColourOperator& /*colour*/) {}
    // Each /CS or /ColorSpace of an inline image, looked up in /ColorSpace.
    virtual void inline_image(QPDFObjectHandle /*space*/, const std::string& /*where*/) {}
    virtual void text(const Text& /*text*/) {}
    virtual void fill(const Fill& /*fill*/) {}
    // A stroked path (S s B B* b b*), in the stroke colour; `area` the
    // path's points' extent, without the line width.
    virtual void stroke(const Fill& /*stroke*/) {}
    virtual void image_drawn(const DrawnImage& /*image*/) {}
};

// Passes each event to every listener added, in the order added.
class Listeners final : public Listener {
public:
    void add(Listener& listener) { all_.push_back(&listener); }

    void document(QPDF& pdf) override { each(&Listener::document, pdf); }
    void page(const Page& page) override { each(&Listener::page, page); }
    void font(const Resource& font) override { each(&Listener::font, font); }
    void graphics_state(const Resource& state) override { each(&Listener::graphics_state, state); }
    void colour_space(const Resource& space) override { each(&Listener::colour_space, space); }
    void shading(const Resource& shading) override { each(&Listener::shading, shading); }
    void image(const Resource& image) override { each(&Listener::image, image); }
    void form(const Resource& form) override { each(&Listener::form, form); }
    void colour_operator(const ColourOperator& colour) override { each(&Listener::colour_operator, colour); }
    void inline_image(QPDFObjectHandle space, const std::string& where) override
    {
        each(&Listener::inline_image, space, where);
    }
    void text(const Text& text) override { each(&Listener::text, text); }
    void fill(const Fill& fill) override { each(&Listener::fill, fill); }
    void stroke(const Fill& stroke) override { each(&Listener::stroke, stroke); }
    void image_drawn(const DrawnImage& image) override { each(&Listener::image_drawn, image); }

private:
    // The event to every listener, in the order they were added.
    template <typename... Parameters, typename... Arguments>
    void each(void (Listener::*event)(Parameters...), Arguments&... arguments)
    {
        for (Listener* listener : all_) (listener->*event)(arguments...);
    }

    std::vector<Listener*> all_;
};

// Reads the whole document. QPDF's exceptions (a damaged file) pass through.
void interpret(QPDF& pdf, Listener& listener);

}  // namespace leaflet::preflight
