// Private to typeset: a paragraph's text with its spans as it goes to be
// shaped, the soft hyphens the hyphenate stage allows in it, and the
// character classes line breaking and justification need.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <glib.h>

#include "resolve/resolve.hpp"

namespace leaflet::typeset {

// UTF-8 text and its styled spans (byte offsets into it).
struct Text {
    std::string text;
    std::vector<resolve::Span> spans;
};

// `removed` bytes at `at` become `inserted`.
struct Edit {
    int at = 0;
    int removed = 0;
    std::string inserted;
};

// The text with the edits (ascending, apart) made, the spans shifted. An
// insertion at a span's edge goes before a span that starts there and into
// one that ends there.
Text edited(const Text& source, const std::vector<Edit>& edits);

// Soft hyphens (U+00AD) at every break the hyphenate stage allows, word by
// word (a word: text between white space), `before` and `after` letters at
// least on either side. Spans that must not break (phone numbers, e-mails,
// links) keep their words whole.
Text hyphenated(const Text& source, const std::string& language, int before, int after);

// The part of `text` from byte `start` to `end`, its spans cut to it.
Text slice(const Text& text, int start, int end);

constexpr gunichar soft_hyphen = 0x00AD;
constexpr const char* soft_hyphen_utf8 = "\u00AD";

inline gunichar char_at(std::string_view text, int offset)
{
    return g_utf8_get_char(text.data() + offset);
}

inline int next_offset(std::string_view text, int offset)
{
    return static_cast<int>(g_utf8_next_char(text.data() + offset) - text.data());
}

inline int previous_offset(std::string_view text, int offset)
{
    return static_cast<int>(g_utf8_prev_char(text.data() + offset) - text.data());
}

// Text with letters, and no lower-case one.
bool all_capitals(std::string_view text);

// A hyphen or dash after which a line may end: it counts as a flagged break.
bool is_dash(gunichar ch);

// The spaces justification stretches (PangoLogAttr's is_expandable_space).
bool is_expandable_space(gunichar ch);

// Whether the space at byte `at`, `width` wide (in ems of its font), may
// shrink: one between two letters or digits, at least a fifth of an em
// wide. Next to punctuation, or kerned next to a capital (A A), the font
// already tightens a space, and text extraction (Poppler takes a gap under
// a tenth of an em for none) would lose a narrower one.
bool shrinkable(std::string_view text, int at, double width);

}  // namespace leaflet::typeset
