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

// Every break the syllable rules allow: the patterns' own minimum of two
// letters on either side.
std::string kk(const std::string& word)
{
    return shared_hyphenator().hyphenate_word(word, "kk", {2, 2});
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
    // A compound breaks only after its hard hyphen (where the line breaker
    // may end a line anyway), never inside a part: not зорлық-зомбы-лық.
    for (const char* compound : {"зорлық-зомбылық", "мінез-құлық", "егжей-тегжейлі", "Алматы-Астана"})
        EXPECT_TRUE(shared_hyphenator().breaks(compound, "kk").empty()) << compound;
    EXPECT_EQ(kk("зомбылық"), "зом-бы-лық");
}

TEST(Hyphenate, WordsTheListKeepsWhole)
{
    // patterns/kk-whole-words.txt: each word a pattern that outweighs the
    // syllable rules, in any case; a word that only starts like one still
    // breaks.
    for (const char* word : {"немесе", "Немесе", "бойынша", "сондықтан", "туралы"}) EXPECT_EQ(kk(word), word) << word;
    EXPECT_EQ(kk("немесенің"), "не-ме-се-нің");
}

TEST(Hyphenate, TheLimitsKeepLettersOnEitherSide)
{
    // The house style: two letters before a break, three after it.
    const Hyphenator& hyphenator = shared_hyphenator();
    EXPECT_EQ(hyphenator.hyphenate_word("республика", "kk", {2, 2}), "рес-пуб-ли-ка");
    EXPECT_EQ(hyphenator.hyphenate_word("республика", "kk"), "рес-пуб-лика");
    EXPECT_EQ(hyphenator.hyphenate_word("республика", "kk", {4, 3}), "респуб-лика");
    EXPECT_EQ(hyphenator.hyphenate_word("әдемі", "kk"), "әдемі");  // әде-мі leaves two
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
    Hyphenator hyphenator({"/nonexistent/hyph_kk_KZ.dic", "/nonexistent/hyph_kk_Latn_KZ.dic", "/nonexistent/ru.dic", "/nonexistent/en.dic"});
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

// Kazakh in Latin letters: the same syllable rules over the Latin spelling.
std::string latn(const std::string& word)
{
    return shared_hyphenator().hyphenate_word(word, "kk-Latn", {2, 2});
}

TEST(Hyphenate, LatinKazakhFollowsTheSyllableRules)
{
    // Each class of letters in its Latin letters: one consonant goes on,
    // of two one, of three the last; two vowels are two syllables
    // (script_test checks every word of the leaflets against Cyrillic).
    EXPECT_EQ(latn("balalar"), "ba-la-lar");              // балалар
    EXPECT_EQ(latn("almaty"), "al-ma-ty");                // of two consonants one goes on
    EXPECT_EQ(latn("qazaqstan"), "qa-zaqs-tan");          // қазақстан: of three the last
    EXPECT_EQ(latn("memlekettık"), "mem-le-ket-tık");     // мемлекеттік: і is ı
    EXPECT_EQ(latn("mäjbürleu"), "mäj-bür-leu");          // мәжбүрлеу: ә ү
    EXPECT_EQ(latn("ğalamtor"), "ğa-lam-tor");            // ғаламтор
    EXPECT_EQ(latn("jeñısı"), "je-ñı-sı");                // жеңісі: ң is ñ
    // u and i: vowels after a consonant, consonants after a vowel (й is i).
    EXPECT_EQ(latn("kiımı"), "ki-ı-mı");                  // киімі
    EXPECT_EQ(latn("täuelsız"), "tä-uel-sız");            // тәуелсіз
    EXPECT_EQ(latn("aittyq"), "ait-tyq");                 // айттық
    // Capitals by the Kazakh rule: I is ı (Ібырайым), İ is i.
    EXPECT_EQ(shared_hyphenator().hyphenate_word("Ibyraiym", "kk-Latn", {2, 2}), "Iby-ra-iym");
    // The words kept whole, in their Latin spelling.
    EXPECT_EQ(latn("nemese"), "nemese");
    EXPECT_EQ(latn("boiynşa"), "boiynşa");
    // Latin words of a Cyrillic paragraph are still English.
    EXPECT_EQ(shared_hyphenator().hyphenate_word("hyphenation", "kk"), "hy-phen-ation");
}

TEST(Hyphenate, CommandLineForm)
{
    // The house style's limits (two letters before a break, three after).
    EXPECT_EQ(hyphenate_words({"балалар", "бару", "республика"}, "kk"), "ба-ла-лар\nбару\nрес-пуб-лика\n");
}

}  // namespace
}  // namespace leaflet::hyphenate
