// The screen PDF conforms to PDF/UA-1 (ISO 14289-1), and `preflight
// --profile ua` says so (ua_refusals_test: each rule refuses a PDF broken in
// its respect). Preflight tells print from screen by the PDF, never its
// folder. The structure tree, read back by Poppler's pdfinfo, reads in the
// order of the pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <sstream>

#include <fmt/core.h>
#include <glib.h>
#include <poppler-document.h>
#include <poppler-page.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "load/load.hpp"
#include "pdf_oracle.hpp"
#include "preflight/preflight.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

class Ua : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        out_ = process_dir("ua").string();
        BuildOptions options;
        options.leaflets = {"general", "contacts"};
        options.variants = VariantSelection::parse("none");
        options.formats = {Format::print, Format::screen};
        options.scripts = {script::Script::cyrillic, script::Script::latin};
        options.out = out_;
        options.jobs = 2;
        Diagnostics diagnostics;
        build(repository(), options, diagnostics);
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(out_); }

    static std::string screen(const std::string& name) { return out_ + "/screen/" + name + ".pdf"; }
    static std::string print(const std::string& name) { return out_ + "/print/" + name + ".pdf"; }

    static inline std::string out_;
};

std::string stream_text(QPDFObjectHandle stream)
{
    const auto buffer = stream.getStreamData();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

// The structure element the /ParentTree gives for `key`.
QPDFObjectHandle parent_element(QPDF& pdf, long long key)
{
    QPDFObjectHandle found;
    QPDFNumberTreeObjectHelper(pdf.getRoot().getKey("/StructTreeRoot").getKey("/ParentTree"), pdf).findObject(key, found);
    return found;
}

TEST_F(Ua, EveryScreenPdfPassesAndAPrintPdfDoesNot)
{
    for (const char* name : {"general", "general.latn", "contacts", "contacts.latn"}) {
        const preflight::Report report = preflight::preflight(screen(name), preflight::Kind::ua);
        EXPECT_EQ(preflight::format_text({report}), screen(name) + ": passed\n");
    }
    // The print PDF is PDF/X-1a, untagged: not PDF/UA.
    const std::string report = preflight::format_text({preflight::preflight(print("general"), preflight::Kind::ua)});
    EXPECT_NE(report.find(print("general") +
                          ": ua-metadata: ISO 14289-1 7.1, Matterhorn 06-001: the catalog has no XMP /Metadata stream\n"),
              std::string::npos)
        << report;
}

TEST_F(Ua, PreflightTellsPrintFromScreenByThePdfNotItsFolder)
{
    // Both in one flat folder, under names that say nothing.
    const auto folder = scratch_dir();
    std::filesystem::copy_file(print("general"), folder / "a.pdf");
    std::filesystem::copy_file(screen("general"), folder / "b.pdf");
    EXPECT_EQ(preflight::preflight((folder / "a.pdf").string()).kind, preflight::Kind::print);
    EXPECT_EQ(preflight::preflight((folder / "b.pdf").string()).kind, preflight::Kind::screen);
    const RunResult both = run_leaflets("preflight a.pdf b.pdf", folder);
    EXPECT_EQ(both.status, 0) << both.out << both.err;
    EXPECT_EQ(both.out, "a.pdf: passed\nb.pdf: passed\n");
    // Checked as print, the RGB screen PDF fails: the kind matters.
    const RunResult as_print = run_leaflets("preflight --profile print b.pdf", folder);
    EXPECT_EQ(as_print.status, 1);
    EXPECT_NE(as_print.out.find("b.pdf: output-intent: no OutputIntent with /S /GTS_PDFX\n"), std::string::npos)
        << as_print.out;
    const RunResult ua = run_leaflets("preflight --profile ua b.pdf", folder);
    EXPECT_EQ(ua.status, 0) << ua.out;
    EXPECT_EQ(ua.out, "b.pdf: passed\n");
    EXPECT_EQ(run_leaflets("preflight --profile ua a.pdf", folder).status, 1);
    EXPECT_EQ(run_leaflets("preflight --profile pdfa b.pdf", folder).status, 2);
}

TEST_F(Ua, XmpMetadataAgreesWithTheInfoDictionary)
{
    for (const auto& [name, language] :
         std::vector<std::pair<std::string, std::string>>{{"general", "kk-KZ"}, {"general.latn", "kk-Latn-KZ"}}) {
        SCOPED_TRACE(name);
        QPDF pdf;
        pdf.processFile(screen(name).c_str());
        auto root = pdf.getRoot();
        EXPECT_EQ(root.getKey("/Lang").getUTF8Value(), language);
        EXPECT_TRUE(root.getKey("/ViewerPreferences").getKey("/DisplayDocTitle").getBoolValue());
        EXPECT_TRUE(root.getKey("/MarkInfo").getKey("/Marked").getBoolValue());
        const std::string xmp = stream_text(root.getKey("/Metadata"));
        auto info = pdf.getTrailer().getKey("/Info");
        EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
        EXPECT_NE(xmp.find("<rdf:li xml:lang=\"x-default\">" + info.getKey("/Title").getUTF8Value() + "</rdf:li>"),
                  std::string::npos);
        EXPECT_NE(xmp.find("<dc:language><rdf:Bag><rdf:li>" + language + "</rdf:li></rdf:Bag></dc:language>"),
                  std::string::npos);
        // D:20231114221320Z: SOURCE_DATE_EPOCH=1700000000, as CTest sets it
        const std::string date = info.getKey("/CreationDate").getUTF8Value();
        const std::string iso = fmt::format("{}-{}-{}T{}:{}:{}Z", date.substr(2, 4), date.substr(6, 2), date.substr(8, 2),
                                            date.substr(10, 2), date.substr(12, 2), date.substr(14, 2));
        EXPECT_NE(xmp.find("<xmp:CreateDate>" + iso + "</xmp:CreateDate>"), std::string::npos) << iso;
        EXPECT_NE(xmp.find("<pdf:Producer>" + info.getKey("/Producer").getUTF8Value() + "</pdf:Producer>"),
                  std::string::npos);
        for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages())
            EXPECT_TRUE(page.getObjectHandle().getKey("/Tabs").isNameAndEquals("/S"));
    }
}

