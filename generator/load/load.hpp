// load: XML source files -> Document.
//
// In: a leaflet source (sources/<id>.xml), validated against the RELAX NG
// schema sources/schema/leaflet.rng. Out: the document model below; every
// node keeps the SourceLoc it came from. Never applies styles, never measures
// text. Parsing is safe: no network, no DTD loading, no entity expansion from
// outside.
#pragma once

#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace leaflet::load {

enum class InlineKind { text, bold, emphasis, phone, email, link, line_break };

// An inline run: plain text, or a span that holds further inlines.
struct Inline {
    InlineKind kind = InlineKind::text;
    std::string text;              // for text
    std::string target;            // phone number (+7...), e-mail address or URL
    std::vector<Inline> children;  // for spans
    SourceLoc loc;
};

enum class BlockKind { heading1, heading2, paragraph, list, callout };

struct Block {
    BlockKind kind = BlockKind::paragraph;
    std::string id;
    std::string style;             // explicit style name; empty: the kind's default
    std::vector<Inline> content;   // heading, paragraph
    std::vector<Block> children;   // list: its items (paragraphs); callout: its blocks
    SourceLoc loc;
};

enum class VerticalAlign { top, center, bottom };

struct Panel {
    std::string role;  // front, back, flap, inside-1, inside-2, inside-3
    VerticalAlign valign = VerticalAlign::top;
    std::vector<Block> blocks;
    SourceLoc loc;
};

struct Document {
    std::string id;
    std::string language;  // BCP 47, e.g. "kk"
    std::string version;
    std::string title;
    std::vector<Panel> panels;
    SourceLoc loc;
};

// Parses and validates one source. `schema` is the RELAX NG file.
// Throws leaflet::Error with every schema violation of the file.
Document load(const std::string& path, const std::string& schema);

// The plain text of inlines, as a reader sees it (for tests and checks).
std::string plain_text(const std::vector<Inline>& inlines);

}  // namespace leaflet::load
