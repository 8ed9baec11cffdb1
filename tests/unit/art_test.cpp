// Art: SVG images, QR codes and icons, from the checks of art/ to the
// finished PDFs, on tests/cases/art.xml laid out with the house styles.

#include <algorithm>
#include <array>
#include <utility>
#include <variant>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>

#include <gtest/gtest.h>
#include <qpdf/QPDF.hh>

#include "art/art.hpp"
#include "pdf_oracle.hpp"
#include "preflight/preflight.hpp"
#include "project.hpp"
#include "render/render.hpp"

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;

std::string art_source() { return read(source_dir() + "/tests/cases/art.xml"); }

struct Laid {
    Product product;
    Diagnostics diagnostics;
};

Laid lay_out(const std::string& xml)
{
    const fs::path folder = scratch_dir();
    write(folder / "art.xml", xml);
    const Project project = repository();
    Laid laid;
    laid.product = make_leaflet(project, load_inputs(project, laid.diagnostics), (folder / "art.xml").string(), nullptr,
                                laid.diagnostics);
    return laid;
}

// The message of the error laying out `xml` throws, as the user sees it.
std::string error_laying_out(const std::string& xml)
{
    try {
        lay_out(xml);
    } catch (const Error& error) {
        std::string out;
        for (const Diagnostic& diagnostic : error.diagnostics()) out += format(diagnostic) + "\n";
        return out;
    }
    return "no error";
}

std::string replaced(std::string xml, const std::string& from, const std::string& to)
{
    const auto at = xml.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? xml : xml.replace(at, from.size(), to);
}

const std::vector<art::Swatch> swatches = {{"black", {0, 0, 0}}, {"red", {242, 24, 48}}, {"white", {255, 255, 255}}};

// The error decoding `svg` (as "x.svg") gives, or "no error".
std::string svg_error(const std::string& svg)
{
    try {
        art::decode(svg, "x.svg", swatches, SourceLoc{"leaflet.xml", 3, 5});
    } catch (const Error& error) {
        return format(error.diagnostics().front());
    }
    return "no error";
}

const std::string svg_open = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n";

TEST(Art, AnSvgPaintsOnlyWithSwatches)
{
    const auto art = art::decode(svg_open + "<rect width=\"5\" height=\"5\" fill=\"#F21830\" stroke=\"white\"/>\n"
                                            "<circle r=\"2\" style=\"fill: rgb(255, 255, 255)\"/></svg>",
                                 "x.svg", swatches, {});
    EXPECT_EQ(art->kind, art::Kind::svg);
    EXPECT_EQ(art->swatches, (std::vector<std::string>{"red", "white"}));
    EXPECT_FALSE(art->current_colour);
    EXPECT_DOUBLE_EQ(art->width.value, 7.5);  // 10 px at 96 ppi

    EXPECT_EQ(svg_error(svg_open + "<path d=\"M0 0h1\" stroke=\"#ff0000\" fill=\"none\"/></svg>"),
              "x.svg:2:1: error: <path> strokes with '#ff0000', which is no swatch of the style sheet (black "
              "#000000, red #f21830, white #ffffff; or currentColor, none)");
    // A shape with no fill fills black: a swatch here, named.
    const auto black = art::decode(svg_open + "<rect width=\"1\" height=\"1\"/></svg>", "x.svg", swatches, {});
    EXPECT_EQ(black->swatches, (std::vector<std::string>{"black"}));
    EXPECT_EQ(svg_error(svg_open + "<g style=\"fill:#123456\"><rect width=\"1\" height=\"1\"/></g></svg>"),
              "x.svg:2:25: error: <rect> fills with '#123456', which is no swatch of the style sheet (black "
              "#000000, red #f21830, white #ffffff; or currentColor, none)");
}

