#include "watch.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "c/glib.hpp"
#include "watch/page.hpp"
#include "watch/plan.hpp"
#include "watch/server.hpp"

namespace leaflet::watch {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Editors save through a temporary file renamed into place; a save comes
// as several events within a millisecond or two. A rebuild waits this long
// after the last one.
constexpr guint quiet_ms = 20;

// Files editors keep beside the one saved: backups, swap and lock files.
bool is_editor_litter(const std::string& name)
{
    const auto ends_with = [&](std::string_view end) { return name.ends_with(end); };
    return name.empty() || name.front() == '.' || name.front() == '#' || ends_with("~") || ends_with("#") ||
           ends_with(".swp") || ends_with(".swx") || ends_with(".tmp") || name == "4913";
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : " ") + item;
    return text;
}

double seconds_since(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

// What one build() call gave.
struct Built {
    std::vector<std::string> written;
    Diagnostics diagnostics;
    std::vector<Diagnostic> errors;
};

Built build_reporting(const Project& project, const BuildOptions& options, BuildCache& cache)
{
    Built built;
    try {
        built.written = build(project, options, built.diagnostics, &cache);
    } catch (const Error& error) {
        built.errors = error.diagnostics();
    } catch (const std::exception& error) {
        built.errors.push_back({Severity::error, {}, std::string("internal error: ") + error.what()});
    }
    return built;
}

// The rebuild after a save, as the main loop follows it: its steps
// (watch/plan.hpp) run on threads of their own, so that the page is served
// while they run: the first alone, then one per job at once. A save during
// a rebuild plans the steps still to come again, its own first.
struct Rebuilding {
    Clock::time_point since;                 // the latest save's first event
    std::vector<Step> queue;                 // the steps still to run
    Step first;                              // the latest save's first step: until it is done, no other starts
    bool first_done = false;
    std::vector<std::string> built, failed;  // products, in the order they were done
    std::set<std::string> printed;           // the diagnostics printed for it: each once
};

class Watcher {
public:
    Watcher(const Project& project, const WatchOptions& options, const Printer& print)
        : project_(project), options_(options), print_(print)
    {
    }

    int run();

private:
    void monitor(const std::string& folder);
    void noticed(const std::string& path);
    void first_build();
    void start_steps();
    void start_step();
    void step_done(std::size_t slot, const Step& step, Built built);
    void finish_rebuild();
    void report(const Built& built, std::set<std::string>& printed);
    void shown(const std::vector<std::string>& products, const Built& built);
    void published();
    void load_sheet();
    std::optional<std::string> page(const std::string& product);

    static void on_changed(GFileMonitor*, GFile* file, GFile* other, GFileMonitorEvent event, gpointer data);
    static gboolean on_quiet(gpointer data);

    const Project& project_;
    const WatchOptions& options_;
    const Printer& print_;
    Model model_;
    BuildCache cache_;  // shared by the first build and every step
    std::optional<resolve::Sheet> sheet_;                   // of the style sheet that last loaded
    std::map<std::string, std::vector<Diagnostic>> shown_;  // product -> its latest build's diagnostics
    std::string viewed_;                                    // the product the page last showed
    int generation_ = 0;
    std::vector<c::GObject<GFileMonitor>> monitors_;
    std::set<std::string> monitored_;
    std::set<std::string> pending_;  // changed since the last rebuild was planned
    Clock::time_point first_change_;
    guint quiet_timer_ = 0;
    std::optional<Rebuilding> rebuilding_;
    std::vector<std::thread> workers_;  // slots; a joinable one runs a step
    unsigned running_ = 0;              // steps under way
    bool stopping_ = false;             // interrupted: the steps under way are the last
    std::unique_ptr<Server> server_;
};

void Watcher::monitor(const std::string& folder)
{
    if (!fs::is_directory(folder) || !monitored_.insert(folder).second) return;
    const c::GObject<GFile> file(g_file_new_for_path(folder.c_str()));
    ::GError* raw = nullptr;
    GFileMonitor* folder_monitor = g_file_monitor_directory(file.get(), G_FILE_MONITOR_WATCH_MOVES, nullptr, &raw);
    if (!folder_monitor) {
        const c::GError error(raw);
        fail_io(folder, std::string("cannot watch the folder: ") + error->message);
    }
    g_file_monitor_set_rate_limit(folder_monitor, 50);
    g_signal_connect(folder_monitor, "changed", G_CALLBACK(on_changed), this);
    monitors_.emplace_back(folder_monitor);
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error))
        if (entry.is_directory() && !is_editor_litter(entry.path().filename().string()))
            monitor(entry.path().string());
}

