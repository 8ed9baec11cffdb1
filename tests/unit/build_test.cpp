// The general leaflet end to end: build, then read the PDF back with QPDF
// and Poppler as a print shop and a reader would.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "load/load.hpp"
#include "pdf_oracle.hpp"
#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::test {
namespace {

// Builds the general leaflet in every format, with the layout dump, into
// `out`; returns the number of warnings.
int build_general(const std::string& out)
{
    BuildOptions options;
    options.leaflets = {"general"};
    options.out = out;
    options.dump_layout = true;
    Diagnostics diagnostics;
    build(repository(), options, diagnostics);
    return diagnostics.warning_count();
}

class GeneralLeaflet : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        out_ = process_dir("general-build").string();
        warnings_ = build_general(out_);
    }

    static void TearDownTestSuite() { std::filesystem::remove_all(out_); }

    static std::string pdf() { return out_ + "/print/general.pdf"; }

    static inline std::string out_;
    static inline int warnings_ = 0;
};

std::vector<double> box(QPDFObjectHandle page, const char* key)
{
    std::vector<double> numbers;
    for (auto& item : page.getKey(key).getArrayAsVector()) numbers.push_back(item.getNumericValue());
    return numbers;
}

TEST_F(GeneralLeaflet, BuildsWithoutWarnings)
{
    EXPECT_EQ(warnings_, 0);
}

TEST_F(GeneralLeaflet, PageBoxesAreTrimInsideBleedInsideMedia)
{
    QPDF qpdf;
    qpdf.processFile(pdf().c_str());
    const auto pages = QPDFPageDocumentHelper(qpdf).getAllPages();
    ASSERT_EQ(pages.size(), 2u);  // outside, inside
    const double bleed = 3 * 72 / 25.4;
    for (const auto& page : pages) {
        auto object = page.getObjectHandle();
        const auto trim = box(object, "/TrimBox");
        const auto bleed_box = box(object, "/BleedBox");
        const auto media = box(object, "/MediaBox");
        ASSERT_EQ(trim.size(), 4u);
        ASSERT_EQ(bleed_box.size(), 4u);
        // 297 x 210 mm = 841.89 x 595.28 pt
        EXPECT_NEAR(trim[2] - trim[0], 841.89, 0.01);
        EXPECT_NEAR(trim[3] - trim[1], 595.28, 0.01);
        for (int i : {0, 1}) EXPECT_NEAR(trim[i] - bleed_box[i], bleed, 0.01);
        for (int i : {2, 3}) EXPECT_NEAR(bleed_box[i] - trim[i], bleed, 0.01);
        for (int i : {0, 1}) EXPECT_LT(media[i], bleed_box[i]);
        for (int i : {2, 3}) EXPECT_GT(media[i], bleed_box[i]);
        EXPECT_FALSE(object.hasKey("/Group"));
    }
}

TEST_F(GeneralLeaflet, EveryFontIsAnEmbeddedPtSansSubsetWithToUnicode)
{
    QPDF qpdf;
    qpdf.processFile(pdf().c_str());
    int fonts = 0;
    for (auto& page : QPDFPageDocumentHelper(qpdf).getAllPages()) {
        for (auto& [name, font] : page.getAttribute("/Resources", false).getKey("/Font").getDictAsMap()) {
            ++fonts;
            const std::string base = font.getKey("/BaseFont").getName();
            SCOPED_TRACE(base);
            // "/ABCDEF+PTSans-Regular": a subset of a manifest font
            EXPECT_EQ(base.substr(7, 8), "+PTSans-");
            EXPECT_TRUE(font.hasKey("/ToUnicode"));
            QPDFObjectHandle descriptor = font.getKey("/FontDescriptor");
            if (font.getKey("/Subtype").getName() == "/Type0")
                descriptor = font.getKey("/DescendantFonts").getArrayItem(0).getKey("/FontDescriptor");
            EXPECT_TRUE(descriptor.hasKey("/FontFile2"));
        }
    }
    EXPECT_GE(fonts, 2);
}

