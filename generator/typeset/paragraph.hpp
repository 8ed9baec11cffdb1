// Private to typeset: one paragraph, from its text and style to its
// frozen lines: soft hyphens, shaping, measuring, breaking, cutting,
// justifying, stacking. The Typesetter (typeset.cpp) and contact lines
// (contact_line.cpp) set their text through it.
#pragma once

#include <vector>

#include "freeze.hpp"

namespace leaflet::typeset {

struct Paragraph {
    std::vector<Line> lines;
    LineBreaking line_breaking = LineBreaking::first_fit;
};

// Wider than any sheet: text set on one line per source paragraph.
constexpr Pt unlimited{1e6};

class ParagraphSetter {
public:
    ParagraphSetter(const resolve::StyledDocument& document, const Options& options)
        : document_(document), options_(options), shaper_(document)
    {
    }

    // `text` in `style`, `width` wide less the style's indent (the lines
    // start at the indent), its runs in `role`. Justified text breaks as
    // the style (or Options) says; the rest first-fit, or `balanced`.
    Paragraph set(const Text& text, const resolve::ParagraphStyle& style, Pt width, const SourceLoc& loc,
                  RunRole role = RunRole::text, bool balanced = false);

    // `text` (no line break in it) on one line in `style`'s font, from
    // x = 0, unhyphenated: a list label, a leader, a contact line's value.
    Line set_alone(const Text& text, const resolve::ParagraphStyle& style, const SourceLoc& loc, RunRole role);

private:
    const resolve::StyledDocument& document_;
    Options options_;
    Shaper shaper_;
};

}  // namespace leaflet::typeset
