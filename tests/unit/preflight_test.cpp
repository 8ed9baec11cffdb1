// preflight: passes the finished general leaflet, and finds each failing
// condition in a deliberately bad PDF made here (Cairo, Pango with the
// repository's fonts, or QPDF by hand), with the exact finding. Independent
// tools (qpdf --check, Ghostscript, pdffonts) agree on the finished PDF.
#include "preflight/preflight.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <sys/wait.h>

#include "art/art.hpp"
#include "c/cairo.hpp"
#include "c/fontconfig.hpp"
#include "c/pango.hpp"
#include "diag/diag.hpp"
#include "finish/finish.hpp"
#include "job.hpp"
#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::preflight {
namespace {

using test::repository;

// --- the general leaflet, finished for print as job.cpp does ---------------

finish::Box pdf_box(const layout::Page& page, const layout::Rect& rect)
{
    return {rect.x, page.height - (rect.y + rect.height), rect.x + rect.width, page.height - rect.y};
}

std::vector<resolve::Colour> palette_of(const resolve::Stylesheet& styles)
{
    std::vector<resolve::Colour> palette;
    for (const auto& [name, colour] : styles.swatches) palette.push_back(colour);
    return palette;
}

std::vector<finish::PageBoxes> boxes_of(const layout::Frames& frames)
{
    std::vector<finish::PageBoxes> boxes;
    for (const layout::Page& page : frames.pages) {
        finish::PageBoxes page_boxes{pdf_box(page, page.trim), pdf_box(page, page.bleed)};
        // A fold is every panel edge but the sheet's left edge.
        std::vector<Pt> edges;
        for (const layout::PanelFrame& panel : page.panels) edges.push_back(panel.trim.x);
        std::sort(edges.begin(), edges.end());
        if (!edges.empty()) page_boxes.folds.assign(edges.begin() + 1, edges.end());
        page_boxes.safe_zone = mm(5);
        boxes.push_back(page_boxes);
    }
    return boxes;
}

finish::Metadata metadata_of(const layout::Frames& frames, long long epoch)
{
    finish::Metadata metadata;
    metadata.title = frames.title;
    metadata.language = "kk-KZ";
    metadata.creator = "leaflets test";
    metadata.epoch = epoch;
    return metadata;
}

struct General {
    std::string pdf;  // finished for print
    std::string path; // written to the process's folder, for the outside tools
};

const General& general()
{
    static const General built = [] {
        const Project project = repository();
        Diagnostics diagnostics;
        const Inputs inputs = load_inputs(project, diagnostics);
        const Product product = make_leaflet(project, inputs, project.source("general"), nullptr, diagnostics);
        General result;
        result.pdf = finish::finish(render::render_pdf(product.frames), boxes_of(product.frames),
                                    metadata_of(product.frames, inputs.epoch), finish::Mode::print,
                                    palette_of(inputs.styles));
        result.path = (test::process_dir("preflight") / "general.pdf").string();
        test::write(result.path, result.pdf);
        return result;
    }();
    return built;
}

// --- helpers for bad PDFs ---------------------------------------------------

// Sheet as in styles/default.xml: 297 x 210 mm trim, 3 mm bleed, 14 mm slug.
constexpr Pt slug = mm(14);
constexpr Pt media_width = mm(297) + slug * 2;
constexpr Pt media_height = mm(210) + slug * 2;

const resolve::Colour black{"black", 0, 0, 0, 1, {0, 0, 0}};

finish::PageBoxes sheet_boxes()
{
    const finish::Box trim{slug, slug, slug + mm(297), slug + mm(210)};
    const finish::Box bleed{trim.left - mm(3), trim.bottom - mm(3), trim.right + mm(3), trim.top + mm(3)};
    return {trim, bleed, {trim.left + mm(97), trim.left + mm(197)}, mm(5)};
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// One sheet-sized page drawn by `draw` (Cairo's y down, origin at the
// MediaBox's top left).
std::string cairo_page(const std::function<void(cairo_t*)>& draw)
{
    std::string bytes;
    c::CairoSurface surface(cairo_pdf_surface_create_for_stream(append, &bytes, media_width.value, media_height.value));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_4);
    {
        c::Cairo cairo(cairo_create(surface.get()));
        draw(cairo.get());
        cairo_show_page(cairo.get());
    }
    cairo_surface_finish(surface.get());
    EXPECT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
    return bytes;
}

// "Сәлем" in PT Sans (from fonts/, as the build uses) at `size`, its
// top-left corner `x`, `y` from the trim's top-left corner, finished for
// print.
std::string text_page(Pt size, Pt x, Pt y)
{
    // Pango's Cairo font map on the manifest's fonts alone: this PDF is
    // drawn by Pango itself, not by the generator's renderer.
    static const c::GObject<PangoFontMap> font_map = [] {
        const auto fonts = resolve::load_fonts(repository().path("fonts/manifest.xml"));
        const c::FcConfigHandle config(FcConfigCreate());
        for (const resolve::FontFile& file : fonts->files())
            FcConfigAppFontAddFile(config.get(), reinterpret_cast<const FcChar8*>(file.path.c_str()));
        c::GObject<PangoFontMap> map(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map.get()), config.get());
        return map;
    }();
    const std::string drawn = cairo_page([&](cairo_t* cairo) {
        c::GObject<PangoContext> context(pango_font_map_create_context(font_map.get()));
        pango_cairo_update_context(cairo, context.get());
        c::GObject<PangoLayout> layout(pango_layout_new(context.get()));
        c::PangoFontDescriptionHandle font(pango_font_description_from_string("PT Sans"));
        pango_font_description_set_absolute_size(font.get(), size.value * PANGO_SCALE);
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_text(layout.get(), "Сәлем", -1);
        cairo_set_source_rgb(cairo, 0, 0, 0);
        cairo_move_to(cairo, (slug + x).value, (slug + y).value);
        pango_cairo_show_layout(cairo, layout.get());
    });
    finish::Metadata metadata;
    metadata.title = "test";
    return finish::finish(drawn, {sheet_boxes()}, metadata, finish::Mode::print, {black});
}

