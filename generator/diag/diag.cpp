#include "diag/diag.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace leaflet {

namespace {

const char* severity_name(Severity severity)
{
    switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
    }
    return "error";
}

std::string summary(const std::vector<Diagnostic>& diagnostics)
{
    return diagnostics.empty() ? std::string("error") : format(diagnostics.front());
}

}  // namespace

std::string format(const Diagnostic& diagnostic)
{
    std::string out;
    if (!diagnostic.loc.file.empty()) {
        out += diagnostic.loc.file;
        if (diagnostic.loc.line > 0) {
            out += fmt::format(":{}", diagnostic.loc.line);
            if (diagnostic.loc.column > 0)
                out += fmt::format(":{}", diagnostic.loc.column);
        }
        out += ": ";
    }
    out += fmt::format("{}: {}", severity_name(diagnostic.severity), diagnostic.message);
    return out;
}

namespace {

std::string json_string(const std::string& text)
{
    std::string out = "\"";
    for (const char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') out += {'\\', ch};
        else if (ch == '\n') out += "\\n";
        else if (byte < 0x20) out += fmt::format("\\u{:04x}", byte);
        else out += ch;
    }
    return out + "\"";
}

std::string json_number(int value)
{
    return value > 0 ? std::to_string(value) : "null";
}

}  // namespace

std::string format_json(const std::vector<Diagnostic>& diagnostics)
{
    std::string out = "[";
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        out += fmt::format("{}\n  {{\"file\": {}, \"line\": {}, \"column\": {}, \"severity\": \"{}\", \"code\": {}, "
                           "\"message\": {}}}",
                           i ? "," : "", d.loc.file.empty() ? "null" : json_string(d.loc.file), json_number(d.loc.line),
                           json_number(d.loc.column), severity_name(d.severity),
                           d.code.empty() ? "null" : json_string(d.code), json_string(d.message));
    }
    return out + (diagnostics.empty() ? "]\n" : "\n]\n");
}

Error::Error(ErrorKind kind, std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(diagnostics)), kind_(kind), diagnostics_(std::move(diagnostics))
{
}

Error::Error(ErrorKind kind, SourceLoc loc, std::string message)
    : Error(kind, {Diagnostic{Severity::error, std::move(loc), std::move(message)}})
{
}

void fail(SourceLoc loc, std::string message)
{
    throw Error(ErrorKind::input, std::move(loc), std::move(message));
}

void fail_io(std::string path, std::string message)
{
    throw Error(ErrorKind::io, SourceLoc{std::move(path)}, std::move(message));
}

void ErrorList::add(const Error& error)
{
    items_.insert(items_.end(), error.diagnostics().begin(), error.diagnostics().end());
}

void ErrorList::throw_if_any() const
{
    if (items_.empty()) return;
    std::vector<Diagnostic> sorted = items_;
    const auto key = [](const Diagnostic& d) { return std::tie(d.loc.file, d.loc.line, d.loc.column, d.message); };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    sorted.erase(std::unique(sorted.begin(), sorted.end(),
                             [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
                 sorted.end());
    if (static_cast<int>(sorted.size()) > limit) {
        const std::size_t more = sorted.size() - limit;
        sorted.resize(limit);
        sorted.push_back({Severity::error, {}, fmt::format("{} more error(s) not shown (at most {} a run)", more, limit)});
    }
    throw Error(ErrorKind::input, std::move(sorted));
}

namespace {

int edit_distance(const std::string& a, const std::string& b)
{
    std::vector<int> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string nearest(const std::string& name, const std::vector<std::string>& known)
{
    // A slip is a third of the name's letters at most (at least one, at most three).
    const int allowed = std::clamp(static_cast<int>(name.size()) / 3, 1, 3);
    std::string best;
    int best_distance = allowed + 1;
    for (const std::string& candidate : known) {
        const int distance = edit_distance(name, candidate);
        if (distance < best_distance) best = candidate, best_distance = distance;
    }
    return best;
}

std::string did_you_mean(const std::string& name, const std::vector<std::string>& known)
{
    const std::string found = nearest(name, known);
    return found.empty() ? "" : fmt::format(" (did you mean '{}'?)", found);
}

void Diagnostics::warn(SourceLoc loc, std::string message)
{
    items_.push_back({Severity::warning, std::move(loc), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic)
{
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::note(SourceLoc loc, std::string message)
{
    items_.push_back({Severity::note, std::move(loc), std::move(message)});
}

int Diagnostics::warning_count() const
{
    return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::warning;
    }));
}

}  // namespace leaflet
