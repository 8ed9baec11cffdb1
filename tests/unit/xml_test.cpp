// xml: the safe parser (no DTD, no entities, UTF-8 only, size limit), our
// XInclude (inside the include root only, cycles, depth) and the
// file:line:col of every element, also of included ones.
#include "xml/xml.hpp"

#include <chrono>
#include <filesystem>

#include <gtest/gtest.h>

#include "project.hpp"

namespace leaflet::test {
namespace {

namespace fs = std::filesystem;

// The first diagnostic of parsing `folder/file`, with the folder cut from paths.
std::string parse_error(const fs::path& folder, const std::string& file, const xml::ParseOptions& options = {})
{
    try {
        xml::Document::parse((folder / file).string(), options);
    } catch (const Error& error) {
        std::string text = format(error.diagnostics().front());
        const std::string prefix = folder.string() + "/";
        for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix))
            text.erase(at, prefix.size());
        return text;
    }
    return "no error";
}

std::string error_of(const std::string& bytes, const xml::ParseOptions& options = {})
{
    const auto folder = scratch_dir();
    write(folder / "bad.xml", bytes);
    return parse_error(folder, "bad.xml", options);
}

xml::ParseOptions include_from(const fs::path& root)
{
    xml::ParseOptions options;
    options.include_root = root.string();
    return options;
}

