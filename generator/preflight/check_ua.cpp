// PDF/UA-1 (ISO 14289-1): the catalog, the metadata, the links and the fonts.
#include <regex>
#include <set>

#include <fmt/format.h>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>

#include "checks.hpp"

namespace leaflet::preflight {

namespace {

std::string xml_unescaped(std::string text)
{
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [entity, character] : entities)
        for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, std::string(entity).size(), character);
    return text;
}

class MetadataCheck final : public Listener {
public:
    explicit MetadataCheck(Findings& findings) : findings_(findings) {}

    void document(QPDF& pdf) override
    {
        auto root = pdf.getRoot();
        xmp(pdf, root.getKey("/Metadata"));
        auto preferences = root.getKey("/ViewerPreferences");
        auto display = preferences.isDictionary() ? preferences.getKey("/DisplayDocTitle") : QPDFObjectHandle::newNull();
        if (!display.isBool())
            findings_.add(Check::ua_metadata,
                          "ISO 14289-1 7.1, Matterhorn 07-001: the catalog has no /ViewerPreferences /DisplayDocTitle");
        else if (!display.getBoolValue())
            findings_.add(Check::ua_metadata,
                          "ISO 14289-1 7.1, Matterhorn 07-002: /ViewerPreferences /DisplayDocTitle is false");
        auto mark_info = root.getKey("/MarkInfo");
        auto marked = mark_info.isDictionary() ? mark_info.getKey("/Marked") : QPDFObjectHandle::newNull();
        if (!marked.isBool() || !marked.getBoolValue())
            findings_.add(Check::ua_metadata, "ISO 14289-1 7.1: the catalog has no /MarkInfo /Marked true");
        if (!root.getKey("/StructTreeRoot").isDictionary())
            findings_.add(Check::ua_metadata, "ISO 14289-1 7.1: the catalog has no /StructTreeRoot");
        auto language = root.getKey("/Lang");
        if (!language.isString() || language.getUTF8Value().empty())
            findings_.add(Check::ua_metadata,
                          "ISO 14289-1 7.2, Matterhorn 11-001: the catalog has no /Lang: the language of the text "
                          "cannot be determined");
    }

private:
    void xmp(QPDF& pdf, QPDFObjectHandle metadata)
    {
        if (!metadata.isStream()) {
            findings_.add(Check::ua_metadata, "ISO 14289-1 7.1, Matterhorn 06-001: the catalog has no XMP /Metadata stream");
            return;
        }
        const auto buffer = metadata.getStreamData();
        const std::string text(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
        static const std::regex part(R"(<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part\s*=\s*["']1["'])");
        if (text.find("http://www.aiim.org/pdfua/ns/id/") == std::string::npos || !std::regex_search(text, part))
            findings_.add(Check::ua_metadata, "ISO 14289-1 5, Matterhorn 06-002: the XMP metadata has no pdfuaid:part 1");
        static const std::regex title(R"(<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]+)</rdf:li>)");
        std::smatch found;
        if (!std::regex_search(text, found, title)) {
            findings_.add(Check::ua_metadata, "ISO 14289-1 7.1, Matterhorn 06-003: the XMP metadata has no dc:title");
            return;
        }
        auto info = pdf.getTrailer().getKey("/Info");
        auto info_title = info.isDictionary() ? info.getKey("/Title") : QPDFObjectHandle::newNull();
        if (info_title.isString() && info_title.getUTF8Value() != xml_unescaped(found[1].str()))
            findings_.add(Check::ua_metadata, "ISO 14289-1 7.1: the XMP dc:title is not the Info dictionary's /Title");
    }

    Findings& findings_;
};

// The structure element that `key` (a /StructParent) names in the tree's
// /ParentTree; null when none.
QPDFObjectHandle parent_of(QPDF& pdf, long long key)
{
    auto tree = pdf.getRoot().getKey("/StructTreeRoot").getKey("/ParentTree");
    if (!tree.isDictionary()) return QPDFObjectHandle::newNull();
    QPDFObjectHandle found;
    if (!QPDFNumberTreeObjectHelper(tree, pdf).findObject(key, found)) return QPDFObjectHandle::newNull();
    return found;
}