TEST_F(Ua, LinksHoldTheirTextAndDescribeTheirTarget)
{
    for (const auto& [name, phone] :
         std::vector<std::pair<std::string, std::string>>{{"general", "Телефон"}, {"general.latn", "Telefon"}}) {
        SCOPED_TRACE(name);
        QPDF pdf;
        pdf.processFile(screen(name).c_str());
        int links = 0;
        for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            for (auto annotation : page.getObjectHandle().getKey("/Annots").aitems()) {
                const std::string uri = annotation.getKey("/A").getKey("/URI").getUTF8Value();
                if (uri.rfind("tel:", 0) == 0) {
                    EXPECT_EQ(annotation.getKey("/Contents").getUTF8Value(), phone + " " + uri.substr(4));
                }
                // Its Link element holds the OBJR and the marked content of the link's text.
                auto link = parent_element(pdf, annotation.getKey("/StructParent").getIntValue());
                ASSERT_TRUE(link.getKey("/S").isNameAndEquals("/Link"));
                ASSERT_TRUE(link.getKey("/K").isArray());
                EXPECT_TRUE(link.getKey("/K").getArrayItem(0).isInteger()) << uri;
                ++links;
            }
        }
        EXPECT_GE(links, 3);
    }
    // Poppler reads the number inside the Link.
    const RunResult structure = run_program("pdfinfo", "-struct-text '" + screen("general") + "'", out_);
    EXPECT_NE(structure.out.find("Link (inline)\n      \"11616\""), std::string::npos) << structure.out;
}

