// baseline_grid: how far the body baselines of neighbouring panels miss
// each other (bench/baselines.hpp), for the five base leaflets in sources/,
// before and after the baseline grid, and the fill of every panel whose
// fill changed.
//
//   baseline_grid [REPOSITORY [BEFORE_STYLES]]
//
// "after" is the repository's style sheet; "before" is BEFORE_STYLES (a
// style sheet, e.g. the one before the grid came: `git show
// REV:styles/default.xml`), or else the same style sheet without its
// <baseline-grid>. Body means the paragraph styles on the grid in "after".
#include <cstdio>
#include <set>
#include <string>

#include "baselines.hpp"
#include "job.hpp"

namespace {

using namespace leaflet;

void print(const std::string& id, const bench::BaselineOffsets& before, const bench::BaselineOffsets& after)
{
    std::printf("%-12s | %8.2f %6.2f %6d | %8.2f %6.2f %6d\n", id.c_str(), before.largest.value, before.mean().value,
                before.compared, after.largest.value, after.mean().value, after.compared);
}

void print_fills(const std::string& id, const layout::Frames& before, const layout::Frames& after)
{
    for (std::size_t page = 0; page < after.pages.size(); ++page)
        for (std::size_t panel = 0; panel < after.pages[page].panels.size(); ++panel) {
            const double was = before.pages.at(page).panels.at(panel).fill;
            const double is = after.pages[page].panels[panel].fill;
            if (std::abs(was - is) < 0.0005) continue;
            std::printf("  fill %-10s %-9s %5.1f %% -> %5.1f %%\n", id.c_str(),
                        after.pages[page].panels[panel].role.c_str(), was * 100, is * 100);
        }
}

}  // namespace

int main(int argc, char** argv)
{
    try {
        Project project;
        project.root = argc > 1 ? argv[1] : LEAFLETS_SOURCE_DIR;
        Diagnostics diagnostics;
        const Inputs after = load_inputs(project, diagnostics);
        Inputs before = after;
        if (argc > 2) before.styles = resolve::load_stylesheet(argv[2]);
        else before.styles.sheet.baseline_grid.reset();
        std::set<std::string> body;
        for (const auto& [name, style] : after.styles.paragraphs)
            if (style.baseline_grid) body.insert(name);

        std::printf("From each body baseline of a panel that faces a body line of the panel beside it (same side),\n"
                    "to that panel's nearest body baseline, in pt: the largest, the mean, how many compared.\n\n");
        std::printf("%-12s | %-22s | %-22s\n", "", "       before", "       after");
        std::printf("%-12s | %8s %6s %6s | %8s %6s %6s\n", "leaflet", "largest", "mean", "lines", "largest", "mean",
                    "lines");
        bench::BaselineOffsets all_before, all_after;
        std::string fills;
        for (const std::string& id : project.leaflet_ids()) {
            const layout::Frames was = make_leaflet(project, before, project.source(id), nullptr, diagnostics).frames;
            const layout::Frames is = make_leaflet(project, after, project.source(id), nullptr, diagnostics).frames;
            const auto offsets_before = bench::baseline_offsets(was, body);
            const auto offsets_after = bench::baseline_offsets(is, body);
            print(id, offsets_before, offsets_after);
            all_before += offsets_before;
            all_after += offsets_after;
        }
        print("all", all_before, all_after);
        std::printf("\nPanels whose fill changed (used height / text height):\n");
        for (const std::string& id : project.leaflet_ids()) {
            Diagnostics quiet;
            print_fills(id, make_leaflet(project, before, project.source(id), nullptr, quiet).frames,
                        make_leaflet(project, after, project.source(id), nullptr, quiet).frames);
        }
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return error.kind() == ErrorKind::input ? 1 : 3;
    }
}
