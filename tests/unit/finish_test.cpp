// finish: page boxes, no transparency group, Info/Lang, the CMYK rewrite,
// PDF/X-1a keys, PDF 1.3 (print) and 1.7 (screen), byte-identical output,
// checked by reopening the result with QPDF and parsing its content streams.
#include "finish/finish.hpp"

#include <functional>
#include <string>
#include <vector>

#include <cairo-pdf.h>
#include <gtest/gtest.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "c/cairo.hpp"
#include "diag/diag.hpp"
#include "resolve/resolve.hpp"

namespace leaflet::finish {
namespace {

// Sheet 297 x 210 mm trim, 3 mm bleed, 10 mm more for marks on every side:
// MediaBox 323 x 236 mm.
constexpr Pt media_width = mm(297 + 2 * 13);
constexpr Pt media_height = mm(210 + 2 * 13);

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A Cairo PDF of `pages` pages, each drawn by `draw`; the date only changes
// Cairo's Info.
std::string cairo_pdf_drawn(const std::function<void(cairo_t*, int page)>& draw, int pages = 2,
                            const char* create_date = "2024-01-01T00:00:00")
{
    std::string bytes;
    {
        c::CairoSurface surface(cairo_pdf_surface_create_for_stream(
            append, &bytes, media_width.value, media_height.value));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                       create_date);
        c::Cairo cairo(cairo_create(surface.get()));
        for (int page = 0; page < pages; ++page) {
            draw(cairo.get(), page);
            cairo_show_page(cairo.get());
        }
        cairo_surface_finish(surface.get());
        EXPECT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
    }
    return bytes;
}

// Two pages with a black filled rectangle each.
std::string cairo_pdf(const char* create_date = "2024-01-01T00:00:00")
{
    return cairo_pdf_drawn(
        [](cairo_t* cairo, int page) {
            cairo_set_source_rgb(cairo, 0, 0, 0);
            cairo_rectangle(cairo, mm(20 + page).value, mm(20).value, mm(50).value, mm(30).value);
            cairo_fill(cairo);
        },
        2, create_date);
}

resolve::Colour swatch(const char* name, double c, double m, double y, double k, int r, int g, int b)
{
    resolve::Colour colour{name, c, m, y, k, {r, g, b}};
    return colour;
}

// As styles/default.xml: registration is black nudged one step of blue.
const resolve::Colour black = swatch("black", 0, 0, 0, 1, 0, 0, 0);
const resolve::Colour white = swatch("white", 0, 0, 0, 0, 255, 255, 255);
const resolve::Colour red = swatch("red", 0, 0.9, 0.8, 0.05, 242, 24, 48);
const resolve::Colour dark_blue = swatch("dark-blue", 1, 0.7, 0, 0.3, 0, 54, 179);
const resolve::Colour registration = swatch("registration", 1, 1, 1, 1, 0, 0, 1);

std::vector<resolve::Colour> palette()
{
    return {black, white, red, dark_blue, registration};
}

void set_source(cairo_t* cairo, const resolve::Colour& colour)
{
    cairo_set_source_rgb(cairo, colour.red(), colour.green(), colour.blue());
}

// Page 2's trim is 1 mm further right, so that a mix-up of pages shows.
std::vector<PageBoxes> boxes(int pages = 2)
{
    std::vector<PageBoxes> result;
    for (int page = 0; page < pages; ++page) {
        const Box trim{mm(13 + page), mm(13), mm(310 + page), mm(223)};
        const Box bleed{trim.left - mm(3), trim.bottom - mm(3), trim.right + mm(3),
                        trim.top + mm(3)};
        result.push_back({trim, bleed, {trim.left + mm(97), trim.left + mm(197)}, mm(5)});
    }
    return result;
}

Metadata metadata()
{
    Metadata result;
    result.title = "Жалпы жадынама";
    result.subject = "Денсаулық сақтау";
    result.language = "kk-KZ";
    result.creator = "leaflets 0.1.0";
    result.epoch = 1700000000;  // 2023-11-14 22:13:20 UTC
    return result;
}

std::string print(const std::string& input, const std::vector<PageBoxes>& page_boxes = boxes(),
                  const Metadata& meta = metadata())
{
    return finish(input, page_boxes, meta, Mode::print, palette());
}

struct Reopened {
    std::string bytes;  // QPDF reads from it for as long as it lives
    QPDF pdf;
    explicit Reopened(std::string pdf_bytes) : bytes(std::move(pdf_bytes))
    {
        pdf.processMemoryFile("finished", bytes.data(), bytes.size());
    }
    std::vector<QPDFPageObjectHelper> pages() { return QPDFPageDocumentHelper(pdf).getAllPages(); }
    QPDFObjectHandle info() { return pdf.getTrailer().getKey("/Info"); }
};

// Every operator of a content stream with its operands, as "0 0 0 1 k".
class Operations final : public QPDFObjectHandle::ParserCallbacks {
public:
    std::vector<std::string> all;

