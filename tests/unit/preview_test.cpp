// preview: a print PDF's pages as PNGs, rendered whole, or only where they
// differ from pages rendered before (a variant's from its base's).
#include "preview/preview.hpp"

#include <gtest/gtest.h>

#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

class Preview : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        const Project project = repository();
        Diagnostics diagnostics;
        const Inputs inputs = load_inputs(project, diagnostics);
        pdf_ = new std::string(make_leaflet(project, inputs, project.source("general"), nullptr, diagnostics).pdf);
        const std::filesystem::path folder = process_dir("preview");
        write(folder / "general.pdf", *pdf_);
        for (int page = 0; page < 2; ++page)
            whole_[page] = new Image(render_page((folder / "general.pdf").string(), page, 150));
    }

    static void TearDownTestSuite()
    {
        for (Image*& page : whole_) delete page;
        delete pdf_;
    }

    // The PNG's pixels.
    static Image decoded(const std::string& png)
    {
        const std::filesystem::path file = scratch_dir() / "page.png";
        write(file, png);
        return read_png(file.string());
    }

    static const std::uint8_t* pixel(const Image& image, int x, int y)
    {
        return &image.rgb[(static_cast<std::size_t>(y) * image.width + x) * 3];
    }

    static inline std::string* pdf_ = nullptr;
    static inline Image* whole_[2] = {};
};

TEST_F(Preview, RendersEachPageWholeAndKeepsItsPixelsIfAsked)
{
    std::vector<preview::Raster> rasters;
    preview::Options options;
    options.rasters = &rasters;
    const std::vector<std::string> pngs = preview::preview(*pdf_, 150, options);
    ASSERT_EQ(pngs.size(), 2u);
    ASSERT_EQ(rasters.size(), 2u);
    for (int page = 0; page < 2; ++page) {
        const Image image = decoded(pngs[page]);
        EXPECT_EQ(compare(image, *whole_[page], 0).differing_pixels, 0) << page;
        EXPECT_EQ(rasters[page].width, image.width);
        EXPECT_EQ(rasters[page].height, image.height);
        EXPECT_TRUE(rasters[page].rgb == image.rgb) << page;
    }
}

// Given other pages (here: black ones) and where this PDF's first page
// differs from them (one area), only that area of it is rendered, exactly
// as the whole page has it; the rest is the other page's. The second page,
// with no areas known, is rendered whole.
TEST_F(Preview, RendersOnlyTheAreasThatDifferAndTakesTheRestFromTheOtherPages)
{
    std::vector<preview::Raster> black(2);
    for (int page = 0; page < 2; ++page) {
        black[page].width = whole_[page]->width;
        black[page].height = whole_[page]->height;
        black[page].rgb.assign(whole_[page]->rgb.size(), 0);
    }
    preview::Like like;
    like.pages = &black;
    like.differs = {std::vector<preview::Area>{{100.1, 100.1, 200, 50}}, std::nullopt};
    preview::Options options;
    options.like = &like;
    const std::vector<std::string> pngs = preview::preview(*pdf_, 150, options);
    ASSERT_EQ(pngs.size(), 2u);
    const Image first = decoded(pngs[0]);
    ASSERT_EQ(first.width, whole_[0]->width);
    // 100.1..300.1 x 100.1..150.1 pt at 150 dpi: pixels 208.5..625.2 x
    // 208.5..312.7, whole pixels of them, and one more around.
    int rendered = 0;
    for (int y = 0; y < first.height; ++y)
        for (int x = 0; x < first.width; ++x) {
            const bool inside = x >= 207 && x < 627 && y >= 207 && y < 314;
            const std::uint8_t* expected = inside ? pixel(*whole_[0], x, y) : black[0].rgb.data();
            ASSERT_TRUE(std::equal(expected, expected + 3, pixel(first, x, y))) << x << "," << y;
            rendered += inside;
        }
    EXPECT_EQ(rendered, 420 * 107);
    EXPECT_EQ(compare(decoded(pngs[1]), *whole_[1], 0).differing_pixels, 0);
}

// Other pages of another size say nothing about this PDF's: it is rendered whole.
TEST_F(Preview, OtherPagesOfAnotherSizeAreNotUsed)
{
    std::vector<preview::Raster> smaller(1);
    smaller[0].width = whole_[0]->width - 1;
    smaller[0].height = whole_[0]->height;
    smaller[0].rgb.assign(static_cast<std::size_t>(smaller[0].width) * smaller[0].height * 3, 0);
    preview::Like like;
    like.pages = &smaller;
    like.differs = {std::vector<preview::Area>{}};
    preview::Options options;
    options.like = &like;
    const std::vector<std::string> pngs = preview::preview(*pdf_, 150, options);
    EXPECT_EQ(compare(decoded(pngs[0]), *whole_[0], 0).differing_pixels, 0);
}

// A build renders a variant's pages only where they differ from its base's
// (the inside: its slug line): its previews are still the very pixels of
// its own print PDF.
TEST(VariantPreviews, AreThePixelsOfTheirOwnPrintPdf)
{
    const std::filesystem::path out = scratch_dir();
    BuildOptions options;
    options.leaflets = {"contacts"};
    options.variants = VariantSelection::parse("all");
    options.formats = {Format::print, Format::preview};
    options.out = out.string();
    Diagnostics diagnostics;
    build(repository(), options, diagnostics);
    int compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out / "print")) {
        const std::string name = entry.path().stem().string();
        for (int page = 0; page < 2; ++page) {
            const Image preview =
                read_png((out / "preview" / (name + (page == 0 ? "-outside" : "-inside") + ".png")).string());
            const Image whole = render_page(entry.path().string(), page, 150);
            EXPECT_EQ(compare(preview, whole, 0).differing_pixels, 0) << name << " page " << page + 1;
            ++compared;
        }
    }
    EXPECT_EQ(compared, 32);  // the base and its 15 variants
}

}  // namespace
}  // namespace leaflet::test
