// Proves the PDF oracle sees what is really in a PDF: a page drawn with
// cairo at known coordinates must come back through Poppler with the same
// page count, pixels and text, and the golden check must fail loudly on a
// changed image and pass after LEAFLET_UPDATE_GOLDENS=1.
#include "pdf_oracle.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;

const std::string greeting = "Сәлем әлем";

// 200 x 200 pt page; at 72 dpi one point is one pixel.
constexpr double page_size = 200;
constexpr double square_x = 20, square_y = 20, square_size = 100;

using DrawPage = std::function<void(cairo_t*)>;

void make_pdf(const std::string& path, const std::vector<DrawPage>& pages)
{
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), page_size, page_size);
    cairo_t* cairo = cairo_create(surface);
    for (const DrawPage& draw : pages) {
        draw(cairo);
        cairo_show_page(cairo);
    }
    cairo_status_t status = cairo_status(cairo);
    cairo_destroy(cairo);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_status(surface);
    }
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(std::string("cannot write test PDF: ") + cairo_status_to_string(status));
    }
}

void show_text(cairo_t* cairo, double x, double y, const std::string& text)
{
    cairo_select_font_face(cairo, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cairo, 14);
    cairo_move_to(cairo, x, y);
    cairo_show_text(cairo, text.c_str());
}

void draw_square_and_greeting(cairo_t* cairo)
{
    cairo_set_source_rgb(cairo, 0, 0, 0);
    cairo_rectangle(cairo, square_x, square_y, square_size, square_size);
    cairo_fill(cairo);
    // A pure red patch catches swapped channels, which black and white cannot.
    cairo_set_source_rgb(cairo, 1, 0, 0);
    cairo_rectangle(cairo, 140, 60, 40, 30);
    cairo_fill(cairo);
    cairo_set_source_rgb(cairo, 0, 0, 0);
    show_text(cairo, 20, 160, greeting);
}

std::array<int, 3> pixel(const Image& image, int x, int y)
{
    std::size_t at = (static_cast<std::size_t>(y) * image.width + x) * 3;
    return {image.rgb[at], image.rgb[at + 1], image.rgb[at + 2]};
}

void set_pixel(Image& image, int x, int y, std::array<int, 3> rgb)
{
    std::size_t at = (static_cast<std::size_t>(y) * image.width + x) * 3;
    for (int channel = 0; channel < 3; ++channel) {
        image.rgb[at + channel] = static_cast<std::uint8_t>(rgb[channel]);
    }
}

Image solid(int width, int height, std::uint8_t value)
{
    return {width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3, value)};
}

