// `leaflets watch`: the rebuild selection (plan(), pure), and the real
// watcher on a copy of the repository's inputs: a save rebuilds just the
// products it touches, a broken save leaves the last good output, a
// fragment's save rebuilds every leaflet that includes it, and the live
// page, read by headless Chromium, shows both sides under the overlay and
// follows the rebuilds; the server is on loopback only and refuses "..".
// Every wait polls with a generous timeout; the watcher is stopped in
// teardown, also when a test fails.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "project.hpp"
#include "watch/plan.hpp"
#include "watch/server.hpp"

namespace {

namespace fs = std::filesystem;
using namespace leaflet;
using namespace std::chrono_literals;
using leaflet::test::read;

constexpr auto timeout = 60s;  // CI's two cores are busy: generous

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::seconds limit = timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return predicate();
}

// --- plan(): the rebuild selection ------------------------------------------

std::string in_repository(const std::string& relative) { return watch::absolute_path(test::source_dir() + "/" + relative); }

class WatchPlan : public ::testing::Test {
protected:
    Project project = test::repository();
    watch::Model model = watch::load_model(project, {}, {});

    std::vector<std::string> planned(const std::string& relative)
    {
        std::vector<std::string> lines;
        for (const watch::Rebuild& rebuild : watch::plan(project, model, {in_repository(relative)})) {
            std::string line = rebuild.variants.kind == VariantSelection::Kind::one ? rebuild.variants.id + ":" : "all:";
            for (const std::string& leaflet : rebuild.leaflets) line += " " + leaflet;
            lines.push_back(line);
        }
        return lines;
    }
};

TEST_F(WatchPlan, a_leaflet_source_rebuilds_that_leaflet_in_every_variant)
{
    EXPECT_EQ(planned("sources/general.xml"), (std::vector<std::string>{"all: general"}));
    const std::vector<std::string> products = watch::products_of(model, watch::plan(project, model, {in_repository("sources/contacts.xml")}).front());
    EXPECT_EQ(products.size(), 16u) << "contacts and its 15 regional variants";
}

TEST_F(WatchPlan, a_variant_file_rebuilds_that_variants_products)
{
    EXPECT_EQ(planned("sources/variants/akmola.xml"), (std::vector<std::string>{"akmola: contacts migrants"}));
    const auto rebuilds = watch::plan(project, model, {in_repository("sources/variants/akmola.xml")});
    EXPECT_EQ(watch::products_of(model, rebuilds.front()), (std::vector<std::string>{"contacts.akmola", "migrants.akmola"}));
}

TEST_F(WatchPlan, a_fragment_rebuilds_every_leaflet_that_includes_it)
{
    EXPECT_EQ(planned("sources/shared/palermo.xml"), (std::vector<std::string>{"all: general youth"}));
    EXPECT_EQ(planned("sources/shared/hotlines.xml"),
              (std::vector<std::string>{"all: contacts general migrants sab-staff youth"}));
}

TEST_F(WatchPlan, styles_fonts_directory_and_regions_rebuild_everything)
{
    const std::vector<std::string> everything{"all: contacts general migrants sab-staff youth"};
    for (const char* file : {"styles/default.xml", "fonts/manifest.xml", "sources/shared/directory.xml",
                             "sources/shared/regions.xml", "sources/schema/leaflet.rng", "sources/art/icons/handshake.svg"})
        EXPECT_EQ(planned(file), everything) << file << " (an icon: named by <icon name>, not by its path)";
    // As an <image src="…"/>, the same file is named: just those leaflets.
    EXPECT_EQ(planned("sources/art/icons/phone.svg"), (std::vector<std::string>{"all: contacts general"}));
}

TEST_F(WatchPlan, a_leaflet_rebuilt_whole_is_not_rebuilt_again_for_a_variant)
{
    const auto rebuilds = watch::plan(project, model, {in_repository("sources/contacts.xml"), in_repository("sources/variants/akmola.xml")});
    ASSERT_EQ(rebuilds.size(), 2u);
    EXPECT_EQ(rebuilds[0].leaflets, (std::vector<std::string>{"contacts"}));
    EXPECT_EQ(rebuilds[1].leaflets, (std::vector<std::string>{"migrants"}));
    EXPECT_TRUE(watch::plan(project, model, {in_repository("README.md"), in_repository("out/print/general.pdf")}).empty());
}

