#include "job.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "finish/finish.hpp"
#include "io/files.hpp"
#include "load/load.hpp"
#include "render/render.hpp"
#include "typeset/typeset.hpp"

#ifndef LEAFLETS_VERSION
#define LEAFLETS_VERSION "0.0.0"
#endif

namespace leaflet {

namespace fs = std::filesystem;

std::string Project::path(const std::string& relative) const
{
    return root == "." ? relative : (fs::path(root) / relative).string();
}

std::string Project::source(const std::string& id) const
{
    return path(sources + "/" + id + ".xml");
}

std::vector<std::string> Project::leaflet_ids() const
{
    std::vector<std::string> ids;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(path(sources), error))
        if (entry.is_regular_file() && entry.path().extension() == ".xml") ids.push_back(entry.path().stem().string());
    if (error) fail_io(path(sources), "cannot list the sources: " + error.message());
    std::sort(ids.begin(), ids.end());
    return ids;
}

long long source_date_epoch(const std::string& root)
{
    if (const char* value = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long epoch = std::strtoll(value, &end, 10);
        if (end != value && *end == '\0' && epoch >= 0) return epoch;
        fail({"SOURCE_DATE_EPOCH"}, fmt::format("'{}' is not a number of seconds", value));
    }
    const std::string command = fmt::format("git -C '{}' log -1 --format=%ct 2>/dev/null", root);
    long long epoch = 0;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        if (std::fscanf(pipe, "%lld", &epoch) != 1) epoch = 0;
        pclose(pipe);
    }
    return epoch;
}

Inputs load_inputs(const Project& project)
{
    return {resolve::load_stylesheet(project.path(project.styles)), resolve::load_fonts(project.path(project.fonts)),
            source_date_epoch(project.root)};
}

namespace {

// PDF user space has its origin at the bottom left, y up; frames at the top left, y down.
finish::Box pdf_box(const layout::Page& page, const layout::Rect& rect)
{
    return {rect.x, page.height - (rect.y + rect.height), rect.x + rect.width, page.height - rect.y};
}

layout::Frames lay_out(const Project& project, const Inputs& inputs, const std::string& source_path,
                       Diagnostics& diagnostics)
{
    const load::Document document = load::load(source_path, project.path(project.schema));
    const resolve::StyledDocument styled =
        resolve::resolve(document, inputs.styles, inputs.fonts, resolve::Selection{}, diagnostics);
    const typeset::Typeset typeset = typeset::typeset(styled, "base", diagnostics);
    return layout::layout(typeset, diagnostics);
}

std::vector<std::string> selected(const Project& project, const std::vector<std::string>& leaflets)
{
    std::vector<std::string> ids = leaflets.empty() ? project.leaflet_ids() : leaflets;
    for (const std::string& id : ids)
        if (!fs::is_regular_file(project.source(id)))
            fail({project.source(id)}, fmt::format("no leaflet '{}': the source file does not exist", id));
    return ids;
}

void throw_if_warned(const Diagnostics& diagnostics, bool werror)
{
    if (werror && diagnostics.warning_count() > 0)
        throw Error(ErrorKind::input, {{Severity::error, {}, fmt::format("{} warning(s) treated as errors (--werror)",
                                                                          diagnostics.warning_count())}});
}

}  // namespace

Product make_leaflet(const Project& project, const Inputs& inputs, const std::string& source_path,
                     Diagnostics& diagnostics)
{
    Product product;
    product.frames = lay_out(project, inputs, source_path, diagnostics);
    product.id = product.frames.id;
    std::vector<finish::PageBoxes> boxes;
    for (const layout::Page& page : product.frames.pages)
        boxes.push_back({pdf_box(page, page.trim), pdf_box(page, page.bleed)});
    finish::Metadata metadata;
    metadata.title = product.frames.title;
    metadata.language = product.frames.language == "kk" ? "kk-KZ" : product.frames.language;
    metadata.creator = "leaflets " LEAFLETS_VERSION;
    metadata.epoch = inputs.epoch;
    product.pdf = finish::finish(render::render_pdf(product.frames), boxes, metadata);
    return product;
}

std::vector<std::string> build(const Project& project, const BuildOptions& options, Diagnostics& diagnostics)
{
    const Inputs inputs = load_inputs(project);
    std::vector<Product> products;
    for (const std::string& id : selected(project, options.leaflets))
        products.push_back(make_leaflet(project, inputs, project.source(id), diagnostics));
    throw_if_warned(diagnostics, options.werror);

    // Nothing is written until every leaflet has been made.
    std::vector<std::string> written;
    for (const Product& product : products) {
        const std::string pdf_path = fmt::format("{}/print/{}.pdf", options.out, product.id);
        io::write_file_atomically(pdf_path, product.pdf);
        written.push_back(pdf_path);
        if (options.dump_layout) {
            const std::string trace_path = fmt::format("{}/layout/{}.txt", options.out, product.id);
            io::write_file_atomically(trace_path, render::render_trace(product.frames));
            written.push_back(trace_path);
        }
    }
    return written;
}

void check(const Project& project, const std::vector<std::string>& leaflets, Diagnostics& diagnostics)
{
    const Inputs inputs = load_inputs(project);
    for (const std::string& id : selected(project, leaflets)) lay_out(project, inputs, project.source(id), diagnostics);
}

std::string list(const Project& project)
{
    const resolve::Stylesheet styles = resolve::load_stylesheet(project.path(project.styles));
    std::string out;
    for (const std::string& id : project.leaflet_ids()) {
        const load::Document document = load::load(project.source(id), project.path(project.schema));
        out += fmt::format("{}\t{}\tversion {}\n", document.id, document.title, document.version);
        for (const load::Panel& panel : document.panels)
            out += fmt::format("  {}\t{} block(s)\n", panel.role, panel.blocks.size());
    }
    for (const resolve::Side& side : styles.sheet.sides) {
        out += fmt::format("sheet {}:", side.name);
        for (const resolve::PanelGeometry& panel : side.panels)
            out += fmt::format(" {} {:.0f} mm", panel.role, to_mm(panel.width));
        out += '\n';
    }
    return out;
}

}  // namespace leaflet
