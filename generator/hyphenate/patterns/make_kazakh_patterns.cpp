// make_kazakh_patterns: writes libhyphen's .dic for Kazakh, derived from the
// syllable rules of PRODUCT.md ("Kazakh typography"), at build time: one
// for the Cyrillic spelling, one for the Latin (2021) spelling.
//
//   make_kazakh_patterns WHOLE-WORDS.txt LATIN-TABLE.txt CYRILLIC.dic LATIN.dic
//
// The Latin patterns are the same rules over the letters the table
// (generator/script/kk-latn.txt) writes each class's letters as: и and й
// both become i, which is a glide as и is (a vowel after a consonant, a
// consonant after a vowel: й stands after vowels); letters that become two
// (ё io, ю iu, я ia, ц ts, щ şş) are their letters' classes; ь and ъ are
// dropped, so the Latin spelling has no signs.
//
// The rules, with the letters in four classes (vowels; у and и, vowels after
// a consonant and consonants after a vowel; consonants; the signs ь ъ):
//   - a break goes before the last consonant of the cluster between two
//     vowels: one consonant goes on (ба-ру), of two one (ал-ма), of three the
//     last (айт-ты); a sign stays with the consonant before it, so it never
//     starts a line (ком-пью-тер);
//   - two vowels next to each other are two syllables (ки-ім);
//   - no break leaves a part without a vowel (word-initial clusters of loan
//     words: стра-те-гия, not ст-ра-);
//   - hyphenmins 2/2;
//   - the words of WHOLE-WORDS.txt (one a line, lower case, '#' starts a
//     comment) never break: each is a pattern of the whole word with an 8,
//     which outweighs every rule, in each of its gaps (.н8е8м8е8с8е.).
// Words under five letters, numbers and addresses are the library's concern,
// not the patterns'.
//
// Liang's patterns match literal letters, so every rule is expanded over its
// letter classes; then, as libhyphen's substrings.pl does, every state (a
// prefix of a pattern) gets the union of the patterns that end it, because
// libhyphen applies only the match of the state it is in.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using Letters = std::vector<std::string>;

Letters join(const Letters& first, const Letters& second)
{
    Letters all = first;
    all.insert(all.end(), second.begin(), second.end());
    return all;
}

// A pattern: its letters (a word boundary is ".") and the value in each of
// the gaps before, between and after them.
struct Pattern {
    std::vector<std::string> letters;
    std::vector<int> values;
};

class Patterns {
public:
    // `classes` gives the letters of each position; `gap` and `value` put one
    // value in the gap before position `gap` (classes.size() is after the last).
    void add(const std::vector<Letters>& classes, std::size_t gap, int value)
    {
        std::vector<std::string> letters(classes.size());
        expand(classes, 0, letters, gap, value);
    }

    // Every state with the union of the patterns that are its suffixes.
    std::map<std::vector<std::string>, std::vector<int>> states() const
    {
        std::map<std::vector<std::string>, std::vector<int>> result;
        for (const auto& [letters, values] : patterns_) {
            for (std::size_t length = 1; length <= letters.size(); ++length) {
                std::vector<std::string> state(letters.begin(), letters.begin() + static_cast<long>(length));
                if (result.count(state)) continue;
                std::vector<int> merged(length + 1, 0);
                bool any = false;
                for (std::size_t start = 0; start < length; ++start) {
                    std::vector<std::string> suffix(state.begin() + static_cast<long>(start), state.end());
                    auto found = patterns_.find(suffix);
                    if (found == patterns_.end()) continue;
                    any = true;
                    for (std::size_t i = 0; i < found->second.size(); ++i)
                        merged[start + i] = std::max(merged[start + i], found->second[i]);
                }
                if (any) result.emplace(std::move(state), std::move(merged));
            }
        }
        return result;
    }

private:
    void expand(const std::vector<Letters>& classes, std::size_t position, std::vector<std::string>& letters,
                std::size_t gap, int value)
    {
        if (position == classes.size()) {
            std::vector<int>& values = patterns_[letters];
            values.resize(letters.size() + 1, 0);
            values[gap] = std::max(values[gap], value);
            return;
        }
        for (const std::string& letter : classes[position]) {
            letters[position] = letter;
            expand(classes, position + 1, letters, gap, value);
        }
    }

    std::map<std::vector<std::string>, std::vector<int>> patterns_;
};

}  // namespace

// The UTF-8 letters of `word`.
Letters letters_of(const std::string& word)
{
    Letters letters;
    for (std::size_t at = 0; at < word.size();) {
        std::size_t length = 1;
        while (at + length < word.size() && (static_cast<unsigned char>(word[at + length]) & 0xC0) == 0x80) ++length;
        letters.push_back(word.substr(at, length));
        at += length;
    }
    return letters;
}

// The four letter classes of the rules.
struct Alphabet {
    Letters vowels, glides, consonants, signs;
    Letters prefixes;  // the consonants of the Russian prefixes в-, вз-, вс-, с-
};

const Alphabet cyrillic{{"а", "ә", "е", "ё", "о", "ө", "ұ", "ү", "ы", "і", "э", "ю", "я"},
                        {"у", "и"},
                        {"б", "в", "г", "ғ", "д", "ж", "з", "й", "к", "қ", "л", "м", "н", "ң", "п", "р", "с", "т",
                         "ф", "х", "һ", "ц", "ч", "ш", "щ"},
                        {"ь", "ъ"},
                        {"в", "з", "с"}};

// Cyrillic letter -> Latin letters, from the table's lines ("а a", "ъ -").
using Table = std::map<std::string, std::string>;