// A one-page PDF made by hand with QPDF: `content` on a sheet-sized page
// with TrimBox and BleedBox, `fonts` as its /Font resources, and the
// PDF/X keys, so that only what `content` breaks is found.
std::string qpdf_page(const std::string& content, QPDFObjectHandle (*fonts)(QPDF&) = nullptr)
{
    QPDF pdf;
    pdf.emptyPDF();
    auto page = QPDFObjectHandle::parse(fmt::format("<< /Type /Page /MediaBox [0 0 {:.4f} {:.4f}] >>",
                                                    media_width.value, media_height.value));
    const auto boxes = sheet_boxes();
    page.replaceKey("/TrimBox", QPDFObjectHandle::parse(fmt::format("[{:.4f} {:.4f} {:.4f} {:.4f}]",
                                                                    boxes.trim.left.value, boxes.trim.bottom.value,
                                                                    boxes.trim.right.value, boxes.trim.top.value)));
    page.replaceKey("/BleedBox", QPDFObjectHandle::parse(fmt::format("[{:.4f} {:.4f} {:.4f} {:.4f}]",
                                                                     boxes.bleed.left.value, boxes.bleed.bottom.value,
                                                                     boxes.bleed.right.value, boxes.bleed.top.value)));
    page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
    auto resources = QPDFObjectHandle::newDictionary();
    if (fonts) resources.replaceKey("/Font", fonts(pdf));
    page.replaceKey("/Resources", resources);
    QPDFPageDocumentHelper(pdf).addPage(pdf.makeIndirectObject(page), false);
    pdf.getRoot().replaceKey("/OutputIntents",
                             QPDFObjectHandle::parse("[<< /Type /OutputIntent /S /GTS_PDFX "
                                                     "/OutputConditionIdentifier (FOGRA39) >>]"));
    pdf.getTrailer().replaceKey(
        "/Info", pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /GTS_PDFXVersion (PDF/X-1:2001) /Trapped /False >>")));
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setStaticID(true);  // a fixed /ID: tests only
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

// Rewrites the finished general leaflet through `edit`.
std::string edited_general(const std::function<void(QPDF&)>& edit)
{
    const std::string& bytes = general().pdf;
    QPDF pdf;
    pdf.processMemoryFile("general", bytes.data(), bytes.size());
    edit(pdf);
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

std::vector<std::string> lines(const Report& report)
{
    std::vector<std::string> result;
    for (const Finding& finding : report.findings)
        result.push_back(fmt::format("page {}: {}: {}", finding.page, name(finding.check), finding.message));
    return result;
}

bool has(const Report& report, const std::string& line)
{
    const auto all = lines(report);
    return std::find(all.begin(), all.end(), line) != all.end();
}

std::string joined(const Report& report)
{
    std::string text;
    for (const auto& line : lines(report)) text += line + "\n";
    return text;
}

// --- the real leaflet ---------------------------------------------------------

TEST(Preflight, GeneralLeafletPasses)
{
    const Report report = preflight(general().path, Kind::print);
    EXPECT_TRUE(report.passed()) << joined(report);
    EXPECT_EQ(format_text({report}), general().path + ": passed\n");
}

TEST(Preflight, GeneralLeafletPassesAsScreen)
{
    const Report report = preflight_bytes(general().pdf, "general.pdf", Kind::screen);
    EXPECT_TRUE(report.passed()) << joined(report);
}

// --- one bad PDF per condition --------------------------------------------------

TEST(Preflight, FindsRgbInAnUnfinishedCairoPdf)
{
    const std::string drawn = cairo_page([](cairo_t* cairo) {
        cairo_set_source_rgb(cairo, 0, 0, 0);
        cairo_rectangle(cairo, 100, 100, 50, 50);
        cairo_fill(cairo);
    });
    const Report report = preflight_bytes(drawn, "cairo.pdf", Kind::print);
    EXPECT_TRUE(has(report, "page 1: rgb-colour: RGB colour 0 0 0 rg")) << joined(report);
    EXPECT_TRUE(has(report, "page 0: output-intent: no OutputIntent with /S /GTS_PDFX")) << joined(report);
    EXPECT_TRUE(has(report, "page 0: pdfx-keys: Info has no /GTS_PDFXVersion")) << joined(report);
    EXPECT_TRUE(has(report, "page 1: boxes: no TrimBox")) << joined(report);
    EXPECT_TRUE(has(report, "page 1: boxes: no BleedBox")) << joined(report);
    EXPECT_TRUE(has(report, "page 1: transparency: the page has a transparency group")) << joined(report);
    // A screen PDF is RGB by design.
    const Report screen = preflight_bytes(drawn, "cairo.pdf", Kind::screen);
    EXPECT_TRUE(screen.passed()) << joined(screen);
}

TEST(Preflight, FindsRgbColourSpaceAndImage)
{
    const std::string drawn = cairo_page([](cairo_t* cairo) {
        // Red and blue pixels: Cairo writes a grey or one-colour image in a
        // smaller space.
        c::CairoSurface image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4));
        {
            c::Cairo painter(cairo_create(image.get()));
            cairo_set_source_rgb(painter.get(), 1, 0, 0);
            cairo_paint(painter.get());
            cairo_set_source_rgb(painter.get(), 0, 0, 1);
            cairo_rectangle(painter.get(), 0, 0, 2, 2);
            cairo_fill(painter.get());
        }
        cairo_surface_flush(image.get());
        cairo_set_source_surface(cairo, image.get(), 100, 100);
        cairo_paint(cairo);
    });
    const Report report = preflight_bytes(drawn, "image.pdf", Kind::print);
    bool image = false;
    for (const Finding& finding : report.findings)
        image = image || (finding.check == Check::rgb_colour && finding.message.rfind("image /", 0) == 0
                          && finding.message.find(" is RGB") != std::string::npos);
    EXPECT_TRUE(image) << joined(report);
}

TEST(Preflight, FindsAPageWithoutTrimBox)
{
    const std::string bad = edited_general([](QPDF& pdf) {
        QPDFPageDocumentHelper(pdf).getAllPages().at(0).getObjectHandle().removeKey("/TrimBox");
    });
    const Report report = preflight_bytes(bad, "no-trim.pdf", Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{"page 1: boxes: no TrimBox"});
}

TEST(Preflight, FindsBleedNotContainingTrim)
{
    const std::string bad = edited_general([](QPDF& pdf) {
        auto page = QPDFPageDocumentHelper(pdf).getAllPages().at(1).getObjectHandle();
        // The trim is [39.685 39.685 881.5748 634.9606]: a bleed 10 pt short on the right.
        page.replaceKey("/BleedBox", QPDFObjectHandle::parse("[31.1811 31.1811 871.5748 643.4646]"));
    });
    const Report report = preflight_bytes(bad, "bleed.pdf", Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{
                                 "page 2: boxes: BleedBox [31.18 31.18 871.57 643.46] does not contain TrimBox "
                                 "[39.69 39.69 881.57 634.96]"});
}

TEST(Preflight, FindsTextBelowSixPoints)
{
    // In the middle of the middle panel: only the size is wrong. The layout's
    // top-left corner is 100 mm below the trim's top, i.e. 110 mm above its
    // bottom; PT Sans descends 0.276 em and rises 1.018 em from the baseline.
    const Report report = preflight_bytes(text_page(Pt{5}, mm(140), mm(100)), "small.pdf", Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{"page 1: text-size: text at x 140.0..145.4 mm, "
                                                      "y 107.7..110.0 mm is 5 pt (minimum 6 pt)"});
    // The same text at 6 pt passes.
    const Report six = preflight_bytes(text_page(Pt{6}, mm(140), mm(100)), "six.pdf", Kind::print);
    EXPECT_TRUE(six.passed()) << joined(six);
}

TEST(Preflight, FindsTextInTheSafeZoneOfTheTrim)
{
    const Report report = preflight_bytes(text_page(Pt{9}, mm(2), mm(100)), "edge.pdf", Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{"page 1: safe-zone: text at x 2.0..11.1 mm, y 105.9..110.0 mm "
                                                      "is 2.0 mm from the left trim edge (safe zone 5.0 mm)"});
    // 6 mm from the trim is fine.
    EXPECT_TRUE(preflight_bytes(text_page(Pt{9}, mm(6), mm(100)), "ok.pdf", Kind::print).passed());
}

TEST(Preflight, FindsTextInTheSafeZoneOfAFold)
{
    // The first fold is at 97 mm; the text starts 1 mm after it.
    const Report report = preflight_bytes(text_page(Pt{9}, mm(98), mm(100)), "fold.pdf", Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{"page 1: safe-zone: text at x 98.0..107.1 mm, y 105.9..110.0 mm "
                                                      "is 1.0 mm from the fold at 97.0 mm (safe zone 5.0 mm)"});
}

QPDFObjectHandle helvetica(QPDF& pdf)
{
    auto fonts = QPDFObjectHandle::newDictionary();
    fonts.replaceKey("/F1", pdf.makeIndirectObject(QPDFObjectHandle::parse(
                                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")));
    return fonts;
}

TEST(Preflight, FindsAFontNotEmbedded)
{
    // 12 pt in the middle of the sheet (x 300 pt, y 300 pt).
    const Report report =
        preflight_bytes(qpdf_page("0 0 0 1 k BT /F1 12 Tf 300 300 Td (Hello) Tj ET\n", helvetica), "helvetica.pdf",
                        Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{"page 1: font-not-embedded: font /F1 (Helvetica) is not embedded"});
}

TEST(Preflight, FindsTotalInkAbove300Percent)
{
    const Report report = preflight_bytes(qpdf_page("1 1 1 1 k 300 300 100 100 re f\n"), "ink.pdf", Kind::print);
    EXPECT_EQ(lines(report),
              std::vector<std::string>{"page 1: total-ink: fill colour 1 1 1 1 k has 400 % ink (maximum 300 %)"});
    // A stroke's colour counts too, and only a stroke's: the fill stays 0 g.
    const Report stroked = preflight_bytes(qpdf_page("1 1 1 0.5 K 300 300 m 400 400 l S\n"), "stroke.pdf", Kind::print);
    EXPECT_EQ(lines(stroked),
              std::vector<std::string>{"page 1: total-ink: stroke colour 1 1 1 0.5 K has 350 % ink (maximum 300 %)"});
    // 300 % is allowed, and registration outside the bleed (marks) too.
    EXPECT_TRUE(preflight_bytes(qpdf_page("1 1 0.5 0.5 k 300 300 100 100 re f\n1 1 1 1 k 1 1 10 10 re f\n"
                                          "1 1 1 1 K 1 1 m 10 10 l S\n"),
                                "marks.pdf", Kind::print)
                    .passed());
}

// tel:11616 as art/ encodes it (21 x 21 modules), one `re` per dark
// module, with its top-left corner at (x, y) of default user space and
// modules of `module` points, drawn after `ctm` (cm).
std::string qr_content(double x, double y, double module, const std::string& ctm = "")
{
    const auto code = art::qr("tel:11616", {});
    std::string content = "q " + ctm + " 0 0 0 1 k\n";
    for (int row = 0; row < code->modules; ++row)
        for (int column = 0; column < code->modules; ++column)
            if (code->dark[static_cast<std::size_t>(row * code->modules + column)])
                content += fmt::format("{:.3f} {:.3f} {:.3f} {:.3f} re\n", x + column * module,
                                       y - (row + 1) * module, module, module);
    return content + "f Q\n";
}

std::vector<std::string> qr_findings(const Report& report)
{
    std::vector<std::string> found;
    for (const auto& line : lines(report))
        if (line.find(": qr-module: ") != std::string::npos) found.push_back(line);
    return found;
}

TEST(Preflight, FindsAQrCodeWithModulesUnderHalfAMillimetre)
{
    // 0.49 mm modules, the code's top-left corner 50 mm right of the trim's
    // left edge (14 mm slug) and 100 mm above its bottom: 21 x 0.49 = 10.29 mm.
    const double module = mm(0.49).value, left = mm(64).value, top = mm(114).value;
    const Report report = preflight_bytes(qpdf_page(qr_content(left, top, module)), "qr.pdf", Kind::print);
    EXPECT_EQ(lines(report), std::vector<std::string>{"page 1: qr-module: QR code of 21 modules at x 50.0..60.3 mm, "
                                                      "y 89.7..100.0 mm has modules of 0.49 mm (minimum 0.50 mm)"});
    // Half a millimetre is enough.
    EXPECT_TRUE(preflight_bytes(qpdf_page(qr_content(left, top, mm(0.5).value)), "qr.pdf", Kind::print).passed());
    // Turned a quarter: the same code, the same modules.
    std::string turned = qr_content(0, 0, module, "0 1 -1 0 " + fmt::format("{:.4f} {:.4f} cm", mm(114).value, mm(64).value));
    const Report report_turned = preflight_bytes(qpdf_page(turned), "turned.pdf", Kind::print);
    EXPECT_EQ(qr_findings(report_turned).size(), 1u) << joined(report_turned);
    // A 21 x 21 grid of squares without finder patterns is no QR code.
    std::string checkers = "0 0 0 1 k\n";
    for (int row = 0; row < 21; ++row)
        for (int column = row % 2; column < 21; column += 2)
            checkers += fmt::format("{:.3f} {:.3f} {:.3f} {:.3f} re\n", left + column * module, top - row * module,
                                    module, module);
    EXPECT_TRUE(preflight_bytes(qpdf_page(checkers + "f\n"), "checkers.pdf", Kind::print).passed());
}

TEST(Preflight, FindsTheQrCodeOfAFinishedLeafletScaledDown)
{
    // The finished general leaflet passes; its pages drawn at 45 % of the
    // MediaBox's origin (as a print shop might fit the sheet to a smaller
    // one) put the hotline's code, 30 mm over 21 + 8 modules (1.03 mm), at
    // 0.47 mm; the position is measured from the TrimBox, which stays.
    ASSERT_TRUE(qr_findings(preflight_bytes(general().pdf, "general.pdf", Kind::print)).empty());
    const std::string scaled = edited_general([](QPDF& pdf) {
        for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            page.addPageContents(QPDFObjectHandle::newStream(&pdf, "q 0.45 0 0 0.45 0 0 cm\n"), true);
            page.addPageContents(QPDFObjectHandle::newStream(&pdf, "\nQ\n"), false);
        }
    });
    const Report report = preflight_bytes(scaled, "scaled.pdf", Kind::print);
    EXPECT_EQ(qr_findings(report),
              std::vector<std::string>{"page 1: qr-module: QR code of 21 modules at x 53.6..63.3 mm, y 11.7..21.5 mm "
                                       "has modules of 0.47 mm (minimum 0.50 mm)"});
}

TEST(Preflight, FindsTransparency)
{
    const std::string bad = qpdf_page("/G1 gs 0 0 0 1 k 300 300 100 100 re f\n");
    QPDF pdf;
    pdf.processMemoryFile("bad", bad.data(), bad.size());
    auto page = QPDFPageDocumentHelper(pdf).getAllPages().at(0).getObjectHandle();
    page.getKey("/Resources").replaceKey("/ExtGState", QPDFObjectHandle::parse("<< /G1 << /ca 0.5 >> >>"));
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setStaticID(true);
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    const std::string bytes(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    EXPECT_EQ(lines(preflight_bytes(bytes, "alpha.pdf", Kind::print)),
              std::vector<std::string>{"page 1: transparency: graphics state /G1 has /ca 0.5"});
}

TEST(Preflight, UnreadableFileIsAnIoError)
{
    try {
        preflight_bytes("not a pdf", "broken.pdf", Kind::print);
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::io);
    }
}

// --- reports ---------------------------------------------------------------------

TEST(Preflight, FormatsTextAndJson)
{
    const std::vector<Report> reports{
        {"out/print/a.pdf", {{Check::output_intent, 0, "no OutputIntent with /S /GTS_PDFX"},
                             {Check::safe_zone, 2, "text \"x\" is\tnear"}}},
        {"out/print/b.pdf", {}}};
    EXPECT_EQ(format_text(reports),
              "out/print/a.pdf: output-intent: no OutputIntent with /S /GTS_PDFX\n"
              "out/print/a.pdf: page 2: safe-zone: text \"x\" is\tnear\n"
              "out/print/a.pdf: 2 finding(s)\n"
              "out/print/b.pdf: passed\n");
    EXPECT_EQ(format_json(reports),
              "[\n"
              "  {\"file\": \"out/print/a.pdf\", \"passed\": false, \"findings\": [\n"
              "    {\"check\": \"output-intent\", \"page\": 0, \"message\": \"no OutputIntent with /S /GTS_PDFX\"},\n"
              "    {\"check\": \"safe-zone\", \"page\": 2, \"message\": \"text \\\"x\\\" is\\tnear\"}\n"
              "  ]},\n"
              "  {\"file\": \"out/print/b.pdf\", \"passed\": true, \"findings\": []}\n"
              "]\n");
}

TEST(Preflight, NamesEveryCheck)
{
    const std::vector<std::pair<Check, std::string_view>> expected{
        {Check::font_not_embedded, "font-not-embedded"},
        {Check::font_not_subset, "font-not-subset"},
        {Check::rgb_colour, "rgb-colour"},
        {Check::transparency, "transparency"},
        {Check::boxes, "boxes"},
        {Check::output_intent, "output-intent"},
        {Check::pdfx_keys, "pdfx-keys"},
        {Check::safe_zone, "safe-zone"},
        {Check::text_size, "text-size"},
        {Check::total_ink, "total-ink"},
        {Check::image, "image"},
        {Check::qr_module, "qr-module"},
        {Check::ua_metadata, "ua-metadata"},
        {Check::ua_structure, "ua-structure"},
        {Check::ua_links, "ua-links"},
        {Check::ua_fonts, "ua-fonts"},
        {Check::ua_artifacts, "ua-artifacts"},
    };
    // Every value of the enum, in its order, the last being ua_artifacts.
    ASSERT_EQ(expected.size(), static_cast<std::size_t>(Check::ua_artifacts) + 1);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(expected[i].first), i) << expected[i].second;
        EXPECT_EQ(name(expected[i].first), expected[i].second);
    }
}

// --- independent tools ---------------------------------------------------------------

struct Command {
    int status = -1;
    std::string out;
};

// Runs a shell command, capturing stdout (and stderr when redirected).
Command run(const std::string& command)
{
    Command result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool on_path(const std::string& tool)
{
    return run("command -v " + tool + " >/dev/null 2>&1").status == 0;
}

TEST(Preflight, QpdfCheckAgrees)
{
    if (!on_path("qpdf")) GTEST_SKIP() << "qpdf is not installed";
    const Command checked = run("qpdf --check '" + general().path + "' 2>&1");
    EXPECT_EQ(checked.status, 0) << checked.out;
    EXPECT_NE(checked.out.find("No syntax or stream encoding errors found"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("PDF Version: 1.3"), std::string::npos) << checked.out;
}

TEST(Preflight, GhostscriptRendersWithoutWarnings)
{
    if (!on_path("gs")) GTEST_SKIP() << "ghostscript is not installed";
    const Command gs = run("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage '" + general().path + "' 2>&1");
    EXPECT_EQ(gs.status, 0) << gs.out;
    EXPECT_EQ(gs.out, "");
}

TEST(Preflight, PopplerSeesEmbeddedSubsetsAndBoxes)
{
    if (!on_path("pdffonts") || !on_path("pdfinfo")) GTEST_SKIP() << "poppler-utils is not installed";
    const Command fonts = run("pdffonts '" + general().path + "' 2>&1");
    ASSERT_EQ(fonts.status, 0) << fonts.out;
    int rows = 0;
    std::size_t at = 0;
    // Header, rule, then one line per font: "name type encoding emb sub uni object ID".
    for (int line = 0; (at = fonts.out.find('\n', at)) != std::string::npos; ++line, ++at) {
        const std::size_t start = at + 1, end = fonts.out.find('\n', start);
        if (line < 1 || end == std::string::npos) continue;
        const std::string row = fonts.out.substr(start, end - start);
        ++rows;
        EXPECT_NE(row.find(" yes yes yes "), std::string::npos) << row;
    }
    EXPECT_GT(rows, 0) << fonts.out;
    const Command info = run("pdfinfo -box '" + general().path + "' 2>&1");
    ASSERT_EQ(info.status, 0) << info.out;
    // 14 mm = 39.69 pt, 14 + 297 mm = 881.57 pt, 14 + 210 mm = 634.96 pt.
    EXPECT_NE(info.out.find("TrimBox:            39.69    39.69   881.57   634.96"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("BleedBox:           31.18    31.18   890.08   643.46"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("PDF version:     1.3"), std::string::npos) << info.out;
}

}  // namespace
}  // namespace leaflet::preflight