// "contacts.akmola: print preview", a step a line.
std::vector<std::string> described(const std::vector<watch::Step>& steps)
{
    std::vector<std::string> lines;
    for (const watch::Step& step : steps) {
        std::string line = step.product + ":";
        for (const Format format : step.formats)
            line += format == Format::print ? " print" : format == Format::screen ? " screen" : " preview";
        lines.push_back(line);
    }
    return lines;
}

TEST_F(WatchPlan, the_product_looked_at_comes_first_as_its_print_pdf_and_previews)
{
    const auto akmola = watch::plan(project, model, {in_repository("sources/variants/akmola.xml")});
    EXPECT_EQ(described(watch::steps(model, akmola, "migrants.akmola")),
              (std::vector<std::string>{"migrants.akmola: print preview", "migrants.akmola: screen",
                                        "contacts.akmola: print screen preview"}));
    // One the rebuild does not make (or none): its first product.
    EXPECT_EQ(described(watch::steps(model, akmola, "general")),
              (std::vector<std::string>{"contacts.akmola: print preview", "contacts.akmola: screen",
                                        "migrants.akmola: print screen preview"}));
    for (const watch::Step& step : watch::steps(model, akmola, ""))
        EXPECT_EQ(step.variants, (VariantSelection{VariantSelection::Kind::one, "akmola"})) << step.product;
    EXPECT_EQ(watch::steps(model, watch::plan(project, model, {in_repository("sources/general.xml")}), "").front().variants,
              (VariantSelection{VariantSelection::Kind::none, {}}))
        << "the base leaflet";
}

TEST_F(WatchPlan, a_save_during_a_rebuild_keeps_the_steps_it_had_still_to_run)
{
    const auto akmola = watch::plan(project, model, {in_repository("sources/variants/akmola.xml")});
    const std::vector<watch::Step> planned_first = watch::steps(model, akmola, "");
    const std::vector<watch::Step> queued(planned_first.begin() + 1, planned_first.end());  // the first step ran
    const auto general = watch::plan(project, model, {in_repository("sources/general.xml")});
    EXPECT_EQ(described(watch::steps(model, general, "", queued)),
              (std::vector<std::string>{"general: print preview", "general: screen", "contacts.akmola: screen",
                                        "migrants.akmola: print screen preview"}));
    // A product of both: made once, and what its first step makes not again.
    EXPECT_EQ(described(watch::steps(model, akmola, "migrants.akmola", queued)),
              (std::vector<std::string>{"migrants.akmola: print preview", "migrants.akmola: screen",
                                        "contacts.akmola: print screen preview"}));
    EXPECT_EQ(watch::steps(model, {}, "general", queued), queued) << "nothing new: the queue as it was";
}

TEST(WatchServer, refuses_paths_that_leave_the_output_folder)
{
    for (const char* path : {"..", "../secret.txt", "preview/../../secret.txt", "preview//x.png", "./x", "a\\..\\b", ""})
        EXPECT_FALSE(watch::is_safe_relative_path(path)) << path;
    EXPECT_TRUE(watch::is_safe_relative_path("preview/general-outside.png"));
}

// --- the watcher, a real process ----------------------------------------------

struct Response {
    int status = 0;
    std::string body;
};

int connect_to(int port)
{
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(socket);
        return -1;
    }
    return socket;
}

// Reads what `socket` sends until it closes, or `enough` says so, or the timeout.
template <typename Enough>
std::string receive(int socket, Enough enough)
{
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[65536];
    while (std::chrono::steady_clock::now() < deadline && !enough(received)) {
        pollfd ready{socket, POLLIN, 0};
        if (::poll(&ready, 1, 200) <= 0) continue;
        const ssize_t got = ::read(socket, buffer, sizeof buffer);
        if (got <= 0) break;
        received.append(buffer, static_cast<std::size_t>(got));
    }
    return received;
}

// A GET sent as written: no client library normalises "..".
Response get(int port, const std::string& path)
{
    const int socket = connect_to(port);
    if (socket < 0) return {};
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::write(socket, request.data(), request.size()) != static_cast<ssize_t>(request.size())) return {};
    const std::string text = receive(socket, [](const std::string&) { return false; });
    ::close(socket);
    Response response;
    if (text.size() > 12) response.status = std::stoi(text.substr(9, 3));
    if (const auto at = text.find("\r\n\r\n"); at != std::string::npos) response.body = text.substr(at + 4);
    return response;
}

