// Art: SVG images, QR codes and icons, from the checks of art/ to the
// finished PDFs, on tests/cases/art.xml laid out with the house styles.

#include <algorithm>
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
    EXPECT_NE(trace.find("icon phone 6.3x6.3 art/icons/phone.svg paints currentColor"), std::string::npos);
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

TEST(Art, TheScreenPdfTagsEachFigureWithItsAlt)
{
    const Laid laid = lay_out(art_source());
    const std::string screen = make_screen_pdf(laid.product);
    QPDF pdf;
    pdf.processMemoryFile("screen", screen.data(), screen.size());
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
    // Reading order on screen: front, ..., back.
    EXPECT_EQ(alts, (std::vector<std::string>{"Қалқан белгісі", "QR: 11616", "stop-traffic.kz сайтына сілтеме"}));
    // Figures, icons and links together are PDF/UA-1 all the same.
    const preflight::Report report = preflight::preflight_bytes(screen, "art.pdf", preflight::Kind::ua);
    EXPECT_TRUE(report.passed()) << preflight::format_text({report});
}

}  // namespace
}  // namespace leaflet::test
