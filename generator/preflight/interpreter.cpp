#include "interpreter.hpp"

#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "content.hpp"
#include "pdf/pdf.hpp"

namespace leaflet::preflight {

namespace {

SafeZone safe_zone_of(QPDFObjectHandle page)
{
    SafeZone zone;
    auto data = page.getKey("/PieceInfo").getKey(pdf::piece::application).getKey("/Private");
    if (!data.isDictionary()) return zone;
    if (data.getKey(pdf::piece::safe_zone).isNumber()) zone.width = data.getKey(pdf::piece::safe_zone).getNumericValue();
    auto folds = data.getKey(pdf::piece::folds);
    if (folds.isArray())
        for (auto fold : folds.aitems())
            if (fold.isNumber()) zone.folds.push_back(fold.getNumericValue());
    return zone;
}

void read_annotation(QPDFObjectHandle annotation, Listener& listener, FontMetricsCache& fonts)
{
    if (!annotation.isDictionary()) return;
    auto streams = annotation.getKey("/AP");
    if (!streams.isDictionary()) return;
    for (auto [key, appearance] : streams.ditems()) {
        std::vector<QPDFObjectHandle> forms;
        if (appearance.isStream()) forms.push_back(appearance);
        if (appearance.isDictionary())
            for (auto [state, stream] : appearance.ditems())
                if (stream.isStream()) forms.push_back(stream);
        for (auto& form : forms) {
            const std::string where = " (annotation appearance " + key + ")";
            auto resources = form.getDict().getKey("/Resources");
            read_resources(resources, where, listener);
            // Appearances sit in the annotation's rectangle, wherever a
            // viewer puts it: their content has no place on the page.
            Context context{resources, where, false, 1};
            GraphicsState state;
            QPDFPageObjectHelper helper(form);
            read_content(helper, context, state, listener, fonts);
        }
    }
}

void read_page(QPDFPageObjectHelper helper, int number, Listener& listener, FontMetricsCache& fonts)
{
    Page page;
    page.number = number;
    page.object = helper.getObjectHandle();
    page.media = rect_of(helper.getMediaBox());
    page.trim = rect_of(page.object.getKey("/TrimBox"));
    page.bleed = rect_of(page.object.getKey("/BleedBox"));
    page.safe_zone = safe_zone_of(page.object);
    listener.page(page);

    auto resources = helper.getAttribute("/Resources", false);
    read_resources(resources, "", listener);
    Context context{resources, "", true, 0};
    GraphicsState state;
    read_content(helper, context, state, listener, fonts);

    auto annotations = page.object.getKey("/Annots");
    if (annotations.isArray())
        for (auto annotation : annotations.aitems()) read_annotation(annotation, listener, fonts);
}

void read_each(QPDFObjectHandle resources, const char* key, const std::string& where,
               void (Listener::*event)(const Resource&), Listener& listener)
{
    auto entries = resources.getKey(key);
    if (entries.isDictionary())
        for (auto [name, object] : entries.ditems()) (listener.*event)(Resource{name, object, where});
}

}  // namespace

void read_resources(QPDFObjectHandle resources, const std::string& where, Listener& listener)
{
    if (!resources.isDictionary()) return;
    read_each(resources, "/Font", where, &Listener::font, listener);
    read_each(resources, "/ExtGState", where, &Listener::graphics_state, listener);
    read_each(resources, "/ColorSpace", where, &Listener::colour_space, listener);
    auto shadings = resources.getKey("/Shading");
    if (shadings.isDictionary())
        for (auto [name, shading] : shadings.ditems())
            listener.shading(Resource{name, shading.isStream() ? shading.getDict() : shading, where});
    auto patterns = resources.getKey("/Pattern");
    if (patterns.isDictionary())
        for (auto [name, pattern] : patterns.ditems()) {
            if (pattern.isStream() || !pattern.isDictionary()) continue;  // tiling patterns are streams
            auto shading = pattern.getKey("/Shading");
            listener.shading(Resource{name, shading.isStream() ? shading.getDict() : shading, where});
        }
    auto xobjects = resources.getKey("/XObject");
    if (xobjects.isDictionary())
        for (auto [name, xobject] : xobjects.ditems()) {
            if (!xobject.isStream()) continue;
            auto dictionary = xobject.getDict();
            if (dictionary.getKey("/Subtype").isNameAndEquals("/Image"))
                listener.image(Resource{name, dictionary, where});
        }
}

void interpret(QPDF& pdf, Listener& listener)
{
    listener.document(pdf);
    FontMetricsCache fonts;
    int number = 0;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) read_page(page, ++number, listener, fonts);
}

}  // namespace leaflet::preflight
