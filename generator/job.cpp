#include "job.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "finish/finish.hpp"
#include "io/files.hpp"
#include "load/load.hpp"
#include "preview/preview.hpp"
#include "render/render.hpp"
#include "typeset/typeset.hpp"
#include "xml/xml.hpp"

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

namespace {

// The .xml files of a folder, sorted; none when the folder does not exist.
std::vector<fs::path> xml_files(const std::string& folder)
{
    std::vector<fs::path> files;
    std::error_code error;
    if (!fs::exists(folder, error)) return files;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path());
    if (error) fail_io(folder, "cannot list the folder: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<std::string> Project::leaflet_ids() const
{
    std::vector<std::string> ids;
    for (const fs::path& file : xml_files(path(sources))) ids.push_back(file.stem().string());
    return ids;
}

std::vector<std::string> Project::variant_files() const
{
    std::vector<std::string> files;
    for (const fs::path& file : xml_files(path(variants))) files.push_back(file.string());
    return files;
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
    Inputs inputs;
    xml::initialize();
    // The fonts (checksums, fontconfig) take the longest: they load on a
    // thread of their own while this one reads the rest. An error is
    // reported as if the inputs had been read one by one in this order:
    // styles, fonts, directory, variants.
    auto fonts = std::async(std::launch::async, [&] { return resolve::load_fonts(project.path(project.fonts)); });
    std::array<std::exception_ptr, 4> errors;
    auto attempt = [](std::exception_ptr& error, auto&& step) {
        try {
            step();
        } catch (...) {
            error = std::current_exception();
        }
    };
    attempt(errors[0], [&] { inputs.styles = resolve::load_stylesheet(project.path(project.styles)); });
    attempt(errors[2], [&] {
        if (fs::exists(project.path(project.directory)))
            inputs.directory =
                load::load_directory(project.path(project.directory), project.path(project.directory_schema));
    });
    attempt(errors[3], [&] {
        const std::vector<std::string> leaflets = project.leaflet_ids();
        for (const std::string& file : project.variant_files()) {
            load::Variant variant = load::load_variant(file, project.path(project.variant_schema));
            if (fs::path(file).stem().string() != variant.id)
                fail(variant.loc, "variant id '" + variant.id + "' differs from its file name");
            for (const std::string& leaflet : variant.leaflets)
                if (std::find(leaflets.begin(), leaflets.end(), leaflet) == leaflets.end())
                    fail(variant.loc,
                         "variant '" + variant.id + "' names leaflet '" + leaflet + "', which does not exist");
            inputs.variants.push_back(std::move(variant));
        }
    });
    inputs.epoch = source_date_epoch(project.root);
    attempt(errors[1], [&] { inputs.fonts = fonts.get(); });
    for (const std::exception_ptr& error : errors)
        if (error) std::rethrow_exception(error);
    return inputs;
}

namespace {

// PDF user space has its origin at the bottom left, y up; frames at the top left, y down.
finish::Box pdf_box(const layout::Page& page, const layout::Rect& rect)
{
    return {rect.x, page.height - (rect.y + rect.height), rect.x + rect.width, page.height - rect.y};
}

layout::Frames lay_out(const Inputs& inputs, const load::Document& document, const load::Variant* variant,
                       Diagnostics& diagnostics)
{
    const resolve::Selection selection{inputs.directory ? &*inputs.directory : nullptr, variant};
    const resolve::StyledDocument styled = resolve::resolve(document, inputs.styles, inputs.fonts, selection, diagnostics);
    typeset::Typeset typeset = typeset::typeset(styled, variant ? variant->label : "base", diagnostics);
    for (std::size_t i = 0; i < typeset.panels.size(); ++i)
        layout::fit(
            typeset, i, [&](double scale) { return typeset::typeset_panel(styled, i, scale, diagnostics); },
            diagnostics);
    return layout::layout(typeset, diagnostics);
}

load::Document load_source(const Project& project, const std::string& source_path)
{
    return load::load(source_path, project.path(project.schema), project.path(project.sources));
}

// The variants to build for `leaflet` as BuildOptions::variant selects them;
// a null entry is the base leaflet.
std::vector<const load::Variant*> variants_for(const Inputs& inputs, const std::string& leaflet,
                                               const std::string& selector)
{
    std::vector<const load::Variant*> result;
    if (selector == "all" || selector == "none") result.push_back(nullptr);
    if (selector == "none") return result;
    for (const load::Variant& variant : inputs.variants) {
        if (selector != "all" && variant.id != selector) continue;
        if (std::find(variant.leaflets.begin(), variant.leaflets.end(), leaflet) != variant.leaflets.end())
            result.push_back(&variant);
    }
    return result;
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
                     const load::Variant* variant, Diagnostics& diagnostics)
{
    return make_leaflet(inputs, load_source(project, source_path), variant, diagnostics);
}

Product make_leaflet(const Inputs& inputs, const load::Document& document, const load::Variant* variant,
                     Diagnostics& diagnostics)
{
    Product product;
    product.frames = lay_out(inputs, document, variant, diagnostics);
    product.name = variant ? document.id + "." + variant->id : document.id;
    finish::Metadata metadata;
    metadata.title = product.frames.title;
    metadata.subject = variant ? variant->label : "";
    metadata.language = product.frames.language == "kk" ? "kk-KZ" : product.frames.language;
    metadata.creator = "leaflets " LEAFLETS_VERSION;
    metadata.epoch = inputs.epoch;

    std::vector<finish::PageBoxes> boxes;
    for (const layout::Page& page : product.frames.pages) {
        finish::PageBoxes page_boxes{pdf_box(page, page.trim), pdf_box(page, page.bleed)};
        for (std::size_t i = 1; i < page.panels.size(); ++i) page_boxes.folds.push_back(page.panels[i].trim.x);
        boxes.push_back(std::move(page_boxes));
    }
    std::vector<resolve::Colour> palette;
    for (const auto& [name, colour] : inputs.styles.swatches) palette.push_back(colour);
    product.metadata = metadata;
    product.pdf =
        finish::finish(render::render_pdf(product.frames), boxes, metadata, finish::Mode::print, palette);
    return product;
}

std::string make_screen_pdf(const Product& product)
{
    return finish::finish(render::render_pdf(layout::screen_pages(product.frames), true), {}, product.metadata,
                          finish::Mode::screen, {});
}

std::vector<std::string> build(const Project& project, const BuildOptions& options, Diagnostics& diagnostics)
{
    const Inputs inputs = load_inputs(project);
    if (options.variant != "all" && options.variant != "none" &&
        std::none_of(inputs.variants.begin(), inputs.variants.end(),
                     [&](const load::Variant& variant) { return variant.id == options.variant; }))
        fail({project.path(project.variants)}, fmt::format("no variant '{}'", options.variant));

    // The products: each leaflet in each of its variants. A leaflet's source
    // is loaded once, by the first task that needs it.
    struct Source {
        std::string id;
        std::once_flag once;
        std::optional<load::Document> document;
        std::exception_ptr error;
    };
    const std::vector<std::string> ids = selected(project, options.leaflets);
    std::vector<Source> sources(ids.size());
    struct Task {
        Source* source;
        const load::Variant* variant;
        std::vector<std::pair<std::string, std::string>> files;  // path, bytes
        Diagnostics diagnostics;
        std::exception_ptr error;
    };
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        sources[i].id = ids[i];
        for (const load::Variant* variant : variants_for(inputs, ids[i], options.variant))
            tasks.push_back({&sources[i], variant, {}, {}, {}});
    }

    auto wants = [&](Format format) {
        return std::find(options.formats.begin(), options.formats.end(), format) != options.formats.end();
    };
    auto make = [&](Task& task) {
        Source& source = *task.source;
        std::call_once(source.once, [&] {
            try {
                source.document = load_source(project, project.source(source.id));
            } catch (...) {
                source.error = std::current_exception();
            }
        });
        if (source.error) std::rethrow_exception(source.error);
        Product product = make_leaflet(inputs, *source.document, task.variant, task.diagnostics);
        auto& files = task.files;
        if (wants(Format::print))
            files.emplace_back(fmt::format("{}/print/{}.pdf", options.out, product.name), product.pdf);
        if (wants(Format::screen))
            files.emplace_back(fmt::format("{}/screen/{}.pdf", options.out, product.name), make_screen_pdf(product));
        if (wants(Format::preview)) {
            const std::vector<std::string> pages = preview::preview(product.pdf, 150);
            for (std::size_t i = 0; i < pages.size() && i < product.frames.pages.size(); ++i)
                files.emplace_back(
                    fmt::format("{}/preview/{}-{}.png", options.out, product.name, product.frames.pages[i].side),
                    pages[i]);
        }
        if (options.dump_layout)
            files.emplace_back(fmt::format("{}/layout/{}.txt", options.out, product.name),
                               render::render_trace(product.frames));
    };
    // The products are independent: worker threads take them in turn. Each
    // keeps its files and diagnostics, gathered below in the products'
    // order, so that the output and the messages do not depend on which
    // thread made what.
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < tasks.size(); i = next++) {
            try {
                make(tasks[i]);
            } catch (...) {
                tasks[i].error = std::current_exception();
            }
        }
    };
    const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs ? options.jobs : std::thread::hardware_concurrency(),
                                                          static_cast<unsigned>(tasks.size())));
    std::vector<std::thread> workers;
    for (unsigned i = 1; i < jobs; ++i) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();

    // Every file is made in memory first; nothing is written until all are.
    std::vector<std::pair<std::string, std::string>> files;
    for (Task& task : tasks) {
        for (const Diagnostic& diagnostic : task.diagnostics.all()) diagnostics.add(diagnostic);
        if (task.error) std::rethrow_exception(task.error);
        for (auto& file : task.files) files.push_back(std::move(file));
    }
    throw_if_warned(diagnostics, options.werror);

    std::vector<std::string> written;
    for (const auto& [path, bytes] : files) {
        io::write_file_atomically(path, bytes);
        written.push_back(path);
    }
    return written;
}

void check(const Project& project, const std::vector<std::string>& leaflets, Diagnostics& diagnostics)
{
    const Inputs inputs = load_inputs(project);
    for (const std::string& id : selected(project, leaflets)) {
        const load::Document document = load_source(project, project.source(id));
        for (const load::Variant* variant : variants_for(inputs, id, "all"))
            lay_out(inputs, document, variant, diagnostics);
    }
}

std::string list(const Project& project)
{
    const resolve::Stylesheet styles = resolve::load_stylesheet(project.path(project.styles));
    std::string out;
    for (const std::string& id : project.leaflet_ids()) {
        const load::Document document = load_source(project, project.source(id));
        out += fmt::format("{}\t{}\tversion {}\n", document.id, document.title, document.version);
        for (const load::Panel& panel : document.panels)
            out += fmt::format("  {}\t{} block(s)\n", panel.role, panel.blocks.size());
    }
    for (const std::string& file : project.variant_files()) {
        const load::Variant variant = load::load_variant(file, project.path(project.variant_schema));
        out += fmt::format("variant {}\tregion {}\t{}\tfor", variant.id, variant.region, variant.label);
        for (const std::string& leaflet : variant.leaflets) out += " " + leaflet;
        out += '\n';
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
