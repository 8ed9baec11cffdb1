// make_kazakh_patterns: writes libhyphen's .dic for Kazakh, derived from the
// syllable rules of PRODUCT.md ("Kazakh typography"), at build time.
//
//   make_kazakh_patterns WHOLE-WORDS.txt OUTPUT.dic
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

const Letters vowels{"а", "ә", "е", "ё", "о", "ө", "ұ", "ү", "ы", "і", "э", "ю", "я"};
const Letters glides{"у", "и"};
const Letters consonants{"б", "в", "г", "ғ", "д", "ж", "з", "й", "к", "қ", "л", "м", "н",
                         "ң", "п", "р", "с", "т", "ф", "х", "һ", "ц", "ч", "ш", "щ"};
const Letters signs{"ь", "ъ"};

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

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: make_kazakh_patterns WHOLE-WORDS.txt OUTPUT.dic\n";
        return 2;
    }
    std::ifstream words_file(argv[1]);
    if (!words_file) {
        std::cerr << "make_kazakh_patterns: cannot read " << argv[1] << '\n';
        return 3;
    }
    const Letters boundary{"."};
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
    patterns.add({boundary, {"в", "з", "с"}, consonant_or_sign, consonant_or_sign}, 4, 2);
    // Level 8, the words kept whole.
    for (std::string line; std::getline(words_file, line);) {
        line = line.substr(0, line.find('#'));
        const std::size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos) continue;
        const std::string word = line.substr(start, line.find_last_not_of(" \t\r") + 1 - start);
        std::vector<Letters> classes{boundary};
        for (const std::string& letter : letters_of(word)) classes.push_back({letter});
        classes.push_back(boundary);
        for (std::size_t gap = 2; gap + 1 < classes.size(); ++gap) patterns.add(classes, gap, 8);
    }

    std::ofstream out(argv[2], std::ios::binary);
    out << "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n"
        << "% Kazakh hyphenation patterns, generated by make_kazakh_patterns from the\n"
        << "% syllable rules in PRODUCT.md. Do not edit: change the generator.\n";
    for (const auto& [letters, values] : patterns.states()) {
        std::string line;
        for (std::size_t i = 0; i <= letters.size(); ++i) {
            if (values[i] > 0) line += static_cast<char>('0' + values[i]);
            if (i < letters.size()) line += letters[i];
        }
        out << line << '\n';
    }
    out.close();
    if (!out) {
        std::cerr << "make_kazakh_patterns: cannot write " << argv[2] << '\n';
        return 3;
    }
    return 0;
}