bool holds_reference_to(QPDFObjectHandle element, QPDFObjectHandle annotation)
{
    auto kids = element.getKey("/K");
    std::vector<QPDFObjectHandle> all = kids.isArray() ? kids.getArrayAsVector() : std::vector{kids};
    for (auto& kid : all)
        if (kid.isDictionary() && kid.getKey("/Type").isNameAndEquals("/OBJR") && kid.getKey("/Obj").isIndirect()
            && kid.getKey("/Obj").getObjGen() == annotation.getObjGen())
            return true;
    return false;
}

class LinksCheck final : public Listener {
public:
    explicit LinksCheck(Findings& findings) : findings_(findings) {}

    void document(QPDF& pdf) override { pdf_ = &pdf; }

    void page(const Page& page) override
    {
        auto tabs = page.object.getKey("/Tabs");
        if (!tabs.isName())
            findings_.add(Check::ua_links, "ISO 14289-1 7.18.3, Matterhorn 28-008: the page has no /Tabs /S");
        else if (tabs.getName() != "/S")
            findings_.add(Check::ua_links, fmt::format("ISO 14289-1 7.18.3, Matterhorn 28-009: the page's /Tabs is {}, not /S",
                                                       tabs.getName()));
        auto annotations = page.object.getKey("/Annots");
        if (!annotations.isArray()) return;
        int number = 0;
        for (auto annotation : annotations.aitems()) {
            ++number;
            if (annotation.isDictionary() && annotation.getKey("/Subtype").isNameAndEquals("/Link"))
                link(annotation, number);
        }
    }

private:
    void link(QPDFObjectHandle annotation, int number)
    {
        auto action = annotation.getKey("/A");
        auto uri = action.isDictionary() ? action.getKey("/URI") : QPDFObjectHandle::newNull();
        const std::string what = fmt::format("link annotation {}{}", number,
                                             uri.isString() ? fmt::format(" ({})", uri.getUTF8Value()) : "");
        auto contents = annotation.getKey("/Contents");
        if (!contents.isString() || contents.getUTF8Value().empty())
            findings_.add(Check::ua_links,
                          fmt::format("ISO 14289-1 7.18.5, Matterhorn 28-012: {} has no /Contents", what));
        auto key = annotation.getKey("/StructParent");
        if (!key.isInteger()) {
            findings_.add(Check::ua_links,
                          fmt::format("ISO 14289-1 7.18.5, Matterhorn 28-011: {} has no /StructParent", what));
            return;
        }
        auto element = parent_of(*pdf_, key.getIntValue());
        if (!element.isDictionary() || !element.getKey("/S").isNameAndEquals("/Link")
            || !holds_reference_to(element, annotation))
            findings_.add(Check::ua_links,
                          fmt::format("ISO 14289-1 7.18.5, Matterhorn 28-011: {} is not in a Link element with an "
                                      "OBJR to it",
                                      what));
    }

    Findings& findings_;
    QPDF* pdf_ = nullptr;
};

class ToUnicodeCheck final : public Listener {
public:
    explicit ToUnicodeCheck(Findings& findings) : findings_(findings) {}

    void font(const Resource& resource) override
    {
        auto font = resource.object;
        if (!font.isDictionary() || (font.isIndirect() && !seen_.insert(font.getObjGen()).second)) return;
        if (font.getKey("/ToUnicode").isStream()) return;
        auto base = font.getKey("/BaseFont");
        findings_.add(Check::ua_fonts, fmt::format("ISO 14289-1 7.21.7, Matterhorn 31-027: font {} ({}) has no /ToUnicode map", resource.name,
                                                   base.isName() ? base.getName().substr(1) : "(unnamed)"));
    }

private:
    Findings& findings_;
    std::set<QPDFObjGen> seen_;
};

}  // namespace

std::unique_ptr<Listener> check_ua_metadata(Findings& findings)
{
    return std::make_unique<MetadataCheck>(findings);
}

std::unique_ptr<Listener> check_ua_links(Findings& findings)
{
    return std::make_unique<LinksCheck>(findings);
}

std::unique_ptr<Listener> check_ua_fonts(Findings& findings)
{
    return std::make_unique<ToUnicodeCheck>(findings);
}

}  // namespace leaflet::preflight
