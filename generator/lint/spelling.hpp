// Spelling against Hunspell's Kazakh dictionary (private to lint/).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "c/hunspell.hpp"
#include "diag/diag.hpp"
#include "scan.hpp"

namespace leaflet::lint {

// A Hunspell dictionary with the project's words added. Hunspell's files
// may be in another encoding than UTF-8 (the .aff file's SET line): words
// are converted both ways.
class Speller {
public:
    // `dictionary`: the path without .aff/.dic; `word_list`: one word a
    // line, '#' comments (may be empty: none). Throws leaflet::Error (io)
    // when the dictionary cannot be read.
    Speller(const std::string& dictionary, const std::string& word_list);

    // The one for these files, loaded on first use and kept for the
    // process; loaded again when the word list's bytes changed (a process
    // that watches the sources lints them again and again).
    static std::shared_ptr<Speller> shared(const std::string& dictionary, const std::string& word_list);

    bool knows(const std::string& word);                            // UTF-8
    std::vector<std::string> suggestions(const std::string& word);  // UTF-8, best first

private:
    std::string to_dictionary(const std::string& utf8) const;
    std::string from_dictionary(const std::string& text) const;

    c::HunspellHandle handle_;
    std::string encoding_;  // of the dictionary; "UTF-8" needs no conversion
    std::mutex mutex_;      // a Hunspell object is not thread-safe
};

// One warning (lint-spelling) per occurrence of a word of `text` that the
// dictionary does not know, with up to three suggestions.
void check_spelling(const std::string& path, const Segment& text, Speller& speller, Diagnostics& diagnostics);

}  // namespace leaflet::lint