    void handleObject(QPDFObjectHandle object) override
    {
        if (object.isOperator()) {
            std::string line;
            for (auto& operand : operands_) line += operand.unparse() + " ";
            all.push_back(line + object.getOperatorValue());
            operands_.clear();
        } else {
            operands_.push_back(object);
        }
    }
    void handleEOF() override {}

    bool has(const std::string& operation) const
    {
        return std::find(all.begin(), all.end(), operation) != all.end();
    }
    // Operations whose operator is one of `ops`.
    std::vector<std::string> with(std::initializer_list<std::string> ops) const
    {
        std::vector<std::string> result;
        for (const auto& line : all) {
            const auto space = line.rfind(' ');
            const std::string op = space == std::string::npos ? line : line.substr(space + 1);
            if (std::find(ops.begin(), ops.end(), op) != ops.end()) result.push_back(line);
        }
        return result;
    }

private:
    std::vector<QPDFObjectHandle> operands_;
};

Operations operations(QPDFPageObjectHelper page_or_form)
{
    Operations result;
    page_or_form.parseContents(&result);
    return result;
}

void expect_box(QPDFObjectHandle array, const Box& box)
{
    ASSERT_TRUE(array.isRectangle()) << array.unparse();
    const auto r = array.getArrayAsRectangle();
    // Four decimals: off by at most 0.00005 pt.
    EXPECT_NEAR(r.llx, box.left.value, 5e-5);
    EXPECT_NEAR(r.lly, box.bottom.value, 5e-5);
    EXPECT_NEAR(r.urx, box.right.value, 5e-5);
    EXPECT_NEAR(r.ury, box.top.value, 5e-5);
}

std::string io_error(const std::function<void()>& run)
{
    try {
        run();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::io);
        return error.what();
    }
    ADD_FAILURE() << "no error";
    return "";
}

TEST(Finish, CairoInputHasWhatFinishRemoves)
{
    const std::string input = cairo_pdf();
    EXPECT_EQ(input.substr(0, 8), "%PDF-1.5");
    Reopened reopened(input);
    EXPECT_TRUE(reopened.pages().at(0).getObjectHandle().hasKey("/Group"));
    EXPECT_TRUE(operations(reopened.pages().at(0)).has("0 0 0 rg"));
}

TEST(Finish, SetsTrimAndBleedBoxPerPage)
{
    const auto expected = boxes();
    Reopened reopened(print(cairo_pdf(), expected));
    const auto pages = reopened.pages();
    ASSERT_EQ(pages.size(), 2u);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        auto page = pages[i].getObjectHandle();
        expect_box(page.getKey("/TrimBox"), expected[i].trim);
        expect_box(page.getKey("/BleedBox"), expected[i].bleed);
    }
    // 13 mm = 36.85039 pt, 310 mm = 878.74016 pt, 223 mm = 632.12598 pt;
    // 10 mm = 28.34646 pt, 313 mm = 887.24409 pt, 226 mm = 640.62992 pt.
    auto first = pages[0].getObjectHandle();
    EXPECT_EQ(first.getKey("/TrimBox").unparse(), "[ 36.8504 36.8504 878.7402 632.1260 ]");
    EXPECT_EQ(first.getKey("/BleedBox").unparse(), "[ 28.3465 28.3465 887.2441 640.6299 ]");
}

TEST(Finish, WritesFoldsAndSafeZoneAsPieceInfo)
{
    Reopened reopened(print(cairo_pdf()));
    auto page = reopened.pages().at(1).getObjectHandle();
    // Page 2: trim left 14 mm; folds at 14 + 97 = 111 mm = 314.6457 pt and
    // 14 + 197 = 211 mm = 598.1102 pt; 5 mm = 14.1732 pt.
    auto piece = page.getKey("/PieceInfo").getKey("/Leaflets");
    EXPECT_EQ(piece.getKey("/Private").unparse(), "<< /Folds [ 314.6457 598.1102 ] /SafeZone 14.1732 >>");
    EXPECT_EQ(piece.getKey("/LastModified").getUTF8Value(), "D:20231114221320Z");
    EXPECT_EQ(page.getKey("/LastModified").getUTF8Value(), "D:20231114221320Z");
}

