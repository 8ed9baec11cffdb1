// The character data of an XML file with the place of every character
// (private to lint/).
#pragma once

#include <string_view>
#include <vector>

#include <glib.h>

namespace leaflet::lint {

struct Char {
    gunichar code = 0;  // 0: markup (a tag) stands here
    int line = 0;
    int column = 0;     // in code points
    bool reference = false;  // written as a character or entity reference
};

// The text between a block's start and the next block's: every character
// of its character data, each tag a Char with code 0.
using Segment = std::vector<Char>;

// The character data of `bytes`, split into segments at the start tags of
// blocks (paragraphs, list items, headings, directory fields), where quotes
// must balance. Comments, processing instructions and attributes are skipped.
std::vector<Segment> scan(std::string_view bytes);

}  // namespace leaflet::lint
