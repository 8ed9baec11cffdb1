// The screen PDF: one panel a page in reading order, tagged, with the
// language set, and tel:/mailto: links over the numbers and addresses.
#include <gtest/gtest.h>

#include <set>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

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
        const Product product = make_leaflet(project, load_inputs(project, diagnostics), project.source("contacts"), nullptr,
                                             diagnostics);
        path_ = (process_dir("screen") / "contacts.pdf").string();
        write(path_, make_screen_pdf(product));
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(std::filesystem::path(path_).parent_path()); }
    static inline std::string path_;
};

TEST_F(ScreenPdf, OnePanelAPageInReadingOrder)
{
    QPDF pdf;
    pdf.processFile(path_.c_str());
    const auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
    ASSERT_EQ(pages.size(), 6u);
    // front, inside-1, inside-2, inside-3, flap, back: 100, 100, 100, 97, 97, 100 mm wide, 210 mm high
    const std::vector<double> widths{100, 100, 100, 97, 97, 100};
    for (std::size_t i = 0; i < pages.size(); ++i) {
        auto page = pages[i];
        auto media = page.getObjectHandle().getKey("/MediaBox").getArrayAsVector();
        EXPECT_NEAR((media[2].getNumericValue() - media[0].getNumericValue()) * 25.4 / 72, widths[i], 0.01) << i;
        EXPECT_NEAR((media[3].getNumericValue() - media[1].getNumericValue()) * 25.4 / 72, 210, 0.01) << i;
    }
    // The cover comes first: its title (the type word leading) is on page 1.
    const std::string first = normalize_space(extract_text(path_).substr(0, 200));
    EXPECT_EQ(first.rfind("КАРТОЧКА ҚАЗАҚСТАН АЗАМАТТАРЫ МЕН", 0), 0u) << first;
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
            // (from a line of 7.5 pt text to the 26 pt hotline numbers)
            EXPECT_NEAR(rect[3].getNumericValue() - rect[1].getNumericValue(), 22, 14) << uri;
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
    const auto folder = scratch_dir();
    write(folder / "t.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\"><title>T</title>\n"
                            "<panel role=\"front\">\n"
                            "<p style=\"h1\">Абзац</p>\n"
                            "<h1 style=\"body\">Тақырып</h1>\n"
                            "<h2>Бөлім</h2>\n"
                            "<ul><li>бір</li><li>екі</li></ul>\n"
                            "</panel></leaflet>\n");
    const Project project = repository();
    Diagnostics diagnostics;
    const Product product = make_leaflet(project, load_inputs(project, diagnostics), (folder / "t.xml").string(),
                                         nullptr, diagnostics);
    const std::string bytes = make_screen_pdf(product);
    QPDF pdf;
    pdf.processMemoryFile("screen", bytes.data(), bytes.size());
    EXPECT_EQ(structure_of(pdf),
              (std::vector<std::string>{"Document", "P", "H1", "H2", "L", "LI", "Lbl", "LBody", "LI", "Lbl", "LBody"}));
}

}  // namespace
}  // namespace leaflet::test