TEST(Finish, RemovesPageGroup)
{
    Reopened reopened(print(cairo_pdf()));
    for (auto& page : reopened.pages())
        EXPECT_FALSE(page.getObjectHandle().hasKey("/Group"));
}

TEST(Finish, RewritesEverySwatchToItsExactCmyk)
{
    // Fills, strokes and text (Cairo's rg/RG before BT) in every swatch.
    const std::string input = cairo_pdf_drawn(
        [](cairo_t* cairo, int) {
            double y = 50;
            for (const auto& colour : palette()) {
                set_source(cairo, colour);
                cairo_rectangle(cairo, 50, y, 100, 20);
                cairo_fill(cairo);
                cairo_move_to(cairo, 200, y);
                cairo_line_to(cairo, 300, y);
                cairo_stroke(cairo);
                y += 30;
            }
            set_source(cairo, black);
            cairo_move_to(cairo, 400, 100);
            cairo_show_text(cairo, "Text");
        },
        1);
    const auto ops = operations(Reopened(input).pages().at(0));
    EXPECT_TRUE(ops.has("0.94902 0.0941176 0.188235 rg")) << "Cairo writes red as RGB";

    Reopened reopened(print(input, boxes(1)));
    const auto finished = operations(reopened.pages().at(0));
    EXPECT_TRUE(finished.with({"rg", "RG", "cs", "CS", "sc", "scn", "SC", "SCN"}).empty());
    const std::vector<std::string> fills{"0 0 0 1 k", "0 0 0 0 k", "0 0.9 0.8 0.05 k", "1 0.7 0 0.3 k",
                                         "1 1 1 1 k"};
    const std::vector<std::string> strokes{"0 0 0 1 K", "0 0 0 0 K", "0 0.9 0.8 0.05 K", "1 0.7 0 0.3 K",
                                           "1 1 1 1 K"};
    for (const auto& fill : fills) EXPECT_TRUE(finished.has(fill)) << fill;
    for (const auto& stroke : strokes) EXPECT_TRUE(finished.has(stroke)) << stroke;
    // The text's colour: black text is 100 % K, set before its BT.
    const auto& all = finished.all;
    const auto text = std::find(all.begin(), all.end(), "BT");
    ASSERT_NE(text, all.end());
    EXPECT_EQ(*std::prev(text), "0 0 0 1 k");
    EXPECT_EQ(finished.with({"k"}).size(), 6u);
    EXPECT_EQ(finished.with({"K"}).size(), 5u);
}

TEST(Finish, RewritesFormXObjects)
{
    // A group becomes a form XObject with its own content stream.
    const std::string input = cairo_pdf_drawn(
        [](cairo_t* cairo, int) {
            cairo_push_group(cairo);
            set_source(cairo, red);
            cairo_rectangle(cairo, 10, 10, 50, 50);
            cairo_fill(cairo);
            cairo_pop_group_to_source(cairo);
            cairo_paint(cairo);
        },
        1);
    Reopened reopened(print(input, boxes(1)));
    auto page = reopened.pages().at(0);
    const auto forms = page.getFormXObjects();
    ASSERT_EQ(forms.size(), 1u);
    auto form = forms.begin()->second;
    EXPECT_FALSE(form.getDict().hasKey("/Group"));
    const auto inside = operations(QPDFPageObjectHelper(form));
    EXPECT_TRUE(inside.has("0 0.9 0.8 0.05 k"));
    EXPECT_TRUE(inside.with({"rg", "RG"}).empty());
}

TEST(Finish, UnknownRgbIsAnError)
{
    const std::string input = cairo_pdf_drawn(
        [](cairo_t* cairo, int page) {
            set_source(cairo, black);
            cairo_rectangle(cairo, 10, 10, 50, 50);
            cairo_fill(cairo);
            if (page == 1) cairo_set_source_rgb(cairo, 0.5, 0.5, 0.5);
            cairo_rectangle(cairo, 100, 10, 50, 50);
            cairo_fill(cairo);
        },
        2);
    EXPECT_EQ(io_error([&] { print(input); }),
              "error: page 2: RGB colour 0.5 0.5 0.5 rg (8-bit 128 128 128) is no swatch of the style sheet");
}

