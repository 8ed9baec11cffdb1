#include "hyphenate/hyphenate.hpp"

#include <array>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include <glib.h>
#include <hyphen.h>

#include "c/glib.hpp"
#include "c/hyphen.hpp"
#include "diag/diag.hpp"
#include "io/resources.hpp"

#ifndef LEAFLETS_HYPHEN_SYSTEM
#define LEAFLETS_HYPHEN_SYSTEM "/usr/share/hyphen"
#endif

namespace leaflet::hyphenate {

namespace {

// What libhyphen allocates (malloc) for non-standard hyphenation: a string
// a letter, and their positions and cuts. Our patterns have none; Debian's
// may.
struct Alternatives {
    std::size_t letters = 0;
    char** replacements = nullptr;
    int* positions = nullptr;
    int* cuts = nullptr;

    explicit Alternatives(std::size_t count) : letters(count) {}
    Alternatives(const Alternatives&) = delete;
    Alternatives& operator=(const Alternatives&) = delete;
    ~Alternatives()
    {
        if (replacements)
            for (std::size_t i = 0; i < letters; ++i) std::free(replacements[i]);
        std::free(replacements);
        std::free(positions);
        std::free(cuts);
    }
};

using c::HyphenDictHandle;

enum Dictionary { kazakh, kazakh_latin, russian, english, dictionary_count };

constexpr int minimum_letters = 5;
constexpr int left_min = 2, right_min = 2;

struct Letter {
    gunichar ch;
    int offset;  // in bytes, from the start of the word
};

std::vector<Letter> letters_of(std::string_view text)
{
    std::vector<Letter> letters;
    const char* begin = text.data();
    const char* end = begin + text.size();
    for (const char* p = begin; p < end; p = g_utf8_next_char(p)) {
        const gunichar ch = g_utf8_get_char_validated(p, static_cast<gssize>(end - p));
        if (ch == static_cast<gunichar>(-1) || ch == static_cast<gunichar>(-2)) return {};
        letters.push_back({ch, static_cast<int>(p - begin)});
    }
    return letters;
}

bool is_kazakh_letter(gunichar ch)
{
    switch (g_unichar_tolower(ch)) {
    case 0x04D9: case 0x0493: case 0x049B: case 0x04A3: case 0x04E9:  // ә ғ қ ң ө
    case 0x04B1: case 0x04AF: case 0x04BB: case 0x0456:               // ұ ү һ і
        return true;
    default:
        return false;
    }
}

// Numbers, phone numbers, e-mails and URLs: any digit, '@' or '/', or a
// '.' with a letter or digit on both sides (www.example.kz, т.б.).
bool is_address_or_number(const std::vector<Letter>& letters)
{
    for (std::size_t i = 0; i < letters.size(); ++i) {
        const gunichar ch = letters[i].ch;
        if (g_unichar_isdigit(ch) || ch == '@' || ch == '/' || ch == 0x00AD) return true;
        if (ch == '.' && i > 0 && i + 1 < letters.size() && g_unichar_isalnum(letters[i - 1].ch) &&
            g_unichar_isalnum(letters[i + 1].ch))
            return true;
    }
    return false;
}

// Two runs of letters joined by a hard hyphen (зорлық-зомбылық,
// Алматы-Астана): the line may break after the hyphen, never inside a part.
bool is_compound(const std::vector<Letter>& letters)
{
    for (std::size_t i = 1; i + 1 < letters.size(); ++i)
        if ((letters[i].ch == '-' || letters[i].ch == 0x2010) && g_unichar_isalpha(letters[i - 1].ch) &&
            g_unichar_isalpha(letters[i + 1].ch))
            return true;
    return false;
}

// A tag with the script subtag Latn (kk-Latn, kk-latn-KZ).
bool is_latin_tag(std::string_view language)
{
    std::string tag(language);
    for (char& ch : tag) ch = static_cast<char>(g_ascii_tolower(ch == '_' ? '-' : ch));
    return tag.find("-latn") != std::string::npos;
}

std::string language_subtag(std::string_view language)
{
    std::string primary(language.substr(0, language.find_first_of("-_")));
    for (char& ch : primary) ch = static_cast<char>(g_ascii_tolower(ch));
    return primary;
}

}  // namespace

struct Hyphenator::State {
    Paths paths;
    std::mutex mutex;
    std::array<HyphenDictHandle, dictionary_count> dictionaries;
    // Results per dictionary and word, as letter indices: a leaflet repeats
    // its words, and a process typesets many leaflets and variants.
    std::unordered_map<std::string, std::vector<int>> cache;

    HyphenDict* dictionary(Dictionary which)
    {
        HyphenDictHandle& handle = dictionaries[which];
        if (!handle) {
            const std::string& path = which == kazakh         ? paths.kazakh
                                    : which == kazakh_latin ? paths.kazakh_latin
                                    : which == russian      ? paths.russian
                                                            : paths.english;
            handle.reset(hnj_hyphen_load(path.c_str()));
            if (!handle) fail_io(path, "cannot read the hyphenation patterns");
        }
        return handle.get();
    }

