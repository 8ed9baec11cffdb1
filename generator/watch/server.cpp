#include "server.hpp"

#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>
#include <libsoup/soup.h>

#include "c/glib.hpp"
#include "diag/diag.hpp"
#include "io/files.hpp"

namespace leaflet::watch {

namespace fs = std::filesystem;

struct Server::State {
    std::string out;
    Page page;
    c::GObject<SoupServer> server;
    std::vector<SoupServerMessage*> clients;  // /events, until each is finished
    int port = 0;
    int generation = 0;
};

bool is_safe_relative_path(const std::string& path)
{
    if (path.empty() || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = path.find('/', start);
        const std::string segment = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (segment.empty() || segment == "." || segment == "..") return false;
        if (end == std::string::npos) return true;
        start = end + 1;
    }
}

namespace {

void respond(SoupServerMessage* message, int status, const char* type, const std::string& body)
{
    soup_server_message_set_status(message, static_cast<guint>(status), nullptr);
    soup_message_headers_replace(soup_server_message_get_response_headers(message), "Cache-Control", "no-store");
    soup_server_message_set_response(message, type, SOUP_MEMORY_COPY, body.data(), body.size());
}

bool is_get(SoupServerMessage* message)
{
    const char* method = soup_server_message_get_method(message);
    if (method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD) return true;
    respond(message, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
    return false;
}

void on_page(SoupServer*, SoupServerMessage* message, const char* path, GHashTable* query, gpointer data)
{
    const auto* state = static_cast<const Server::State*>(data);
    if (!is_get(message)) return;
    if (std::strcmp(path, "/") != 0) return respond(message, SOUP_STATUS_NOT_FOUND, "text/plain", "not found\n");
    const char* product = query ? static_cast<const char*>(g_hash_table_lookup(query, "product")) : nullptr;
    const std::optional<std::string> page = state->page(product ? product : "");
    if (!page) return respond(message, SOUP_STATUS_NOT_FOUND, "text/plain", "no such product\n");
    respond(message, SOUP_STATUS_OK, "text/html; charset=utf-8", *page);
}

const char* content_type(const fs::path& path)
{
    const std::string extension = path.extension().string();
    if (extension == ".png") return "image/png";
    if (extension == ".pdf") return "application/pdf";
    if (extension == ".txt" || extension == ".json") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

void on_out(SoupServer*, SoupServerMessage* message, const char* path, GHashTable*, gpointer data)
{
    const auto* state = static_cast<const Server::State*>(data);
    if (!is_get(message)) return;
    constexpr std::string_view prefix = "/out/";
    if (std::string_view(path).substr(0, prefix.size()) != prefix)
        return respond(message, SOUP_STATUS_NOT_FOUND, "text/plain", "not found\n");
    // The path arrives percent-encoded: "%2e%2e" is decoded before it is checked.
    const c::GMemory<char> decoded(g_uri_unescape_string(path + prefix.size(), nullptr));
    if (!decoded || !is_safe_relative_path(decoded.get()))
        return respond(message, SOUP_STATUS_FORBIDDEN, "text/plain", "refused: not a path inside out/\n");
    const fs::path file = fs::path(state->out) / decoded.get();
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return respond(message, SOUP_STATUS_NOT_FOUND, "text/plain", "not found\n");
    try {
        respond(message, SOUP_STATUS_OK, content_type(file), io::read_file(file.string()));
    } catch (const Error&) {
        respond(message, SOUP_STATUS_NOT_FOUND, "text/plain", "not found\n");  // renamed away meanwhile
    }
}

void send_event(SoupServerMessage* message, const std::string& text)
{
    soup_message_body_append(soup_server_message_get_response_body(message), SOUP_MEMORY_COPY, text.data(), text.size());
    soup_server_message_unpause(message);
}

void on_finished(SoupServerMessage* message, gpointer data)
{
    auto* state = static_cast<Server::State*>(data);
    std::erase(state->clients, message);
}

void on_events(SoupServer*, SoupServerMessage* message, const char*, GHashTable*, gpointer data)
{
    auto* state = static_cast<Server::State*>(data);
    if (!is_get(message)) return;
    soup_server_message_set_status(message, SOUP_STATUS_OK, nullptr);
    SoupMessageHeaders* headers = soup_server_message_get_response_headers(message);
    soup_message_headers_set_content_type(headers, "text/event-stream", nullptr);
    soup_message_headers_replace(headers, "Cache-Control", "no-store");
    soup_message_headers_set_encoding(headers, SOUP_ENCODING_CHUNKED);
    soup_message_body_set_accumulate(soup_server_message_get_response_body(message), FALSE);
    g_signal_connect(message, "finished", G_CALLBACK(on_finished), state);
    state->clients.push_back(message);
    send_event(message, fmt::format("retry: 1000\n\ndata: {}\n\n", state->generation));
}

// The port the server listens on; throws unless every listener is on loopback.
int listening_port(SoupServer* server)
{
    GSList* listeners = soup_server_get_listeners(server);
    int port = 0;
    for (GSList* item = listeners; item; item = item->next) {
        const c::GObject<GSocketAddress> address(g_socket_get_local_address(G_SOCKET(item->data), nullptr));
        if (!address || !G_IS_INET_SOCKET_ADDRESS(address.get()) ||
            !g_inet_address_get_is_loopback(g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(address.get())))) {
            g_slist_free(listeners);
            fail_io({}, "the live page's server listens beyond loopback: refused");
        }
        port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(address.get()));
    }
    g_slist_free(listeners);
    if (port == 0) fail_io({}, "the live page's server listens nowhere");
    return port;
}

}  // namespace

Server::Server(std::string out_folder, int port, Page page) : state_(std::make_unique<State>())
{
    state_->out = std::move(out_folder);
    state_->page = std::move(page);
    state_->server.reset(static_cast<SoupServer*>(g_object_new(SOUP_TYPE_SERVER, "server-header", "leaflets-watch ", nullptr)));
    soup_server_add_handler(state_->server.get(), "/", on_page, state_.get(), nullptr);
    soup_server_add_handler(state_->server.get(), "/out", on_out, state_.get(), nullptr);
    soup_server_add_handler(state_->server.get(), "/events", on_events, state_.get(), nullptr);
    ::GError* raw = nullptr;
    // IPv4 loopback only: 127.0.0.1, never a wildcard address.
    if (!soup_server_listen_local(state_->server.get(), static_cast<guint>(port), SOUP_SERVER_LISTEN_IPV4_ONLY, &raw)) {
        const c::GError error(raw);
        fail_io({}, fmt::format("cannot serve on 127.0.0.1:{}: {}", port, error->message));
    }
    state_->port = listening_port(state_->server.get());
}

Server::~Server()
{
    for (SoupServerMessage* client : state_->clients) g_signal_handlers_disconnect_by_data(client, state_.get());
    state_->clients.clear();
    soup_server_disconnect(state_->server.get());
}

int Server::port() const
{
    return state_->port;
}

void Server::rebuilt(int generation)
{
    state_->generation = generation;
    const std::string event = fmt::format("data: {}\n\n", generation);
    for (SoupServerMessage* client : std::vector<SoupServerMessage*>(state_->clients)) send_event(client, event);
}

}  // namespace leaflet::watch
