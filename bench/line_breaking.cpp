// line_breaking: first-fit line breaking (as Pango breaks) against
// total-fit (Knuth–Plass) over every leaflet in sources/, on the same
// paragraphs shaped once, with the same soft hyphens.
//
//   line_breaking [REPOSITORY]
//
// For each leaflet and both methods it counts, over the justified
// paragraphs, the lines set justified (every line but a paragraph's last)
// and those whose word spaces are wider than 133 %, 150 % and 200 % of the
// font's space (typeset::Justified); for total-fit also the lines set ragged
// instead, the hyphenated lines, the runts (a paragraph's last line shorter
// than its style's minimum, or only the tail of a hyphenated word), the
// compounds broken inside a part (a soft hyphen in a word with a hard one),
// and the typesetting time; then, laid out in the house style, how far the
// body baselines of neighbouring panels miss each other. Hyphenation is turned on in every justified
// style here, whatever styles/default.xml says, so that both methods have
// the same break points to choose from.
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include <fmt/format.h>

#include "baselines.hpp"
#include "job.hpp"
#include "load/load.hpp"
#include "resolve/resolve.hpp"
#include "typeset/typeset.hpp"

namespace {

using namespace leaflet;

struct Count {
    int paragraphs = 0, justified = 0, over_133 = 0, over_150 = 0, over_200 = 0, ragged = 0, hyphenated = 0,
        runts = 0, compounds = 0, fallbacks = 0;
    double milliseconds = 0;

    Count& operator+=(const Count& other)
    {
        paragraphs += other.paragraphs;
        justified += other.justified;
        over_133 += other.over_133;
        over_150 += other.over_150;
        over_200 += other.over_200;
        ragged += other.ragged;
        hyphenated += other.hyphenated;
        runts += other.runts;
        compounds += other.compounds;
        fallbacks += other.fallbacks;
        milliseconds += other.milliseconds;
        return *this;
    }
};

// The text of a line's own runs (no label), its line-end U+00AD dropped.
std::string text_of(const typeset::Line& line)
{
    std::string text;
    for (const typeset::GlyphRun& run : line.runs)
        if (run.role == typeset::RunRole::text) text += run.text;
    const std::string soft_hyphen = "\u00AD";
    if (text.size() >= soft_hyphen.size() && text.compare(text.size() - soft_hyphen.size(), soft_hyphen.size(), soft_hyphen) == 0)
        text.resize(text.size() - soft_hyphen.size());
    return text;
}

int characters(const std::string& utf8)
{
    int count = 0;
    for (unsigned char byte : utf8) count += (byte & 0xC0) != 0x80;
    return count;
}

std::string last_word(const std::string& text)
{
    const std::size_t space = text.find_last_of(' ');
    return space == std::string::npos ? text : text.substr(space + 1);
}

std::string first_word(const std::string& text)
{
    return text.substr(0, text.find(' '));
}

void count(const std::vector<typeset::Block>& blocks, bool total_fit, const resolve::Stylesheet& styles, Count& result)
{
    for (const typeset::Block& block : blocks) {
        count(block.children, total_fit, styles, result);
        if (!block.has_lines()) continue;
        bool justified = false;
        for (const typeset::Line& line : block.lines) {
            if (!line.justified) continue;
            justified = true;
            if (line.justified->ragged) {
                ++result.ragged;
                continue;
            }
            ++result.justified;
            const double spacing = line.justified->word_spacing;
            if (spacing > 1.335) ++result.over_133;  // 133 % as set, to the nearest Pango unit
            if (spacing > 1.5) ++result.over_150;
            if (spacing > 2) ++result.over_200;
        }
        if (!justified) continue;
        ++result.paragraphs;
        if (total_fit && block.line_breaking != typeset::LineBreaking::total_fit) ++result.fallbacks;
        const std::vector<typeset::Line>& lines = block.lines;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].kind != typeset::BreakKind::hyphen) continue;
            ++result.hyphenated;
            if (i + 1 < lines.size() &&
                (last_word(text_of(lines[i])) + first_word(text_of(lines[i + 1]))).find('-') != std::string::npos)
                ++result.compounds;
        }
        if (lines.size() > 1) {
            const std::string last = text_of(lines.back());
            const bool tail = lines[lines.size() - 2].kind == typeset::BreakKind::hyphen &&
                              last.find(' ') == std::string::npos;
            if (tail || characters(last) < styles.paragraphs.at(block.style).last_line_minimum) ++result.runts;
        }
    }
}

