#include "pdfua.hpp"

#include <fmt/format.h>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "io/markup.hpp"

namespace leaflet::finish {

namespace {

// D:YYYYMMDDHHmmSSZ -> YYYY-MM-DDTHH:mm:SSZ (XMP's ISO 8601).
std::string xmp_date(const std::string& date)
{
    const std::string digits = date.substr(2, 14);
    return fmt::format("{}-{}-{}T{}:{}:{}Z", digits.substr(0, 4), digits.substr(4, 2), digits.substr(6, 2),
                       digits.substr(8, 2), digits.substr(10, 2), digits.substr(12, 2));
}

std::string xmp_packet(const Metadata& metadata, const std::string& date)
{
    const std::string when = xmp_date(date);
    std::string description;
    if (!metadata.subject.empty())
        description = fmt::format("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li>"
                                  "</rdf:Alt></dc:description>\n",
                                  io::xml_escaped(metadata.subject));
    std::string language;
    if (!metadata.language.empty())
        language = fmt::format("   <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
                               io::xml_escaped(metadata.language));
    // No padding: the file is rewritten whole, never updated in place.
    return fmt::format(
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        "   <pdfuaid:part>1</pdfuaid:part>\n"
        "   <dc:format>application/pdf</dc:format>\n"
        "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n"
        "{}{}"
        "   <xmp:CreatorTool>{}</xmp:CreatorTool>\n"
        "   <xmp:CreateDate>{}</xmp:CreateDate>\n"
        "   <xmp:ModifyDate>{}</xmp:ModifyDate>\n"
        "   <xmp:MetadataDate>{}</xmp:MetadataDate>\n"
        "   <pdf:Producer>leaflets finish (QPDF {})</pdf:Producer>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end=\"r\"?>\n",
        io::xml_escaped(metadata.title), description, language, io::xml_escaped(metadata.creator), when, when, when,
        QPDF::QPDFVersion());
}

bool latin(const std::string& language)
{
    return language.find("-Latn") != std::string::npos;
}

// The alternate description of a link to `uri`.
std::string link_description(const std::string& uri, bool latin_script)
{
    if (uri.rfind("tel:", 0) == 0) return fmt::format("{} {}", latin_script ? "Telefon" : "Телефон", uri.substr(4));
    if (uri.rfind("mailto:", 0) == 0)
        return fmt::format("{} {}", latin_script ? "Elektrondyq poşta" : "Электрондық пошта", uri.substr(7));
    return fmt::format("{} {}", latin_script ? "Sait" : "Сайт", uri);
}

}  // namespace

void set_pdfua_keys(QPDF& pdf, const Metadata& metadata, const std::string& date)
{
    auto root = pdf.getRoot();
    auto xmp = QPDFObjectHandle::newStream(&pdf, xmp_packet(metadata, date));
    xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
    xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
    root.replaceKey("/Metadata", xmp);
    auto preferences = QPDFObjectHandle::newDictionary();
    preferences.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
    root.replaceKey("/ViewerPreferences", preferences);
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages())
        page.getObjectHandle().replaceKey("/Tabs", QPDFObjectHandle::newName("/S"));
}

namespace {

// The bounding box of a link's /QuadPoints (x y, four corners a
// quadrilateral), as a /Rect; null if it has none.
QPDFObjectHandle rect_of(QPDFObjectHandle quad_points)
{
    if (!quad_points.isArray() || quad_points.getArrayNItems() < 8 || quad_points.getArrayNItems() % 2 != 0)
        return QPDFObjectHandle::newNull();
    double left = 0, bottom = 0, right = 0, top = 0;
    for (int i = 0; i < quad_points.getArrayNItems(); ++i) {
        double value = 0;
        if (!quad_points.getArrayItem(i).getValueAsNumber(value)) return QPDFObjectHandle::newNull();
        double& low = i % 2 == 0 ? left : bottom;
        double& high = i % 2 == 0 ? right : top;
        if (i < 2 || value < low) low = value;
        if (i < 2 || value > high) high = value;
    }
    return QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
        QPDFObjectHandle::newReal(left, 3), QPDFObjectHandle::newReal(bottom, 3), QPDFObjectHandle::newReal(right, 3),
        QPDFObjectHandle::newReal(top, 3)});
}

}  // namespace

void set_link_contents(QPDF& pdf, const std::string& language)
{
    const bool latin_script = latin(language);
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        auto annotations = page.getObjectHandle().getKey("/Annots");
        if (!annotations.isArray()) continue;
        for (auto annotation : annotations.aitems()) {
            if (!annotation.isDictionary() || !annotation.getKey("/Subtype").isNameAndEquals("/Link")) continue;
            if (auto rect = rect_of(annotation.getKey("/QuadPoints")); !rect.isNull())
                annotation.replaceKey("/Rect", rect);
            auto uri = annotation.getKey("/A").isDictionary() ? annotation.getKey("/A").getKey("/URI")
                                                               : QPDFObjectHandle::newNull();
            if (!uri.isString()) continue;
            annotation.replaceKey("/Contents",
                                  QPDFObjectHandle::newUnicodeString(link_description(uri.getUTF8Value(), latin_script)));
        }
    }
}

}  // namespace leaflet::finish
