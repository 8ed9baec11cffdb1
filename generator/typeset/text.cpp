#include "text.hpp"

#include <algorithm>

#include "hyphenate/hyphenate.hpp"

namespace leaflet::typeset {

namespace {

// Where offset `offset` of the text goes once the edits are made (see
// edited(): a soft hyphen at the end of a bold part is drawn bold).
int moved(const std::vector<Edit>& edits, int offset)
{
    int shift = 0;
    for (const Edit& edit : edits) {
        if (edit.at + edit.removed <= offset) {
            shift += static_cast<int>(edit.inserted.size()) - edit.removed;
        } else {
            if (edit.at < offset) return edit.at + shift + static_cast<int>(edit.inserted.size());
            break;
        }
    }
    return offset + shift;
}

}  // namespace

Text edited(const Text& source, const std::vector<Edit>& edits)
{
    Text result;
    result.text.reserve(source.text.size() + edits.size() * 4);
    std::size_t from = 0;
    for (const Edit& edit : edits) {
        result.text.append(source.text, from, static_cast<std::size_t>(edit.at) - from);
        result.text += edit.inserted;
        from = static_cast<std::size_t>(edit.at + edit.removed);
    }
    result.text.append(source.text, from);
    result.spans = source.spans;
    for (resolve::Span& span : result.spans) {
        span.start = moved(edits, span.start);
        span.end = moved(edits, span.end);
    }
    return result;
}

Text hyphenated(const Text& source, const std::string& language, int before, int after)
{
    const std::string& text = source.text;
    std::vector<Edit> edits;
    const hyphenate::Hyphenator& hyphenator = hyphenate::shared_hyphenator();
    const int size = static_cast<int>(text.size());
    for (int start = 0; start < size;) {
        if (g_unichar_isspace(char_at(text, start))) {
            start = next_offset(text, start);
            continue;
        }
        int end = start;
        while (end < size && !g_unichar_isspace(char_at(text, end))) end = next_offset(text, end);
        const bool kept_whole = std::any_of(source.spans.begin(), source.spans.end(), [&](const resolve::Span& span) {
            return span.no_break && span.start < end && start < span.end;
        });
        if (!kept_whole) {
            const std::string_view word =
                std::string_view(text).substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
            for (int offset : hyphenator.breaks(word, language, {before, after})) edits.push_back({start + offset, 0, soft_hyphen_utf8});
        }
        start = end;
    }
    if (edits.empty()) return source;
    return edited(source, edits);
}

Text slice(const Text& text, int start, int end)
{
    Text result{text.text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)), {}};
    for (const resolve::Span& span : text.spans) {
        if (span.end <= start || span.start >= end) continue;
        resolve::Span cut = span;
        cut.start = std::max(span.start, start) - start;
        cut.end = std::min(span.end, end) - start;
        result.spans.push_back(cut);
    }
    return result;
}

bool all_capitals(std::string_view text)
{
    bool letters = false;
    for (const char* p = text.data(); p < text.data() + text.size(); p = g_utf8_next_char(p)) {
        const gunichar ch = g_utf8_get_char(p);
        if (g_unichar_islower(ch)) return false;
        letters = letters || g_unichar_isalpha(ch);
    }
    return letters;
}

bool is_dash(gunichar ch)
{
    return ch == '-' || (ch >= 0x2010 && ch <= 0x2015);
}

bool is_expandable_space(gunichar ch)
{
    return ch == 0x0020 || ch == 0x00A0;
}

bool shrinkable(std::string_view text, int at, double width)
{
    constexpr double least_width = 0.2;  // em
    if (width < least_width) return false;
    if (at <= 0 || static_cast<std::size_t>(at) + 1 >= text.size()) return false;
    const char* space = text.data() + at;
    const gunichar before = g_utf8_get_char(g_utf8_prev_char(space));
    const gunichar after = g_utf8_get_char(g_utf8_next_char(space));
    return g_unichar_isalnum(before) && g_unichar_isalnum(after);
}

}  // namespace leaflet::typeset