std::string shown(const SourceLoc& loc, const fs::path& folder)
{
    std::string file = loc.file;
    const std::string prefix = folder.string() + "/";
    if (file.rfind(prefix, 0) == 0) file.erase(0, prefix.size());
    return file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

const xmlNode* first_element(const xmlNode* node, std::string_view name)
{
    for (; node; node = node->next) {
        if (xml::is_element(node, name)) return node;
        if (const xmlNode* found = first_element(node->children, name)) return found;
    }
    return nullptr;
}

const char* const xi = "xmlns:xi=\"http://www.w3.org/2001/XInclude\"";

TEST(Xml, ElementsKnowTheLineAndColumnOfTheirStartTag)
{
    const auto folder = scratch_dir();
    write(folder / "a.xml", "<?xml version=\"1.0\"?>\n<!-- <p> in a comment -->\n<doc>\n  <p a=\"x>y\">Қазақ <b>сөз</b></p>\n</doc>\n");
    const auto document = xml::Document::parse((folder / "a.xml").string());
    EXPECT_EQ(shown(document.loc(document.root()), folder), "a.xml:3:1");
    EXPECT_EQ(shown(document.loc(first_element(document.root(), "p")), folder), "a.xml:4:3");
    EXPECT_EQ(shown(document.loc(first_element(document.root(), "b")), folder), "a.xml:4:20");
}

TEST(Xml, MalformedXmlGivesTheFirstErrorWithItsPlace)
{
    EXPECT_EQ(error_of("<doc>\n  <p>text</q>\n</doc>\n"),
              "bad.xml:2:14: error: Opening and ending tag mismatch: p line 2 and q");
}

TEST(Xml, BillionLaughsFailsFastAtTheDoctype)
{
    std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
    for (int level = 1; level <= 9; ++level) {
        bomb += " <!ENTITY lol" + std::to_string(level) + " \"";
        for (int i = 0; i < 10; ++i) bomb += "&lol" + (level == 1 ? std::string() : std::to_string(level - 1)) + ";";
        bomb += "\">\n";
    }
    bomb += "]>\n<lolz>&lol9;</lolz>\n";
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(error_of(bomb),
              "bad.xml:2:1: error: DOCTYPE declarations are not allowed: leaflet files use no DTD and no entities");
    // Not a timed test: a bound far above the real cost (microseconds),
    // far below an expansion (seconds and gigabytes).
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(Xml, ExternalEntityIsNeverRead)
{
    const auto folder = scratch_dir();
    write(folder / "secret.txt", "SECRET-CONTENT");
    write(folder / "bad.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY s SYSTEM \"file://" +
                                  (folder / "secret.txt").string() + "\">]>\n<doc>&s;</doc>\n");
    const std::string error = parse_error(folder, "bad.xml");
    EXPECT_EQ(error,
              "bad.xml:2:1: error: DOCTYPE declarations are not allowed: leaflet files use no DTD and no entities");
    EXPECT_EQ(error.find("SECRET"), std::string::npos);
}

TEST(Xml, AnUndeclaredEntityIsAnError)
{
    EXPECT_EQ(error_of("<doc>a&nbsp;b</doc>\n"), "bad.xml:1:13: error: Entity 'nbsp' not defined");
}

TEST(Xml, PredefinedEntitiesAndCharacterReferencesStillWork)
{
    const auto folder = scratch_dir();
    write(folder / "a.xml", "<doc>&lt;&amp;&#1178;&#x049B;</doc>\n");
    const auto document = xml::Document::parse((folder / "a.xml").string());
    EXPECT_EQ(xml::text_content(document.root()), "<&Ққ");
}

TEST(Xml, EmptyFile)
{
    EXPECT_EQ(error_of(""), "bad.xml:1:1: error: empty file: expected an XML document");
}

TEST(Xml, BinaryFileGivesOneError)
{
    EXPECT_EQ(error_of(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)),
              "bad.xml:3:1: error: binary file (a NUL byte): expected UTF-8 XML text");
}

TEST(Xml, OtherEncodingsAreRefused)
{
    EXPECT_EQ(error_of("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<doc>\xca\xe0\xe7\xe0\xf5</doc>\n"),
              "bad.xml:1:21: error: encoding 'windows-1251' is not supported: leaflet files must be UTF-8 "
              "(convert with iconv -f windows-1251 -t UTF-8 and declare encoding=\"UTF-8\")");
    EXPECT_EQ(error_of(std::string("\xFF\xFE<\0d\0", 6)), "bad.xml:1:1: error: UTF-16 text: leaflet files must be UTF-8");
    // The declaration may say UTF-8 in any case.
    const auto folder = scratch_dir();
    write(folder / "a.xml", "\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?><doc/>");
    EXPECT_NO_THROW(xml::Document::parse((folder / "a.xml").string()));
}

TEST(Xml, InvalidUtf8IsRejectedWithItsPlace)
{
    EXPECT_EQ(error_of("<doc>\n  <p>Қазақ \xC3\x28</p>\n</doc>\n"),
              "bad.xml:2:12: error: invalid UTF-8 (byte 0xC3): leaflet files must be UTF-8");
    // Overlong '/' and a UTF-16 surrogate are not UTF-8 either.
    EXPECT_EQ(error_of("<doc>\xC0\xAF</doc>"), "bad.xml:1:6: error: invalid UTF-8 (byte 0xC0): leaflet files must be UTF-8");
    EXPECT_EQ(error_of("<doc>\xED\xA0\x80</doc>"),
              "bad.xml:1:6: error: invalid UTF-8 (byte 0xED): leaflet files must be UTF-8");
}

TEST(Xml, FilesOverTheSizeLimitAreRefusedUnread)
{
    xml::ParseOptions options;
    options.max_bytes = 1024;
    EXPECT_EQ(error_of("<doc>" + std::string(2000, 'x') + "</doc>", options),
              "bad.xml: error: the file is 2011 bytes; the limit is 1024 bytes");
    const auto folder = scratch_dir();
    write(folder / "big.xml", "<doc>" + std::string(4 * 1024 * 1024, ' ') + "</doc>");
    EXPECT_EQ(parse_error(folder, "big.xml"),
              "big.xml: error: the file is 4194315 bytes; the limit is 4194304 bytes (4 MiB)");
}

TEST(Xml, DeepNestingStopsAtLibxml2sLimit)
{
    std::string deep;
    for (int i = 0; i < 300; ++i) deep += "<a>";
    const std::string error = error_of(deep);
    EXPECT_NE(error.find("error: Excessive depth in document: 256"), std::string::npos) << error;
}

// ---------------------------------------------------------------- XInclude

TEST(XInclude, AFragmentReplacesTheIncludeAndKeepsItsOwnPlaces)
{
    const auto folder = scratch_dir();
    write(folder / "sources/a.xml", std::string("<doc ") + xi + ">\n  <p>one</p>\n  <xi:include href=\"shared/box.xml\"/>\n</doc>\n");
    write(folder / "sources/shared/box.xml", "<?xml version=\"1.0\"?>\n<!-- a box -->\n<box>\n    <q>two</q>\n</box>\n");
    const auto document = xml::Document::parse((folder / "sources/a.xml").string(), include_from(folder / "sources"));
    const xmlNode* box = first_element(document.root(), "box");
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->parent, document.root());
    EXPECT_EQ(shown(document.loc(box), folder), "sources/shared/box.xml:3:1");
    EXPECT_EQ(shown(document.loc(first_element(box, "q")), folder), "sources/shared/box.xml:4:5");
    EXPECT_EQ(shown(document.loc(first_element(document.root(), "p")), folder), "sources/a.xml:2:3");
    EXPECT_EQ(xml::text_content(document.root()), "\n  one\n  \n    two\n\n");
    // No xml:base: the schema sees the fragment's root as written.
    EXPECT_FALSE(xml::attribute(box, "base"));
    ASSERT_EQ(document.files().size(), 2u);
}

