// finish: page boxes, no transparency group, Info/Lang, %PDF-1.4 and
// byte-identical output, checked by reopening the result with QPDF.
#include "finish/finish.hpp"

#include <string>

#include <cairo-pdf.h>
#include <gtest/gtest.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "c/handles.hpp"
#include "diag/diag.hpp"

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

// Two pages with a filled rectangle each; the date only changes Cairo's Info.
std::string cairo_pdf(const char* create_date = "2024-01-01T00:00:00")
{
    std::string bytes;
    {
        c::CairoSurface surface(cairo_pdf_surface_create_for_stream(
            append, &bytes, media_width.value, media_height.value));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                       create_date);
        c::Cairo cairo(cairo_create(surface.get()));
        for (int page = 0; page < 2; ++page) {
            cairo_set_source_rgb(cairo.get(), 0, 0, 0);
            cairo_rectangle(cairo.get(), mm(20 + page).value, mm(20).value, mm(50).value,
                            mm(30).value);
            cairo_fill(cairo.get());
            cairo_show_page(cairo.get());
        }
        cairo_surface_finish(surface.get());
        EXPECT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
    }
    return bytes;
}

// Page 2's trim is 1 mm further right, so that a mix-up of pages shows.
std::vector<PageBoxes> boxes()
{
    std::vector<PageBoxes> result;
    for (int page = 0; page < 2; ++page) {
        const Box trim{mm(13 + page), mm(13), mm(310 + page), mm(223)};
        const Box bleed{trim.left - mm(3), trim.bottom - mm(3), trim.right + mm(3),
                        trim.top + mm(3)};
        result.push_back({trim, bleed});
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

struct Reopened {
    QPDF pdf;
    explicit Reopened(const std::string& bytes)
    {
        pdf.processMemoryFile("finished", bytes.data(), bytes.size());
    }
    std::vector<QPDFPageObjectHelper> pages() { return QPDFPageDocumentHelper(pdf).getAllPages(); }
    QPDFObjectHandle info() { return pdf.getTrailer().getKey("/Info"); }
};

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

TEST(Finish, CairoInputHasWhatFinishRemoves)
{
    const std::string input = cairo_pdf();
    EXPECT_EQ(input.substr(0, 8), "%PDF-1.5");
    Reopened reopened(input);
    EXPECT_TRUE(reopened.pages().at(0).getObjectHandle().hasKey("/Group"));
}

TEST(Finish, SetsTrimAndBleedBoxPerPage)
{
    const auto expected = boxes();
    Reopened reopened(finish(cairo_pdf(), expected, metadata()));
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

TEST(Finish, RemovesPageGroup)
{
    Reopened reopened(finish(cairo_pdf(), boxes(), metadata()));
    for (auto& page : reopened.pages())
        EXPECT_FALSE(page.getObjectHandle().hasKey("/Group"));
}

TEST(Finish, WritesInfoWithKazakhText)
{
    Reopened reopened(finish(cairo_pdf(), boxes(), metadata()));
    auto info = reopened.info();
    ASSERT_TRUE(info.isDictionary());
    EXPECT_EQ(info.getKey("/Title").getUTF8Value(), "Жалпы жадынама");
    EXPECT_EQ(info.getKey("/Subject").getUTF8Value(), "Денсаулық сақтау");
    EXPECT_EQ(info.getKey("/Creator").getUTF8Value(), "leaflets 0.1.0");
    EXPECT_EQ(info.getKey("/Producer").getUTF8Value(),
              "leaflets finish (QPDF " + QPDF::QPDFVersion() + ")");
    EXPECT_EQ(info.getKey("/CreationDate").getUTF8Value(), "D:20231114221320Z");
    EXPECT_EQ(info.getKey("/ModDate").getUTF8Value(), "D:20231114221320Z");
    ASSERT_TRUE(info.getKey("/Trapped").isName());
    EXPECT_EQ(info.getKey("/Trapped").getName(), "/False");
    EXPECT_EQ(info.getKeys().size(), 7u);  // nothing left over from Cairo's Info
}

TEST(Finish, OmitsEmptySubjectAndLanguage)
{
    auto without = metadata();
    without.subject.clear();
    without.language.clear();
    Reopened reopened(finish(cairo_pdf(), boxes(), without));
    EXPECT_FALSE(reopened.info().hasKey("/Subject"));
    EXPECT_FALSE(reopened.pdf.getRoot().hasKey("/Lang"));
}

TEST(Finish, SetsCatalogLang)
{
    Reopened reopened(finish(cairo_pdf(), boxes(), metadata()));
    EXPECT_EQ(reopened.pdf.getRoot().getKey("/Lang").getUTF8Value(), "kk-KZ");
}

TEST(Finish, WritesPdf14WithId)
{
    const std::string output = finish(cairo_pdf(), boxes(), metadata());
    EXPECT_EQ(output.substr(0, 9), "%PDF-1.4\n");
    Reopened reopened(output);
    EXPECT_EQ(reopened.pdf.getPDFVersion(), "1.4");
    EXPECT_TRUE(reopened.pdf.getTrailer().getKey("/ID").isArray());
}

TEST(Finish, OutputIsByteIdentical)
{
    const std::string input = cairo_pdf();
    EXPECT_EQ(finish(input, boxes(), metadata()), finish(input, boxes(), metadata()));
    // Cairo's own dates (and anything else in its Info) must not leak through.
    EXPECT_EQ(finish(cairo_pdf("2020-01-01T00:00:00"), boxes(), metadata()),
              finish(cairo_pdf("2021-06-01T12:00:00"), boxes(), metadata()));
}

TEST(Finish, PageCountMismatchThrows)
{
    auto one = boxes();
    one.pop_back();
    try {
        finish(cairo_pdf(), one, metadata());
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::io);
        EXPECT_STREQ(error.what(), "error: Cairo wrote 2 pages but 1 page boxes were given");
    }
}

TEST(Finish, BleedMustContainTrim)
{
    auto bad = boxes();
    bad[1].bleed.right = bad[1].trim.right - mm(1);
    EXPECT_THROW(finish(cairo_pdf(), bad, metadata()), Error);
}

TEST(Finish, MediaMustContainBleed)
{
    auto bad = boxes();
    bad[0].bleed.top = media_height + mm(1);
    EXPECT_THROW(finish(cairo_pdf(), bad, metadata()), Error);
}

TEST(Finish, UnreadableInputThrows)
{
    try {
        finish("not a pdf", boxes(), metadata());
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::io);
    }
}

}  // namespace
}  // namespace leaflet::finish