// `leaflets watch ARGS` in `folder`, stdout and stderr to files; stopped
// (SIGTERM, then SIGKILL past the timeout) when it goes out of scope.
class Watcher {
public:
    Watcher(const fs::path& folder, const std::vector<std::string>& arguments) : folder_(folder)
    {
        std::vector<std::string> argv{test::binary_dir() + "/leaflets", "watch"};
        argv.insert(argv.end(), arguments.begin(), arguments.end());
        pid_ = ::fork();
        if (pid_ == 0) {
            if (::chdir(folder.c_str()) != 0) ::_exit(127);
            const int out = ::open((folder / "watch.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = ::open((folder / "watch.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(out, 1);
            ::dup2(err, 2);
            std::vector<char*> pointers;
            for (std::string& argument : argv) pointers.push_back(argument.data());
            pointers.push_back(nullptr);
            ::execv(pointers[0], pointers.data());
            ::_exit(127);
        }
    }
    ~Watcher() { stop(); }

    // The exit status after SIGTERM (-1: it had to be killed).
    int stop()
    {
        if (pid_ <= 0) return status_;
        ::kill(pid_, SIGTERM);
        int status = 0;
        const bool exited = eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; });
        if (!exited) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
        status_ = exited && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return status_;
    }

    std::string out() const { return read(folder_ / "watch.out"); }
    std::string err() const { return read(folder_ / "watch.err"); }
    // Rebuilds reported so far, good or failed ("rebuilt …", "not rebuilt …").
    int rebuilds() const
    {
        int count = 0;
        for (const std::string& line : test::lines_of(out()))
            if (line.rfind("rebuilt ", 0) == 0 || line.rfind("not rebuilt", 0) == 0) ++count;
        return count;
    }
    bool ready() const { return out().find("\nwatching ") != std::string::npos; }
    int port() const
    {
        std::smatch match;
        const std::string text = out();
        return std::regex_search(text, match, std::regex("serving http://127\\.0\\.0\\.1:([0-9]+)/")) ? std::stoi(match[1])
                                                                                                      : 0;
    }
    // Waits until `count` rebuilds have been reported.
    bool wait_for_rebuilds(int count) const { return eventually([&] { return rebuilds() >= count; }); }

private:
    fs::path folder_;
    pid_t pid_ = -1;
    int status_ = -1;
};

// What a product's files are now: path -> bytes and mtime.
using Snapshot = std::map<std::string, std::pair<std::string, fs::file_time_type>>;

Snapshot snapshot(const fs::path& out, const std::string& product)
{
    Snapshot files;
    for (const std::string& path : {"print/" + product + ".pdf", "screen/" + product + ".pdf",
                                    "preview/" + product + "-outside.png", "preview/" + product + "-inside.png"})
        if (fs::exists(out / path)) files[path] = {read(out / path), fs::last_write_time(out / path)};
    return files;
}

class WatchRun : public ::testing::Test {
protected:
    fs::path folder = test::scratch_dir();
    Project project = test::copy_of_repository(folder);
    fs::path out = folder / "out";