TEST(XInclude, NestedIncludesAndSchemaErrorsNameTheFragment)
{
    const auto folder = scratch_dir();
    write(folder / "sources/a.xml", std::string("<doc ") + xi + "><xi:include href=\"shared/b.xml\"/></doc>\n");
    write(folder / "sources/shared/b.xml", std::string("<box ") + xi + ">\n<xi:include href=\"c.xml\"/>\n</box>\n");
    write(folder / "sources/shared/c.xml", "<!-- c -->\n\n  <bad/>\n");
    write(folder / "schema.rng", "<element name=\"doc\" xmlns=\"http://relaxng.org/ns/structure/1.0\">"
                                 "<element name=\"box\"><element name=\"good\"><empty/></element></element></element>");
    const auto document = xml::Document::parse((folder / "sources/a.xml").string(), include_from(folder / "sources"));
    EXPECT_EQ(shown(document.loc(first_element(document.root(), "bad")), folder), "sources/shared/c.xml:3:3");
    try {
        document.validate((folder / "schema.rng").string());
        FAIL() << "no schema error";
    } catch (const Error& error) {
        ASSERT_FALSE(error.diagnostics().empty());
        EXPECT_EQ(shown(error.diagnostics().front().loc, folder), "sources/shared/c.xml:3:3");
        EXPECT_EQ(error.diagnostics().front().message, "<bad> is not allowed in <box>; allowed there: good");
    }
}

TEST(Xml, ASchemaChangedOnDiskIsCompiledAgain)
{
    // Compiled schemas are kept per thread while their file stays the same.
    const auto folder = scratch_dir();
    write(folder / "a.xml", "<doc><item/></doc>\n");
    const std::string schema = (folder / "schema.rng").string();
    const auto document = xml::Document::parse((folder / "a.xml").string());
    write(schema, "<element name=\"doc\" xmlns=\"http://relaxng.org/ns/structure/1.0\">"
                  "<element name=\"item\"><empty/></element></element>");
    EXPECT_NO_THROW(document.validate(schema));
    EXPECT_NO_THROW(document.validate(schema));
    write(schema, "<element name=\"doc\" xmlns=\"http://relaxng.org/ns/structure/1.0\">"
                  "<element name=\"entry\"><empty/></element></element>");
    try {
        document.validate(schema);
        FAIL() << "the old schema was used";
    } catch (const Error& error) {
        EXPECT_EQ(error.diagnostics().front().message, "<item> is not allowed in <doc>; allowed there: entry");
    }
}

TEST(XInclude, MissingFragmentIsAnErrorAtTheInclude)
{
    const auto folder = scratch_dir();
    write(folder / "sources/a.xml", std::string("<doc ") + xi + ">\n   <xi:include href=\"shared/none.xml\"/></doc>\n");
    EXPECT_EQ(parse_error(folder, "sources/a.xml", include_from(folder / "sources")),
              "sources/a.xml:2:4: error: included file 'sources/shared/none.xml' does not exist");
}

TEST(XInclude, EscapesAreRefused)
{
    const auto folder = scratch_dir();
    write(folder / "outside.xml", "<secret/>");
    write(folder / "sources/up.xml", std::string("<doc ") + xi + "><xi:include href=\"../outside.xml\"/></doc>");
    write(folder / "sources/abs.xml", std::string("<doc ") + xi + "><xi:include href=\"" +
                                          (folder / "outside.xml").string() + "\"/></doc>");
    write(folder / "sources/uri.xml", std::string("<doc ") + xi + "><xi:include href=\"file:///etc/passwd\"/></doc>");
    write(folder / "sources/net.xml", std::string("<doc ") + xi + "><xi:include href=\"http://127.0.0.1/x.xml\"/></doc>");
    write(folder / "sources/link.xml", std::string("<doc ") + xi + "><xi:include href=\"shared/link.xml\"/></doc>");
    fs::create_directories(folder / "sources/shared");
    fs::create_symlink(folder / "outside.xml", folder / "sources/shared/link.xml");
    const auto options = include_from(folder / "sources");
    EXPECT_EQ(parse_error(folder, "sources/up.xml", options),
              "sources/up.xml:1:49: error: xi:include href '../outside.xml' leaves sources");
    EXPECT_EQ(parse_error(folder, "sources/abs.xml", options),
              "sources/abs.xml:1:49: error: xi:include href 'outside.xml' must be a relative path inside sources");
    EXPECT_EQ(parse_error(folder, "sources/uri.xml", options),
              "sources/uri.xml:1:49: error: xi:include href 'file:///etc/passwd' must be a relative path inside sources");
    EXPECT_EQ(parse_error(folder, "sources/net.xml", options),
              "sources/net.xml:1:49: error: xi:include href 'http://127.0.0.1/x.xml' must be a relative path inside "
              "sources");
    EXPECT_EQ(parse_error(folder, "sources/link.xml", options),
              "sources/link.xml:1:49: error: xi:include href 'shared/link.xml' leaves sources");
    // A symbolic link that stays inside is followed.
    write(folder / "sources/shared/real.xml", "<box/>");
    fs::create_symlink("real.xml", folder / "sources/shared/inside.xml");
    write(folder / "sources/in.xml", std::string("<doc ") + xi + "><xi:include href=\"shared/inside.xml\"/></doc>");
    EXPECT_NO_THROW(xml::Document::parse((folder / "sources/in.xml").string(), options));
    write(folder / "sources/dir.xml", std::string("<doc ") + xi + "><xi:include href=\"shared\"/></doc>");
    EXPECT_EQ(parse_error(folder, "sources/dir.xml", options),
              "sources/dir.xml:1:49: error: included path 'sources/shared' is not a file");
}

