#include "job.hpp"

#include <algorithm>
#include <deque>
#include <exception>
#include <future>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "finish/finish.hpp"
#include "io/digest.hpp"
#include "io/files.hpp"
#include "job/messages.hpp"
#include "parallel.hpp"
#include "job/paths.hpp"
#include "lint/lint.hpp"
#include "load/load.hpp"
#include "preview/preview.hpp"
#include "render/render.hpp"
#include "typeset/typeset.hpp"

#ifndef LEAFLETS_VERSION
#define LEAFLETS_VERSION "0.0.0"
#endif

namespace leaflet {

namespace fs = std::filesystem;

namespace {

// PDF user space has its origin at the bottom left, y up; frames at the top left, y down.
finish::Box pdf_box(const layout::Page& page, const layout::Rect& rect)
{
    return {rect.x, page.height - (rect.y + rect.height), rect.x + rect.width, page.height - rect.y};
}

resolve::StyledDocument styled_document(const Inputs& inputs, const load::Document& document,
                                        const load::Variant* variant, Diagnostics& diagnostics)
{
    const load::Directory* directory = variant && variant->directory ? &*variant->directory
                                     : inputs.directory                ? &*inputs.directory
                                                                       : nullptr;
    const resolve::Selection selection{directory, variant,
                                       variant ? inputs.regions.find(variant->region) : nullptr, inputs.art_folder};
    return resolve::resolve(document, inputs.styles, inputs.fonts, selection, diagnostics);
}

layout::Frames lay_out(const Inputs& inputs, const resolve::StyledDocument& styled, const load::Variant* variant,
                       Diagnostics& diagnostics)
{
    std::string slug_label = variant ? variant->label : "base";
    if (inputs.script == script::Script::latin) slug_label += "  ·  latn: the draft Latin alphabet of 2021";
    typeset::Typeset typeset = typeset::typeset(styled, slug_label, diagnostics);
    for (std::size_t i = 0; i < typeset.panels.size(); ++i)
        layout::fit(
            typeset, i, [&](double scale) { return typeset::typeset_panel(styled, i, scale, diagnostics); },
            diagnostics);
    return layout::layout(typeset, diagnostics);
}

load::Document load_source(const Project& project, const load::Regions& regions, const std::string& source_path)
{
    return load::load(source_path, project.path(project.schema), regions, project.path(project.sources));
}

// The products to make of `leaflet`: a null entry is the base leaflet.
std::vector<const load::Variant*> variants_for(const Inputs& inputs, const std::string& leaflet,
                                               const VariantSelection& selection)
{
    using Kind = VariantSelection::Kind;
    std::vector<const load::Variant*> result;
    if (selection.kind != Kind::one) result.push_back(nullptr);
    if (selection.kind == Kind::none) return result;
    for (const load::Variant& variant : inputs.variants) {
        if (selection.kind == Kind::one && variant.id != selection.id) continue;
        if (std::find(variant.leaflets.begin(), variant.leaflets.end(), leaflet) != variant.leaflets.end())
            result.push_back(&variant);
    }
    return result;
}

// The same variant in the Latin inputs (in_latin()), at the same index.
const load::Variant* latin_variant(const Inputs& inputs, const Inputs& latin, const load::Variant* variant)
{
    return variant ? &latin.variants[static_cast<std::size_t>(variant - inputs.variants.data())] : nullptr;
}

// "contacts", "contacts.mangystau", "contacts.mangystau.latn".
std::string product_name(const std::string& leaflet, const load::Variant* variant, const Inputs& inputs)
{
    std::string name = variant ? leaflet + "." + variant->id : leaflet;
    if (inputs.script == script::Script::latin) name += ".latn";
    return name;
}

std::vector<std::string> selected(const Project& project, const std::vector<std::string>& leaflets)
{
    std::vector<std::string> ids = leaflets.empty() ? project.leaflet_ids() : leaflets;
    for (const std::string& id : ids)
        if (!fs::is_regular_file(project.source(id)))
            fail({project.source(id)}, fmt::format("no leaflet '{}': the source file does not exist{}", id,
                                                   did_you_mean(id, project.leaflet_ids())));
    return ids;
}

// Each file of the sources, once, however many leaflets include it: the
// leaflets, their fragments, the directory, the regions and the variants.
std::vector<std::string> files_to_lint(const Project& project, const std::vector<std::string>& ids,
                                       const std::vector<const load::Document*>& documents)
{
    std::vector<std::string> files;
    for (const std::string& id : ids) files.push_back(project.source(id));  // also those that failed to load
    for (const load::Document* document : documents)
        if (document) files.insert(files.end(), document->files.begin(), document->files.end());
    if (fs::exists(project.path(project.directory))) files.push_back(project.path(project.directory));
    if (fs::exists(project.path(project.regions))) files.push_back(project.path(project.regions));
    for (const std::string& file : project.variant_files()) files.push_back(file);
    // the variants' own organisations (<organisations src="…"/>), in their folders
    if (fs::is_directory(project.path(project.variants)))
        for (const auto& entry : fs::recursive_directory_iterator(project.path(project.variants)))
            if (entry.is_regular_file() && entry.path().extension() == ".xml" &&
                entry.path().parent_path() != fs::path(project.path(project.variants)))
                files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

void lint_sources(const Project& project, const std::vector<std::string>& ids,
                  const std::vector<const load::Document*>& documents, Diagnostics& diagnostics,
                  BuildCache* cache = nullptr)
{
    lint::Spelling spelling;
    spelling.word_list = project.path(project.words);
    std::unique_lock<std::mutex> lock;
    if (cache) lock = std::unique_lock(cache->mutex);
    for (const std::string& file : files_to_lint(project, ids, documents)) {
        if (!cache) {
            lint::lint_file(file, diagnostics, spelling);
            continue;
        }
        const std::string bytes = io::read_file(file);
        BuildCache::Linted& linted = cache->lint[file];
        if (const std::string digest = io::sha256_hex(bytes); linted.digest != digest) {
            Diagnostics found;
            lint::lint(file, bytes, found, spelling);
            linted = {digest, found.all()};
        }
        for (const Diagnostic& finding : linted.findings) diagnostics.add(finding);
    }
}

// The digest of every file below the folders the inputs are read from
// (their paths and bytes): what BuildCache keeps its inputs by.
std::string inputs_digest(const Project& project)
{
    std::set<std::string> folders;
    for (const std::string* input : {&project.styles, &project.fonts, &project.schema, &project.regions,
                                     &project.directory, &project.words})
        folders.insert(fs::path(project.path(*input)).parent_path().string());
    folders.insert(project.path(project.variants));
    std::vector<std::string> files;
    for (const std::string& folder : folders) {
        std::error_code absent;
        for (auto entry = fs::recursive_directory_iterator(folder, absent); !absent && entry != fs::end(entry);
             entry.increment(absent))
            if (entry->is_regular_file()) files.push_back(entry->path().string());
    }
    std::sort(files.begin(), files.end());
    std::string all;
    for (const std::string& file : files) {
        std::string bytes;
        try {
            bytes = io::read_file(file);
        } catch (const Error&) {
            // unreadable now: the load says so, if it is an input
        }
        all += fmt::format("{}\n{}\n{}\n", file, bytes.size(), io::sha256_hex(bytes));
    }
    return io::sha256_hex(all);
}

// The inputs: loaded, or as the cache holds them if none of their files
// changed since. Their warnings go to `diagnostics` either way, their
// errors to `errors` (empty on entry).
std::shared_ptr<const Inputs> inputs_of(const Project& project, Diagnostics& diagnostics, ErrorList& errors,
                                        BuildCache* cache)
{
    if (!cache) return std::make_shared<const Inputs>(load_inputs(project, diagnostics, errors));
    const std::string digest = inputs_digest(project);
    const std::lock_guard lock(cache->mutex);
    if (cache->inputs && digest == cache->inputs_digest) {
        // The date is the latest commit's: one may have been made since.
        Diagnostics dated;
        const long long epoch = source_date_epoch(project.root, dated);
        if (epoch != cache->inputs->epoch) {
            auto redated = std::make_shared<Inputs>(*cache->inputs);
            redated->epoch = epoch;
            cache->inputs = std::move(redated);
        }
    } else {
        Diagnostics found;
        auto inputs = std::make_shared<const Inputs>(load_inputs(project, found, errors));
        for (const Diagnostic& diagnostic : found.all()) diagnostics.add(diagnostic);
        cache->lint.clear();
        if (!errors.empty()) {
            cache->inputs_digest.clear();
            cache->inputs.reset();
            return inputs;
        }
        cache->inputs_digest = digest;
        cache->inputs = std::move(inputs);
        cache->inputs_diagnostics = found.all();
        return cache->inputs;
    }
    for (const Diagnostic& diagnostic : cache->inputs_diagnostics) diagnostics.add(diagnostic);
    return cache->inputs;
}

// `--variant ID`: a variant that exists and, for each leaflet named, applies
// to it; else a usage error.
void check_selection(const Project& project, const Inputs& inputs, const VariantSelection& selection,
                     const std::vector<std::string>& leaflets)
{
    if (selection.kind != VariantSelection::Kind::one) return;
    const auto found = std::find_if(inputs.variants.begin(), inputs.variants.end(),
                                    [&](const load::Variant& variant) { return variant.id == selection.id; });
    if (found == inputs.variants.end()) {
        std::vector<std::string> ids;
        for (const load::Variant& variant : inputs.variants) ids.push_back(variant.id);
        throw Error(ErrorKind::usage, {project.path(project.variants)},
                    fmt::format("no variant '{}'{}", selection.id, did_you_mean(selection.id, ids)));
    }
    for (const std::string& leaflet : leaflets)
        if (std::find(found->leaflets.begin(), found->leaflets.end(), leaflet) == found->leaflets.end()) {
            std::string applies;
            for (const std::string& id : found->leaflets) applies += (applies.empty() ? "" : ", ") + id;
            throw Error(ErrorKind::usage, found->loc,
                        fmt::format("variant '{}' does not apply to leaflet '{}': it applies to {}", selection.id,
                                    leaflet, applies));
        }
}

// The diagnostics of a product's outcome, its error among them.
std::vector<Diagnostic> messages_of(const Diagnostics& diagnostics, const std::exception_ptr& error)
{
    std::vector<Diagnostic> messages = diagnostics.all();
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const Error& thrown) {
            if (thrown.kind() != ErrorKind::input) throw;
            messages.insert(messages.end(), thrown.diagnostics().begin(), thrown.diagnostics().end());
        }
    }
    return messages;
}

// Errors of the merged messages to `errors`, the rest to `diagnostics`.
void sort_out(const std::vector<Diagnostic>& merged, Diagnostics& diagnostics, ErrorList& errors)
{
    std::vector<Diagnostic> found;
    for (const Diagnostic& diagnostic : merged)
        if (diagnostic.severity == Severity::error) found.push_back(diagnostic);
        else diagnostics.add(diagnostic);
    if (!found.empty()) errors.add(Error(ErrorKind::input, std::move(found)));
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
    return make_leaflet(inputs, load_source(project, inputs.regions, source_path), variant, diagnostics);
}

Product make_leaflet(const Inputs& inputs, const load::Document& document, const load::Variant* variant,
                     Diagnostics& diagnostics)
{
    Product product;
    product.styled = std::make_shared<const resolve::StyledDocument>(
        styled_document(inputs, document, variant, diagnostics));
    product.frames = lay_out(inputs, *product.styled, variant, diagnostics);
    product.name = product_name(document.id, variant, inputs);
    finish::Metadata metadata;
    metadata.title = product.frames.title;
    metadata.subject = variant ? variant->label : "";
    metadata.language = product.frames.language == "kk"        ? "kk-KZ"
                      : product.frames.language == "kk-Latn" ? "kk-Latn-KZ"
                                                             : product.frames.language;
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

namespace {

// The screen edition's pages, set again from what the print edition was
// typeset from. The text is the print edition's at another measure: what
// the typesetter finds of it (a character the font lacks, a contact line
// that does not fit) it has said of the print edition, or throws.
layout::Frames screen_frames(const resolve::StyledDocument& print)
{
    const resolve::StyledDocument styled = resolve::for_screen(print);
    typeset::Options options;
    options.scale = styled.screen.scale;
    Diagnostics again;
    return layout::screen_pages(typeset::typeset(styled, {}, again, options));
}

}  // namespace

std::string make_screen_pdf(const Product& product)
{
    const layout::Frames pages = screen_frames(*product.styled);
    finish::Metadata metadata = product.metadata;
    for (const layout::Page& page : pages.pages)
        for (const layout::Item& item : page.items)
            if (const auto* art = std::get_if<layout::ArtItem>(&item)) metadata.figure_alts.push_back(art->figure.alt);
    return finish::finish(render::render_pdf(pages, true), {}, metadata, finish::Mode::screen, {});
}

VariantSelection VariantSelection::parse(const std::string& text)
{
    if (text == "all") return {Kind::all, {}};
    if (text == "none") return {Kind::none, {}};
    return {Kind::one, text};
}

namespace {

// A leaflet's source, loaded once, by the first product that needs it.
struct Source {
    std::string id;
    std::once_flag once;
    std::optional<load::Document> document;
    std::exception_ptr error;

    const load::Document& load(const Project& project, const load::Regions& regions)
    {
        std::call_once(once, [&] {
            try {
                document = load_source(project, regions, project.source(id));
            } catch (...) {
                error = std::current_exception();
            }
        });
        if (error) std::rethrow_exception(error);
        return *document;
    }
};

// What a leaflet's base product leaves its variants, whose pages are
// mostly its own: its pages, laid out and rendered for the previews.
struct Base {
    layout::Frames frames;
    std::vector<preview::Raster> rasters;  // none where its previews stood from a former build
};

// Where a base product hands its pages to its variants: once, null if it
// could not make them.
struct BaseSlot {
    std::promise<std::shared_ptr<const Base>> promise;
    std::shared_future<std::shared_ptr<const Base>> future = promise.get_future().share();
};

// A leaflet in a variant (null: the base leaflet), in the inputs' script.
struct Task {
    Source* source;
    const load::Variant* variant;
    const Inputs* inputs;
    BaseSlot* gives = nullptr;  // a base product whose variants are made too, in previews
    BaseSlot* takes = nullptr;  // a variant whose base is made too
};

// Hands a base product's pages (or none) to its variants when it ends,
// however it ends.
struct Handing {
    BaseSlot* slot;
    std::shared_ptr<const Base> base;
    explicit Handing(BaseSlot* to) : slot(to) {}
    Handing(const Handing&) = delete;
    Handing& operator=(const Handing&) = delete;
    ~Handing()
    {
        if (slot) slot->promise.set_value(std::move(base));
    }
};

// Where `now`'s pages may look other than `base`'s, page by page.
std::vector<std::optional<std::vector<preview::Area>>> differences(const layout::Frames& base,
                                                                   const layout::Frames& now)
{
    std::vector<std::optional<std::vector<preview::Area>>> pages;
    for (std::size_t i = 0; i < now.pages.size(); ++i) {
        std::optional<std::vector<preview::Area>>& areas = pages.emplace_back();
        const std::optional<std::vector<layout::Rect>> rects = layout::differences(base, i, now, i);
        if (!rects) continue;
        areas.emplace();
        for (const layout::Rect& rect : *rects)
            areas->push_back({rect.x.value, rect.y.value, rect.width.value, rect.height.value});
    }
    return pages;
}

// What a task made: its files (path, bytes) and its messages.
struct Made {
    std::vector<std::pair<std::string, std::string>> files;
    Diagnostics diagnostics;
};

// `preview_threads`: a build of one product renders its pages at once.
void make_files(const Project& project, const BuildOptions& options, const Task& task, unsigned preview_threads,
                Made& made)
{
    // A base product's variants wait for its pages, whatever becomes of it.
    Handing handing{task.gives};
    const Inputs& inputs = *task.inputs;
    const auto wants = [&](Format format) {
        return std::find(options.formats.begin(), options.formats.end(), format) != options.formats.end();
    };
    const load::Document& source = task.source->load(project, inputs.regions);
    const Product product =
        inputs.script == script::Script::latin
            ? make_leaflet(inputs, script::to_latin(source), task.variant, made.diagnostics)
            : make_leaflet(inputs, source, task.variant, made.diagnostics);
    auto& files = made.files;
    if (wants(Format::print)) files.emplace_back(paths::print_pdf(options.out, product.name), product.pdf);
    if (wants(Format::screen)) files.emplace_back(paths::screen_pdf(options.out, product.name), make_screen_pdf(product));
    if (wants(Format::preview)) {
        // What the last build wrote stands if it was made from this PDF.
        preview::Options how;
        std::vector<std::string> pngs;
        for (const layout::Page& page : product.frames.pages) {
            pngs.push_back(paths::preview_png(options.out, product.name, page.side));
            std::error_code absent;
            if (std::filesystem::is_regular_file(pngs.back(), absent))
                how.previous.push_back(io::read_file(pngs.back()));
        }
        if (how.previous.size() != pngs.size()) how.previous.clear();
        how.threads = preview_threads;
        // A variant renders only where its pages differ from its base's.
        const std::shared_ptr<const Base> base = task.takes ? task.takes->future.get() : nullptr;
        preview::Like like;
        if (base && !base->rasters.empty()) {
            like.pages = &base->rasters;
            like.differs = differences(base->frames, product.frames);
            how.like = &like;
        }
        std::shared_ptr<Base> pages_made;
        if (task.gives) {
            pages_made = std::make_shared<Base>();
            pages_made->frames = product.frames;
            how.rasters = &pages_made->rasters;
        }
        const std::vector<std::string> pages = preview::preview(product.pdf, 150, how);
        for (std::size_t i = 0; i < pages.size() && i < pngs.size(); ++i) files.emplace_back(pngs[i], pages[i]);
        handing.base = std::move(pages_made);
    }
    if (options.dump_layout)
        files.emplace_back(paths::layout_dump(options.out, product.name), render::render_trace(product.frames));
}

}  // namespace

std::vector<std::string> build(const Project& project, const BuildOptions& options, Diagnostics& diagnostics,
                               BuildCache* cache)
{
    ErrorList errors;
    const std::shared_ptr<const Inputs> loaded = inputs_of(project, diagnostics, errors, cache);
    const Inputs& inputs = *loaded;
    const bool inputs_loaded = errors.empty();
    const std::vector<std::string> ids = selected(project, options.leaflets);
    if (inputs_loaded) check_selection(project, inputs, options.variants, options.leaflets);
    const auto wants = [&](script::Script script) {
        return std::find(options.scripts.begin(), options.scripts.end(), script) != options.scripts.end();
    };
    std::optional<Inputs> latin;
    if (inputs_loaded && wants(script::Script::latin)) latin = in_latin(inputs);
    std::vector<Source> sources(ids.size());
    std::vector<Task> tasks;
    std::deque<BaseSlot> bases;
    const bool previews =
        std::find(options.formats.begin(), options.formats.end(), Format::preview) != options.formats.end();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        sources[i].id = ids[i];
        // With inputs in error no product can be made; the sources are still
        // read, for their own errors.
        if (!inputs_loaded) {
            errors.attempt([&] { sources[i].load(project, inputs.regions); });
            continue;
        }
        const std::size_t first = tasks.size();
        for (const load::Variant* variant : variants_for(inputs, ids[i], options.variants)) {
            if (wants(script::Script::cyrillic)) tasks.push_back({&sources[i], variant, &inputs});
            if (latin) tasks.push_back({&sources[i], latin_variant(inputs, *latin, variant), &*latin});
        }
        // Each script's base product hands its pages to that script's variants.
        if (!previews) continue;
        for (std::size_t b = first; b < tasks.size(); ++b) {
            if (tasks[b].variant) continue;
            for (std::size_t v = first; v < tasks.size(); ++v) {
                if (!tasks[v].variant || tasks[v].inputs != tasks[b].inputs) continue;
                if (!tasks[b].gives) tasks[b].gives = &bases.emplace_back();
                tasks[v].takes = tasks[b].gives;
            }
        }
    }
    // The products are independent; their files and messages are gathered
    // in the products' order, whichever thread made them.
    const unsigned preview_threads = tasks.size() == 1 ? std::max(1u, options.jobs ? options.jobs
                                                                                   : std::thread::hardware_concurrency())
                                                       : 1;
    // The bases that hand their pages on come first: a variant then waits
    // only for a base already being made, never for one not yet begun, and
    // mostly not at all.
    std::vector<std::size_t> order(tasks.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return tasks[i].gives != nullptr; });
    // Lint is one item more, the last: it runs beside the last products.
    const std::size_t lint_item = tasks.size();
    if (inputs_loaded) order.push_back(lint_item);
    Diagnostics linted;
    std::vector<Outcome<Made>> made_in_order =
        parallel_map<Made>(order, options.jobs, [&](std::size_t i, Made& made) {
            if (i != lint_item) {
                make_files(project, options, tasks[i], preview_threads, made);
                return;
            }
            std::vector<const load::Document*> documents;
            for (Source& source : sources) {
                try {
                    documents.push_back(&source.load(project, inputs.regions));
                } catch (...) {
                    documents.push_back(nullptr);  // its products report why
                }
            }
            lint_sources(project, ids, documents, linted, cache);
        });
    std::vector<Outcome<Made>> outcomes(tasks.size());
    std::exception_ptr lint_error;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (order[k] == lint_item) lint_error = made_in_order[k].error;
        else outcomes[order[k]] = std::move(made_in_order[k]);
    }
    bases.clear();  // the bases' pixels, 8 MB a page, are no longer wanted

    std::vector<ProductMessages> messages;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const std::string& leaflet = tasks[i].source->id;
        const std::string product = product_name(leaflet, tasks[i].variant, *tasks[i].inputs);
        messages.push_back({leaflet, product, messages_of(outcomes[i].result.diagnostics, outcomes[i].error)});
    }
    sort_out(merge(messages), diagnostics, errors);

    if (inputs_loaded) {
        if (lint_error) std::rethrow_exception(lint_error);
        for (const Diagnostic& finding : linted.all()) diagnostics.add(finding);
    } else {
        std::vector<const load::Document*> documents;
        for (Source& source : sources) documents.push_back(source.document ? &*source.document : nullptr);
        lint_sources(project, ids, documents, diagnostics, cache);
    }
    errors.throw_if_any();
    throw_if_warned(diagnostics, options.werror);

    // Every file is made in memory first; nothing is written until all are.
    std::vector<std::pair<std::string, std::string>> files;
    for (const Outcome<Made>& outcome : outcomes)
        files.insert(files.end(), outcome.result.files.begin(), outcome.result.files.end());
    io::write_files_atomically(files);
    std::vector<std::string> written;
    for (const auto& file : files) written.push_back(file.first);
    return written;
}

