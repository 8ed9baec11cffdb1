// The screen PDF: set again for a phone, one page a panel in the source's
// order, tagged, with the language set, and tel:/mailto: links over the
// numbers and addresses.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

// The text of page `index` (0-based), as Poppler reads it.
std::string page_text(const std::string& path, int index)
{
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
    std::unique_ptr<poppler::page> page(document->create_page(index));
    const poppler::byte_array bytes = page->text().to_utf8();
    return {bytes.begin(), bytes.end()};
}

// How many words of page `index` Poppler sees at each font size (to 0.1 pt).
std::map<double, int> font_sizes(const std::string& path, int index)
{
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
    std::unique_ptr<poppler::page> page(document->create_page(index));
    std::map<double, int> sizes;
    for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font))
        ++sizes[std::round(box.get_font_size() * 10) / 10];
    return sizes;
}

// The structure types of a tagged PDF's tree, depth first.
std::vector<std::string> structure_of(QPDF& pdf)
{
    std::vector<std::string> kinds;
    std::function<void(QPDFObjectHandle, int)> walk = [&](QPDFObjectHandle node, int depth) {
        if (depth > 12) return;
        if (node.isArray()) {
            for (auto& child : node.getArrayAsVector()) walk(child, depth + 1);
            return;
        }
        if (!node.isDictionary()) return;
        if (node.getKey("/S").isName()) kinds.push_back(node.getKey("/S").getName().substr(1));
        walk(node.getKey("/K"), depth + 1);
    };
    walk(pdf.getRoot().getKey("/StructTreeRoot").getKey("/K"), 0);
    return kinds;
}

class ScreenPdf : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        const Project project = repository();
        Diagnostics diagnostics;
        product_ = make_leaflet(project, load_inputs(project, diagnostics), project.source("contacts"), nullptr,
                                diagnostics);
        path_ = (process_dir("screen") / "contacts.pdf").string();
        write(path_, make_screen_pdf(product_));
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(std::filesystem::path(path_).parent_path()); }
    static inline std::string path_;
    static inline Product product_;
};

TEST_F(ScreenPdf, OnePageAPanelInTheSourcesOrderAtOneWidth)
{
    QPDF pdf;
    pdf.processFile(path_.c_str());
    auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
    // contacts.xml gives front, inside-1, inside-2, inside-3, flap, back.
    ASSERT_EQ(pages.size(), 6u);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        auto media = pages[i].getObjectHandle().getKey("/MediaBox").getArrayAsVector();
        EXPECT_NEAR((media[2].getNumericValue() - media[0].getNumericValue()) * 25.4 / 72, 90, 0.01) << i;
        // As tall as what the panel holds: more than the margins, less than Acrobat's 200 inches.
        const double height = (media[3].getNumericValue() - media[1].getNumericValue()) * 25.4 / 72;
        EXPECT_GT(height, 100) << i;
        EXPECT_LT(height, 5080) << i;
    }
    // Each page begins with its panel's first line in print.
    for (std::size_t i = 0; i < product_.styled->panels.size(); ++i) {
        const std::string& role = product_.styled->panels[i].role;
        std::string first_line;
        for (const layout::Page& sheet : product_.frames.pages)
            for (const layout::Item& item : sheet.items)
                if (const auto* text = std::get_if<layout::TextItem>(&item); text && first_line.empty())
                    for (const layout::PanelFrame& panel : sheet.panels)
                        if (panel.role == role && text->x >= panel.trim.x && text->x < panel.trim.x + panel.trim.width)
                            for (const typeset::GlyphRun& run : text->lines.front().runs)
                                if (run.role == typeset::RunRole::text) first_line += run.text;
        const std::string words = normalize_space(first_line).substr(0, 12);
        const std::string page = normalize_space(page_text(path_, static_cast<int>(i)));
        EXPECT_EQ(page.rfind(words, 0), 0u) << role << ": " << page.substr(0, 80);
    }
}

