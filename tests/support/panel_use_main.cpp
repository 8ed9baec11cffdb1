// panel_use [PRINT_DIR [STYLES]]: for every print PDF of PRINT_DIR
// (default out/print), the share of each panel's live height its content
// spans (panel_use.hpp), whether it inks the bleed, and how many art items
// the layout dump beside it (PRINT_DIR/../layout/<name>.txt, written by
// `leaflets build --dump-layout`) lists; "?" without one. The panels and
// the margin come from STYLES (default styles/default.xml). A Markdown
// table, one row a PDF in name order. Exit 2 on a usage error, 3 when a
// file cannot be read.
#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "panel_use.hpp"

namespace {

namespace fs = std::filesystem;
using namespace leaflet;

std::string art_column(const fs::path& pdf)
{
    const fs::path dump = pdf.parent_path().parent_path() / "layout" / (pdf.stem().string() + ".txt");
    std::ifstream stream(dump, std::ios::binary);
    if (!stream) return "?";
    const std::string trace{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    return std::to_string(test::art_items(trace).size());
}

int run(const fs::path& folder, const std::string& styles)
{
    const resolve::Sheet sheet = resolve::load_stylesheet(styles).sheet;
    std::vector<fs::path> pdfs;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
    std::sort(pdfs.begin(), pdfs.end(), [](const fs::path& a, const fs::path& b) { return a.stem() < b.stem(); });

    std::string header = "| product |", rule = "|---|";
    for (const resolve::Side& side : sheet.sides)
        for (const resolve::PanelGeometry& panel : side.panels) {
            header += " " + panel.role + " |";
            rule += "---:|";
        }
    fmt::print("{} bleed | art |\n{}---|---:|\n", header, rule);
    for (const fs::path& pdf : pdfs) {
        const test::SheetUse use = test::panel_use(pdf.string(), sheet);
        std::string row = "| " + pdf.stem().string() + " |";
        for (const test::PanelUse& panel : use.panels) row += fmt::format(" {:.0f} % |", 100 * panel.share());
        fmt::print("{} {} | {} |\n", row, use.uses_bleed() ? "yes" : "no", art_column(pdf));
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc > 3 || (argc > 1 && (std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help"))) {
        fmt::print(stderr, "usage: panel_use [PRINT_DIR [STYLES]]\n");
        return 2;
    }
    try {
        return run(argc > 1 ? argv[1] : "out/print", argc > 2 ? argv[2] : "styles/default.xml");
    } catch (const std::exception& error) {
        fmt::print(stderr, "panel_use: {}\n", error.what());
        return 3;
    }
}
