// Each rule of `preflight --profile ua` refuses a good screen PDF broken
// (with QPDF, here) in that one respect, with its exact message, and finds
// nothing else: no /Lang, no MarkInfo, no XMP or no pdfuaid:part,
// DisplayDocTitle false, a page without /Tabs, a Figure without /Alt, a
// link without /Contents or without its OBJR, untagged content, skipped
// heading levels, a list item that is not LI, a font without ToUnicode.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include <fmt/core.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "preflight/preflight.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

// The general leaflet's screen PDF, made once.
class UaProfile : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        const Project project = repository();
        Diagnostics diagnostics;
        const Product product = make_leaflet(project, load_inputs(project, diagnostics), project.source("general"),
                                             nullptr, diagnostics);
        path_ = (process_dir("ua-refusals") / "general.pdf").string();
        write(path_, make_screen_pdf(product));
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(std::filesystem::path(path_).parent_path()); }

    static inline std::string path_;
};

// The report's findings as printed, without its last line (the count).
std::vector<std::string> findings(const std::string& bytes)
{
    auto lines = lines_of(preflight::format_text({preflight::preflight_bytes(bytes, "x.pdf", preflight::Kind::ua)}));
    lines.pop_back();
    return lines;
}

std::string written(QPDF& pdf)
{
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

// The PDF at `path`, changed by `edit`.
std::string broken(const std::string& path, const std::function<void(QPDF&)>& edit)
{
    QPDF pdf;
    pdf.processFile(path.c_str());
    edit(pdf);
    return written(pdf);
}

std::string stream_text(QPDFObjectHandle stream)
{
    const auto buffer = stream.getStreamData();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

// The structure elements of type `type`, in tree order.
std::vector<QPDFObjectHandle> elements(QPDF& pdf, const std::string& type)
{
    std::vector<QPDFObjectHandle> found;
    std::function<void(QPDFObjectHandle, int)> walk = [&](QPDFObjectHandle node, int depth) {
        if (depth > 64) return;
        if (node.isArray()) {
            for (auto kid : node.aitems()) walk(kid, depth + 1);
            return;
        }
        if (!node.isDictionary() || !node.getKey("/S").isName()) return;
        if (node.getKey("/S").getName() == type) found.push_back(node);
        walk(node.getKey("/K"), depth + 1);
    };
    walk(pdf.getRoot().getKey("/StructTreeRoot").getKey("/K"), 0);
    return found;
}

// The first page (1-based) with a link annotation, and that annotation.
std::pair<int, QPDFObjectHandle> first_link(QPDF& pdf)
{
    int number = 0;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        ++number;
        auto annotations = page.getObjectHandle().getKey("/Annots");
        if (annotations.isArray() && annotations.getArrayNItems() > 0) return {number, annotations.getArrayItem(0)};
    }
    return {0, QPDFObjectHandle::newNull()};
}

// The structure element the /ParentTree gives for `key`.
QPDFObjectHandle parent_element(QPDF& pdf, long long key)
{
    QPDFObjectHandle found;
    QPDFNumberTreeObjectHelper(pdf.getRoot().getKey("/StructTreeRoot").getKey("/ParentTree"), pdf).findObject(key, found);
    return found;
}

TEST_F(UaProfile, TheGoodPdfPasses)
{
    EXPECT_EQ(findings(read(path_)), std::vector<std::string>{});
}

TEST_F(UaProfile, RefusesNoLang)
{
    EXPECT_EQ(findings(broken(path_, [](QPDF& pdf) { pdf.getRoot().removeKey("/Lang"); })),
              (std::vector<std::string>{"x.pdf: ua-metadata: ISO 14289-1 7.2, Matterhorn 11-001: the catalog has no "
                                        "/Lang: the language of the text cannot be determined"}));
}

TEST_F(UaProfile, RefusesNoMarkInfo)
{
    EXPECT_EQ(findings(broken(path_, [](QPDF& pdf) { pdf.getRoot().removeKey("/MarkInfo"); })),
              (std::vector<std::string>{"x.pdf: ua-metadata: ISO 14289-1 7.1: the catalog has no /MarkInfo /Marked true"}));
}

TEST_F(UaProfile, RefusesNoXmpOrNoPdfuaid)
{
    EXPECT_EQ(findings(broken(path_, [](QPDF& pdf) { pdf.getRoot().removeKey("/Metadata"); })),
              (std::vector<std::string>{
                  "x.pdf: ua-metadata: ISO 14289-1 7.1, Matterhorn 06-001: the catalog has no XMP /Metadata stream"}));
    EXPECT_EQ(findings(broken(path_,
                              [](QPDF& pdf) {
                                  auto xmp = pdf.getRoot().getKey("/Metadata");
                                  std::string text = stream_text(xmp);
                                  const std::string part = "<pdfuaid:part>1</pdfuaid:part>";
                                  ASSERT_NE(text.find(part), std::string::npos);
                                  text.erase(text.find(part), part.size());
                                  xmp.replaceStreamData(text, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
                              })),
              (std::vector<std::string>{
                  "x.pdf: ua-metadata: ISO 14289-1 5, Matterhorn 06-002: the XMP metadata has no pdfuaid:part 1"}));
}

TEST_F(UaProfile, RefusesDisplayDocTitleFalse)
{
    EXPECT_EQ(findings(broken(path_,
                              [](QPDF& pdf) {
                                  pdf.getRoot().getKey("/ViewerPreferences").replaceKey("/DisplayDocTitle",
                                                                                        QPDFObjectHandle::newBool(false));
                              })),
              (std::vector<std::string>{
                  "x.pdf: ua-metadata: ISO 14289-1 7.1, Matterhorn 07-002: /ViewerPreferences /DisplayDocTitle is false"}));
}

TEST_F(UaProfile, RefusesAPageWithoutTabs)
{
    int last = 0;
    const std::string bytes = broken(path_, [&](QPDF& pdf) {
        auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
        last = static_cast<int>(pages.size());
        pages.back().getObjectHandle().removeKey("/Tabs");
    });
    EXPECT_EQ(findings(bytes), (std::vector<std::string>{fmt::format(
                                   "x.pdf: page {}: ua-links: ISO 14289-1 7.18.3, Matterhorn 28-008: the page has no /Tabs /S",
                                   last)}));
}

TEST_F(UaProfile, RefusesAFigureWithoutAlt)
{
    EXPECT_EQ(findings(broken(path_, [](QPDF& pdf) { elements(pdf, "/Figure").at(0).removeKey("/Alt"); })),
              (std::vector<std::string>{
                  "x.pdf: ua-structure: ISO 14289-1 7.3, Matterhorn 13-004: Figure 1 has no /Alt"}));
}

TEST_F(UaProfile, RefusesALinkWithoutContents)
{
    int page = 0;
    std::string uri;
    const std::string bytes = broken(path_, [&](QPDF& pdf) {
        auto [number, annotation] = first_link(pdf);
        page = number;
        uri = annotation.getKey("/A").getKey("/URI").getUTF8Value();
        annotation.removeKey("/Contents");
    });
    EXPECT_EQ(findings(bytes), (std::vector<std::string>{fmt::format(
                                   "x.pdf: page {}: ua-links: ISO 14289-1 7.18.5, Matterhorn 28-012: link annotation 1 "
                                   "({}) has no /Contents",
                                   page, uri)}));
}

TEST_F(UaProfile, RefusesALinkElementWithoutItsObjr)
{
    int page = 0;
    std::string uri;
    const std::string bytes = broken(path_, [&](QPDF& pdf) {
        auto [number, annotation] = first_link(pdf);
        page = number;
        uri = annotation.getKey("/A").getKey("/URI").getUTF8Value();
        auto link = parent_element(pdf, annotation.getKey("/StructParent").getIntValue());
        auto kids = QPDFObjectHandle::newArray();
        for (auto kid : link.getKey("/K").aitems())
            if (!kid.isDictionary()) kids.appendItem(kid);
        link.replaceKey("/K", kids);
    });
    EXPECT_EQ(findings(bytes), (std::vector<std::string>{fmt::format(
                                   "x.pdf: page {}: ua-links: ISO 14289-1 7.18.5, Matterhorn 28-011: link annotation 1 "
                                   "({}) is not in a Link element with an OBJR to it",
                                   page, uri)}));
}

TEST_F(UaProfile, RefusesUntaggedContent)
{
    const std::string bytes = broken(path_, [](QPDF& pdf) {
        QPDFPageDocumentHelper(pdf).getAllPages().front().addPageContents(
            QPDFObjectHandle::newStream(&pdf, "q 0 0 m 10 10 l S Q\n"), false);
    });
    EXPECT_EQ(findings(bytes),
              (std::vector<std::string>{"x.pdf: page 1: ua-artifacts: ISO 14289-1 7.1, Matterhorn 01-005: 1 painting "
                                        "operation(s) neither tagged nor marked as Artifact (the first: S)"}));
}

TEST_F(UaProfile, RefusesHeadingsThatSkipALevel)
{
    EXPECT_EQ(findings(broken(path_,
                              [](QPDF& pdf) {
                                  auto first = elements(pdf, "/H1").at(0);
                                  first.replaceKey("/S", QPDFObjectHandle::newName("/H2"));
                              })),
              (std::vector<std::string>{
                  "x.pdf: ua-structure: ISO 14289-1 7.4.2, Matterhorn 14-002: the first heading is H2, not H1"}));
    EXPECT_EQ(findings(broken(path_,
                              [](QPDF& pdf) {
                                  // the first H2 follows the H1 of the cover
                                  elements(pdf, "/H2").at(0).replaceKey("/S", QPDFObjectHandle::newName("/H3"));
                              })),
              (std::vector<std::string>{"x.pdf: ua-structure: ISO 14289-1 7.4, Matterhorn 14-003: H3 follows H1: a "
                                        "heading level is skipped"}));
}

TEST_F(UaProfile, RefusesAListItemThatIsNotLi)
{
    EXPECT_EQ(findings(broken(path_,
                              [](QPDF& pdf) {
                                  elements(pdf, "/LI").at(0).replaceKey("/S", QPDFObjectHandle::newName("/P"));
                              })),
              (std::vector<std::string>{"x.pdf: ua-structure: ISO 14289-1 7.2, Matterhorn 09-005: an L holds a P, not LI"}));
}

TEST_F(UaProfile, RefusesAFontWithoutToUnicode)
{
    std::string resource, base;
    const std::string bytes = broken(path_, [&](QPDF& pdf) {
        auto fonts = QPDFPageDocumentHelper(pdf).getAllPages().front().getAttribute("/Resources", false).getKey("/Font");
        resource = fonts.getKeys().begin()->c_str();
        auto font = fonts.getKey(resource);
        base = font.getKey("/BaseFont").getName().substr(1);
        font.removeKey("/ToUnicode");
    });
    EXPECT_EQ(findings(bytes), (std::vector<std::string>{fmt::format(
                                   "x.pdf: page 1: ua-fonts: ISO 14289-1 7.21.7, Matterhorn 31-027: font {} ({}) has no /ToUnicode map",
                                   resource, base)}));
}

}  // namespace
}  // namespace leaflet::test
