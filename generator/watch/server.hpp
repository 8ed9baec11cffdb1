// server: the HTTP server of the live page, on 127.0.0.1 only (libsoup).
//
// In: the output folder, a port (0: a free one) and the page. Out, over
// HTTP: GET / (?product=NAME) the page; GET /out/<path> a file of the
// output folder; GET /events server-sent events, one `data: <generation>`
// on connecting and at each rebuilt() (the watcher's: when a rebuild's
// first previews are there, and when it is done). Never listens on another interface
// than loopback, never serves a file outside the output folder (a path
// with an empty, "." or ".." segment is refused, percent-encoded or not).
// Runs on the default GLib main context.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace leaflet::watch {

// Whether `path`, relative to the output folder and decoded, stays in it.
bool is_safe_relative_path(const std::string& path);

class Server {
public:
    // The page of a product ("": the default one); none for an unknown one.
    using Page = std::function<std::optional<std::string>(const std::string& product)>;

    // Throws leaflet::Error (io) when it cannot listen there.
    Server(std::string out_folder, int port, Page page);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const;
    // Tells every /events client.
    void rebuilt(int generation);

    struct State;

private:
    std::unique_ptr<State> state_;
};

}  // namespace leaflet::watch