void Watcher::on_changed(GFileMonitor*, GFile* file, GFile* other, GFileMonitorEvent event, gpointer data)
{
    auto* watcher = static_cast<Watcher*>(data);
    if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
        event == G_FILE_MONITOR_EVENT_UNMOUNTED)
        return;
    for (GFile* changed : {file, other}) {
        if (!changed) continue;
        const c::GMemory<char> path(g_file_get_path(changed));
        if (!path) continue;
        // A folder made (or moved in) while watching is watched too.
        if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN ||
            event == G_FILE_MONITOR_EVENT_RENAMED)
            if (fs::is_directory(path.get()) && !is_editor_litter(fs::path(path.get()).filename().string()))
                watcher->monitor(path.get());
        watcher->noticed(path.get());
    }
}

void Watcher::noticed(const std::string& path)
{
    if (stopping_ || is_editor_litter(fs::path(path).filename().string())) return;
    if (pending_.empty()) first_change_ = Clock::now();
    pending_.insert(absolute_path(path));
    if (quiet_timer_) g_source_remove(quiet_timer_);
    quiet_timer_ = g_timeout_add(quiet_ms, on_quiet, this);
}

gboolean Watcher::on_quiet(gpointer data)
{
    auto* watcher = static_cast<Watcher*>(data);
    watcher->quiet_timer_ = 0;
    const std::vector<std::string> changed(watcher->pending_.begin(), watcher->pending_.end());
    watcher->pending_.clear();
    // Learnt again first: a source may include another fragment now, a
    // variant apply to other leaflets.
    watcher->model_ = load_model(watcher->project_, watcher->options_.leaflets, watcher->model_);
    const std::vector<Rebuild> rebuilds = plan(watcher->project_, watcher->model_, changed);
    if (rebuilds.empty()) return G_SOURCE_REMOVE;
    // A save during a rebuild: what that had still to do is done too.
    Rebuilding& rebuilding = watcher->rebuilding_ ? *watcher->rebuilding_ : watcher->rebuilding_.emplace();
    rebuilding.since = watcher->first_change_;
    rebuilding.queue = steps(watcher->model_, rebuilds, watcher->viewed_, rebuilding.queue);
    if (rebuilding.queue.empty()) {  // nothing to make
        if (watcher->running_ == 0) watcher->rebuilding_.reset();
        return G_SOURCE_REMOVE;
    }
    rebuilding.first = rebuilding.queue.front();
    rebuilding.first_done = false;
    rebuilding.printed.clear();
    watcher->start_steps();
    return G_SOURCE_REMOVE;
}

// As many steps as may run now: the first of a save alone (its previews
// render on every core), then one per job.
void Watcher::start_steps()
{
    const unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    while (!stopping_ && !rebuilding_->queue.empty() && running_ < (rebuilding_->first_done ? jobs : 1u))
        start_step();
}

