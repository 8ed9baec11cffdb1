#include "watch.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

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
// as several events within milliseconds. A rebuild waits this long after
// the last one.
constexpr guint quiet_ms = 200;

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
    void rebuild(const std::vector<Rebuild>& rebuilds, Clock::time_point since);
    bool build_one(const Rebuild& rebuild);
    void load_sheet();
    std::optional<std::string> page(const std::string& product) const;

    static void on_changed(GFileMonitor*, GFile* file, GFile* other, GFileMonitorEvent event, gpointer data);
    static gboolean on_quiet(gpointer data);

    const Project& project_;
    const WatchOptions& options_;
    const Printer& print_;
    Model model_;
    std::optional<resolve::Sheet> sheet_;             // of the style sheet that last loaded
    std::map<std::string, std::vector<Diagnostic>> shown_;  // product -> its latest build's diagnostics
    int generation_ = 0;
    std::vector<c::GObject<GFileMonitor>> monitors_;
    std::set<std::string> monitored_;
    std::set<std::string> pending_;  // changed since the last rebuild
    Clock::time_point first_change_;
    guint quiet_timer_ = 0;
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
    if (is_editor_litter(fs::path(path).filename().string())) return;
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
    if (!rebuilds.empty()) watcher->rebuild(rebuilds, watcher->first_change_);
    return G_SOURCE_REMOVE;
}

// One `build` call, printed as `build` prints; true when it wrote.
bool Watcher::build_one(const Rebuild& rebuild)
{
    BuildOptions options;
    options.leaflets = rebuild.leaflets;
    options.variants = rebuild.variants;
    options.out = options_.out;
    options.jobs = options_.jobs;
    Diagnostics diagnostics;
    std::vector<Diagnostic> errors;
    try {
        for (const std::string& path : build(project_, options, diagnostics)) std::cout << "wrote " << path << '\n';
    } catch (const Error& error) {
        errors = error.diagnostics();
    } catch (const std::exception& error) {
        errors.push_back({Severity::error, {}, std::string("internal error: ") + error.what()});
    }
    std::cout << std::flush;
    print_(diagnostics, errors);
    std::vector<Diagnostic> shown;
    for (const Diagnostic& diagnostic : diagnostics.all())
        if (diagnostic.severity != Severity::note) shown.push_back(diagnostic);
    shown.insert(shown.end(), errors.begin(), errors.end());
    for (const std::string& product : products_of(model_, rebuild)) shown_[product] = shown;
    return errors.empty();
}

void Watcher::rebuild(const std::vector<Rebuild>& rebuilds, Clock::time_point since)
{
    for (const Rebuild& rebuild : rebuilds) {
        const bool built = build_one(rebuild);
        const double seconds = std::chrono::duration<double>(Clock::now() - since).count();
        const std::string products = joined(products_of(model_, rebuild));
        std::cout << (built ? fmt::format("rebuilt {} in {:.2f} s after the save\n", products, seconds)
                            : fmt::format("not rebuilt, the last good output stays: {} ({:.2f} s after the save)\n",
                                          products, seconds))
                  << std::flush;
    }
    load_sheet();
    ++generation_;
    if (server_) server_->rebuilt(generation_);
}

void Watcher::load_sheet()
{
    try {
        sheet_ = resolve::load_stylesheet(project_.path(project_.styles)).sheet;
    } catch (const Error&) {
        // the build has reported it; the page keeps the last good geometry
    }
}

std::optional<std::string> Watcher::page(const std::string& requested) const
{
    PageView view;
    view.products = products_of(model_);
    if (view.products.empty()) return std::nullopt;
    view.product = requested.empty() ? view.products.front() : requested;
    if (std::find(view.products.begin(), view.products.end(), view.product) == view.products.end()) return std::nullopt;
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
    rebuild({{model_.leaflets, {}}}, Clock::now());
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
    g_source_remove(interrupt);
    g_source_remove(terminate);
    if (quiet_timer_) g_source_remove(quiet_timer_);
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
