// load: sources become a Document; bad sources give one exact diagnostic.
#include "load/load.hpp"

#include <gtest/gtest.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

std::string schema() { return source_dir() + "/sources/schema/leaflet.rng"; }

// The first diagnostic of loading `xml` from a scratch file named bad.xml,
// with the scratch folder cut from the path.
std::string load_error(const std::string& xml)
{
    const auto folder = scratch_dir();
    write(folder / "bad.xml", xml);
    return error_of(folder, [&] { load::load((folder / "bad.xml").string(), schema(), regions()); });
}

const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\">\n<title>Т</title>\n";

TEST(Load, GeneralLeafletHasItsSixPanelsAndTitle)
{
    const load::Document document = load::load(source_dir() + "/sources/general.xml", schema(), regions(), source_dir() + "/sources");
    EXPECT_EQ(document.id, "general");
    EXPECT_EQ(document.language, "kk");
    EXPECT_EQ(document.title, "Жалпы жадынама");
    std::vector<std::string> roles;
    for (const auto& panel : document.panels) roles.push_back(panel.role);
    std::sort(roles.begin(), roles.end());
    EXPECT_EQ(roles, (std::vector<std::string>{"back", "flap", "front", "inside-1", "inside-2", "inside-3"}));
}

TEST(Load, WhiteSpaceCollapsesAndInlinesKeepTheirTargets)
{
    const auto folder = scratch_dir();
    write(folder / "t.xml", head + "<panel role=\"front\"><p>  Қоңырау\n   шалыңыз: <phone number=\"+77172720111\">"
                                   "+7 (7172) 72 01 11</phone>, <b>тегін</b>.  </p></panel></leaflet>\n");
    const load::Document document = load::load((folder / "t.xml").string(), schema(), regions());
    const load::Block& paragraph = document.panels.at(0).blocks.at(0);
    EXPECT_EQ(load::plain_text(paragraph.content), "Қоңырау шалыңыз: +7 (7172) 72 01 11, тегін.");
    EXPECT_EQ(paragraph.content.at(1).kind, load::InlineKind::phone);
    EXPECT_EQ(paragraph.content.at(1).target, "+77172720111");
    EXPECT_EQ(paragraph.loc.line, 4);
}

TEST(Load, PhoneWithoutNumberDialsItsDigits)
{
    const auto folder = scratch_dir();
    write(folder / "t.xml", head + "<panel role=\"front\"><p><phone>11 616</phone></p></panel></leaflet>\n");
    const load::Document document = load::load((folder / "t.xml").string(), schema(), regions());
    EXPECT_EQ(document.panels.at(0).blocks.at(0).content.at(0).target, "11616");
}

TEST(Load, MalformedXmlNamesLineAndColumn)
{
    EXPECT_EQ(load_error(head + "<panel role=\"front\"><p>ашық</panel></leaflet>\n"),
              "bad.xml:4:36: error: Opening and ending tag mismatch: p line 4 and panel");
}

TEST(Load, SchemaViolationNamesTheElementLine)
{
    EXPECT_EQ(load_error(head + "<panel role=\"front\">\n<table/>\n</panel></leaflet>\n"),
              "bad.xml:5:1: error: <table> is not allowed in <panel>; allowed there: h1, h2, p, ul, ol, quote, "
              "directory, rule, image, qr, callout");
}

TEST(Load, UnknownPanelRoleIsASchemaError)
{
    // libxml2 points at the panel's first child; the message is about the panel.
    EXPECT_EQ(load_error(head + "<panel role=\"middle\"><p>x</p></panel></leaflet>\n"),
              "bad.xml:4:1: error: role must be front, back, flap, inside-1, inside-2 or inside-3, not 'middle'");
}

TEST(Load, DuplicateIdIsAnError)
{
    EXPECT_EQ(load_error(head + "<panel role=\"front\">\n<p id=\"a\">x</p>\n<p id=\"a\">y</p>\n</panel></leaflet>\n"),
              "bad.xml:6:1: error: duplicate id 'a'");
}

TEST(Load, DuplicatePanelIsAnError)
{
    EXPECT_EQ(load_error(head + "<panel role=\"front\"><p>x</p></panel>\n<panel role=\"front\"><p>y</p></panel>"
                                "</leaflet>\n"),
              "bad.xml:5:1: error: panel 'front' appears twice");
}

TEST(Load, EmptyFileIsAnError)
{
    EXPECT_EQ(load_error(""), "bad.xml:1:1: error: empty file: expected an XML document");
}

TEST(Load, MissingFileIsAnIoError)
{
    try {
        load::load(source_dir() + "/sources/no-such-leaflet.xml", schema(), regions());
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::io);
        EXPECT_NE(std::string(error.what()).find("no-such-leaflet.xml: error: cannot read"), std::string::npos)
            << error.what();
    }
}

TEST(Load, DataInlinesKeepTheirKindsAndAddNoPlainText)
{
    const auto folder = scratch_dir();
    write(folder / "t.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<leaflet id=\"t\" xml:lang=\"kk\" version=\"2\" date=\"2026-12\">\n<title>Т</title>\n"
                            "<panel role=\"back\"><p>Басылым: <edition/>, <edition-date/></p>"
                            "<p><b>Өңір: <region-name/></b></p></panel></leaflet>\n");
    const load::Document document = load::load((folder / "t.xml").string(), schema(), regions());
    EXPECT_EQ(document.version, "2");
    EXPECT_EQ(document.date, "2026-12");
    const load::Block& edition = document.panels.at(0).blocks.at(0);
    EXPECT_EQ(edition.content.at(1).kind, load::InlineKind::edition);
    EXPECT_EQ(edition.content.at(3).kind, load::InlineKind::edition_date);
    EXPECT_EQ(load::plain_text(edition.content), "Басылым: , ");
    EXPECT_FALSE(load::names_the_region(edition.content));
    // at any depth: inside <b>
    EXPECT_TRUE(load::names_the_region(document.panels.at(0).blocks.at(1).content));
}

TEST(Load, DatesPrintDayMonthYear)
{
    EXPECT_EQ(load::display_date("2026"), "2026");
    EXPECT_EQ(load::display_date("2026-12"), "12.2026");
    EXPECT_EQ(load::display_date("2026-12-03"), "03.12.2026");
    EXPECT_EQ(load::display_date(""), "");
}

TEST(Load, EditionDateWithoutTheLeafletsDateIsAnError)
{
    EXPECT_EQ(load_error(head + "<panel role=\"back\">\n<p>Басылым: <edition-date/></p>\n</panel></leaflet>\n"),
              "bad.xml:5:13: error: <edition-date/> prints the leaflet's date, but <leaflet> has no "
              "date=\"…\" (e.g. date=\"2026-12\")");
}

TEST(Load, MalformedDateIsASchemaError)
{
    EXPECT_EQ(load_error("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<leaflet id=\"t\" xml:lang=\"kk\" version=\"1\" date=\"2026-13\">\n<title>Т</title>\n"
                         "<panel role=\"back\"><p>x</p></panel></leaflet>\n"),
              "bad.xml:2:1: error: date must have the form "
              "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?, not '2026-13'");
}

}  // namespace
}  // namespace leaflet::test