Count measure(const resolve::StyledDocument& styled, const resolve::Stylesheet& styles, typeset::LineBreaking method,
              Diagnostics& diagnostics)
{
    const auto start = std::chrono::steady_clock::now();
    const typeset::Typeset typeset = typeset::typeset(styled, "base", diagnostics, {method});
    Count result;
    result.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    for (const typeset::Panel& panel : typeset.panels)
        count(panel.blocks, method == typeset::LineBreaking::total_fit, styles, result);
    return result;
}

double share(int part, int whole)
{
    return whole > 0 ? 100.0 * part / whole : 0;
}

void print(const std::string& name, const Count& first, const Count& total)
{
    std::printf("%-10s %5d | %5d %5.1f%% %5.1f%% %5d %7.1f | %5d %5.1f%% %5.1f%% %5.1f%% %5d %5d %5d %5d %7.1f %4d\n",
                name.c_str(), first.paragraphs, first.justified, share(first.over_150, first.justified),
                share(first.over_200, first.justified), first.hyphenated, first.milliseconds, total.justified,
                share(total.over_133, total.justified), share(total.over_150, total.justified),
                share(total.over_200, total.justified), total.ragged, total.hyphenated, total.runts, total.compounds,
                total.milliseconds, total.fallbacks);
}

}  // namespace

int main(int argc, char** argv)
{
    try {
        Project project;
        project.root = argc > 1 ? argv[1] : LEAFLETS_SOURCE_DIR;
        Diagnostics diagnostics;
        Inputs inputs = load_inputs(project, diagnostics);
        for (auto& [name, style] : inputs.styles.paragraphs)
            if (style.align == resolve::Align::justify) style.hyphenate = true;

        std::printf("Justified paragraphs: 'lines' set justified (all but each paragraph's last), the shares of\n"
                    "them whose word spaces are wider than 133 %%, 150 %% and 200 %% of the font's space; 'ragged'\n"
                    "set ragged instead, 'hyph' ending in a hyphen, 'runts' (last lines too short or only a\n"
                    "word's tail), 'cmpd' compounds broken inside a part, 'ms' typesetting time, 'fall'\n"
                    "paragraphs where total-fit fell back to first-fit.\n\n");
        std::printf("%-10s %5s | %-35s | %-68s\n", "", "", "      first-fit", "      total-fit (Knuth-Plass)");
        std::printf("%-10s %5s | %5s %6s %6s %5s %7s | %5s %6s %6s %6s %5s %5s %5s %5s %7s %4s\n", "leaflet", "paras",
                    "lines", ">150%", ">200%", "hyph", "ms", "lines", ">133%", ">150%", ">200%", "ragged", "hyph", "runts",
                    "cmpd", "ms", "fall");
        Count first_all, total_all;
        for (const std::string& id : project.leaflet_ids()) {
            const load::Document document =
                load::load(project.source(id), project.path(project.schema), inputs.regions, project.path(project.sources));
            const resolve::Selection selection{inputs.directory ? &*inputs.directory : nullptr, nullptr, nullptr,
                                               inputs.art_folder};
            const resolve::StyledDocument styled =
                resolve::resolve(document, inputs.styles, inputs.fonts, selection, diagnostics);
            // Once untimed, so that loading the patterns and fonts counts for neither.
            measure(styled, inputs.styles, typeset::LineBreaking::first_fit, diagnostics);
            const Count first = measure(styled, inputs.styles, typeset::LineBreaking::first_fit, diagnostics);
            const Count total = measure(styled, inputs.styles, typeset::LineBreaking::total_fit, diagnostics);
            print(id, first, total);
            first_all += first;
            total_all += total;
        }
        print("all", first_all, total_all);

        // The house style as it is (hyphenation as the style sheet says),
        // laid out: how far the body baselines of neighbouring panels miss
        // (bench/baselines.hpp; bench/baseline_grid compares with no grid).
        const Inputs house = load_inputs(project, diagnostics);
        std::set<std::string> body;
        for (const auto& [name, style] : house.styles.paragraphs)
            if (style.baseline_grid) body.insert(name);
        bench::BaselineOffsets offsets;
        for (const std::string& id : project.leaflet_ids())
            offsets += bench::baseline_offsets(make_leaflet(project, house, project.source(id), nullptr, diagnostics).frames, body);
        std::printf("\nNeighbouring panels' body baselines, %d compared: %.2f pt apart at most, %.2f pt on average.\n",
                    offsets.compared, offsets.largest.value, offsets.mean().value);
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return error.kind() == ErrorKind::input ? 1 : 3;
    }
}
