#include "diag/diag.hpp"

#include <algorithm>

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