TEST_F(ScreenPdf, TypeIsSetForAPhone)
{
    // The print edition's body is 9 pt and its directory 8 pt; a phone
    // shows a 90 mm page at about its own width, so the screen edition
    // sets them at 112.5 %: the most frequent size of a page of text at
    // least 10 pt, of the directory (page 5, the flap) at least 9 pt, and
    // nothing under 8 pt (the edition line).
    for (int i = 0; i < page_count(path_); ++i) {
        const std::map<double, int> sizes = font_sizes(path_, i);
        ASSERT_FALSE(sizes.empty()) << i;
        EXPECT_GE(sizes.begin()->first, 8.0) << i;
        const auto most = std::max_element(sizes.begin(), sizes.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        EXPECT_GE(most->first, i == 4 ? 9.0 : 10.0) << i;
    }
}

TEST_F(ScreenPdf, TaggedWithLanguageAndTitle)
{
    QPDF pdf;
    pdf.processFile(path_.c_str());
    auto root = pdf.getRoot();
    EXPECT_EQ(root.getKey("/Lang").getUTF8Value(), "kk-KZ");
    EXPECT_TRUE(root.getKey("/MarkInfo").getKey("/Marked").getBoolValue());
    ASSERT_TRUE(root.getKey("/StructTreeRoot").isDictionary());
    const std::vector<std::string> structure = structure_of(pdf);
    const std::set<std::string> kinds(structure.begin(), structure.end());
    for (const char* kind : {"Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody"})
        EXPECT_TRUE(kinds.count(kind)) << kind;
    EXPECT_EQ(pdf.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value(),
              "Қазақстан азаматтары мен мигранттарға арналған карточка");
}

TEST_F(ScreenPdf, NumbersAndAddressesAreLinks)
{
    QPDF pdf;
    pdf.processFile(path_.c_str());
    std::set<std::string> targets;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        auto media = page.getObjectHandle().getKey("/MediaBox").getArrayAsVector();
        for (auto& annotation : page.getObjectHandle().getKey("/Annots").getArrayAsVector()) {
            const std::string uri = annotation.getKey("/A").getKey("/URI").getUTF8Value();
            targets.insert(uri);
            auto rect = annotation.getKey("/Rect").getArrayAsVector();
            // Each link lies on its page and has the size of a line of text.
            EXPECT_GE(rect[0].getNumericValue(), 0);
            EXPECT_LE(rect[2].getNumericValue(), media[2].getNumericValue());
            EXPECT_GT(rect[2].getNumericValue() - rect[0].getNumericValue(), 5) << uri;
            // (from a line of 9 pt directory text to the 34 pt hotline number)
            EXPECT_NEAR(rect[3].getNumericValue() - rect[1].getNumericValue(), 24, 16) << uri;
        }
    }
    EXPECT_TRUE(targets.count("tel:11616"));
    EXPECT_TRUE(targets.count("tel:102"));
    EXPECT_TRUE(targets.count("tel:+77172720111"));
    EXPECT_TRUE(targets.count("mailto:soyuzkz@rambler.ru"));
    EXPECT_GE(targets.size(), 30u);
}

}  // namespace
}  // namespace leaflet::test

namespace leaflet::test {
namespace {

TEST(ScreenTags, FollowWhatTheSourceSaysNotTheStyleName)
{
    // A paragraph in the heading style stays a paragraph; a heading in the
    // body style is a heading; list items are LI with Lbl and LBody.
    const std::string bytes = screen_pdf_of("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\"><title>T</title>\n"
                                            "<panel role=\"front\">\n"
                                            "<p style=\"h1\">Абзац</p>\n"
                                            "<h1 style=\"body\">Тақырып</h1>\n"
                                            "<h2>Бөлім</h2>\n"
                                            "<ul><li>бір</li><li>екі</li></ul>\n"
                                            "</panel></leaflet>\n");
    QPDF pdf;
    pdf.processMemoryFile("screen", bytes.data(), bytes.size());
    EXPECT_EQ(structure_of(pdf),
              (std::vector<std::string>{"Document", "P", "H1", "H2", "L", "LI", "Lbl", "LBody", "LI", "Lbl", "LBody"}));
}

}  // namespace
}  // namespace leaflet::test
