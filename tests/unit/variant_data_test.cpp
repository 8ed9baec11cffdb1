// Variants own their data (issue 16, item 1): a variant's own organisations
// (<organisations src="…"/>), overrides of a shared organisation's phones and
// e-mails, the order of its region's organisations, and its logo and website
// in the back's logo place; each in that variant only.
#include <sstream>

#include <gtest/gtest.h>

#include "pdf_oracle.hpp"
#include "project.hpp"

namespace leaflet::test {
namespace {

const char* const directory_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<directory-data>
  <organisation id="union" number="1" category="crisis-centre" regions="mangystau">
    <name>«Одақ»</name><area>Ақтау қ.</area>
    <phone number="+77273764037"/><email>union@example.kz</email>
  </organisation>
  <organisation id="meyirim" number="2" category="crisis-centre" regions="mangystau">
    <name>«Мейірім»</name><area>Ақтау қ.</area>
    <phone number="+77292545168"/>
  </organisation>
  <organisation id="law" number="3" category="crisis-centre" regions="almaty-city">
    <name>«Құқық»</name><area>Алматы қ.</area>
    <phone number="+77015168787"/>
  </organisation>
</directory-data>
)";

const char* const leaflet_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<leaflet id="t" xml:lang="kk" version="1">
  <title>Сынақ</title>
  <panel role="back">
    <directory category="crisis-centre"/>
    <image id="publisher-logos" src="art/logos-placeholder.svg" alt="Логотиптер орны" width="86mm" place="foot"/>
  </panel>
</leaflet>
)";

const char* const own_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<directory-data>
  <organisation id="aktau-help" number="30" category="crisis-centre" regions="mangystau">
    <name>«Ақтау көмегі»</name><area>Ақтау қ.</area>
    <phone number="+77292000001"/>
  </organisation>
</directory-data>
)";

class VariantData : public ::testing::Test {
protected:
    void SetUp() override
    {
        folder_ = scratch_dir();
        project_ = copy_of_repository(folder_);
        std::filesystem::remove_all(folder_ / "sources/variants");
        write(folder_ / "sources/shared/directory.xml", directory_xml);
        write(folder_ / "sources/t.xml", leaflet_xml);
        write(folder_ / "sources/variants/almaty-city.xml",
              R"(<variant id="almaty-city" leaflets="t" region="almaty-city" label="Алматы"/>)");
    }

    void variant(const std::string& body)
    {
        write(folder_ / "sources/variants/mangystau.xml",
              "<variant id=\"mangystau\" leaflets=\"t\" region=\"mangystau\" label=\"Маңғыстау\">" + body +
                  "</variant>");
    }

    // Builds leaflet t, every variant; the extracted text of product `name`.
    std::string text_of(const std::string& name)
    {
        BuildOptions options;
        options.leaflets = {"t"};
        options.formats = {Format::print};
        options.out = (folder_ / "out").string();
        options.dump_layout = true;
        Diagnostics diagnostics;
        build(project_, options, diagnostics);
        return normalize_space(extract_text(pdf(name)));
    }

    std::string pdf(const std::string& name) const { return (folder_ / "out/print" / (name + ".pdf")).string(); }

    std::filesystem::path folder_;
    Project project_;
};

TEST_F(VariantData, OwnOrganisationAppearsInItsVariantOnly)
{
    write(folder_ / "sources/variants/mangystau/organisations.xml", own_xml);
    variant(R"(<organisations src="mangystau/organisations.xml"/>)");
    const std::string own = text_of("t.mangystau");
    // the region's box: its organisations in number order, the own one last
    EXPECT_NE(own.find("1. «Одақ», Ақтау қ., тел.: +7 727 376 40 37, union@example.kz 2. «Мейірім», Ақтау қ., тел.: "
                       "+7 729 254 51 68 3. «Ақтау көмегі», Ақтау қ., тел.: +7 729 200 00 01 4. «Құқық»"),
              std::string::npos)
        << own;
    EXPECT_EQ(text_of("t").find("Ақтау көмегі"), std::string::npos);
    EXPECT_EQ(text_of("t.almaty-city").find("Ақтау көмегі"), std::string::npos);
}

