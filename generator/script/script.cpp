#include "script/script.hpp"

#include <map>
#include <sstream>

#include <glib.h>

#include "kk_latn_table.hpp"

namespace leaflet::script {

namespace {

// Lower-case Cyrillic letter -> its lower-case Latin letters.
const std::map<gunichar, std::string>& table()
{
    static const std::map<gunichar, std::string> letters = [] {
        std::map<gunichar, std::string> result;
        std::istringstream lines(kk_latn_table);
        for (std::string line; std::getline(lines, line);) {
            if (line.empty() || line[0] == '#') continue;
            const std::size_t space = line.find(' ');
            const std::string latin = line.substr(space + 1);
            result[g_utf8_get_char(line.c_str())] = latin == "-" ? "" : latin;
        }
        return result;
    }();
    return letters;
}

void append(std::string& out, gunichar ch)
{
    char utf8[6];
    out.append(utf8, static_cast<std::size_t>(g_unichar_to_utf8(ch, utf8)));
}

gunichar upper_letter(gunichar ch)
{
    if (ch == 'i') return 0x0130;  // İ
    if (ch == 0x0131) return 'I';  // ı
    return g_unichar_toupper(ch);
}

gunichar lower_letter(gunichar ch)
{
    if (ch == 0x0130) return 'i';
    if (ch == 'I') return 0x0131;
    return g_unichar_tolower(ch);
}

template <typename Change>
std::string each(std::string_view text, Change change)
{
    std::string out;
    for (const char* p = text.data(); p < text.data() + text.size(); p = g_utf8_next_char(p))
        append(out, change(g_utf8_get_char(p)));
    return out;
}

bool is_upper_letter(const char* p, const char* end)
{
    return p < end && g_unichar_isupper(g_utf8_get_char(p));
}

void inlines(std::vector<load::Inline>& content)
{
    for (load::Inline& item : content) {
        item.text = to_latin(item.text);
        inlines(item.children);
    }
}

void blocks(std::vector<load::Block>& list)
{
    for (load::Block& block : list) {
        inlines(block.content);
        blocks(block.children);
    }
}

}  // namespace

const char* name(Script script)
{
    return script == Script::latin ? "latn" : "cyrl";
}

std::string to_latin(std::string_view text)
{
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    std::string out;
    out.reserve(text.size());
    const char* previous = nullptr;
    for (const char* p = begin; p < end; previous = p, p = g_utf8_next_char(p)) {
        const gunichar ch = g_utf8_get_char(p);
        const auto found = table().find(g_unichar_tolower(ch));
        if (found == table().end()) {
            out.append(p, static_cast<std::size_t>(g_utf8_next_char(p) - p));
            continue;
        }
        if (!g_unichar_isupper(ch)) {
            out += found->second;
            continue;
        }
        // In capitals if the next letter is, or, at a word's end, the one before.
        const char* next = g_utf8_next_char(p);
        const bool capitals = is_upper_letter(next, end) ||
                              (!(next < end && g_unichar_isalpha(g_utf8_get_char(next))) && previous &&
                               is_upper_letter(previous, end));
        const std::string& latin = found->second;
        for (const char* q = latin.c_str(); *q; q = g_utf8_next_char(q)) {
            const gunichar letter = g_utf8_get_char(q);
            append(out, q == latin.c_str() || capitals ? upper_letter(letter) : letter);
        }
    }
    return out;
}

std::string upper(std::string_view latin)
{
    return each(latin, upper_letter);
}

std::string lower(std::string_view latin)
{
    return each(latin, lower_letter);
}

std::string latin_language(std::string_view language)
{
    const std::size_t dash = language.find_first_of("-_");
    const std::string primary(language.substr(0, dash));
    return dash == std::string_view::npos ? primary + "-Latn" : primary + "-Latn" + std::string(language.substr(dash));
}

load::Document to_latin(load::Document document)
{
    document.title = to_latin(document.title);
    document.language = latin_language(document.language);
    for (load::Panel& panel : document.panels) blocks(panel.blocks);
    return document;
}

load::Directory to_latin(load::Directory directory)
{
    for (load::Organisation& organisation : directory.organisations) {
        organisation.name = to_latin(organisation.name);
        organisation.legal_form = to_latin(organisation.legal_form);
        organisation.area = to_latin(organisation.area);
        for (std::string& note : organisation.notes) note = to_latin(note);
        for (load::Contact& contact : organisation.contacts) contact.text = to_latin(contact.text);
    }
    return directory;
}

load::Variant to_latin(load::Variant variant)
{
    variant.label = to_latin(variant.label);
    if (variant.directory) variant.directory = to_latin(*variant.directory);
    for (auto& [id, block] : variant.replacements) {
        inlines(block.content);
        blocks(block.children);
    }
    return variant;
}

}  // namespace leaflet::script