TEST(Art, AnSvgRefersToNothingOutsideItself)
{
    EXPECT_EQ(svg_error("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" +
                        svg_open + "</svg>"),
              "x.svg:2:1: error: an SVG with a DOCTYPE is refused: art declares no DTD and no entities");
    EXPECT_EQ(svg_error(svg_open + "<use href=\"/etc/passwd#x\"/></svg>"),
              "x.svg:2:1: error: href=\"/etc/passwd#x\": art may refer only to its own elements (#id), never to a "
              "file or URL");
    EXPECT_EQ(svg_error("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
                        "<use xlink:href=\"https://example.com/a.svg#b\"/></svg>"),
              "x.svg:2:1: error: xlink:href=\"https://example.com/a.svg#b\": art may refer only to its own elements "
              "(#id), never to a file or URL");
    EXPECT_EQ(svg_error(svg_open + "<rect width=\"1\" height=\"1\" fill=\"url(file.svg#g)\"/></svg>"),
              "x.svg:2:1: error: fill=\"url(file.svg#g)\": art may refer only to its own elements (#id)");
    EXPECT_EQ(svg_error(svg_open + "<image href=\"#x\"/></svg>"),
              "x.svg:2:1: error: an image inside an SVG is refused: place it with <image> in the leaflet");
    EXPECT_EQ(svg_error(svg_open + "<text>A</text></svg>"),
              "x.svg:2:1: error: text in art is refused: convert it to paths (its font would not be embedded)");
    EXPECT_EQ(svg_error(svg_open + "<rect width=\"1\" height=\"1\" opacity=\"0.5\"/></svg>"),
              "x.svg:2:1: error: opacity=\"0.5\": PDF/X-1a has no transparency; paint with a lighter swatch instead");
    EXPECT_EQ(svg_error(svg_open + "<linearGradient id=\"g\"/></svg>"),
              "x.svg:2:1: error: <linearGradient> is refused: print art paints in flat swatches");
    EXPECT_EQ(svg_error("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>"),
              "x.svg:1:1: error: an SVG needs a width and height, or a viewBox");
}

TEST(Art, WhatIsNoImageIsNamed)
{
    EXPECT_THROW(art::sniff("GIF89a....", "a.gif", {}), Error);
    try {
        art::sniff("GIF89a....", "art/a.png", SourceLoc{"leaflet.xml", 4, 3});
    } catch (const Error& error) {
        EXPECT_EQ(format(error.diagnostics().front()),
                  "leaflet.xml:4:3: error: 'art/a.png' is no image we place (SVG, PNG or JPEG): its bytes are a GIF");
    }
    // Shorter than the signatures looked for (fuzz_art: std::out_of_range
    // escaped for these, an internal failure instead of a diagnostic).
    for (const auto& [bytes, what] : std::vector<std::pair<std::string, std::string>>{
             {"", "empty"}, {"abc", "unknown (its first bytes are 61 62 63)"}, {"RIFF\x01\x02", "unknown (its first "
             "bytes are 52 49 46 46)"}, {std::string("\0\0\0\x18" "ftyp", 8), "a HEIF or AVIF"}}) {
        try {
            art::sniff(bytes, "a", {});
            ADD_FAILURE() << "no error for " << what;
        } catch (const Error& error) {
            EXPECT_EQ(format(error.diagnostics().front()),
                      "error: 'a' is no image we place (SVG, PNG or JPEG): its bytes are " + what);
        }
    }
    EXPECT_EQ(art::sniff("\x89PNG\r\n\x1a\n", "a", {}), art::Kind::png);
    EXPECT_EQ(art::sniff("\xff\xd8\xff\xe0", "a", {}), art::Kind::jpeg);
    EXPECT_EQ(art::sniff("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg>", "a", {}), art::Kind::svg);
}

TEST(Art, AQrCodeIsLevelMWithItsQuietZone)
{
    const auto code = art::qr("tel:11616", {});
    EXPECT_EQ(code->modules, 21);  // version 1
    EXPECT_DOUBLE_EQ(code->width.value, 21 + 2 * art::quiet_zone);
    ASSERT_EQ(code->dark.size(), 21u * 21u);
    // The finder pattern's corner modules.
    EXPECT_EQ(code->dark[0], 1);
    EXPECT_EQ(code->dark[20], 1);
    EXPECT_EQ(code->dark[20 * 21], 1);
    EXPECT_EQ(code->dark[7], 0);  // its separator
}

TEST(Art, TheQrCodesOfThePrintPdfDecodeToTheirSource)
{
    const Laid laid = lay_out(art_source());
    const fs::path pdf = scratch_dir() / "art.pdf";
    write(pdf, laid.product.pdf);
    // The outside: the back holds both codes.
    EXPECT_EQ(qr_codes(render_page(pdf.string(), 0, 300)),
              (std::multiset<std::string>{"tel:11616", "https://stop-traffic.kz"}));
}

