// Hyphenation: the Kazakh patterns generated from the syllable rules of
// PRODUCT.md, Debian's Russian and English ones for mixed text, and the
// words that never break. Every expected form below is worked out by hand
// from the rules (one consonant between vowels goes on, of two one, of three
// the last; у and и are vowels after a consonant and consonants after a
// vowel; ь ъ stay with their consonant; hyphenmins 2/2; five letters at
// least), not copied from the program's output.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hyphenate/hyphenate.hpp"
#include "project.hpp"

namespace leaflet::hyphenate {
namespace {

std::string kk(const std::string& word)
{
    return shared_hyphenator().hyphenate_word(word, "kk");
}

TEST(Hyphenate, SyllableRules)
{
    EXPECT_EQ(kk("балалар"), "ба-ла-лар");       // one consonant goes on
    EXPECT_EQ(kk("алмалар"), "ал-ма-лар");       // of two, one goes on
    EXPECT_EQ(kk("айттым"), "айт-тым");          // of three, the last goes on
    EXPECT_EQ(kk("қазақстан"), "қа-зақс-тан");   // қст: the last goes on
    EXPECT_EQ(kk("мемлекеттік"), "мем-ле-кет-тік");
}

TEST(Hyphenate, EveryKazakhLetter)
{
    EXPECT_EQ(kk("әдемі"), "әде-мі");            // ә, and not ә-де: hyphenmin 2
    EXPECT_EQ(kk("ағаштар"), "ағаш-тар");        // ғ
    EXPECT_EQ(kk("құқық"), "құ-қық");            // қ ұ
    EXPECT_EQ(kk("теңіз"), "те-ңіз");            // ң і
    EXPECT_EQ(kk("көмек"), "кө-мек");            // ө
    EXPECT_EQ(kk("түсінік"), "тү-сі-нік");       // ү і
    EXPECT_EQ(kk("гауһар"), "гау-һар");          // һ, after у that is a consonant
    EXPECT_EQ(kk("білім"), "бі-лім");            // і
}

TEST(Hyphenate, GlidesAreVowelsAfterConsonants)
{
    EXPECT_EQ(kk("оқушы"), "оқу-шы");            // у after қ: a vowel
    EXPECT_EQ(kk("жиналыс"), "жи-на-лыс");       // и after ж: a vowel
    EXPECT_EQ(kk("киімі"), "ки-і-мі");           // и a vowel, then і: two syllables
    EXPECT_EQ(kk("тиісті"), "ти-іс-ті");
}

TEST(Hyphenate, GlidesAreConsonantsAfterVowels)
{
    EXPECT_EQ(kk("дауыс"), "да-уыс");            // у after а: the one consonant goes on
    EXPECT_EQ(kk("ауру"), "ауру");               // four letters: never
    EXPECT_EQ(kk("аурулар"), "ау-ру-лар");       // у р split, у after р a vowel
    EXPECT_EQ(kk("саудагер"), "сау-да-гер");
    EXPECT_EQ(kk("мозаика"), "мо-заи-ка");       // и after а: with к, two consonants
}

TEST(Hyphenate, RussianLoanWords)
{
    EXPECT_EQ(kk("республика"), "рес-пуб-ли-ка");
    // кспл: the last goes on; у after л a vowel, then а: two syllables;
    // ци-я would leave one letter.
    EXPECT_EQ(kk("эксплуатация"), "эксп-лу-а-та-ция");
    EXPECT_EQ(kk("компьютер"), "ком-пью-тер");   // ь never starts a line
    EXPECT_EQ(kk("стратегия"), "стра-те-гия");   // ст-ра would leave no vowel
    EXPECT_EQ(kk("встреча"), "встре-ча");
    // ъ stays with б, and о-бъ would leave one letter; ни-е too.
    EXPECT_EQ(kk("объявление"), "объяв-ле-ние");
}

TEST(Hyphenate, CapitalisedWordsKeepTheirCase)
{
    EXPECT_EQ(kk("Қазақстан"), "Қа-зақс-тан");
    EXPECT_EQ(kk("ЮНИСЕФ"), "ЮНИСЕФ");           // capitals only: an abbreviation
}

TEST(Hyphenate, NeverBreaks)
{
    for (const char* word : {"бару", "алма", "ақша",            // under five letters
                             "12345678", "2024-жылдың",          // numbers
                             "+7-700-123-45-67", "8(727)2500000", // phone numbers
                             "komek@stoptrafficking.kz",        // e-mail
                             "https://stoptrafficking.kz/komek", "www.stoptrafficking.kz",  // URLs
                             "Қaзақстан",                        // a Latin a inside: damaged text
                             "қа\u00ADзақстан"})                 // the author's own soft hyphen
        EXPECT_EQ(kk(word), word) << word;
}

TEST(Hyphenate, PunctuationAndCompounds)
{
    EXPECT_EQ(kk("«балалар»,"), "«ба-ла-лар»,");
    // Each side of a hard hyphen on its own: Ал-ма-ты, Ас-та-на.
    const std::string compound = "Алматы-Астана";
    const std::vector<int> expected{4, 8, 17, 21};  // bytes (two a letter, one the hyphen): Ал|ма|ты-Ас|та|на
    EXPECT_EQ(shared_hyphenator().breaks(compound, "kk"), expected);
}

TEST(Hyphenate, LatinWordsInKazakhTextAreEnglish)
{
    // The Kazakh patterns have no Latin letters, so any break proves the
    // English patterns; theirs are hy-phen-ation (Liang's own example)
    // with hyphenmins 2/3.
    EXPECT_EQ(kk("hyphenation"), "hy-phen-ation");
    EXPECT_EQ(shared_hyphenator().hyphenate_word("hyphenation", "ru"), "hy-phen-ation");
}

TEST(Hyphenate, RussianParagraphsUseRussianPatterns)
{
    // A Russian paragraph takes hyph_ru_RU, which keeps the prefix экс-
    // whole as Russian dictionaries do (экс-плу-а-та-ция); our Kazakh rule
    // gives эксп-лу, so the form shows which patterns were used.
    const Hyphenator& hyphenator = shared_hyphenator();
    EXPECT_EQ(hyphenator.hyphenate_word("эксплуатация", "ru-RU"), "экс-плу-а-та-ция");
    EXPECT_EQ(hyphenator.hyphenate_word("эксплуатация", "kk-KZ"), "эксп-лу-а-та-ция");
    // A word with a Kazakh letter is Kazakh whatever the paragraph says.
    EXPECT_EQ(hyphenator.hyphenate_word("мемлекеттік", "ru"), "мем-ле-кет-тік");
}

TEST(Hyphenate, MissingPatternsAreAnIoError)
{
    Hyphenator hyphenator({"/nonexistent/hyph_kk_KZ.dic", "/nonexistent/ru.dic", "/nonexistent/en.dic"});
    try {
        hyphenator.breaks("балалар", "kk");
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("/nonexistent/hyph_kk_KZ.dic"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("cannot read the hyphenation patterns"), std::string::npos);
    }
    // Short words never reach the patterns.
    EXPECT_EQ(hyphenator.hyphenate_word("бару", "kk"), "бару");
}

TEST(Hyphenate, CommandLineForm)
{
    EXPECT_EQ(hyphenate_words({"балалар", "бару", "республика"}, "kk"), "ба-ла-лар\nбару\nрес-пуб-ли-ка\n");
}

}  // namespace
}  // namespace leaflet::hyphenate
