#include "spelling.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "c/glib.hpp"
#include "io/files.hpp"

namespace leaflet::lint {

namespace {

// Hunspell gives many suggestions, the nearest first; a message holds a few.
constexpr std::size_t max_suggestions = 3;

// The SET line of an .aff file (after a byte order mark, if any); Hunspell's
// default is ISO-8859-1.
std::string encoding_of(const std::string& aff_path)
{
    std::istringstream lines(io::read_file(aff_path));
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.rfind("SET ", 0) != 0) continue;
        std::string name = line.substr(4);
        while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
        return name;
    }
    return "ISO-8859-1";
}

std::string converted(const std::string& text, const char* to, const char* from)
{
    gsize written = 0;
    c::GMemory<gchar> out(g_convert(text.data(), static_cast<gssize>(text.size()), to, from, nullptr, &written, nullptr));
    return out ? std::string(out.get(), written) : std::string();
}

std::string utf8(gunichar code)
{
    char buffer[8] = {};
    return std::string(buffer, static_cast<std::size_t>(g_unichar_to_utf8(code, buffer)));
}

// Letters, marks and the invisible format characters (U+200B, U+00AD,
// U+FEFF, ...) that the lint's other rules report inside a word.
bool is_letter(gunichar code)
{
    return code != 0 && (g_unichar_isalpha(code) || g_unichar_ismark(code) || g_unichar_type(code) == G_UNICODE_FORMAT);
}

// A word the lint reports already for what it is typed with (an invisible
// character, text not in NFC) is not also a misspelling.
bool is_typed_cleanly(const Segment& text, std::size_t start, std::size_t end, const std::string& word)
{
    for (std::size_t i = start; i < end; ++i)
        if (g_unichar_type(text[i].code) == G_UNICODE_FORMAT) return false;
    c::GMemory<gchar> normal(g_utf8_normalize(word.data(), static_cast<gssize>(word.size()), G_NORMALIZE_NFC));
    return normal && word == normal.get();
}

// Which words are Kazakh text to check. Latin words (e-mails, URLs, names
// in Latin letters) are not Kazakh; a word in capitals only is an
// abbreviation (ҚР, БҰҰ, ІІМ) that no dictionary holds; a word at a digit
// is a numeral's suffix (1-ші, 2024-жылғы) that Hunspell cannot see whole.
bool is_checked(const Segment& text, std::size_t start, std::size_t end)
{
    bool lower = false;
    for (std::size_t i = start; i < end; ++i) {
        if (g_unichar_isalpha(text[i].code) && g_unichar_get_script(text[i].code) != G_UNICODE_SCRIPT_CYRILLIC)
            return false;
        lower = lower || g_unichar_islower(text[i].code);
    }
    if (!lower) return false;
    const auto digit_at = [&](std::size_t i) { return text[i].code != 0 && g_unichar_isdigit(text[i].code); };
    if (start > 0 && digit_at(start - 1)) return false;
    if (start > 1 && text[start - 1].code == '-' && digit_at(start - 2)) return false;
    if (end < text.size() && digit_at(end)) return false;
    return true;
}

}  // namespace

Speller::Speller(const std::string& dictionary, const std::string& word_list)
{
    const std::string aff = dictionary + ".aff", dic = dictionary + ".dic";
    if (!std::filesystem::exists(aff) || !std::filesystem::exists(dic))
        fail_io(dictionary, "the Kazakh Hunspell dictionary (.aff and .dic) is missing: install Debian's hunspell-kk");
    encoding_ = encoding_of(aff);
    handle_.reset(Hunspell_create(aff.c_str(), dic.c_str()));
    if (!handle_) fail_io(dictionary, "Hunspell cannot read the dictionary");
    if (word_list.empty() || !std::filesystem::exists(word_list)) return;
    std::istringstream lines(io::read_file(word_list));
    for (std::string line; std::getline(lines, line);) {
        const std::size_t comment = line.find('#');
        if (comment != std::string::npos) line.erase(comment);
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        const std::string word = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        Hunspell_add(handle_.get(), to_dictionary(word).c_str());
    }
}

std::shared_ptr<Speller> Speller::shared(const std::string& dictionary, const std::string& word_list)
{
    struct Loaded {
        std::string words;  // the word list's bytes it was made with
        std::shared_ptr<Speller> speller;
    };
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::string>, Loaded> loaded;
    std::error_code absent;
    const std::string words =
        !word_list.empty() && std::filesystem::exists(word_list, absent) ? io::read_file(word_list) : std::string();
    const std::lock_guard lock(mutex);
    Loaded& entry = loaded[{dictionary, word_list}];
    if (!entry.speller || entry.words != words) entry = {words, std::make_shared<Speller>(dictionary, word_list)};
    return entry.speller;
}

std::string Speller::to_dictionary(const std::string& utf8) const
{
    return encoding_ == "UTF-8" ? utf8 : converted(utf8, encoding_.c_str(), "UTF-8");
}

std::string Speller::from_dictionary(const std::string& text) const
{
    return encoding_ == "UTF-8" ? text : converted(text, "UTF-8", encoding_.c_str());
}

bool Speller::knows(const std::string& word)
{
    const std::string encoded = to_dictionary(word);
    if (encoded.empty()) return false;  // not in the dictionary's character set
    const std::lock_guard lock(mutex_);
    return Hunspell_spell(handle_.get(), encoded.c_str()) != 0;
}

std::vector<std::string> Speller::suggestions(const std::string& word)
{
    const std::string encoded = to_dictionary(word);
    if (encoded.empty()) return {};
    const std::lock_guard lock(mutex_);
    char** list = nullptr;
    const int count = Hunspell_suggest(handle_.get(), &list, encoded.c_str());
    std::vector<std::string> result;
    for (int i = 0; i < count && result.size() < max_suggestions; ++i) result.push_back(from_dictionary(list[i]));
    Hunspell_free_list(handle_.get(), &list, count);
    return result;
}

void check_spelling(const std::string& path, const Segment& text, Speller& speller, Diagnostics& diagnostics)
{
    for (std::size_t start = 0; start < text.size();) {
        if (!is_letter(text[start].code)) {
            ++start;
            continue;
        }
        std::size_t end = start;
        std::string word;
        for (; end < text.size() && is_letter(text[end].code); ++end) word += utf8(text[end].code);
        if (is_checked(text, start, end) && is_typed_cleanly(text, start, end, word) && !speller.knows(word)) {
            std::string message = fmt::format("'{}' is not in the Kazakh dictionary", word);
            const std::vector<std::string> suggested = speller.suggestions(word);
            for (std::size_t i = 0; i < suggested.size(); ++i)
                message += fmt::format("{}'{}'", i == 0 ? "; did you mean " : ", ", suggested[i]);
            if (!suggested.empty()) message += "?";
            diagnostics.add({Severity::warning, {path, text[start].line, text[start].column}, message, "lint-spelling"});
        }
        start = end;
    }
}

}  // namespace leaflet::lint
