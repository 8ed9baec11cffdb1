// Kazakh text is shaped and rendered right: every letter of the alphabet in
// every font style the house style uses, checked three ways (HarfBuzz
// glyphs, Poppler raster, extracted text). See tests/cases/kazakh-alphabet.xml.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <glib.h>
#include <hb.h>

#include "load/load.hpp"
#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

const char* const upper = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";
const char* const lower = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
const char* const words = "Әке Ғалым Қазақ Аңшы Өнер Ұлт Үй Һ Іні";

TEST(KazakhAlphabet, HasFortyTwoLettersInEachCase)
{
    EXPECT_EQ(g_utf8_strlen(upper, -1), 42);
    EXPECT_EQ(g_utf8_strlen(lower, -1), 42);
}

// One line per font and text, as HarfBuzz's own shaping tests write them:
// [glyph name=cluster+advance|...] in font units.
std::string shape(const resolve::FontFile& file, const char* text, int& notdef)
{
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.path.c_str());
    EXPECT_NE(blob, nullptr) << file.path;
    hb_face_t* face = hb_face_create(blob, 0);
    hb_font_t* font = hb_font_create(face);
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf8(buffer, text, -1, 0, -1);
    hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, HB_SCRIPT_CYRILLIC);
    hb_buffer_set_language(buffer, hb_language_from_string("kk", -1));
    hb_shape(font, buffer, nullptr, 0);

    unsigned int count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
    std::string line = "[";
    for (unsigned int i = 0; i < count; ++i) {
        char name[64];
        if (!hb_font_get_glyph_name(font, infos[i].codepoint, name, sizeof name))
            std::snprintf(name, sizeof name, "gid%u", infos[i].codepoint);
        if (infos[i].codepoint == 0) ++notdef;
        line += fmt::format("{}{}={}+{}", i ? "|" : "", name, infos[i].cluster, positions[i].x_advance);
    }
    line += "]";
    hb_buffer_destroy(buffer);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return line;
}

TEST(KazakhShaping, GlyphSequencesMatchTheExpectation)
{
    const auto fonts = resolve::load_fonts(source_dir() + "/fonts/manifest.xml");
    std::string actual;
    int notdef = 0;
    for (const resolve::FontFile& file : fonts->files()) {
        // bold italic is in the manifest but no style uses it yet
        if (file.weight == 700 && file.slant == resolve::Slant::italic) continue;
        const std::string font = std::filesystem::path(file.path).filename().string();
        for (const char* text : {upper, lower, words})
            actual += fmt::format("{}: {}\n{}\n", font, text, shape(file, text, notdef));
    }
    EXPECT_EQ(notdef, 0) << "a Kazakh letter shaped to .notdef";
    EXPECT_TRUE(matches_text_golden(actual, "kazakh-alphabet.hb.txt"));
}

class KazakhPdf : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        const Project project = repository();
        Diagnostics diagnostics;
        const Inputs inputs = load_inputs(project, diagnostics);
        const Product product =
            make_leaflet(project, inputs, source_dir() + "/tests/cases/kazakh-alphabet.xml", nullptr, diagnostics);
        pdf_ = (process_dir("kazakh-alphabet") / "kazakh-alphabet.pdf").string();
        write(pdf_, product.pdf);
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(std::filesystem::path(pdf_).parent_path()); }

    static inline std::string pdf_;
};

Image crop(const Image& image, int x, int y, int width, int height)
{
    Image out{width, height, {}};
    for (int row = y; row < y + height; ++row) {
        const auto begin = image.rgb.begin() + (static_cast<long>(row) * image.width + x) * 3;
        out.rgb.insert(out.rgb.end(), begin, begin + width * 3);
    }
    return out;
}

TEST_F(KazakhPdf, RasterMatchesItsGolden)
{
    // Page 2 is the inside; inside-1 starts at the trim, 14 mm (55 px at
    // 100 dpi) from the media's corner, and is 100 mm (394 px) wide; its
    // lines, a blank line of the baseline grid between paragraphs, take
    // 350 px.
    const Image page = render_page(pdf_, 1, 100);
    EXPECT_TRUE(matches_golden(crop(page, 55, 55, 394, 350), golden_dir(), "kazakh-alphabet.p2", output_dir(), 32, 0));
}

TEST_F(KazakhPdf, ExtractedTextIsTheInput)
{
    const std::string text = normalize_space(extract_text(pdf_));
    const load::Document document = load::load(source_dir() + "/tests/cases/kazakh-alphabet.xml",
                                               source_dir() + "/sources/schema/leaflet.rng", regions());
    for (const load::Block& block : document.panels.at(0).blocks) {
        const std::string paragraph = load::plain_text(block.content);
        EXPECT_NE(text.find(paragraph), std::string::npos) << paragraph;
    }
    EXPECT_EQ(text.find("\xEF\xBF\xBD"), std::string::npos) << "U+FFFD in the extracted text";
}

TEST(KazakhFonts, MissingGlyphIsAnErrorNamingTheCharacter)
{
    const auto folder = scratch_dir();
    write(folder / "t.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\"><title>T</title>\n"
                            "<panel role=\"front\">\n<p>Қазақ 中</p>\n</panel></leaflet>\n");
    const Project project = repository();
    Diagnostics diagnostics;
    try {
        make_leaflet(project, load_inputs(project, diagnostics), (folder / "t.xml").string(), nullptr, diagnostics);
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(format(error.diagnostics().front()),
                  (folder / "t.xml").string() + ":4:1: error: U+4E2D '中' is not in font 'PT Sans' (paragraph style 'body')");
    }
}

}  // namespace
}  // namespace leaflet::test