TEST(Art, AQrCodeWithModulesUnderHalfAMillimetreIsAnError)
{
    const std::string error = error_laying_out(
        replaced(art_source(), "<qr phone=\"11616\" width=\"25mm\"/>", "<qr phone=\"11616\" width=\"12mm\"/>"));
    const std::string expected = "/art.xml:17:5: error: the QR code's modules would be 0.41 mm, less than 0.5 mm: "
                                 "make it at least 14.5 mm wide, or encode less\n";
    EXPECT_TRUE(error.size() > expected.size() && error.substr(error.size() - expected.size()) == expected) << error;
}

TEST(Art, IconsStandOnTheBaselineAtCapHeightInTheirTextsColour)
{
    const Laid laid = lay_out(art_source());
    int icons = 0;
    for (const layout::Page& page : laid.product.frames.pages)
        for (const layout::Item& item : page.items) {
            const auto* text = std::get_if<layout::TextItem>(&item);
            if (!text) continue;
            for (const typeset::Line& line : text->lines)
                for (const typeset::GlyphRun& run : line.runs) {
                    if (!run.art) continue;
                    ++icons;
                    // PT Sans: capitals 700 units of 1000.
                    EXPECT_NEAR(run.art_height.value, run.size.value * 0.7, 0.01) << run.icon;
                    EXPECT_NEAR(run.width().value, run.art_height.value, 0.01) << run.icon;  // square icons
                    EXPECT_TRUE(run.text.empty()) << run.icon;
                    EXPECT_EQ(run.colour.name, run.icon == "warning" ? "white" : "black") << run.icon;
                }
        }
    EXPECT_EQ(icons, 11);
    // The icons stand for no text: a reader copies the words alone.
    const fs::path pdf = scratch_dir() / "art.pdf";
    write(pdf, laid.product.pdf);
    const std::string text = extract_text(pdf.string());
    EXPECT_NE(text.find("Шұғыл желі: 11616"), std::string::npos) << text;
    EXPECT_EQ(text.find("\xEF\xBF\xBC"), std::string::npos);
}

TEST(Art, TheTraceListsEveryImageQrCodeAndIconAndPreflightPasses)
{
    const Laid laid = lay_out(art_source());
    const std::string trace = render::render_trace(laid.product.frames);
    EXPECT_NE(trace.find("art svg image 697.3,59.5 85.0x85.0 black |Қалқан белгісі| art/emblem.svg paints "
                         "dark-blue,red,white from art.xml:10"),
              std::string::npos)
        << trace;
    EXPECT_NE(trace.find("icon phone 618.0,210.5 6.3x6.3 art/icons/phone.svg paints currentColor from art.xml:12"), std::string::npos);
    EXPECT_NE(trace.find("art qr qr 420.9,80.0 70.9x70.9 black |QR: 11616| 21 modules tel:11616 from art.xml:17"),
              std::string::npos);
    EXPECT_TRUE(matches_text_golden(trace, "art.frames.txt"));

    const fs::path pdf = scratch_dir() / "art.pdf";
    write(pdf, laid.product.pdf);
    const preflight::Report report = preflight::preflight(pdf.string(), preflight::Kind::print);
    EXPECT_TRUE(report.passed()) << preflight::format_text({report});
}

Image crop(const Image& image, int x, int y, int width, int height)
{
    Image out{width, height, {}};
    for (int row = y; row < y + height; ++row)
        out.rgb.insert(out.rgb.end(), image.rgb.begin() + 3 * (row * image.width + x),
                       image.rgb.begin() + 3 * (row * image.width + x + width));
    return out;
}

TEST(Art, TheFrontsEmblemAndIconsMatchTheirGoldenImage)
{
    const Laid laid = lay_out(art_source());
    const fs::path pdf = scratch_dir() / "art.pdf";
    write(pdf, laid.product.pdf);
    // The front panel's top at 100 dpi: the emblem, the title, two lines with icons.
    const Image page = render_page(pdf.string(), 0, 100);
    EXPECT_TRUE(matches_golden(crop(page, 1170, 60, 420, 420), golden_dir(), "art.front", output_dir(), 32, 0));
}

