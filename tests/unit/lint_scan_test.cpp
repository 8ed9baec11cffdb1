// The lint's scan of a file's bytes: a '>' inside a quoted attribute value
// does not end its tag (xml::tag_end), so the value's text is never linted
// and the column of a finding after it is exact.
#include "lint/lint.hpp"

#include <gtest/gtest.h>

namespace leaflet::test {
namespace {

TEST(LintScan, AnAngleBracketInAQuotedAttributeDoesNotEndTheTag)
{
    // Were the tag to end at the '>' of a>"b", the text would start with
    // b">: a straight quote, which the lint reports.
    const std::string source = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<doc>\n<p title='a>\"b' id=\"x\">сөз  сөз</p>\n</doc>\n";
    Diagnostics diagnostics;
    lint::Spelling no_spelling;
    no_spelling.check = false;
    lint::lint("t.xml", source, diagnostics, no_spelling);
    ASSERT_EQ(diagnostics.all().size(), 1u) << format(diagnostics.all().front());
    EXPECT_EQ(format(diagnostics.all().front()), "t.xml:3:28: warning: two spaces in a row: type one");
}

}  // namespace
}  // namespace leaflet::test
