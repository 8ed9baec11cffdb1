// Links only where they dial (issue 14, item 4): in the screen PDFs every
// tel: link dials as written (+7 and ten digits, or a service number), the
// extension «1409» is in none, each link covers exactly the characters of
// its text, as Poppler reads them, and a link's text and target agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-page.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

// A box in page space, y down from the page's top (Poppler's).
struct Box {
    double left = 0, top = 0, right = 0, bottom = 0;
};

struct Link {
    int page = 0;
    std::string uri;
    Box rect;  // /Rect
    Box quad;  // the bounding box of its /QuadPoints (/Rect without them)
};

// One character Poppler reads, with its box; `word` counts the words of its page.
struct Character {
    std::string text;  // UTF-8
    Box box;
    int word = 0;
};

std::vector<Link> links_of(const std::string& path)
{
    QPDF pdf;
    pdf.processFile(path.c_str());
    std::vector<Link> links;
    int number = 0;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        auto media = page.getObjectHandle().getKey("/MediaBox").getArrayAsVector();
        const double height = media[3].getNumericValue();
        auto annotations = page.getObjectHandle().getKey("/Annots");
        if (annotations.isArray()) {
            for (auto& annotation : annotations.getArrayAsVector()) {
                if (annotation.getKey("/Subtype").getName() != "/Link") continue;
                Link link;
                link.page = number;
                link.uri = annotation.getKey("/A").getKey("/URI").getUTF8Value();
                auto r = annotation.getKey("/Rect").getArrayAsVector();
                link.rect = {r[0].getNumericValue(), height - r[3].getNumericValue(), r[2].getNumericValue(),
                             height - r[1].getNumericValue()};
                link.quad = link.rect;
                auto quad = annotation.getKey("/QuadPoints");
                if (quad.isArray() && quad.getArrayNItems() > 0) {
                    // One rectangle a link (a link on two lines is two links):
                    // its four corners.
                    EXPECT_EQ(quad.getArrayNItems(), 8) << link.uri;
                    link.quad = {1e9, 1e9, -1e9, -1e9};
                    for (int i = 0; i + 1 < quad.getArrayNItems(); i += 2) {
                        const double x = quad.getArrayItem(i).getNumericValue();
                        const double y = height - quad.getArrayItem(i + 1).getNumericValue();
                        link.quad = {std::min(link.quad.left, x), std::min(link.quad.top, y),
                                     std::max(link.quad.right, x), std::max(link.quad.bottom, y)};
                    }
                }
                links.push_back(link);
            }
        }
        ++number;
    }
    return links;
}

// Every character of every page, page by page, as Poppler's text boxes give them.
std::vector<std::vector<Character>> characters_of(const std::string& path)
{
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
    if (!document) throw std::runtime_error("cannot open " + path);
    std::vector<std::vector<Character>> pages;
    for (int index = 0; index < document->pages(); ++index) {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        std::vector<Character>& characters = pages.emplace_back();
        int word = 0;
        for (const poppler::text_box& box : page->text_list()) {
            const poppler::ustring text = box.text();
            for (std::size_t i = 0; i < text.size(); ++i) {
                const poppler::rectf r = box.char_bbox(i);
                const poppler::byte_array utf8 = poppler::ustring(1, text[i]).to_utf8();
                characters.push_back({std::string(utf8.begin(), utf8.end()), {r.left(), r.top(), r.right(), r.bottom()},
                                      word});
            }
            ++word;
        }
    }
    return pages;
}

bool centre_in(const Box& character, const Box& link)
{
    const double x = (character.left + character.right) / 2, y = (character.top + character.bottom) / 2;
    return x > link.left && x < link.right && y > link.top && y < link.bottom;
}

// What a link covers: the characters whose centre is in it, a space between words.
struct Covered {
    std::string text;
    Box box{1e9, 1e9, -1e9, -1e9};
};