// The /Alt of every Figure of a PDF's structure tree, in its order.
std::vector<std::string> figure_alts(const std::string& bytes)
{
    QPDF pdf;
    pdf.processMemoryFile("screen", bytes.data(), bytes.size());
    std::vector<std::string> alts;
    std::function<void(QPDFObjectHandle)> walk = [&](QPDFObjectHandle element) {
        if (!element.isDictionary() && !element.isArray()) return;
        if (element.isArray()) {
            for (int i = 0; i < element.getArrayNItems(); ++i) walk(element.getArrayItem(i));
            return;
        }
        if (element.getKey("/S").isName() && element.getKey("/S").getName() == "/Figure")
            alts.push_back(element.getKey("/Alt").getUTF8Value());
        walk(element.getKey("/K"));
    };
    walk(pdf.getRoot().getKey("/StructTreeRoot"));
    return alts;
}

TEST(Art, TheScreenPdfTagsEachFigureWithItsAlt)
{
    const Laid laid = lay_out(art_source());
    const std::string screen = make_screen_pdf(laid.product);
    // Reading order on screen: front, ..., back.
    EXPECT_EQ(figure_alts(screen), (std::vector<std::string>{"Қалқан белгісі", "QR: 11616", "stop-traffic.kz сайтына сілтеме"}));
    // Figures, icons and links together are PDF/UA-1 all the same.
    const preflight::Report report = preflight::preflight_bytes(screen, "art.pdf", preflight::Kind::ua);
    EXPECT_TRUE(report.passed()) << preflight::format_text({report});
}

// --- a PNG in a leaflet ---------------------------------------------------------

// 240 x 160 pixels in four quadrants: red, green / blue, yellow. Placed
// 20 mm wide it prints at 240 / (20 / 25.4) = 305 ppi.
Image quadrants()
{
    Image image{240, 160, {}};
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const bool right = x >= 120, low = y >= 80;
            const std::uint8_t r = !low ? (right ? 0 : 255) : (right ? 255 : 0);
            const std::uint8_t g = !low ? (right ? 160 : 0) : (right ? 220 : 0);
            const std::uint8_t b = !low ? 0 : (right ? 0 : 255);
            image.rgb.insert(image.rgb.end(), {r, g, b});
        }
    return image;
}

const char* const raster_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<leaflet id="raster" xml:lang="kk" version="1">
  <title>Растр</title>
  <panel role="front">
    <image src="art/quadrants.png" alt="Төрт түсті шаршы" width="20mm"/>
    <h1 style="title">КӨМЕК БАР</h1>
  </panel>
</leaflet>
)";

// The leaflet above, with the PNG made here, in a copy of the repository.
Laid raster_leaflet()
{
    const fs::path folder = scratch_dir();
    const Project project = copy_of_repository(folder);
    write_png(quadrants(), (folder / "sources" / "art" / "quadrants.png").string());
    write(folder / "sources" / "raster.xml", raster_xml);
    Laid laid;
    laid.product = make_leaflet(project, load_inputs(project, laid.diagnostics),
                                (folder / "sources" / "raster.xml").string(), nullptr, laid.diagnostics);
    return laid;
}

// The PNG's figure in the frames, and the page it is on.
std::pair<int, layout::Rect> png_figure(const layout::Frames& frames)
{
    for (std::size_t page = 0; page < frames.pages.size(); ++page)
        for (const layout::Item& item : frames.pages[page].items)
            if (const auto* art = std::get_if<layout::ArtItem>(&item))
                if (art->figure.art->kind == art::Kind::png) return {static_cast<int>(page), art->rect};
    ADD_FAILURE() << "no PNG in the frames";
    return {0, {}};
}

std::vector<QPDFObjectHandle> images_of(QPDF& pdf)
{
    std::vector<QPDFObjectHandle> found;
    for (auto& object : pdf.getAllObjects())
        if (object.isStream() && object.getDict().getKey("/Subtype").isNameAndEquals("/Image"))
            found.push_back(object);
    return found;
}