    // Letter indices after which `run` (lower case, UTF-8) may break.
    std::vector<int> hyphenate(Dictionary which, const std::string& run, int count)
    {
        HyphenDict* dict = dictionary(which);
        std::string encoded = run;
        if (!dict->utf8) {
            // Debian's Russian patterns are in KOI8-R, one byte a letter; a
            // letter it lacks means the word is not Russian: leave it whole.
            gsize written = 0;
            const c::GMemory<gchar> converted(g_convert(run.data(), static_cast<gssize>(run.size()), dict->cset,
                                                        "UTF-8", nullptr, &written, nullptr));
            if (!converted) return {};
            encoded.assign(converted.get(), written);
        }
        std::vector<char> hyphens(encoded.size() + 5, '0');
        Alternatives alternatives{encoded.size()};
        hnj_hyphen_hyphenate3(dict, encoded.data(), static_cast<int>(encoded.size()), hyphens.data(), nullptr,
                              &alternatives.replacements, &alternatives.positions, &alternatives.cuts, left_min,
                              right_min, left_min, right_min);
        std::vector<int> result;
        // hyphens[i] odd: a break after letter i (libhyphen counts letters
        // in UTF-8 dictionaries and bytes, one a letter, in 8-bit ones).
        for (int i = left_min - 1; i < count - right_min; ++i)
            if (hyphens[static_cast<std::size_t>(i)] & 1) result.push_back(i);
        return result;
    }
};

Hyphenator::Hyphenator(Paths paths) : state_(std::make_unique<State>())
{
    state_->paths = std::move(paths);
}

Hyphenator::~Hyphenator() = default;

std::vector<int> Hyphenator::breaks(std::string_view word, std::string_view language, Limits limits) const
{
    const std::vector<Letter> letters = letters_of(word);
    if (letters.empty() || is_address_or_number(letters) || is_compound(letters)) return {};
    const std::string primary = language_subtag(language);
    // Kazakh in Latin letters (kk-Latn): its Latin words take our Latin patterns.
    const bool latin_kazakh = primary == "kk" && is_latin_tag(language);

    std::vector<int> result;
    // Each run of letters on its own: an apostrophe or punctuation ends it
    // («сөз»).
    for (std::size_t start = 0; start < letters.size();) {
        if (!g_unichar_isalpha(letters[start].ch)) {
            ++start;
            continue;
        }
        std::size_t end = start;
        bool latin = false, cyrillic = false, kazakh_letter = false, lower = false;
        while (end < letters.size() && g_unichar_isalpha(letters[end].ch)) {
            const gunichar ch = letters[end].ch;
            const GUnicodeScript script = g_unichar_get_script(ch);
            latin |= script == G_UNICODE_SCRIPT_LATIN;
            cyrillic |= script == G_UNICODE_SCRIPT_CYRILLIC;
            kazakh_letter |= is_kazakh_letter(ch);
            lower |= g_unichar_islower(ch) != 0;
            ++end;
        }
        const int count = static_cast<int>(end - start);
        // A run mixing scripts is damaged text (a Latin look-alike in a
        // Cyrillic word), and capitals only is an abbreviation: leave whole.
        if (count >= minimum_letters && lower && latin != cyrillic) {
            const Dictionary which = latin ? (latin_kazakh ? kazakh_latin : english)
                                   : (kazakh_letter || primary != "ru") ? kazakh
                                                                        : russian;
            std::string run;
            for (std::size_t i = start; i < end; ++i) {
                char utf8[6];
                const gunichar ch = letters[i].ch;
                // Kazakh Latin case: I and ı, İ and i are pairs.
                const gunichar small = which != kazakh_latin ? g_unichar_tolower(ch)
                                     : ch == 'I'             ? 0x0131
                                     : ch == 0x0130          ? 'i'
                                                             : g_unichar_tolower(ch);
                run.append(utf8, static_cast<std::size_t>(g_unichar_to_utf8(small, utf8)));
            }
            std::lock_guard lock(state_->mutex);
            const std::string key = static_cast<char>('0' + which) + run;
            auto found = state_->cache.find(key);
            if (found == state_->cache.end())
                found = state_->cache.emplace(key, state_->hyphenate(which, run, count)).first;
            for (int after : found->second)
                if (after + 1 >= limits.before && count - after - 1 >= limits.after)
                    result.push_back(letters[start + static_cast<std::size_t>(after) + 1].offset);
        }
        start = end;
    }
    return result;
}

std::string Hyphenator::hyphenate_word(std::string_view word, std::string_view language, Limits limits) const
{
    std::string result;
    std::size_t from = 0;
    for (int offset : breaks(word, language, limits)) {
        result.append(word.substr(from, static_cast<std::size_t>(offset) - from));
        result += '-';
        from = static_cast<std::size_t>(offset);
    }
    result.append(word.substr(from));
    return result;
}

Paths installed_paths()
{
    return {io::resource("share/leaflets/hyph_kk_KZ.dic"), io::resource("share/leaflets/hyph_kk_Latn_KZ.dic"),
            LEAFLETS_HYPHEN_SYSTEM "/hyph_ru_RU.dic", LEAFLETS_HYPHEN_SYSTEM "/hyph_en_US.dic"};
}

const Hyphenator& shared_hyphenator()
{
    static const Hyphenator hyphenator(installed_paths());
    return hyphenator;
}

std::string hyphenate_words(const std::vector<std::string>& words, std::string_view language)
{
    std::string result;
    for (const std::string& word : words) result += shared_hyphenator().hyphenate_word(word, language) + '\n';
    return result;
}

}  // namespace leaflet::hyphenate