TEST_F(Ua, TheStructureReadsInThePagesOrder)
{
    // The first words of each page, in the order of the PDF's pages, stand
    // in the source and, in that order, in the text of the structure tree
    // (pdfinfo -struct-text: each element's text in tree order).
    const std::string path = screen("general");
    const RunResult structure = run_program("pdfinfo", "-struct-text '" + path + "'", out_);
    ASSERT_EQ(structure.status, 0) << structure.err;
    std::string tree_text;
    for (const std::string& line : lines_of(structure.out)) {
        const auto start = line.find('"');
        if (start != std::string::npos && line.size() > start + 1) tree_text += line.substr(start + 1, line.size() - start - 2);
    }
    // Without spaces (pdfinfo joins a paragraph's lines without one) and case
    // (styles may set capitals).
    auto squeezed = [](std::string text) {
        text = comparable_text(text);
        std::erase(text, ' ');
        const std::unique_ptr<char, decltype(&g_free)> folded(g_utf8_casefold(text.c_str(), -1), &g_free);
        return std::string(folded.get());
    };
    tree_text = squeezed(tree_text);
    const Project project = repository();
    const load::Document document =
        load::load(project.source("general"), project.path(project.schema), regions(), project.path(project.sources));
    std::string source_text;
    std::function<void(const std::vector<load::Block>&)> visit = [&](const std::vector<load::Block>& blocks) {
        for (const load::Block& block : blocks) {
            source_text += load::plain_text(block.content) + " ";
            visit(block.children);
        }
    };
    for (const load::Panel& panel : document.panels) visit(panel.blocks);
    source_text = squeezed(source_text);

    std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(path));
    ASSERT_TRUE(pdf);
    std::size_t at = 0;
    for (int index = 0; index < pdf->pages(); ++index) {
        std::unique_ptr<poppler::page> page(pdf->create_page(index));
        const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
        // its first line's first three words, one paragraph's (a list
        // label, "3.", is the layout's, not the source's)
        std::string line = std::string(utf8.begin(), utf8.end());
        line = line.substr(0, line.find('\n'));
        std::istringstream words(normalize_space(line));
        std::string first, word;
        for (int count = 0; count < 3 && words >> word;) {
            if (count == 0 && std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(c) || c == '.'; }))
                continue;
            first += word;
            ++count;
        }
        first = squeezed(first);
        SCOPED_TRACE(fmt::format("page {}: {}", index + 1, first));
        ASSERT_FALSE(first.empty());
        EXPECT_NE(source_text.find(first), std::string::npos);
        const auto found = tree_text.find(first, at);
        ASSERT_NE(found, std::string::npos) << "not in the structure after page " << index;
        at = found + first.size();
    }
}

TEST(UaTags, HeadingsNeverSkipALevel)
{
    // A source that opens with an h2: the tags start at H1 and never
    // descend by more than one.
    const std::string bytes = screen_pdf_of("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\"><title>T</title>\n"
                                            "<panel role=\"front\">\n"
                                            "<h2>Бір</h2>\n<h2>Екі</h2>\n<h1>Үш</h1>\n<h2>Төрт</h2>\n"
                                            "</panel></leaflet>\n");
    QPDF pdf;
    pdf.processMemoryFile("t", bytes.data(), bytes.size());
    std::vector<std::string> headings;
    std::function<void(QPDFObjectHandle)> walk = [&](QPDFObjectHandle node) {
        if (node.isArray())
            for (auto kid : node.aitems()) walk(kid);
        if (!node.isDictionary()) return;
        if (node.getKey("/S").isName() && node.getKey("/S").getName()[1] == 'H')
            headings.push_back(node.getKey("/S").getName().substr(1));
        walk(node.getKey("/K"));
    };
    walk(pdf.getRoot().getKey("/StructTreeRoot").getKey("/K"));
    EXPECT_EQ(headings, (std::vector<std::string>{"H1", "H2", "H1", "H2"}));
    EXPECT_TRUE(preflight::preflight_bytes(bytes, "t.pdf", preflight::Kind::ua).passed());
}

}  // namespace
}  // namespace leaflet::test