TEST_F(VariantData, OverrideChangesThePhonesAndEmailsInThatVariantOnly)
{
    variant(R"(<override organisation="meyirim"><phone number="+77292999999"/><email>meyirim@example.kz</email></override>)");
    const std::string overridden = text_of("t.mangystau");
    EXPECT_NE(overridden.find("«Мейірім», Ақтау қ., тел.: +7 729 299 99 99, meyirim@example.kz"), std::string::npos)
        << overridden;
    EXPECT_EQ(overridden.find("+7 729 254 51 68"), std::string::npos);
    EXPECT_NE(text_of("t").find("«Мейірім», Ақтау қ., тел.: +7 729 254 51 68"), std::string::npos);
    EXPECT_NE(text_of("t.almaty-city").find("+7 729 254 51 68"), std::string::npos);
}

TEST_F(VariantData, OrderPutsTheRegionsOrganisationsInItsOrder)
{
    write(folder_ / "sources/variants/mangystau/organisations.xml", own_xml);
    variant(R"(<organisations src="mangystau/organisations.xml"/><order>aktau-help meyirim</order>)");
    const std::string ordered = text_of("t.mangystau");
    // the ordered first, the region's others (union) after them, then the other regions'
    EXPECT_NE(ordered.find("1. «Ақтау көмегі», Ақтау қ., тел.: +7 729 200 00 01 2. «Мейірім», Ақтау қ., тел.: "
                           "+7 729 254 51 68 3. «Одақ»"),
              std::string::npos)
        << ordered;
    EXPECT_NE(ordered.find("4. «Құқық»"), std::string::npos) << ordered;
    EXPECT_NE(text_of("t").find("1. «Одақ»"), std::string::npos);
}

TEST_F(VariantData, LogoAndWebsiteQrCodeStandInTheLogosPlace)
{
    write(folder_ / "sources/variants/mangystau/logo.svg",
          R"(<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">)"
          R"(<rect width="40" height="20" fill="#0036b3"/></svg>)");
    variant(R"(<logo src="variants/mangystau/logo.svg" alt="Логотип" width="30mm"/>)"
            R"(<website href="https://www.example.kz"/>)");
    const std::string text = text_of("t.mangystau");
    EXPECT_NE(text.find("www.example.kz"), std::string::npos) << text;
    EXPECT_EQ(qr_codes(render_page(pdf("t.mangystau"), 0, 150)), std::multiset<std::string>{"https://www.example.kz"});
    EXPECT_TRUE(qr_codes(render_page(pdf("t"), 0, 150)).empty());
    const std::string dump = read(folder_ / "out/layout/t.mangystau.txt");
    EXPECT_NE(dump.find("art svg publisher-logo"), std::string::npos) << dump;
    EXPECT_NE(dump.find("|Логотип| variants/mangystau/logo.svg"), std::string::npos) << dump;
    EXPECT_NE(dump.find("https://www.example.kz from mangystau.xml:1"), std::string::npos) << dump;
    EXPECT_EQ(read(folder_ / "out/layout/t.txt").find("art qr"), std::string::npos);
    EXPECT_NE(read(folder_ / "out/layout/t.txt").find("art/logos-placeholder.svg"), std::string::npos);
}

TEST_F(VariantData, LogoBesideAReplacementOfTheLogosPlaceIsAnError)
{
    variant(R"(<logo src="art/logos-placeholder.svg" alt="Логотип"/>)"
            R"(<replace ref="publisher-logos"><p>Мәтін.</p></replace>)");
    const RunResult run = run_leaflets("check t", folder_);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("sources/variants/mangystau.xml:1:75: error: variant 'mangystau' gives a <logo> or <website> "
                           "and replaces 'publisher-logos' too: the two fill one place"),
              std::string::npos)
        << run.err;
}

}  // namespace
}  // namespace leaflet::test