TEST_F(GeneralLeaflet, ExtractedTextHoldsEveryParagraphOfTheSource)
{
    const std::string text = comparable_text(extract_text(pdf()));
    const load::Document document =
        load::load(source_dir() + "/sources/general.xml", source_dir() + "/sources/schema/leaflet.rng", regions(),
                   source_dir() + "/sources");
    int checked = 0;
    std::function<void(const std::vector<load::Block>&)> visit = [&](const std::vector<load::Block>& blocks) {
        for (const load::Block& block : blocks) {
            visit(block.children);
            if (block.content.empty()) continue;
            const std::string paragraph = comparable_text(load::plain_text(block.content));
            EXPECT_NE(text.find(paragraph), std::string::npos) << "missing from the PDF: " << paragraph;
            ++checked;
        }
    };
    for (const load::Panel& panel : document.panels) visit(panel.blocks);
    EXPECT_GT(checked, 15);
}

TEST_F(GeneralLeaflet, PagesMatchTheirGoldenImages)
{
    for (int page = 0; page < 2; ++page) {
        const Image image = render_page(pdf(), page, 36);
        EXPECT_TRUE(matches_golden(image, golden_dir(), "general.p" + std::to_string(page + 1), output_dir(), 32, 0));
    }
}

TEST_F(GeneralLeaflet, LayoutTraceMatchesItsGolden)
{
    EXPECT_TRUE(matches_text_golden(read(out_ + "/layout/general.txt"), "general.frames.txt"));
}

// Every output (print and screen PDFs, previews, the layout dump) comes out
// the same, byte for byte, from a second build of the same inputs.
TEST_F(GeneralLeaflet, RebuildIsByteIdentical)
{
    const std::string again = scratch_dir().string();
    build_general(again);
    int compared = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out_)) {
        if (!entry.is_regular_file()) continue;
        const auto relative = std::filesystem::relative(entry.path(), out_);
        EXPECT_EQ(read(std::filesystem::path(again) / relative), read(entry.path())) << relative;
        ++compared;
    }
    EXPECT_EQ(compared, 5);  // print, screen, two previews, layout
}

TEST_F(GeneralLeaflet, PreviewsShowBothSidesAt150Dpi)
{
    for (const char* side : {"outside", "inside"}) {
        const Image preview = read_png(out_ + "/preview/general-" + std::string(side) + ".png");
        // The MediaBox, 325 x 238 mm (trim and 14 mm for bleed and marks each
        // side), at 150 dpi: 921.26 x 674.65 pt * 150 / 72.
        EXPECT_EQ(preview.width, 1919);
        EXPECT_EQ(preview.height, 1406);
        // The same pixels as Poppler gives for the print PDF's page.
        const Image page = render_page(pdf(), std::string(side) == "outside" ? 0 : 1, 150);
        EXPECT_EQ(compare(preview, page, 0).differing_pixels, 0) << side;
    }
}

// A build renders a preview again unless the PNG already there says it was
// made from the very PDF it would render (leaflets:made-from: the PDF's
// sha256, the resolution, Poppler's version, the page).
TEST_F(GeneralLeaflet, APreviewIsRenderedAgainUnlessItWasMadeFromThisVeryPdf)
{
    const std::filesystem::path again = scratch_dir();
    std::filesystem::copy(out_, again, std::filesystem::copy_options::recursive);
    const std::filesystem::path outside = again / "preview/general-outside.png";
    const std::filesystem::path inside = again / "preview/general-inside.png";
    // The inside says it is page 2 of this PDF, not page 1; the other is no PNG.
    std::filesystem::copy_file(out_ + "/preview/general-inside.png", outside,
                               std::filesystem::copy_options::overwrite_existing);
    write(inside, "not a PNG");
    build_general(again.string());
    EXPECT_EQ(read(outside), read(out_ + "/preview/general-outside.png"));
    EXPECT_EQ(read(inside), read(out_ + "/preview/general-inside.png"));

    // One that says so stands as it is, even with a pixel changed after.
    std::string bytes = read(outside);
    const std::size_t data = bytes.find("IDAT") + 100;
    ASSERT_LT(data, bytes.size());
    bytes[data] = static_cast<char>(bytes[data] ^ 0x01);
    write(outside, bytes);
    build_general(again.string());
    EXPECT_EQ(read(outside), bytes);
}