void check(const Project& project, const CheckOptions& options, Diagnostics& diagnostics)
{
    ErrorList errors;
    const Inputs inputs = load_inputs(project, diagnostics, errors);
    const bool inputs_loaded = errors.empty();
    const std::vector<std::string> ids = selected(project, options.leaflets);
    if (inputs_loaded) check_selection(project, inputs, options.variants, options.leaflets);
    std::optional<Inputs> latin;
    if (inputs_loaded) latin = in_latin(inputs);
    std::vector<std::optional<load::Document>> documents(ids.size());
    std::vector<ProductMessages> messages;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!errors.attempt([&] { documents[i] = load_source(project, inputs.regions, project.source(ids[i])); })) continue;
        if (!inputs_loaded) continue;  // nothing can be laid out without the style sheet, fonts, directory
        const load::Document latin_document = script::to_latin(*documents[i]);
        for (const load::Variant* variant : variants_for(inputs, ids[i], options.variants)) {
            // In Cyrillic and in Latin letters.
            for (const Inputs* in : std::initializer_list<const Inputs*>{&inputs, &*latin}) {
                const load::Variant* selected_variant = in == &inputs ? variant : latin_variant(inputs, *latin, variant);
                Diagnostics found;
                std::exception_ptr error;
                try {
                    const resolve::StyledDocument styled = styled_document(
                        *in, in == &inputs ? *documents[i] : latin_document, selected_variant, found);
                    lay_out(*in, styled, selected_variant, found);
                    screen_frames(styled);
                } catch (...) {
                    error = std::current_exception();
                }
                messages.push_back({ids[i], product_name(ids[i], selected_variant, *in), messages_of(found, error)});
            }
        }
    }
    sort_out(merge(messages), diagnostics, errors);
    std::vector<const load::Document*> loaded;
    for (const std::optional<load::Document>& document : documents) loaded.push_back(document ? &*document : nullptr);
    lint_sources(project, ids, loaded, diagnostics);
    errors.throw_if_any();
    throw_if_warned(diagnostics, options.werror);
}

Inputs in_latin(const Inputs& inputs)
{
    Inputs latin = inputs;
    latin.script = script::Script::latin;
    if (latin.directory) latin.directory = script::to_latin(*latin.directory);
    for (load::Variant& variant : latin.variants) variant = script::to_latin(variant);
    return latin;
}

std::string list(const Project& project)
{
    const resolve::Stylesheet styles = resolve::load_stylesheet(project.path(project.styles));
    const load::Regions regions = load::load_regions(project.path(project.regions), project.path(project.regions_schema));
    std::string out;
    for (const std::string& id : project.leaflet_ids()) {
        const load::Document document = load_source(project, regions, project.source(id));
        out += fmt::format("{}\t{}\tversion {}\n", document.id, document.title, document.version);
        for (const load::Panel& panel : document.panels)
            out += fmt::format("  {}\t{} block(s)\n", panel.role, panel.blocks.size());
    }
    for (const std::string& file : project.variant_files()) {
        const load::Variant variant = load::load_variant(file, project.path(project.variant_schema), regions);
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