Covered covered(const std::vector<Character>& characters, const Box& link)
{
    Covered result;
    int word = -1;
    for (const Character& character : characters) {
        if (!centre_in(character.box, link)) continue;
        if (word >= 0 && character.word != word) result.text += ' ';
        word = character.word;
        result.text += character.text;
        result.box = {std::min(result.box.left, character.box.left), std::min(result.box.top, character.box.top),
                      std::max(result.box.right, character.box.right), std::max(result.box.bottom, character.box.bottom)};
    }
    return result;
}

// The digits a tel: link dials, with its '+'.
std::string digits(const std::string& text)
{
    std::string result;
    for (char ch : text)
        if ((ch >= '0' && ch <= '9') || ch == '+') result += ch;
    return result;
}

// What dials as written, from any phone: +7 and ten digits, or a service number.
bool dials(const std::string& number)
{
    static const std::regex full(R"(\+7[0-9]{10})");
    static const std::set<std::string> service{"101", "102", "103", "104", "112", "11616"};
    return std::regex_match(number, full) || service.count(number);
}

std::string box_text(const Box& box)
{
    return fmt::format("[{:.2f} {:.2f} {:.2f} {:.2f}]", box.left, box.top, box.right, box.bottom);
}

class Links : public ::testing::TestWithParam<const char*> {
protected:
    static void SetUpTestSuite()
    {
        const Project project = repository();
        Diagnostics diagnostics;
        const Inputs inputs = load_inputs(project, diagnostics);
        folder_ = process_dir("links");
        for (const char* name : {"contacts", "general", "youth"}) {
            const Product product = make_leaflet(project, inputs, project.source(name), nullptr, diagnostics);
            write(folder_ / (std::string(name) + ".pdf"), make_screen_pdf(product));
        }
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(folder_); }

    static std::string path(const std::string& name) { return (folder_ / (name + ".pdf")).string(); }
    static inline std::filesystem::path folder_;
};

TEST_P(Links, EveryTelLinkDials)
{
    const std::vector<Link> links = links_of(path(GetParam()));
    ASSERT_FALSE(links.empty());
    for (const Link& link : links) {
        if (link.uri.rfind("tel:", 0) != 0) continue;
        EXPECT_TRUE(dials(link.uri.substr(4))) << link.uri << " on page " << link.page + 1;
    }
}

TEST_P(Links, EachCoversExactlyItsText)
{
    // Across, the link runs from its first character's left edge to its
    // last one's right edge, within half a point (the kerning of its last
    // letter against what follows). Down, over the words' boxes (the fonts'
    // ascent to their descent, as Poppler boxes words), within half a point,
    // but never into the lines above and below: where the leading is less
    // than the font's ascent and descent (the hotline's 30 pt on 32 pt
    // lines) the link is as tall as its line, at least 80 % of the words'
    // box, inside it. No character it leaves out reaches more than half a
    // point into it. Its /Rect is the box of its quadrilateral (Cairo wrote
    // it in whole points, rounded outward; finish sets it from QuadPoints).
    const std::vector<Link> links = links_of(path(GetParam()));
    const auto pages = characters_of(path(GetParam()));
    for (const Link& link : links) {
        const std::vector<Character>& characters = pages.at(static_cast<std::size_t>(link.page));
        const Covered text = covered(characters, link.quad);
        const std::string where = link.uri + " on page " + std::to_string(link.page + 1) + " over |" + text.text +
                                  "|: link " + box_text(link.quad) + ", its text " + box_text(text.box);
        ASSERT_FALSE(text.text.empty()) << where;
        EXPECT_NEAR(link.quad.left, text.box.left, 0.5) << where;
        EXPECT_NEAR(link.quad.right, text.box.right, 0.5) << where;
        EXPECT_GE(link.quad.top, text.box.top - 0.5) << where;
        EXPECT_LE(link.quad.bottom, text.box.bottom + 0.5) << where;
        const double height = text.box.bottom - text.box.top;
        EXPECT_GE(link.quad.bottom - link.quad.top, 0.8 * height) << where;
        // Clipped to its line, it is shorter by as much at the top as at the bottom.
        EXPECT_NEAR(link.quad.top - text.box.top, text.box.bottom - link.quad.bottom, 0.5) << where;
        for (const Character& character : characters) {
            if (centre_in(character.box, link.quad)) continue;
            const double across = std::min(character.box.right, link.quad.right) - std::max(character.box.left, link.quad.left);
            const double down = std::min(character.box.bottom, link.quad.bottom) - std::max(character.box.top, link.quad.top);
            // (a line's boxes overlap the next line's by the fonts' ascent and descent less the leading)
            const double tall = character.box.bottom - character.box.top;
            EXPECT_FALSE(across > 0.5 && down > tall / 2) << where << " also reaches over |" << character.text << "| "
                                                             << box_text(character.box);
        }
        EXPECT_NEAR(link.rect.left, link.quad.left, 0.001) << where;
        EXPECT_NEAR(link.rect.right, link.quad.right, 0.001) << where;
        EXPECT_NEAR(link.rect.top, link.quad.top, 0.001) << where;
        EXPECT_NEAR(link.rect.bottom, link.quad.bottom, 0.001) << where;
    }
}