// A failed build names the culprit and leaves the previous PDF as it was.
class FailedBuild : public ::testing::Test {
protected:
    void SetUp() override
    {
        folder_ = scratch_dir();
        copy_of_repository(folder_);
        const RunResult first = run_leaflets("build general", folder_);
        ASSERT_EQ(first.status, 0) << first.err;
        before_ = read(folder_ / "out/print/general.pdf");
        ASSERT_FALSE(before_.empty());
    }

    void expect_unchanged() { EXPECT_EQ(read(folder_ / "out/print/general.pdf"), before_); }

    std::filesystem::path folder_;
    std::string before_;
};

TEST_F(FailedBuild, BrokenSourceExitsOneWithLineAndColumn)
{
    replace_in_file(folder_ / "sources/general.xml", "</title>", "</titl>");
    const RunResult run = run_leaflets("build", folder_);
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err.substr(0, 33), "sources/general.xml:48:31: error:") << run.err;
    expect_unchanged();
}

TEST_F(FailedBuild, MissingFontExitsOneNamingTheFile)
{
    replace_in_file(folder_ / "fonts/manifest.xml", "PTS75F.ttf", "PTS75X.ttf");
    const RunResult run = run_leaflets("build", folder_);
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err,
              "fonts/manifest.xml:12:3: error: font file '/usr/share/fonts/truetype/paratype/PTS75X.ttf' is missing "
              "(install the package the manifest names)\n");
    expect_unchanged();
}

// `count` more paragraphs at the top of general's inside-1 panel, which
// may copyfit if `copyfit`.
void crowd_inside_1(const std::filesystem::path& folder, int count, bool copyfit)
{
    std::string many;
    for (int i = 0; i < count; ++i)
        many += "    <p>Адам саудасы — ауыр қылмыс, ол адамның құқықтары мен бостандығын бұзады.</p>\n";
    replace_in_file(folder / "sources/general.xml", "  <panel role=\"inside-1\" valign=\"justify\">\n",
                    std::string("  <panel role=\"inside-1\" valign=\"justify\"") + (copyfit ? " copyfit=\"shrink\"" : "") +
                        ">\n" + many);
}

TEST_F(FailedBuild, OverflowExitsOneNamingPanelMillimetresAndFirstBlockThatDidNotFit)
{
    crowd_inside_1(folder_, 6, false);
    const RunResult run = run_leaflets("build general", folder_);
    EXPECT_EQ(run.status, 1);
    // Line 84: the first sign's pictogram, the first block that did not fit.
    EXPECT_EQ(run.err, "sources/general.xml:84:5: error: text overflows panel inside-1 by 20.1 mm\n");
    expect_unchanged();
}

TEST_F(FailedBuild, OverflowBeyondTheCopyfitMinimumSaysSo)
{
    crowd_inside_1(folder_, 6, true);
    const RunResult run = run_leaflets("build general", folder_);
    EXPECT_EQ(run.status, 1);
    // Line 84: even at 92 % the first sign's pictogram does not fit.
    EXPECT_EQ(run.err, "sources/general.xml:84:5: error: text overflows panel inside-1 by 6.4 mm even with its type "
                       "at the copyfit minimum of 92 %\n");
    expect_unchanged();
}