TEST(Finish, UnknownRgbInAFormXObjectNamesIt)
{
    const std::string input = cairo_pdf_drawn(
        [](cairo_t* cairo, int) {
            cairo_push_group(cairo);
            cairo_set_source_rgb(cairo, 0.2, 0.4, 0.6);
            cairo_rectangle(cairo, 10, 10, 50, 50);
            cairo_fill(cairo);
            cairo_pop_group_to_source(cairo);
            cairo_paint(cairo);
        },
        1);
    const std::string message = io_error([&] { print(input, boxes(1)); });
    EXPECT_NE(message.find("error: page 1, form XObject /x"), std::string::npos) << message;
    EXPECT_NE(message.find(": RGB colour 0.2 0.4 0.6 rg (8-bit 51 102 153) is no swatch of the style sheet"),
              std::string::npos)
        << message;
}

TEST(Finish, TransparencyIsAnError)
{
    const std::string input = cairo_pdf_drawn(
        [](cairo_t* cairo, int) {
            cairo_set_source_rgba(cairo, 0, 0, 0, 0.5);
            cairo_rectangle(cairo, 10, 10, 50, 50);
            cairo_fill(cairo);
        },
        1);
    const std::string message = io_error([&] { print(input, boxes(1)); });
    EXPECT_NE(message.find("(transparency)"), std::string::npos) << message;
}

