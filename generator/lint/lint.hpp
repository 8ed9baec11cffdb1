// lint: the text of source files -> warnings about what would print wrong
// and still look right.
//
// In: an XML file of the sources (a leaflet, a fragment, the directory, a
// variant), as bytes. Out: one warning per finding, at file:line:col of the
// offending character (columns count characters, i.e. Unicode code points,
// not bytes), saying what to type instead: Latin look-alike letters in a
// Cyrillic word and Cyrillic ones in a Latin word; text not in NFC;
// invisible characters (zero-width space, joiners, a soft hyphen typed by
// hand, a byte order mark); Latin schwa U+0259 for Kazakh ә U+04D9; quotes
// other than «…» and, inside them, “…”; a hyphen or en dash between spaces
// and an em dash without them (the house style is a spaced em dash: one
// dash style in every leaflet); two spaces in a row; and, with Hunspell's
// Kazakh dictionary and the project's word list, words it does not know
// (Cyrillic words with a lower-case letter, not at a digit), with its
// suggestions.
// Never: reads comments, processing instructions or attribute values;
// changes the text; fails the run (--werror does).
#pragma once

#include <string>
#include <string_view>

#include "diag/diag.hpp"

namespace leaflet::lint {

// Debian's hunspell-kk: the path of kk_KZ.aff and kk_KZ.dic without the suffix.
inline constexpr const char* kazakh_dictionary = "/usr/share/hunspell/kk_KZ";

struct Spelling {
    bool check = true;
    std::string dictionary = kazakh_dictionary;
    // Words the dictionary lacks (names, abbreviations, accepted spellings):
    // one a line, '#' comments; empty: none. Read once per process.
    std::string word_list;
};

// Lints the character data of `bytes`, read from `path` (well-formed UTF-8
// XML: the loader has parsed it already). The dictionary is loaded on the
// first call that needs it and kept for the process; throws leaflet::Error
// (io) when it is missing.
void lint(const std::string& path, std::string_view bytes, Diagnostics& diagnostics, const Spelling& spelling = {});

// Reads `path` and lints it.
void lint_file(const std::string& path, Diagnostics& diagnostics, const Spelling& spelling = {});

}  // namespace leaflet::lint