// Sets or clears an environment variable for one scope, restoring the old value.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name)
    {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        if (value) {
            setenv(name, value, 1);
        } else {
            unsetenv(name);
        }
    }
    ~ScopedEnv()
    {
        if (old_) {
            setenv(name_.c_str(), old_->c_str(), 1);
        } else {
            unsetenv(name_.c_str());
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

class PdfOracle : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string pattern = (fs::temp_directory_path() / "pdf_oracle_test.XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir = pattern;
        pdf = (dir / "square.pdf").string();
        make_pdf(pdf, {draw_square_and_greeting});
    }

    void TearDown() override
    {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }

    fs::path dir;
    std::string pdf;
    ScopedEnv no_update{"LEAFLET_UPDATE_GOLDENS", nullptr};
};

TEST_F(PdfOracle, page_count_reads_one_page)
{
    EXPECT_EQ(page_count(pdf), 1);
}

TEST_F(PdfOracle, page_count_throws_on_missing_or_non_pdf_file)
{
    EXPECT_THROW(page_count((dir / "missing.pdf").string()), std::runtime_error);
    write_png(solid(2, 2, 255), (dir / "not_a_pdf.pdf").string());
    EXPECT_THROW(page_count((dir / "not_a_pdf.pdf").string()), std::runtime_error);
}

TEST_F(PdfOracle, render_page_shows_square_black_and_paper_white)
{
    Image image = render_page(pdf, 0, 72);
    ASSERT_EQ(image.width, 200);
    ASSERT_EQ(image.height, 200);
    ASSERT_EQ(image.rgb.size(), 200u * 200u * 3u);
    // Square covers x, y in [20, 120): its centre (70, 70) is inside.
    EXPECT_EQ(pixel(image, 70, 70), (std::array<int, 3>{0, 0, 0}));
    EXPECT_EQ(pixel(image, 21, 118), (std::array<int, 3>{0, 0, 0}));
    // Right of the square and above the text baseline at y = 160.
    EXPECT_EQ(pixel(image, 180, 20), (std::array<int, 3>{255, 255, 255}));
    EXPECT_EQ(pixel(image, 130, 70), (std::array<int, 3>{255, 255, 255}));
    // Red patch covers x in [140, 180), y in [60, 90).
    EXPECT_EQ(pixel(image, 160, 75), (std::array<int, 3>{255, 0, 0}));
}

TEST_F(PdfOracle, render_page_scales_with_dpi_and_rejects_bad_page)
{
    Image image = render_page(pdf, 0, 144);
    EXPECT_EQ(image.width, 400);
    EXPECT_EQ(image.height, 400);
    // (70, 70) pt is (140, 140) px at 144 dpi.
    EXPECT_EQ(pixel(image, 140, 140), (std::array<int, 3>{0, 0, 0}));
    EXPECT_THROW(render_page(pdf, 1, 72), std::out_of_range);
    EXPECT_THROW(render_page(pdf, -1, 72), std::out_of_range);
}

TEST_F(PdfOracle, extract_text_returns_kazakh_text)
{
    std::string text = extract_text(pdf);
    EXPECT_NE(text.find(greeting), std::string::npos) << text;
    EXPECT_EQ(normalize_space(text), greeting);
}

TEST_F(PdfOracle, extract_text_keeps_side_by_side_panels_whole_and_joins_pages)
{
    std::string path = (dir / "panels.pdf").string();
    auto panels = [](cairo_t* cairo) {
        show_text(cairo, 10, 40, "бірінші");
        show_text(cairo, 10, 60, "панель");
        show_text(cairo, 110, 40, "екінші");
        show_text(cairo, 110, 60, "панель");
    };
    auto second_page = [](cairo_t* cairo) { show_text(cairo, 10, 40, "соңы"); };
    make_pdf(path, {panels, second_page});
    ASSERT_EQ(page_count(path), 2);
    // Physical layout would read "бірінші екінші панель панель".
    EXPECT_EQ(normalize_space(extract_text(path)), "бірінші панель екінші панель соңы");
    EXPECT_EQ(extract_text(path), "бірінші\nпанель\nекінші\nпанель\n\nсоңы\n");
}

TEST_F(PdfOracle, compare_of_image_with_itself_finds_no_difference)
{
    Image image = render_page(pdf, 0, 72);
    Comparison comparison = compare(image, image, 0);
    EXPECT_TRUE(comparison.same_size);
    EXPECT_EQ(comparison.differing_pixels, 0);
    EXPECT_EQ(comparison.max_channel_delta, 0);
    EXPECT_EQ(comparison.first_x, -1);
    EXPECT_EQ(comparison.first_y, -1);
}

TEST_F(PdfOracle, compare_finds_one_changed_pixel_and_its_place)
{
    Image expected = render_page(pdf, 0, 72);
    Image actual = expected;
    set_pixel(actual, 150, 41, {255, 200, 255});  // paper white, green lowered by 55
    Comparison comparison = compare(actual, expected, 2);
    EXPECT_TRUE(comparison.same_size);
    EXPECT_EQ(comparison.differing_pixels, 1);
    EXPECT_EQ(comparison.max_channel_delta, 55);
    EXPECT_EQ(comparison.first_x, 150);
    EXPECT_EQ(comparison.first_y, 41);
}

TEST_F(PdfOracle, compare_tolerance_is_exclusive_bound)
{
    Image expected = solid(4, 3, 100);
    Image actual = expected;
    set_pixel(actual, 2, 1, {103, 100, 100});
    EXPECT_EQ(compare(actual, expected, 3).differing_pixels, 0);
    EXPECT_EQ(compare(actual, expected, 2).differing_pixels, 1);
}

TEST_F(PdfOracle, compare_counts_size_change_as_difference)
{
    Comparison comparison = compare(solid(3, 2, 0), solid(2, 2, 0), 0);
    EXPECT_FALSE(comparison.same_size);
    EXPECT_EQ(comparison.differing_pixels, 2);  // column x = 2 exists only in actual
    EXPECT_EQ(comparison.max_channel_delta, 255);
    EXPECT_EQ(comparison.first_x, 2);
    EXPECT_EQ(comparison.first_y, 0);
}

TEST_F(PdfOracle, diff_image_marks_difference_red_and_fades_the_rest)
{
    Image expected = solid(3, 1, 0);
    Image actual = expected;
    set_pixel(actual, 1, 0, {255, 255, 255});
    Image diff = diff_image(actual, expected, 0);
    ASSERT_EQ(diff.width, 3);
    ASSERT_EQ(diff.height, 1);
    EXPECT_EQ(pixel(diff, 1, 0), (std::array<int, 3>{255, 0, 0}));
    // Black fades to light grey: 255 - 255 / 4.
    EXPECT_EQ(pixel(diff, 0, 0), (std::array<int, 3>{192, 192, 192}));
}

TEST_F(PdfOracle, png_round_trip_is_exact)
{
    Image image = render_page(pdf, 0, 72);
    set_pixel(image, 1, 2, {12, 34, 56});
    std::string path = (dir / "nested" / "deeper" / "page.png").string();
    write_png(image, path);
    Image back = read_png(path);
    EXPECT_EQ(back.width, image.width);
    EXPECT_EQ(back.height, image.height);
    EXPECT_EQ(back.rgb, image.rgb);
}

TEST_F(PdfOracle, read_png_throws_on_missing_or_corrupt_file)
{
    EXPECT_THROW(read_png((dir / "missing.png").string()), std::runtime_error);
    EXPECT_THROW(read_png(pdf), std::runtime_error);
}

TEST_F(PdfOracle, matches_golden_fails_with_paths_count_and_first_pixel)
{
    fs::path golden_dir = dir / "golden";
    fs::path output_dir = dir / "test-output";
    Image golden = render_page(pdf, 0, 72);
    write_png(golden, (golden_dir / "square.p1.png").string());
    Image actual = golden;
    set_pixel(actual, 150, 41, {0, 0, 0});
    set_pixel(actual, 151, 41, {0, 0, 0});

    ::testing::AssertionResult result
        = matches_golden(actual, golden_dir.string(), "square.p1", output_dir.string(), 2, 1);
    ASSERT_FALSE(result);
    std::string message = result.message();
    std::string actual_path = (output_dir / "square.p1.actual.png").string();
    std::string diff_path = (output_dir / "square.p1.diff.png").string();
    EXPECT_NE(message.find(".diff.png"), std::string::npos) << message;
    EXPECT_NE(message.find(diff_path), std::string::npos) << message;
    EXPECT_NE(message.find(actual_path), std::string::npos) << message;
    EXPECT_NE(message.find("2 differing pixels"), std::string::npos) << message;
    EXPECT_NE(message.find("max channel delta 255"), std::string::npos) << message;
    EXPECT_NE(message.find("(150, 41)"), std::string::npos) << message;
    ASSERT_TRUE(fs::exists(actual_path));
    ASSERT_TRUE(fs::exists(diff_path));
    EXPECT_EQ(read_png(actual_path).rgb, actual.rgb);
    EXPECT_EQ(pixel(read_png(diff_path), 150, 41), (std::array<int, 3>{255, 0, 0}));

    // Within the allowance it passes and clears the stale outputs.
    EXPECT_TRUE(matches_golden(actual, golden_dir.string(), "square.p1", output_dir.string(), 2, 2));
    EXPECT_FALSE(fs::exists(actual_path));
    EXPECT_FALSE(fs::exists(diff_path));
}

TEST_F(PdfOracle, matches_golden_fails_when_golden_is_missing)
{
    Image actual = render_page(pdf, 0, 72);
    ::testing::AssertionResult result
        = matches_golden(actual, (dir / "golden").string(), "absent", (dir / "out").string(), 2, 0);
    ASSERT_FALSE(result);
    EXPECT_NE(std::string(result.message()).find("LEAFLET_UPDATE_GOLDENS=1"), std::string::npos);
    EXPECT_TRUE(fs::exists(dir / "out" / "absent.actual.png"));
    EXPECT_TRUE(fs::exists(dir / "out" / "absent.diff.png"));
}

TEST_F(PdfOracle, matches_golden_writes_golden_under_update_switch)
{
    fs::path golden_dir = dir / "golden";
    Image actual = render_page(pdf, 0, 72);
    {
        ScopedEnv update("LEAFLET_UPDATE_GOLDENS", "1");
        EXPECT_TRUE(matches_golden(actual, golden_dir.string(), "square.p1", (dir / "out").string(), 2, 0));
    }
    ASSERT_TRUE(fs::exists(golden_dir / "square.p1.png"));
    EXPECT_EQ(read_png((golden_dir / "square.p1.png").string()).rgb, actual.rgb);
    EXPECT_FALSE(fs::exists(dir / "out" / "square.p1.diff.png"));
    // Without the switch the fresh golden is now the reference.
    EXPECT_TRUE(matches_golden(actual, golden_dir.string(), "square.p1", (dir / "out").string(), 0, 0));
}

TEST(normalize_space, collapses_unicode_spaces_and_drops_soft_hyphens)
{
    EXPECT_EQ(normalize_space("  Сәлем\n\t әлем  "), "Сәлем әлем");
    EXPECT_EQ(normalize_space("10\u00A0мм және\u202F5"), "10 мм және 5");
    EXPECT_EQ(normalize_space("қа\u00ADзақ \u00AD тілі"), "қазақ тілі");
    EXPECT_EQ(normalize_space("\u00AD\n\u00A0"), "");
    EXPECT_EQ(normalize_space("тұл\u00AD\nға бар"), "тұлға бар");  // hyphenated at a line end
    EXPECT_EQ(normalize_space("тұл\u2011\nға бар"), "тұл\u2011 ға бар");  // a visible hyphen is text
    EXPECT_EQ(normalize_space(""), "");
}

TEST(comparable_text, joins_words_broken_at_hyphens_and_slashes)
{
    // A compound broken after its hyphen, a soft hyphen drawn as '-', a slash.
    EXPECT_EQ(comparable_text("зорлық-\nзомбылық, тұл-\nға, күні/\nжасы"), "зорлықзомбылық, тұлға, күні/жасы");
    EXPECT_EQ(comparable_text("зорлық-зомбылық, тұлға, күні/жасы"), "зорлықзомбылық, тұлға, күні/жасы");
    EXPECT_NE(comparable_text("тұл ға"), comparable_text("тұлға"));
}

}  // namespace
}  // namespace leaflet::test
