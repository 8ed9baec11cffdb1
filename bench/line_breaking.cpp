// line_breaking: first-fit line breaking (as Pango breaks) against
// total-fit (Knuth–Plass) over every leaflet in sources/, on the same
// paragraphs shaped once, with the same soft hyphens.
//
//   line_breaking [REPOSITORY]
//
// For each leaflet and both methods it prints the stretched lines of the
// justified paragraphs (every line but a paragraph's last), those whose
// spaces stretch more than 50 % beyond their natural width (adjustment
// ratio above 1, typeset::Line), the hyphenated lines, the lines whose
// spaces total-fit narrowed (first-fit never narrows one), and the
// paragraphs where total-fit gave way to first-fit. Hyphenation is turned on
// in every justified style here, whatever styles/default.xml says, so that
// both methods have the same break points to choose from.
#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "job.hpp"
#include "load/load.hpp"
#include "resolve/resolve.hpp"
#include "typeset/typeset.hpp"

namespace {

using namespace leaflet;

struct Count {
    int paragraphs = 0, stretched = 0, loose = 0, very_loose = 0, hyphenated = 0, shrunk = 0, fallbacks = 0;
    double milliseconds = 0;

    Count& operator+=(const Count& other)
    {
        paragraphs += other.paragraphs;
        stretched += other.stretched;
        loose += other.loose;
        very_loose += other.very_loose;
        hyphenated += other.hyphenated;
        shrunk += other.shrunk;
        fallbacks += other.fallbacks;
        milliseconds += other.milliseconds;
        return *this;
    }
};

void count(const std::vector<typeset::Block>& blocks, bool total_fit, Count& result)
{
    for (const typeset::Block& block : blocks) {
        count(block.children, total_fit, result);
        if (!block.has_lines()) continue;
        bool justified = false;
        for (const typeset::Line& line : block.lines) {
            if (!line.adjustment) continue;
            justified = true;
            ++result.stretched;
            if (*line.adjustment > 1) ++result.loose;
            if (*line.adjustment > 2) ++result.very_loose;
            if (*line.adjustment < 0) ++result.shrunk;
        }
        if (justified) {
            for (const typeset::Line& line : block.lines)
                if (line.kind == typeset::BreakKind::hyphen) ++result.hyphenated;
            ++result.paragraphs;
            if (total_fit && block.line_breaking != typeset::LineBreaking::total_fit) ++result.fallbacks;
        }
    }
}

Count measure(const resolve::StyledDocument& styled, typeset::LineBreaking method, Diagnostics& diagnostics)
{
    const auto start = std::chrono::steady_clock::now();
    const typeset::Typeset typeset = typeset::typeset(styled, "base", diagnostics, {method});
    Count result;
    result.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    for (const typeset::Panel& panel : typeset.panels)
        count(panel.blocks, method == typeset::LineBreaking::total_fit, result);
    return result;
}

void print(const std::string& name, const Count& first, const Count& total)
{
    std::printf("%-12s %5d %6d | %6d %6d %6d %7.1f | %6d %6d %6d %6d %7.1f %5d\n", name.c_str(), first.paragraphs,
                first.stretched, first.loose, first.very_loose, first.hyphenated, first.milliseconds, total.loose,
                total.very_loose, total.hyphenated, total.shrunk, total.milliseconds, total.fallbacks);
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

        std::printf("Lines of justified paragraphs: 'loose' have spaces more than 50 %% wider than natural, 'x2'\n"
                    "more than twice as wide; 'hyph' end in a hyphen; 'shrunk' have spaces narrower than\n"
                    "natural (to 80 %% at most); 'fall' are paragraphs where total-fit fell back to first-fit;\n"
                    "'ms' typesetting time.\n\n");
        std::printf("%-12s %5s %6s | %-34s | %-46s\n", "", "", "", "      first-fit", "      total-fit (Knuth-Plass)");
        std::printf("%-12s %5s %6s | %6s %6s %6s %7s | %6s %6s %6s %6s %7s %5s\n", "leaflet", "paras", "lines", "loose",
                    "x2", "hyph", "ms", "loose", "x2", "hyph", "shrunk", "ms", "fall");
        Count first_all, total_all;
        for (const std::string& id : project.leaflet_ids()) {
            const load::Document document =
                load::load(project.source(id), project.path(project.schema), project.path(project.sources));
            const resolve::Selection selection{inputs.directory ? &*inputs.directory : nullptr, nullptr};
            const resolve::StyledDocument styled =
                resolve::resolve(document, inputs.styles, inputs.fonts, selection, diagnostics);
            // Once untimed, so that loading the patterns and fonts counts for neither.
            measure(styled, typeset::LineBreaking::first_fit, diagnostics);
            const Count first = measure(styled, typeset::LineBreaking::first_fit, diagnostics);
            const Count total = measure(styled, typeset::LineBreaking::total_fit, diagnostics);
            print(id, first, total);
            first_all += first;
            total_all += total;
        }
        print("all", first_all, total_all);
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return error.kind() == ErrorKind::input ? 1 : 3;
    }
}