    // Started on general, youth and sab-staff (no variants: a quick first build).
    std::unique_ptr<Watcher> start(std::vector<std::string> extra = {})
    {
        std::vector<std::string> arguments{"general", "youth", "sab-staff"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        auto watcher = std::make_unique<Watcher>(folder, arguments);
        EXPECT_TRUE(eventually([&] { return watcher->ready(); })) << watcher->out() << watcher->err();
        EXPECT_EQ(watcher->rebuilds(), 1) << "the first build";
        return watcher;
    }
};

TEST_F(WatchRun, a_saved_leaflet_is_rebuilt_and_the_others_are_untouched)
{
    const auto watcher = start();
    const Snapshot general = snapshot(out, "general"), youth = snapshot(out, "youth"),
                   sab_staff = snapshot(out, "sab-staff");
    ASSERT_EQ(general.size(), 4u) << "print, screen, two previews";
    test::replace_in_file(folder / "sources/general.xml", ">ЖАДЫНАМА</h1>", ">ЖАДЫНАМА!</h1>");
    ASSERT_TRUE(watcher->wait_for_rebuilds(2)) << watcher->out() << watcher->err();
    EXPECT_NE(watcher->out().find("rebuilt general in "), std::string::npos) << watcher->out();
    const Snapshot after = snapshot(out, "general");
    for (const char* path : {"print/general.pdf", "preview/general-outside.png"})
        EXPECT_NE(after.at(path).first, general.at(path).first) << path << " is rebuilt";
    EXPECT_EQ(snapshot(out, "youth"), youth) << "youth untouched, bytes and mtime";
    EXPECT_EQ(snapshot(out, "sab-staff"), sab_staff) << "sab-staff untouched, bytes and mtime";
    EXPECT_EQ(watcher->stop(), 0) << "SIGTERM ends it cleanly";
}

TEST_F(WatchRun, a_broken_save_is_reported_and_the_last_good_output_stays)
{
    const auto watcher = start();
    const Snapshot good = snapshot(out, "general");
    test::replace_in_file(folder / "sources/general.xml", ">ЖАДЫНАМА</h1>", ">ЖАДЫНАМА</h2>");
    ASSERT_TRUE(watcher->wait_for_rebuilds(2)) << watcher->out() << watcher->err();
    EXPECT_NE(watcher->out().find("not rebuilt, the last good output stays: general"), std::string::npos) << watcher->out();
    EXPECT_NE(watcher->err().find("sources/general.xml:52:"), std::string::npos) << watcher->err();
    EXPECT_NE(watcher->err().find("error: Opening and ending tag mismatch: h1"), std::string::npos) << watcher->err();
    EXPECT_EQ(snapshot(out, "general"), good) << "byte for byte, mtime too";

    test::replace_in_file(folder / "sources/general.xml", ">ЖАДЫНАМА</h2>", ">ЖАДЫНАМА!</h1>");
    ASSERT_TRUE(watcher->wait_for_rebuilds(3)) << watcher->out() << watcher->err();
    EXPECT_NE(read(out / "print/general.pdf"), good.at("print/general.pdf").first) << "rebuilt once fixed";
}

TEST_F(WatchRun, a_saved_fragment_rebuilds_every_leaflet_that_includes_it)
{
    const auto watcher = start();
    const Snapshot general = snapshot(out, "general"), youth = snapshot(out, "youth"),
                   sab_staff = snapshot(out, "sab-staff");
    test::replace_in_file(folder / "sources/shared/palermo.xml", "кісі ұрлау, ", "");
    ASSERT_TRUE(watcher->wait_for_rebuilds(2)) << watcher->out() << watcher->err();
    EXPECT_NE(watcher->out().find("rebuilt general youth in "), std::string::npos) << watcher->out();
    EXPECT_NE(read(out / "print/general.pdf"), general.at("print/general.pdf").first);
    EXPECT_NE(read(out / "print/youth.pdf"), youth.at("print/youth.pdf").first);
    EXPECT_EQ(snapshot(out, "sab-staff"), sab_staff) << "sab-staff does not include palermo.xml";
}

// The DOM of the live page as headless Chromium has it after loading.
std::string dom_in_chromium(const fs::path& folder, int port, const std::string& query)
{
    const test::RunResult run = test::run_program(
        "timeout", fmt::format("60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir='{}' --dump-dom "
                               "'http://127.0.0.1:{}/{}'",
                               (folder / "chromium").string(), port, query),
        folder);
    return run.out;
}

TEST_F(WatchRun, the_live_page_shows_both_sides_under_the_overlay_and_follows_rebuilds)
{
    const auto watcher = start({"--serve", "--port", "0"});
    const int port = watcher->port();
    ASSERT_GT(port, 0) << watcher->out();

    const std::string dom = dom_in_chromium(folder, port, "?product=youth");
    for (const char* side : {"outside", "inside"}) {
        EXPECT_NE(dom.find(fmt::format(R"(src="/out/preview/youth-{}.png?g=1")", side)), std::string::npos) << dom;
        EXPECT_NE(dom.find(fmt::format(R"(<svg class="overlay" data-side="{}")", side)), std::string::npos) << dom;
    }
    // 297 mm trim + 2 x 14 mm slug; the outside's folds at 97 and 197 mm from the trim's left (14 mm in).
    EXPECT_NE(dom.find(R"(viewBox="0 0 325.00 238.00")"), std::string::npos) << dom;
    EXPECT_NE(dom.find(R"(<line class="fold" x1="111.00")"), std::string::npos) << dom;
    EXPECT_NE(dom.find(R"(<line class="fold" x1="211.00")"), std::string::npos) << dom;
    EXPECT_NE(dom.find(R"(<rect class="safe" x="19.00" y="19.00" width="87.00")"), std::string::npos) << "5 mm in: " << dom;
    const Response image = get(port, "/out/preview/youth-outside.png?g=1");
    EXPECT_EQ(image.status, 200);
    EXPECT_EQ(image.body, read(out / "preview/youth-outside.png"));

    // A client of /events hears of the rebuild; the page then shows the new preview.
    const int events = connect_to(port);
    ASSERT_GE(events, 0);
    const std::string request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    ASSERT_EQ(::write(events, request.data(), request.size()), static_cast<ssize_t>(request.size()));
    EXPECT_NE(receive(events, [](const std::string& got) { return got.find("data: 1") != std::string::npos; }).find("data: 1"),
              std::string::npos);
    // Twice: when the previews of the product looked at (youth) are made,
    // first of all, and when the rebuild is done.
    test::replace_in_file(folder / "sources/shared/palermo.xml", "кісі ұрлау, ", "");
    EXPECT_NE(receive(events, [](const std::string& got) { return got.find("data: 3") != std::string::npos; }).find("data: 2"),
              std::string::npos);
    ::close(events);
    ASSERT_TRUE(watcher->wait_for_rebuilds(2)) << watcher->out();
    const std::string log = watcher->out();
    const std::size_t first_previews = log.find("previews of youth ");
    EXPECT_NE(first_previews, std::string::npos) << log;
    EXPECT_LT(log.find("wrote out/preview/youth-outside.png", log.find("\nwatching ")), log.find("wrote out/print/general.pdf", log.find("\nwatching ")))
        << "youth, looked at, before general: " << log;
    EXPECT_NE(log.find("rebuilt youth general in "), std::string::npos) << log;
    const std::string after = dom_in_chromium(folder, port, "?product=youth");
    EXPECT_NE(after.find(R"(src="/out/preview/youth-outside.png?g=3")"), std::string::npos) << after;
    EXPECT_EQ(get(port, "/out/preview/youth-outside.png?g=3").body, read(out / "preview/youth-outside.png"));
    EXPECT_NE(read(out / "preview/youth-outside.png"), image.body) << "a new preview";
}

TEST_F(WatchRun, the_server_listens_on_loopback_only_and_refuses_dot_dot)
{
    const auto watcher = start({"--serve", "--port", "0"});
    const int port = watcher->port();
    ASSERT_GT(port, 0) << watcher->out();
    // Every listening socket on the port: 127.0.0.1 (0100007F), none on IPv6.
    const std::string hex_port = fmt::format(":{:04X} ", port);
    int listening = 0;
    for (const std::string& line : test::lines_of(read("/proc/net/tcp")))
        if (line.find(hex_port) != std::string::npos && line.find(" 0A ") != std::string::npos) {
            EXPECT_NE(line.find("0100007F" + hex_port), std::string::npos) << line;
            ++listening;
        }
    EXPECT_EQ(listening, 1);
    for (const std::string& line : test::lines_of(read("/proc/net/tcp6")))
        EXPECT_FALSE(line.find(hex_port) != std::string::npos && line.find(" 0A ") != std::string::npos) << line;

    test::write(folder / "secret.txt", "not for the web");
    for (const char* path : {"/out/../secret.txt", "/out/%2e%2e/secret.txt", "/out/preview/%2E%2E/%2E%2E/secret.txt",
                             "/out/..%2fsecret.txt", "/../secret.txt"}) {
        const Response response = get(port, path);
        EXPECT_GE(response.status, 400) << path;
        EXPECT_EQ(response.body.find("not for the web"), std::string::npos) << path;
    }
    EXPECT_EQ(get(port, "/?product=nothing").status, 404);
    EXPECT_EQ(get(port, "/out/print/general.pdf").status, 200);
    EXPECT_EQ(watcher->stop(), 0);
}

}  // namespace