TEST(Copyfit, ShrinksTheTypeInStepsUntilThePanelFitsAndSaysHowFar)
{
    const auto folder = scratch_dir();
    copy_of_repository(folder);
    crowd_inside_1(folder, 5, true);
    const RunResult run = run_leaflets("build general --variant none --format print --dump-layout", folder);
    ASSERT_EQ(run.status, 0) << run.err;
    // 100 % down to 97 % overflow; 96 % fits.
    EXPECT_EQ(run.err, "sources/general.xml:69:3: warning: copyfit: the type of panel inside-1 is set at 96 % of its "
                       "font size and leading to fit\n");
    const std::string dump = read(folder / "out/layout/general.txt");
    EXPECT_NE(dump.find("  panel inside-1 x 39.7 width 283.5 fill 0.99 scale 0.960\n"), std::string::npos) << dump;
    // Only that panel's type shrank: no panel after it has a scale (the flap's
    // is its fill, 125 %), and the
    // lines of its first paragraph are 96 % of 11.4 pt apart.
    const std::size_t inside_2 = dump.find("  panel inside-2");
    ASSERT_NE(inside_2, std::string::npos);
    EXPECT_EQ(dump.find(" scale ", inside_2), std::string::npos);
    const std::size_t body = dump.find("  text p body ", inside_2);
    ASSERT_NE(body, std::string::npos);
    std::istringstream rows(dump.substr(body));
    std::vector<std::string> baselines;  // the item's line rows, not its run rows
    for (std::string row; std::getline(rows, row) && baselines.size() < 2;)
        if (row.rfind("    ", 0) == 0 && row.rfind("      ", 0) != 0) baselines.push_back(row);
    ASSERT_EQ(baselines.size(), 2u);
    EXPECT_NEAR(std::stod(baselines[1]) - std::stod(baselines[0]), 11.4 * 0.96, 0.051) << baselines[0] << "\n"
                                                                                          << baselines[1];
    // --werror refuses the warning.
    EXPECT_EQ(run_leaflets("build general --variant none --format print --werror", folder).status, 1);
}

TEST(Cli, VersionHelpAndUsage)
{
    const auto folder = scratch_dir();
    const RunResult version = run_leaflets("--version", folder);
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.out, "leaflets " LEAFLETS_VERSION "\n");  // git describe --tags, or 0.1.0
    EXPECT_EQ(run_leaflets("--help", folder).status, 0);
    EXPECT_EQ(run_leaflets("", folder).status, 2);
    EXPECT_EQ(run_leaflets("build --no-such-option", folder).status, 2);
    EXPECT_EQ(run_leaflets("build --format pdf", folder).status, 2);
}

TEST(Cli, FormatTakesOneValueSoALeafletMayFollow)
{
    const auto out = scratch_dir() / "out";
    const RunResult run = run_leaflets("build --format print general --variant none --out " + out.string(), source_dir());
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out, "wrote " + (out / "print/general.pdf").string() + "\n");
}

TEST(Cli, UnknownLeafletIsAnInputError)
{
    const RunResult run = run_leaflets("build nosuch", source_dir());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "sources/nosuch.xml: error: no leaflet 'nosuch': the source file does not exist\n");
}

TEST(Cli, CheckWritesNothing)
{
    const auto folder = scratch_dir();
    copy_of_repository(folder);
    const RunResult run = run_leaflets("check", folder);
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_FALSE(std::filesystem::exists(folder / "out"));
}

}  // namespace
}  // namespace leaflet::test