Table read_table(std::istream& in)
{
    Table table;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t space = line.find(' ');
        const std::string latin = line.substr(space + 1);
        table[line.substr(0, space)] = latin == "-" ? "" : latin;
    }
    return table;
}

std::string to_latin(const std::string& word, const Table& table)
{
    std::string latin;
    for (const std::string& letter : letters_of(word)) {
        const auto found = table.find(letter);
        latin += found == table.end() ? letter : found->second;
    }
    return latin;
}

// The Latin letters of a class: each letter's single Latin letter, those
// already in `taken` (a class before it) left out.
Letters latin_class(const Letters& letters, const Table& table, const Letters& taken)
{
    Letters result;
    for (const std::string& letter : letters) {
        const Letters latin = letters_of(to_latin(letter, table));
        if (latin.size() != 1) continue;
        if (std::find(taken.begin(), taken.end(), latin[0]) != taken.end()) continue;
        if (std::find(result.begin(), result.end(), latin[0]) == result.end()) result.push_back(latin[0]);
    }
    return result;
}

Alphabet latin_alphabet(const Table& table)
{
    Alphabet latin;
    latin.glides = latin_class(cyrillic.glides, table, {});
    latin.vowels = latin_class(cyrillic.vowels, table, latin.glides);
    latin.consonants = latin_class(cyrillic.consonants, table, join(latin.glides, latin.vowels));
    latin.signs = latin_class(cyrillic.signs, table, {});
    latin.prefixes = latin_class(cyrillic.prefixes, table, {});
    return latin;
}

Patterns rules(const Alphabet& alphabet, const std::vector<std::string>& whole_words)
{
    const Letters boundary{"."};
    const Letters& vowels = alphabet.vowels;
    const Letters& glides = alphabet.glides;
    const Letters& consonants = alphabet.consonants;
    const Letters& signs = alphabet.signs;
    const Letters vowel_or_glide = join(vowels, glides);
    const Letters consonant_or_sign = join(consonants, signs);

    Patterns patterns;
    // Level 1, the breaks. Before a consonant followed by a vowel (у and и
    // after a consonant are vowels): the last consonant of a cluster goes on.
    patterns.add({consonants, vowel_or_glide}, 0, 1);
    // A sign stays with its consonant: the break goes before both.
    patterns.add({consonants, signs, vowel_or_glide}, 0, 1);
    // у and и after a vowel are consonants, and go on like one.
    patterns.add({vowels, glides, vowel_or_glide}, 1, 1);
    // Two vowels are two syllables; у and и after a consonant or at the start
    // of a word are vowels too.
    patterns.add({vowels, vowels}, 1, 1);
    patterns.add({consonant_or_sign, glides, vowels}, 2, 1);
    patterns.add({boundary, glides, vowels}, 2, 1);
    // Level 2, the exceptions. A sign never starts a line.
    patterns.add({signs}, 0, 2);
    // No break after a word-initial cluster: that part would have no vowel.
    // Onsets of four consonants come only with the Russian prefixes в-, вз-,
    // вс- and с- (встреча, взгляд, вскрыть); all of them would cost 20,000
    // patterns and 40 ms of loading in every run.
    patterns.add({boundary, consonant_or_sign, consonant_or_sign}, 3, 2);
    patterns.add({boundary, alphabet.prefixes, consonant_or_sign, consonant_or_sign}, 4, 2);
    // Level 8, the words kept whole.
    for (const std::string& word : whole_words) {
        std::vector<Letters> classes{boundary};
        for (const std::string& letter : letters_of(word)) classes.push_back({letter});
        classes.push_back(boundary);
        for (std::size_t gap = 2; gap + 1 < classes.size(); ++gap) patterns.add(classes, gap, 8);
    }
    return patterns;
}

bool write(const std::string& path, const Patterns& patterns, const char* spelling)
{
    std::ofstream out(path, std::ios::binary);
    out << "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n"
        << "% Kazakh hyphenation patterns (" << spelling << "), generated by make_kazakh_patterns\n"
        << "% from the syllable rules in PRODUCT.md. Do not edit: change the generator.\n";
    for (const auto& [letters, values] : patterns.states()) {
        std::string line;
        for (std::size_t i = 0; i <= letters.size(); ++i) {
            if (values[i] > 0) line += static_cast<char>('0' + values[i]);
            if (i < letters.size()) line += letters[i];
        }
        out << line << '\n';
    }
    out.close();
    if (!out) std::cerr << "make_kazakh_patterns: cannot write " << path << '\n';
    return static_cast<bool>(out);
}

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::cerr << "usage: make_kazakh_patterns WHOLE-WORDS.txt LATIN-TABLE.txt CYRILLIC.dic LATIN.dic\n";
        return 2;
    }
    std::ifstream words_file(argv[1]), table_file(argv[2]);
    if (!words_file || !table_file) {
        std::cerr << "make_kazakh_patterns: cannot read " << (words_file ? argv[2] : argv[1]) << '\n';
        return 3;
    }
    std::vector<std::string> words, latin_words;
    for (std::string line; std::getline(words_file, line);) {
        line = line.substr(0, line.find('#'));
        const std::size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos) continue;
        words.push_back(line.substr(start, line.find_last_not_of(" \t\r") + 1 - start));
    }
    const Table table = read_table(table_file);
    for (const std::string& word : words) latin_words.push_back(to_latin(word, table));
    if (!write(argv[3], rules(cyrillic, words), "Cyrillic")) return 3;
    if (!write(argv[4], rules(latin_alphabet(table), latin_words), "Latin, 2021")) return 3;
    return 0;
}