TEST_P(Links, TextAndTargetAgree)
{
    // A tel: link's text has its digits; a mailto: link's text is its
    // address; a web link's text is its address without https:// and a
    // closing slash.
    const std::vector<Link> links = links_of(path(GetParam()));
    const auto pages = characters_of(path(GetParam()));
    for (const Link& link : links) {
        const std::string text = covered(pages.at(static_cast<std::size_t>(link.page)), link.quad).text;
        const std::string where = link.uri + " on page " + std::to_string(link.page + 1) + " over |" + text + "|";
        if (link.uri.rfind("tel:", 0) == 0) {
            EXPECT_EQ(digits(text), link.uri.substr(4)) << where;
            EXPECT_TRUE(std::regex_match(text, std::regex(R"([+0-9 ()-]+)"))) << where;
        } else if (link.uri.rfind("mailto:", 0) == 0) {
            EXPECT_EQ(text, link.uri.substr(7)) << where;
        } else {
            ASSERT_EQ(link.uri.rfind("https://", 0), 0u) << where;
            std::string address = link.uri.substr(8);
            if (!address.empty() && address.back() == '/') address.pop_back();
            EXPECT_EQ(text, address) << where;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(ScreenPdfs, Links, ::testing::Values("contacts", "general", "youth"));

TEST_F(Links, TheExtensionIsPrintedInNoLink)
{
    // Entry 7 of the directory: «+7 717 230 60 73, 1409». Its number is a
    // link; 1409, an extension no phone dials as written, is not, nor under one.
    const std::vector<Link> links = links_of(path("contacts"));
    const auto pages = characters_of(path("contacts"));
    int seen = 0;
    for (std::size_t page = 0; page < pages.size(); ++page) {
        const std::vector<Character>& characters = pages[page];
        for (std::size_t i = 0; i + 3 < characters.size(); ++i) {
            if (characters[i].text + characters[i + 1].text + characters[i + 2].text + characters[i + 3].text != "1409")
                continue;
            ++seen;
            for (std::size_t k = i; k < i + 4; ++k) {
                for (const Link& link : links) {
                    if (link.page != static_cast<int>(page)) continue;
                    EXPECT_FALSE(centre_in(characters[k].box, link.rect))
                        << link.uri << " " << box_text(link.rect) << " covers «1409»";
                }
            }
        }
    }
    EXPECT_EQ(seen, 1) << "«1409» is printed once, after its number";
    int number = 0;
    for (const Link& link : links) {
        EXPECT_EQ(link.uri.find("1409"), std::string::npos) << link.uri;
        number += link.uri == "tel:+77172306073";
    }
    EXPECT_EQ(number, 2) << "entries 7 and 19 share the number";
    // The base contacts leaflet: 3 links on the cover, 5 inside, 29 in the
    // flap's directory (16 crisis centres: 17 phones, a fax, 11 e-mails),
    // 7 on the back (5 phones and an e-mail of entries 17-20, the hotline):
    // 45 before 1409 was no link.
    EXPECT_EQ(links.size(), 44u);
}

}  // namespace
}  // namespace leaflet::test