TEST(Finish, RemovesOpaqueAlphaKeys)
{
    // Cairo writes << /CA 1 /ca 1 >> graphics states: PDF 1.4 keys.
    const std::string input = cairo_pdf_drawn(
        [](cairo_t* cairo, int) {
            set_source(cairo, black);
            cairo_select_font_face(cairo, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
            cairo_move_to(cairo, 100, 100);
            cairo_show_text(cairo, "Text");
        },
        1);
    Reopened before(input);
    auto states = before.pages().at(0).getAttribute("/Resources", false).getKey("/ExtGState");
    ASSERT_TRUE(states.isDictionary());
    ASSERT_TRUE(states.getKeys().size() > 0);
    Reopened after(print(input, boxes(1)));
    states = after.pages().at(0).getAttribute("/Resources", false).getKey("/ExtGState");
    for (auto [name, state] : states.ditems()) {
        EXPECT_FALSE(state.hasKey("/CA")) << name;
        EXPECT_FALSE(state.hasKey("/ca")) << name;
    }
}

TEST(Finish, WritesPdfXKeys)
{
    Reopened reopened(print(cairo_pdf()));
    auto info = reopened.info();
    EXPECT_EQ(info.getKey("/GTS_PDFXVersion").getUTF8Value(), "PDF/X-1:2001");
    EXPECT_EQ(info.getKey("/GTS_PDFXConformance").getUTF8Value(), "PDF/X-1a:2001");
    ASSERT_TRUE(info.getKey("/Trapped").isName());
    EXPECT_EQ(info.getKey("/Trapped").getName(), "/False");
    auto intents = reopened.pdf.getRoot().getKey("/OutputIntents");
    ASSERT_TRUE(intents.isArray());
    ASSERT_EQ(intents.getArrayNItems(), 1);
    auto intent = intents.getArrayItem(0);
    EXPECT_EQ(intent.getKey("/Type").getName(), "/OutputIntent");
    EXPECT_EQ(intent.getKey("/S").getName(), "/GTS_PDFX");
    EXPECT_EQ(intent.getKey("/OutputConditionIdentifier").getUTF8Value(), "FOGRA39");
    EXPECT_EQ(intent.getKey("/RegistryName").getUTF8Value(), "http://www.color.org");
    EXPECT_EQ(intent.getKey("/OutputCondition").getUTF8Value(), "Coated FOGRA39 (ISO 12647-2:2004)");
    EXPECT_FALSE(intent.hasKey("/DestOutputProfile"));  // a registered condition needs none
    EXPECT_FALSE(reopened.pdf.getRoot().hasKey("/MarkInfo"));
}

TEST(Finish, WritesInfoWithKazakhText)
{
    Reopened reopened(print(cairo_pdf()));
    auto info = reopened.info();
    ASSERT_TRUE(info.isDictionary());
    EXPECT_EQ(info.getKey("/Title").getUTF8Value(), "Жалпы жадынама");
    EXPECT_EQ(info.getKey("/Subject").getUTF8Value(), "Денсаулық сақтау");
    EXPECT_EQ(info.getKey("/Creator").getUTF8Value(), "leaflets 0.1.0");
    EXPECT_EQ(info.getKey("/Producer").getUTF8Value(),
              "leaflets finish (QPDF " + QPDF::QPDFVersion() + ")");
    EXPECT_EQ(info.getKey("/CreationDate").getUTF8Value(), "D:20231114221320Z");
    EXPECT_EQ(info.getKey("/ModDate").getUTF8Value(), "D:20231114221320Z");
    // Title, Subject, Creator, Producer, two dates, Trapped, two GTS keys:
    // nothing left over from Cairo's Info.
    EXPECT_EQ(info.getKeys().size(), 9u);
}

TEST(Finish, OmitsEmptySubjectAndLanguage)
{
    auto without = metadata();
    without.subject.clear();
    without.language.clear();
    Reopened reopened(print(cairo_pdf(), boxes(), without));
    EXPECT_FALSE(reopened.info().hasKey("/Subject"));
    EXPECT_FALSE(reopened.pdf.getRoot().hasKey("/Lang"));
}

TEST(Finish, SetsCatalogLang)
{
    Reopened reopened(print(cairo_pdf()));
    EXPECT_EQ(reopened.pdf.getRoot().getKey("/Lang").getUTF8Value(), "kk-KZ");
}

TEST(Finish, PrintIsPdf13WithId)
{
    const std::string output = print(cairo_pdf());
    EXPECT_EQ(output.substr(0, 9), "%PDF-1.3\n");
    Reopened reopened(output);
    EXPECT_EQ(reopened.pdf.getPDFVersion(), "1.3");
    EXPECT_TRUE(reopened.pdf.getTrailer().getKey("/ID").isArray());
}

TEST(Finish, ScreenKeepsRgbAndMarksTheDocument)
{
    const std::string output = finish(cairo_pdf(), {}, metadata(), Mode::screen, {});
    EXPECT_EQ(output.substr(0, 9), "%PDF-1.7\n");
    Reopened reopened(output);
    EXPECT_TRUE(operations(reopened.pages().at(0)).has("0 0 0 rg"));
    auto root = reopened.pdf.getRoot();
    EXPECT_EQ(root.getKey("/MarkInfo").unparse(), "<< /Marked true >>");
    EXPECT_EQ(root.getKey("/Lang").getUTF8Value(), "kk-KZ");
    EXPECT_FALSE(root.hasKey("/OutputIntents"));
    auto info = reopened.info();
    EXPECT_EQ(info.getKey("/Title").getUTF8Value(), "Жалпы жадынама");
    EXPECT_EQ(info.getKey("/Subject").getUTF8Value(), "Денсаулық сақтау");
    EXPECT_FALSE(info.hasKey("/GTS_PDFXVersion"));
    EXPECT_FALSE(info.hasKey("/Trapped"));
    auto page = reopened.pages().at(0).getObjectHandle();
    EXPECT_FALSE(page.hasKey("/TrimBox"));
    EXPECT_FALSE(page.hasKey("/PieceInfo"));
    EXPECT_TRUE(reopened.pdf.getTrailer().getKey("/ID").isArray());
}

TEST(Finish, OutputIsByteIdentical)
{
    const std::string input = cairo_pdf();
    EXPECT_EQ(print(input), print(input));
    // Cairo's own dates (and anything else in its Info) must not leak through.
    EXPECT_EQ(print(cairo_pdf("2020-01-01T00:00:00")), print(cairo_pdf("2021-06-01T12:00:00")));
}

TEST(Finish, PageCountMismatchThrows)
{
    EXPECT_EQ(io_error([] { print(cairo_pdf(), boxes(1)); }),
              "error: Cairo wrote 2 pages but 1 page boxes were given");
}

TEST(Finish, BleedMustContainTrim)
{
    auto bad = boxes();
    bad[1].bleed.right = bad[1].trim.right - mm(1);
    EXPECT_THROW(print(cairo_pdf(), bad), Error);
}

TEST(Finish, MediaMustContainBleed)
{
    auto bad = boxes();
    bad[0].bleed.top = media_height + mm(1);
    EXPECT_THROW(print(cairo_pdf(), bad), Error);
}

TEST(Finish, UnreadableInputThrows)
{
    io_error([] { print("not a pdf"); });
}

}  // namespace
}  // namespace leaflet::finish