TEST(Art, APngInAPrintPdfIsDeviceCmykWhereTheLayoutPutsItAndMatchesItsGolden)
{
    const Laid laid = raster_leaflet();
    // 305 ppi: no warning of a resolution under 225 (the panels left empty
    // are warned of).
    for (const Diagnostic& diagnostic : laid.diagnostics.all())
        EXPECT_EQ(format(diagnostic).find("ppi"), std::string::npos) << format(diagnostic);
    const fs::path pdf_path = scratch_dir() / "raster.pdf";
    write(pdf_path, laid.product.pdf);

    QPDF pdf;
    pdf.processMemoryFile("raster", laid.product.pdf.data(), laid.product.pdf.size());
    auto images = images_of(pdf);
    ASSERT_EQ(images.size(), 1u);
    auto dictionary = images[0].getDict();
    EXPECT_EQ(dictionary.getKey("/ColorSpace").unparse(), "/DeviceCMYK");
    EXPECT_EQ(dictionary.getKey("/Width").getIntValue(), 240);
    EXPECT_EQ(dictionary.getKey("/Height").getIntValue(), 160);
    EXPECT_EQ(dictionary.getKey("/BitsPerComponent").getIntValue(), 8);
    EXPECT_FALSE(dictionary.hasKey("/SMask"));
    const preflight::Report report = preflight::preflight(pdf_path.string(), preflight::Kind::print);
    EXPECT_TRUE(report.passed()) << preflight::format_text({report});

    // Where the layout put it (20 x 13.3 mm), as Poppler renders it at 100 dpi.
    const auto [page_index, rect] = png_figure(laid.product.frames);
    EXPECT_NEAR(rect.width.value, mm(20).value, 0.01);
    EXPECT_NEAR(rect.height.value, mm(20).value * 160 / 240, 0.01);
    const Image page = render_page(pdf_path.string(), page_index, 100);
    const auto pixel = [&](double x_pt, double y_pt) {
        const int x = static_cast<int>(x_pt * 100 / 72), y = static_cast<int>(y_pt * 100 / 72);
        const std::size_t at = 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(page.width) + x);
        return std::array<int, 3>{page.rgb[at], page.rgb[at + 1], page.rgb[at + 2]};
    };
    const double x = rect.x.value, y = rect.y.value, w = rect.width.value, h = rect.height.value;
    // Each quadrant's middle shows its colour (through FOGRA39 and back, so
    // only the dominant channels are asserted); paper white 1 mm outside.
    const auto red = pixel(x + w / 4, y + h / 4), green = pixel(x + 3 * w / 4, y + h / 4);
    const auto blue = pixel(x + w / 4, y + 3 * h / 4), yellow = pixel(x + 3 * w / 4, y + 3 * h / 4);
    EXPECT_TRUE(red[0] > 180 && red[1] < 90 && red[2] < 90) << red[0] << " " << red[1] << " " << red[2];
    EXPECT_TRUE(green[1] > 100 && green[0] < 100 && green[2] < 120) << green[0] << " " << green[1] << " " << green[2];
    EXPECT_TRUE(blue[2] > 120 && blue[0] < 100 && blue[1] < 120) << blue[0] << " " << blue[1] << " " << blue[2];
    EXPECT_TRUE(yellow[0] > 200 && yellow[1] > 170 && yellow[2] < 100)
        << yellow[0] << " " << yellow[1] << " " << yellow[2];
    for (const auto& outside : {pixel(x - mm(1).value, y + h / 2), pixel(x + w + mm(1).value, y + h / 2),
                                pixel(x + w / 2, y - mm(1).value)})
        EXPECT_TRUE(outside[0] > 245 && outside[1] > 245 && outside[2] > 245)
            << outside[0] << " " << outside[1] << " " << outside[2];
    // The figure and 2 mm around it.
    const int left = static_cast<int>((x - mm(2).value) * 100 / 72), top = static_cast<int>((y - mm(2).value) * 100 / 72);
    const int wide = static_cast<int>((w + mm(4).value) * 100 / 72), high = static_cast<int>((h + mm(4).value) * 100 / 72);
    EXPECT_TRUE(matches_golden(crop(page, left, top, wide, high), golden_dir(), "raster.front", output_dir(), 32, 0));
}

TEST(Art, APngInAScreenPdfStaysRgbAndIsAFigureWithItsAlt)
{
    const Laid laid = raster_leaflet();
    const std::string screen = make_screen_pdf(laid.product);
    QPDF pdf;
    pdf.processMemoryFile("screen", screen.data(), screen.size());
    auto images = images_of(pdf);
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].getDict().getKey("/ColorSpace").unparse(), "/DeviceRGB");
    EXPECT_EQ(images[0].getDict().getKey("/Width").getIntValue(), 240);
    EXPECT_EQ(figure_alts(screen), std::vector<std::string>{"Төрт түсті шаршы"});
    const preflight::Report report = preflight::preflight_bytes(screen, "raster.pdf", preflight::Kind::ua);
    EXPECT_TRUE(report.passed()) << preflight::format_text({report});
}

}  // namespace
}  // namespace leaflet::test