namespace leaflet::test {
namespace {

// A copy of the repository's inputs that git sees as outside any checkout
// (GIT_CEILING_DIRECTORIES stops it at the scratch folder), with no
// SOURCE_DATE_EPOCH: each test is a process of its own, so the environment
// is this test's.
std::filesystem::path undated_copy()
{
    const auto folder = scratch_dir();
    copy_of_repository(folder);
    ::unsetenv("SOURCE_DATE_EPOCH");
    ::setenv("GIT_CEILING_DIRECTORIES", folder.parent_path().string().c_str(), 1);
    return folder;
}

TEST(Dates, WithoutSourceDateEpochTheLatestCommitDatesThePdfs)
{
    const auto folder = undated_copy();
    // git runs from the library with an argument vector, no shell.
    const std::string commit = "cd '" + folder.string() +
                               "' && git init -q && GIT_COMMITTER_DATE='@1600000000 +0000' git -c user.name=t "
                               "-c user.email=t@example.org commit -q --allow-empty -m dated";
    ASSERT_EQ(std::system(commit.c_str()), 0);
    const RunResult run = run_leaflets("build general --variant none --format print", folder);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    // 1600000000: 2020-09-13 12:26:40 UTC.
    EXPECT_NE(read(folder / "out/print/general.pdf").find("/CreationDate (D:20200913122640Z)"), std::string::npos);
}

TEST(Dates, OutsideAGitCheckoutAWarningNamesTheDateUsed)
{
    const auto folder = undated_copy();
    const RunResult run = run_leaflets("build general --variant none --format print", folder);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "SOURCE_DATE_EPOCH: warning: not set, and '.' is not in a git checkout with a commit: every "
                       "date in the PDFs is 1970-01-01 00:00:00 UTC\n");
    EXPECT_NE(read(folder / "out/print/general.pdf").find("/CreationDate (D:19700101000000Z)"), std::string::npos);
    EXPECT_EQ(run_leaflets("build general --variant none --format print --werror", folder).status, 1);
}

// A watching process builds with a cache: the inputs stay loaded until a
// file of theirs changes, and every build still gives every warning.
TEST(BuildCache, KeepsTheInputsUntilAFileOfThemChangesAndGivesEveryWarningEachBuild)
{
    const auto folder = scratch_dir();
    const Project project = copy_of_repository(folder);
    BuildOptions options;
    options.leaflets = {"general"};
    options.variants = VariantSelection::parse("none");
    options.formats = {Format::print};
    options.out = (folder / "out").string();
    BuildCache cache;
    const auto warnings = [&] {
        Diagnostics diagnostics;
        build(project, options, diagnostics, &cache);
        std::vector<std::string> found;
        for (const Diagnostic& diagnostic : diagnostics.all())
            if (diagnostic.severity == Severity::warning) found.push_back(format(diagnostic));
        return found;
    };
    EXPECT_EQ(warnings(), std::vector<std::string>{});
    const Inputs* loaded = cache.inputs.get();
    ASSERT_NE(loaded, nullptr);

    // A source's double space: found once, given by each build after.
    replace_in_file(folder / "sources/general.xml", ">ЖАДЫНАМА</h1>", ">ЖАДЫ  НАМА</h1>");
    const std::vector<std::string> once = warnings();
    ASSERT_EQ(once.size(), 1u);
    EXPECT_NE(once[0].find("sources/general.xml:52:"), std::string::npos) << once[0];
    EXPECT_EQ(warnings(), once) << "from the cache";
    EXPECT_EQ(cache.inputs.get(), loaded) << "a leaflet's source is no input";

    // A variant's warning comes from loading the inputs: given again, as kept.
    replace_in_file(folder / "sources/variants/akmola.xml", "region=\"akmola\"", "region=\"ulytau\"");
    const std::vector<std::string> with_variant = warnings();
    EXPECT_NE(cache.inputs.get(), loaded) << "a variant file changed: loaded again";
    ASSERT_EQ(with_variant.size(), 2u) << ::testing::PrintToString(with_variant);
    EXPECT_EQ(warnings(), with_variant);

    loaded = cache.inputs.get();
    write(folder / "styles/default.xml", read(folder / "styles/default.xml") + "<!-- saved again -->\n");
    warnings();
    EXPECT_NE(cache.inputs.get(), loaded) << "the style sheet changed: loaded again";
}

}  // namespace
}  // namespace leaflet::test