// The next step of the rebuild on the worker thread; what it gave comes
// back to the main loop (step_done()).
void Watcher::start_step()
{
    Step step = rebuilding_->queue.front();
    rebuilding_->queue.erase(rebuilding_->queue.begin());
    BuildOptions options;
    options.leaflets = {step.leaflet};
    options.variants = step.variants;
    options.formats = step.formats;
    options.out = options_.out;
    options.jobs = options_.jobs;
    struct Done {
        Watcher* watcher;
        std::size_t slot;
        Step step;
        Built built;
    };
    std::size_t slot = 0;
    while (slot < workers_.size() && workers_[slot].joinable()) ++slot;
    if (slot == workers_.size()) workers_.emplace_back();
    ++running_;
    workers_[slot] = std::thread([this, slot, step = std::move(step), options = std::move(options)] {
        auto* done = new Done{this, slot, step, build_reporting(project_, options, cache_)};
        g_idle_add_full(
            G_PRIORITY_DEFAULT,
            [](gpointer data) {
                auto* outcome = static_cast<Done*>(data);
                outcome->watcher->step_done(outcome->slot, outcome->step, std::move(outcome->built));
                return G_SOURCE_REMOVE;
            },
            done, [](gpointer data) { delete static_cast<Done*>(data); });
    });
}

void Watcher::step_done(std::size_t slot, const Step& step, Built built)
{
    workers_[slot].join();
    --running_;
    Rebuilding& rebuilding = *rebuilding_;
    report(built, rebuilding.printed);
    shown({step.product}, built);
    const bool good = built.errors.empty();
    const bool first = !rebuilding.first_done && step == rebuilding.first;
    std::vector<std::string>& into = good ? rebuilding.built : rebuilding.failed;
    if (std::find(into.begin(), into.end(), step.product) == into.end()) into.push_back(step.product);
    // The product looked at, first: the page shows it at once.
    if (first && good) {
        std::cout << fmt::format("previews of {} {:.2f} s after the save\n", step.product,
                                 seconds_since(rebuilding.since))
                  << std::flush;
        published();
    }
    rebuilding.first_done = rebuilding.first_done || first;
    start_steps();
    if (running_ == 0 && (rebuilding.queue.empty() || stopping_)) finish_rebuild();
}

void Watcher::finish_rebuild()
{
    const Rebuilding& rebuilding = *rebuilding_;
    const double seconds = seconds_since(rebuilding.since);
    std::string line;
    if (rebuilding.failed.empty())
        line = fmt::format("rebuilt {} in {:.2f} s after the save", joined(rebuilding.built), seconds);
    else
        line = fmt::format("not rebuilt, the last good output stays: {} ({:.2f} s after the save){}",
                           joined(rebuilding.failed), seconds,
                           rebuilding.built.empty() ? "" : "; rebuilt " + joined(rebuilding.built));
    if (!rebuilding.queue.empty()) line += "; interrupted before " + rebuilding.queue.front().product;
    std::cout << line << '\n' << std::flush;
    rebuilding_.reset();
    load_sheet();
    published();
}

// Printed as `build` prints; a diagnostic once per rebuild, however many
// of its steps give it.
void Watcher::report(const Built& built, std::set<std::string>& printed)
{
    for (const std::string& path : built.written) std::cout << "wrote " << path << '\n';
    std::cout << std::flush;
    Diagnostics fresh;
    std::vector<Diagnostic> errors;
    for (const Diagnostic& diagnostic : built.diagnostics.all())
        if (printed.insert(format(diagnostic)).second) fresh.add(diagnostic);
    for (const Diagnostic& error : built.errors)
        if (printed.insert(format(error)).second) errors.push_back(error);
    print_(fresh, errors);
}

// What the page shows with `products`: the warnings and errors of their
// latest build.
void Watcher::shown(const std::vector<std::string>& products, const Built& built)
{
    std::vector<Diagnostic> messages;
    for (const Diagnostic& diagnostic : built.diagnostics.all())
        if (diagnostic.severity != Severity::note) messages.push_back(diagnostic);
    messages.insert(messages.end(), built.errors.begin(), built.errors.end());
    for (const std::string& product : products) shown_[product] = messages;
}

// The page's clients are told, and load it again.
void Watcher::published()
{
    ++generation_;
    if (server_) server_->rebuilt(generation_);
}

