#include "lint/lint.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "c/glib.hpp"
#include "io/files.hpp"
#include "scan.hpp"
#include "spelling.hpp"

namespace leaflet::lint {

namespace {

std::string utf8(gunichar code)
{
    char buffer[8] = {};
    const int length = g_unichar_to_utf8(code, buffer);
    return std::string(buffer, static_cast<std::size_t>(length));
}

std::string code_point(gunichar code)
{
    return fmt::format("U+{:04X}", code);
}

// 'a' (U+0061)
std::string shown(gunichar code)
{
    return fmt::format("'{}' ({})", utf8(code), code_point(code));
}

SourceLoc place(const std::string& path, const Char& at)
{
    return {path, at.line, at.column};
}

// The letters that look the same in both scripts (Latin -> Cyrillic, the
// Kazakh і for i), the ones a Kazakh keyboard layout mixes up.
const std::map<gunichar, gunichar>& latin_to_cyrillic()
{
    static const std::map<gunichar, gunichar> table{
        {U'a', U'а'}, {U'c', U'с'}, {U'e', U'е'}, {U'i', U'і'}, {U'o', U'о'}, {U'p', U'р'}, {U'x', U'х'},
        {U'y', U'у'}, {U'A', U'А'}, {U'B', U'В'}, {U'C', U'С'}, {U'E', U'Е'}, {U'H', U'Н'}, {U'I', U'І'},
        {U'K', U'К'}, {U'M', U'М'}, {U'O', U'О'}, {U'P', U'Р'}, {U'T', U'Т'}, {U'X', U'Х'}, {U'Y', U'У'}};
    return table;
}

std::optional<gunichar> look_alike(gunichar code, bool to_cyrillic)
{
    for (const auto& [latin, cyrillic] : latin_to_cyrillic()) {
        if (to_cyrillic && code == latin) return cyrillic;
        if (!to_cyrillic && code == cyrillic) return latin;
    }
    return std::nullopt;
}

// Characters that print as nothing, and what they are.
const char* invisible_name(gunichar code)
{
    switch (code) {
    case 0x200B: return "zero-width space";
    case 0x200C: return "zero-width non-joiner";
    case 0x200D: return "zero-width joiner";
    case 0x2060: return "word joiner";
    case 0xFEFF: return "byte order mark";
    case 0x00AD: return "soft hyphen";
    default: return nullptr;
    }
}

bool is_space(gunichar code)
{
    return code == 0 || g_unichar_isspace(code);
}

bool is_word_char(gunichar code)
{
    return code != 0 && (g_unichar_isalpha(code) || g_unichar_ismark(code) || invisible_name(code));
}

class Linter {
public:
    Linter(const std::string& path, Diagnostics& diagnostics) : path_(path), diagnostics_(diagnostics) {}

    void segment(const Segment& text)
    {
        quote_depth_ = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const Char& at = text[i];
            if (at.code == 0) continue;
            invisible(at);
            schwa(at);
            normalization(text, i);
            quotes(at);
            dashes(text, i);
            spaces(text, i);
        }
        words(text);
    }

private:
    void warn(const Char& at, const char* code, std::string message)
    {
        diagnostics_.add({Severity::warning, place(path_, at), std::move(message), code});
    }

    void invisible(const Char& at)
    {
        const char* name = invisible_name(at.code);
        if (!name) return;
        if (at.code == 0xFEFF && at.line == 1 && at.column == 1) return;  // the file's own byte order mark
        if (at.code == 0x00AD)
            warn(at, "lint-invisible", "a soft hyphen (U+00AD) typed by hand: delete it; the hyphenator finds the breaks");
        else
            warn(at, "lint-invisible", fmt::format("an invisible {} ({}): delete it; it hides the word from search and hyphenation",
                                 name, code_point(at.code)));
    }

    void schwa(const Char& at)
    {
        if (at.code == 0x0259) warn(at, "lint-schwa", "Latin schwa 'ə' (U+0259): type the Kazakh letter 'ә' (U+04D9)");
        if (at.code == 0x018F) warn(at, "lint-schwa", "Latin schwa 'Ə' (U+018F): type the Kazakh letter 'Ә' (U+04D8)");
    }

    // A character and the combining marks after it must be in NFC: й is
    // U+0439, not и followed by U+0306.
    void normalization(const Segment& text, std::size_t i)
    {
        if (g_unichar_ismark(text[i].code) && i > 0 && text[i - 1].code != 0 && !g_unichar_ismark(text[i - 1].code))
            return;  // checked with the character before it
        std::string cluster = utf8(text[i].code);
        std::string points = code_point(text[i].code);
        for (std::size_t next = i + 1; next < text.size() && text[next].code != 0 && g_unichar_ismark(text[next].code);
             ++next) {
            cluster += utf8(text[next].code);
            points += " " + code_point(text[next].code);
        }
        const c::GMemory<gchar> normal(g_utf8_normalize(cluster.c_str(), -1, G_NORMALIZE_NFC));
        if (!normal || cluster == normal.get()) return;
        std::string normal_points;
        for (const gchar* p = normal.get(); *p; p = g_utf8_next_char(p))
            normal_points += (normal_points.empty() ? "" : " ") + code_point(g_utf8_get_char(p));
        warn(text[i], "lint-nfc", fmt::format("text not in NFC: '{}' ({}) is to be typed '{}' ({})", cluster, points,
                                  normal.get(), normal_points));
    }

