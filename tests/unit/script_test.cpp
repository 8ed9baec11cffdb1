// Kazakh in Latin letters (the 2021 alphabet): each letter of the table, the
// Kazakh case rule, words, and what is never transliterated.
#include <glib.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "load/load.hpp"
#include "project.hpp"
#include "hyphenate/hyphenate.hpp"
#include "script/script.hpp"

namespace leaflet::script {
namespace {

// Every letter of the Cyrillic Kazakh alphabet, lower and upper case (an
// upper letter alone is "in its word's case": a capital at a word's start).
const std::vector<std::pair<std::string, std::string>> letters{
    {"а", "a"}, {"ә", "ä"}, {"б", "b"}, {"в", "v"},  {"г", "g"},  {"ғ", "ğ"},  {"д", "d"},  {"е", "e"},  {"ё", "io"},
    {"ж", "j"}, {"з", "z"}, {"и", "i"}, {"й", "i"},  {"к", "k"},  {"қ", "q"},  {"л", "l"},  {"м", "m"},  {"н", "n"},
    {"ң", "ñ"}, {"о", "o"}, {"ө", "ö"}, {"п", "p"},  {"р", "r"},  {"с", "s"},  {"т", "t"},  {"у", "u"},  {"ұ", "ū"},
    {"ү", "ü"}, {"ф", "f"}, {"х", "h"}, {"һ", "h"},  {"ц", "ts"}, {"ч", "ş"},  {"ш", "ş"},  {"щ", "şş"}, {"ъ", ""},
    {"ы", "y"}, {"і", "ı"}, {"ь", ""},  {"э", "e"},  {"ю", "iu"}, {"я", "ia"}};

class Letter : public testing::TestWithParam<std::pair<std::string, std::string>> {};

// `text` with its first character changed by `change`.
template <typename Change>
std::string first(const std::string& text, Change change)
{
    if (text.empty()) return text;
    const std::size_t length = static_cast<std::size_t>(g_utf8_next_char(text.c_str()) - text.c_str());
    return change(text.substr(0, length)) + text.substr(length);
}

std::string cyrillic_upper(const std::string& letter)
{
    char utf8[6];
    const gunichar ch = g_unichar_toupper(g_utf8_get_char(letter.c_str()));
    return std::string(utf8, static_cast<std::size_t>(g_unichar_to_utf8(ch, utf8)));
}

TEST_P(Letter, IsWrittenByTheTable)
{
    const auto& [cyrillic, latin] = GetParam();
    EXPECT_EQ(to_latin(cyrillic), latin);
    // A capital at a word's start: only its first Latin letter in upper
    // case, by the Kazakh rule (И: İ, І: I).
    const auto to_upper = [](const std::string& letter) { return upper(letter); };
    EXPECT_EQ(to_latin(cyrillic_upper(cyrillic) + "а"), first(latin, to_upper) + "a") << cyrillic;
    // In a word in capitals, all of them.
    EXPECT_EQ(to_latin(cyrillic_upper(cyrillic) + "А"), upper(latin) + "A") << cyrillic;
}

INSTANTIATE_TEST_SUITE_P(Alphabet, Letter, testing::ValuesIn(letters));

TEST(Script, EveryCyrillicLetterOfTheAlphabetIsInTheTable)
{
    EXPECT_EQ(letters.size(), 42u);  // the 42 letters of the Kazakh Cyrillic alphabet
}

TEST(Script, KazakhCaseRule)
{
    // i and İ, ı and I are pairs: not the C locale's i and I.
    EXPECT_EQ(upper("i"), "İ");
    EXPECT_EQ(upper("ı"), "I");
    EXPECT_EQ(lower("İ"), "i");
    EXPECT_EQ(lower("I"), "ı");
    EXPECT_EQ(upper("qazaqstan ışı"), "QAZAQSTAN IŞI");
    EXPECT_EQ(to_latin("И"), "İ");
    EXPECT_EQ(to_latin("І"), "I");
}

TEST(Script, Words)
{
    EXPECT_EQ(to_latin("Қазақстан Республикасы"), "Qazaqstan Respublikasy");
    EXPECT_EQ(to_latin("адам саудасы"), "adam saudasy");
    EXPECT_EQ(to_latin("Шұғыл желі"), "Şūğyl jelı");
    EXPECT_EQ(to_latin("мәжбүрлеу, көмек, үйіне"), "mäjbürleu, kömek, üiıne");
    EXPECT_EQ(to_latin("ЖЕДЕЛ ЖЕЛІ"), "JEDEL JELI");
    // A letter that becomes two: in capitals where its word is; i in upper
    // case is İ (Ю: İu, Й: İ).
    EXPECT_EQ(to_latin("Юрий"), "İurii");
    EXPECT_EQ(to_latin("ЮРИЙ"), "İURİİ");
    EXPECT_EQ(to_latin("ҰЙЫМ ЖӘНЕ ЩЕТКА"), "ŪİYM JÄNE ŞŞETKA");
    EXPECT_EQ(to_latin("компьютер, объект"), "kompiuter, obekt");
}

TEST(Script, NumbersPhonesEmailsAndUrlsAreKept)
{
    for (const char* kept : {"11616", "+7 (7172) 72 01 11", "komek@stoptrafficking.kz", "https://stop.kz/a?b=1",
                             "2024 ж."})
        EXPECT_EQ(to_latin(kept), std::string(kept) == "2024 ж." ? "2024 j." : kept) << kept;
}

TEST(Script, ADocumentHasItsTextAndLanguageInLatinLetters)
{
    const load::Document cyrillic = load::load(test::source_dir() + "/sources/general.xml",
                                               test::source_dir() + "/sources/schema/leaflet.rng", test::regions(),
                                               test::source_dir() + "/sources");
    const load::Document latin = to_latin(cyrillic);
    EXPECT_EQ(latin.language, "kk-Latn");
    EXPECT_EQ(latin.title, "Jalpy jadynama");
    ASSERT_EQ(latin.panels.size(), cyrillic.panels.size());
    int checked = 0;
    // Every block, and the blocks inside callouts and lists.
    std::function<void(const std::vector<load::Block>&, const std::vector<load::Block>&)> visit =
        [&](const std::vector<load::Block>& latin_blocks, const std::vector<load::Block>& cyrillic_blocks) {
            ASSERT_EQ(latin_blocks.size(), cyrillic_blocks.size());
            for (std::size_t b = 0; b < latin_blocks.size(); ++b) {
                const std::string text = load::plain_text(latin_blocks[b].content);
                EXPECT_EQ(text, to_latin(load::plain_text(cyrillic_blocks[b].content)));
                for (const char* q = text.c_str(); *q; q = g_utf8_next_char(q))
                    EXPECT_NE(g_unichar_get_script(g_utf8_get_char(q)), G_UNICODE_SCRIPT_CYRILLIC) << text;
                checked += !text.empty();
                visit(latin_blocks[b].children, cyrillic_blocks[b].children);
            }
        };
    for (std::size_t p = 0; p < latin.panels.size(); ++p) visit(latin.panels[p].blocks, cyrillic.panels[p].blocks);
    EXPECT_GE(checked, 5);
    EXPECT_EQ(latin_language("kk-KZ"), "kk-Latn-KZ");
}

// The words of a text: runs of letters.
std::vector<std::string> words_of(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    for (const char* p = text.c_str();; p = g_utf8_next_char(p)) {
        const gunichar ch = g_utf8_get_char(p);
        if (ch && g_unichar_isalpha(ch)) {
            word.append(p, static_cast<std::size_t>(g_utf8_next_char(p) - p));
            continue;
        }
        if (!word.empty()) words.push_back(word);
        word.clear();
        if (!ch) break;
    }
    return words;
}

void collect(const std::vector<load::Block>& blocks, std::vector<std::string>& words)
{
    for (const load::Block& block : blocks) {
        for (std::string& word : words_of(load::plain_text(block.content))) words.push_back(std::move(word));
        collect(block.children, words);
    }
}

TEST(Script, LatinPatternsBreakEveryWordOfTheLeafletsWhereCyrillicDoes)
{
    // Each Kazakh word of the five leaflets whose letters map one to one
    // (no ё ю я ц щ ь ъ, the letters of Russian loans): its Latin spelling
    // breaks where its Cyrillic one does.
    const hyphenate::Hyphenator& hyphenator = hyphenate::shared_hyphenator();
    int compared = 0, broken = 0;
    for (const char* id : {"contacts", "general", "migrants", "sab-staff", "youth"}) {
        const load::Document document = load::load(test::source_dir() + "/sources/" + id + ".xml",
                                                   test::source_dir() + "/sources/schema/leaflet.rng", test::regions(),
                                                   test::source_dir() + "/sources");
        std::vector<std::string> words;
        for (const load::Panel& panel : document.panels) collect(panel.blocks, words);
        for (const std::string& word : words) {
            if (g_unichar_get_script(g_utf8_get_char(word.c_str())) != G_UNICODE_SCRIPT_CYRILLIC) continue;
            bool loan = false;
            for (const char* letter : {"ё", "ю", "я", "ц", "щ", "ь", "ъ", "Ё", "Ю", "Я", "Ц", "Щ", "Ь", "Ъ"})
                loan = loan || word.find(letter) != std::string::npos;
            if (loan) continue;
            const std::string cyrillic = hyphenator.hyphenate_word(word, "kk", {2, 2});
            const std::string latin = hyphenator.hyphenate_word(to_latin(word), "kk-Latn", {2, 2});
            EXPECT_EQ(latin, to_latin(cyrillic)) << word;
            ++compared;
            broken += cyrillic != word;
        }
    }
    EXPECT_GE(compared, 1000);
    EXPECT_GE(broken, 500);
}

}  // namespace
}  // namespace leaflet::script