// Every watched product in one build, before watching.
void Watcher::first_build()
{
    const Clock::time_point since = Clock::now();
    BuildOptions options;
    options.leaflets = model_.leaflets;
    options.out = options_.out;
    options.jobs = options_.jobs;
    const Built built = build_reporting(project_, options, cache_);
    std::set<std::string> printed;
    report(built, printed);
    const std::vector<std::string> products = products_of(model_);
    shown(products, built);
    const double seconds = seconds_since(since);
    std::cout << (built.errors.empty()
                      ? fmt::format("rebuilt {} in {:.2f} s\n", joined(products), seconds)
                      : fmt::format("not rebuilt, the last good output stays: {} ({:.2f} s)\n", joined(products),
                                    seconds))
              << std::flush;
    load_sheet();
    ++generation_;
}

void Watcher::load_sheet()
{
    try {
        sheet_ = resolve::load_stylesheet(project_.path(project_.styles)).sheet;
    } catch (const Error&) {
        // the build has reported it; the page keeps the last good geometry
    }
}

std::optional<std::string> Watcher::page(const std::string& requested)
{
    PageView view;
    view.products = products_of(model_);
    if (view.products.empty()) return std::nullopt;
    view.product = requested.empty() ? view.products.front() : requested;
    if (std::find(view.products.begin(), view.products.end(), view.product) == view.products.end()) return std::nullopt;
    viewed_ = view.product;
    view.generation = generation_;
    view.sheet = sheet_ ? &*sheet_ : nullptr;
    if (const auto found = shown_.find(view.product); found != shown_.end()) view.diagnostics = found->second;
    return render_page(view);
}

gboolean quit(gpointer loop)
{
    g_main_loop_quit(static_cast<GMainLoop*>(loop));
    return G_SOURCE_CONTINUE;
}

int Watcher::run()
{
    for (const std::string& id : options_.leaflets)
        if (!fs::is_regular_file(project_.source(id)))
            throw Error(ErrorKind::usage, {project_.source(id)},
                        fmt::format("no leaflet '{}': the source file does not exist{}", id,
                                    did_you_mean(id, project_.leaflet_ids())));
    const c::Handle<GMainLoop, g_main_loop_unref> loop(g_main_loop_new(nullptr, FALSE));
    // Before the first build: a signal during it ends the run after it.
    const guint interrupt = g_unix_signal_add(SIGINT, quit, loop.get());
    const guint terminate = g_unix_signal_add(SIGTERM, quit, loop.get());
    for (const std::string* input : {&project_.sources, &project_.styles, &project_.fonts})
        monitor(absolute_path(input == &project_.sources ? project_.path(*input)
                                                         : fs::path(project_.path(*input)).parent_path().string()));
    model_ = load_model(project_, options_.leaflets, {});
    first_build();
    if (options_.serve) {
        server_ = std::make_unique<Server>(options_.out, options_.port,
                                           [this](const std::string& product) { return page(product); });
        server_->rebuilt(generation_);
        std::cout << fmt::format("serving http://127.0.0.1:{}/\n", server_->port());
    }
    std::cout << fmt::format("watching {}, {} and {} ({} products); Ctrl-C stops\n", project_.sources,
                             fs::path(project_.styles).parent_path().string(),
                             fs::path(project_.fonts).parent_path().string(), products_of(model_).size())
              << std::flush;
    g_main_loop_run(loop.get());
    // No rebuild begins now; the step under way ends, and what it made is
    // reported.
    stopping_ = true;
    if (quiet_timer_) g_source_remove(quiet_timer_);
    quiet_timer_ = 0;
    while (running_ > 0) g_main_context_iteration(nullptr, TRUE);
    g_source_remove(interrupt);
    g_source_remove(terminate);
    server_.reset();
    return 0;
}

}  // namespace

int watch(const Project& project, const WatchOptions& options, const Printer& print)
{
    Watcher watcher(project, options, print);
    return watcher.run();
}

}  // namespace leaflet::watch