    // «…» and inside them “…”: nothing else.
    void quotes(const Char& at)
    {
        switch (at.code) {
        case U'«':
            if (quote_depth_ > 0) warn(at, "lint-quotes", "'«' inside «…»: nested quotes are “…”");
            ++quote_depth_;
            return;
        case U'»':
            if (quote_depth_ > 0) --quote_depth_;
            return;
        case U'“':
        case U'”':
            if (quote_depth_ == 0)
                warn(at, "lint-quotes", fmt::format("{} outside «…»: type {} (“…” only inside «…»)", shown(at.code),
                                     at.code == U'“' ? "'«'" : "'»'"));
            return;
        case U'"':
        case U'„':
        case U'‚':
        case U'‘':
        case U'‹':
        case U'›':
            warn(at, "lint-quotes", fmt::format("quote {}: type {}", shown(at.code),
                                 quote_depth_ == 0 ? "«…» (“…” inside them)" : "“…” inside «…»"));
            return;
        default: return;
        }
    }

    // The house style is one dash, the em dash with spaces: "сөз — сөз".
    void dashes(const Segment& text, std::size_t i)
    {
        const gunichar code = text[i].code;
        if (code != U'-' && code != U'–' && code != U'—') return;
        const bool space_before = i == 0 || is_space(text[i - 1].code);
        const bool space_after = i + 1 == text.size() || is_space(text[i + 1].code);
        if ((code == U'-' || code == U'–') && space_before && space_after)
            warn(text[i], "lint-dash", fmt::format("{} between spaces: type an em dash '—' (U+2014), the house style",
                                      code == U'-' ? "a hyphen '-'" : "an en dash '–' (U+2013)"));
        if (code == U'—' && (!space_before || !space_after))
            warn(text[i], "lint-dash", "an em dash without a space on both sides: the house style is ' — '");
    }

    // Two spaces in a row, inside a line (indentation is not text).
    void spaces(const Segment& text, std::size_t i)
    {
        if (text[i].code != U' ' || i == 0 || text[i - 1].code != U' ') return;
        if (i >= 2 && text[i - 2].code == U' ') return;  // reported at the run's second space
        std::size_t end = i;
        while (end < text.size() && text[end].code == U' ') ++end;
        std::size_t start = i - 1;
        if (start == 0 || end == text.size()) return;
        if (is_space(text[start - 1].code) || is_space(text[end].code)) return;
        warn(text[i], "lint-spaces", "two spaces in a row: type one");
    }

    // A word is Cyrillic or Latin: a letter of the other script that looks
    // the same is a typing slip, and hides the word from search.
    void words(const Segment& text)
    {
        for (std::size_t start = 0; start < text.size();) {
            if (!is_word_char(text[start].code)) {
                ++start;
                continue;
            }
            std::size_t end = start;
            while (end < text.size() && is_word_char(text[end].code)) ++end;
            word(text, start, end);
            start = end;
        }
    }

    void word(const Segment& text, std::size_t start, std::size_t end)
    {
        int cyrillic = 0, latin = 0;
        std::string spelled;
        for (std::size_t i = start; i < end; ++i) {
            spelled += utf8(text[i].code);
            if (text[i].code == 0x0259 || text[i].code == 0x018F) continue;  // the schwa rule says it
            const GUnicodeScript script = g_unichar_get_script(text[i].code);
            cyrillic += script == G_UNICODE_SCRIPT_CYRILLIC;
            latin += script == G_UNICODE_SCRIPT_LATIN;
        }
        if (cyrillic == 0 || latin == 0) return;
        const bool is_cyrillic = cyrillic >= latin;
        const GUnicodeScript stray = is_cyrillic ? G_UNICODE_SCRIPT_LATIN : G_UNICODE_SCRIPT_CYRILLIC;
        for (std::size_t i = start; i < end; ++i) {
            if (g_unichar_get_script(text[i].code) != stray || text[i].code == 0x0259 || text[i].code == 0x018F)
                continue;
            const std::optional<gunichar> replacement = look_alike(text[i].code, is_cyrillic);
            if (replacement)
                warn(text[i], "lint-look-alike", fmt::format("{} {} in the {} word '{}': type {} {}", is_cyrillic ? "Latin" : "Cyrillic",
                                          shown(text[i].code), is_cyrillic ? "Cyrillic" : "Latin", spelled,
                                          is_cyrillic ? "Cyrillic" : "Latin", shown(*replacement)));
            else
                warn(text[i], "lint-mixed-scripts", fmt::format("{} {} in the {} word '{}': the word mixes two scripts",
                                          is_cyrillic ? "Latin" : "Cyrillic", shown(text[i].code),
                                          is_cyrillic ? "Cyrillic" : "Latin", spelled));
        }
    }

    const std::string& path_;
    Diagnostics& diagnostics_;
    int quote_depth_ = 0;
};

}  // namespace

void lint(const std::string& path, std::string_view bytes, Diagnostics& diagnostics, const Spelling& spelling)
{
    // Malformed UTF-8 is the loader's error; there is no text to lint.
    if (!g_utf8_validate(bytes.data(), static_cast<gssize>(bytes.size()), nullptr)) return;
    Diagnostics found;
    Linter linter(path, found);
    const std::vector<Segment> segments = scan(bytes);
    for (const Segment& segment : segments) linter.segment(segment);
    if (spelling.check) {
        const std::shared_ptr<Speller> speller = Speller::shared(spelling.dictionary, spelling.word_list);
        for (const Segment& segment : segments) check_spelling(path, segment, *speller, found);
    }
    // The rules run one after another over a block: give the file's findings in line order.
    std::vector<Diagnostic> sorted = found.all();
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.loc.line, a.loc.column) < std::pair(b.loc.line, b.loc.column);
    });
    for (Diagnostic& diagnostic : sorted) diagnostics.add(std::move(diagnostic));
}

void lint_file(const std::string& path, Diagnostics& diagnostics, const Spelling& spelling)
{
    lint(path, io::read_file(path), diagnostics, spelling);
}

}  // namespace leaflet::lint