TEST(XInclude, CyclesAreFoundAndNamed)
{
    const auto folder = scratch_dir();
    write(folder / "sources/a.xml", std::string("<doc ") + xi + "><xi:include href=\"shared/b.xml\"/></doc>");
    write(folder / "sources/shared/b.xml", std::string("<box ") + xi + ">\n <xi:include href=\"c.xml\"/></box>");
    write(folder / "sources/shared/c.xml", std::string("<box ") + xi + ">\n\n <xi:include href=\"b.xml\"/></box>");
    write(folder / "sources/self.xml", std::string("<doc ") + xi + "><xi:include href=\"self.xml\"/></doc>");
    const auto options = include_from(folder / "sources");
    EXPECT_EQ(parse_error(folder, "sources/a.xml", options),
              "sources/shared/c.xml:3:2: error: xi:include makes a cycle: sources/a.xml -> sources/shared/b.xml -> "
              "sources/shared/c.xml -> sources/shared/b.xml");
    EXPECT_EQ(parse_error(folder, "sources/self.xml", options),
              "sources/self.xml:1:49: error: xi:include makes a cycle: sources/self.xml -> sources/self.xml");
}

TEST(XInclude, NestingIsBounded)
{
    const auto folder = scratch_dir();
    for (int i = 0; i < 12; ++i)
        write(folder / ("sources/f" + std::to_string(i) + ".xml"),
              std::string("<box ") + xi + "><xi:include href=\"f" + std::to_string(i + 1) + ".xml\"/></box>");
    write(folder / "sources/f12.xml", "<end/>");
    auto options = include_from(folder / "sources");
    EXPECT_EQ(parse_error(folder, "sources/f0.xml", options),
              "sources/f8.xml:1:49: error: xi:include nested more than 8 levels deep");
    options.max_include_depth = 20;
    EXPECT_NO_THROW(xml::Document::parse((folder / "sources/f0.xml").string(), options));
}

TEST(XInclude, OnlyWholeXmlFilesWithoutFallback)
{
    const auto folder = scratch_dir();
    write(folder / "sources/shared/t.txt", "text");
    write(folder / "sources/text.xml", std::string("<doc ") + xi + "><xi:include href=\"shared/t.txt\" parse=\"text\"/></doc>");
    write(folder / "sources/ptr.xml", std::string("<doc ") + xi + "><xi:include href=\"a.xml\" xpointer=\"x\"/></doc>");
    write(folder / "sources/fb.xml",
          std::string("<doc ") + xi + "><xi:include href=\"none.xml\">\n<xi:fallback/></xi:include></doc>");
    const auto options = include_from(folder / "sources");
    EXPECT_EQ(parse_error(folder, "sources/text.xml", options),
              "sources/text.xml:1:49: error: xi:include parse=\"text\" is not supported; only parse=\"xml\"");
    EXPECT_EQ(parse_error(folder, "sources/ptr.xml", options),
              "sources/ptr.xml:1:49: error: xi:include xpointer is not supported: include a whole file");
    EXPECT_EQ(parse_error(folder, "sources/fb.xml", options),
              "sources/fb.xml:2:1: error: xi:include takes no content (xi:fallback is not supported)");
}

TEST(XInclude, FragmentsAreParsedAsSafelyAsSources)
{
    const auto folder = scratch_dir();
    write(folder / "sources/a.xml", std::string("<doc ") + xi + ">\n<xi:include href=\"bad.xml\"/></doc>");
    write(folder / "sources/bad.xml", "<box>\n\xFF</box>");
    EXPECT_EQ(parse_error(folder, "sources/a.xml", include_from(folder / "sources")),
              "sources/bad.xml:2:1: error: invalid UTF-8 (byte 0xFF): leaflet files must be UTF-8");
}

TEST(XInclude, NotAllowedWithoutAnIncludeRoot)
{
    EXPECT_EQ(error_of(std::string("<doc ") + xi + "><xi:include href=\"a.xml\"/></doc>"),
              "bad.xml:1:49: error: xi:include is not allowed in this file");
}

}  // namespace
}  // namespace leaflet::test
