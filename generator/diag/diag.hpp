// Diagnostics: source locations, messages and the sink that collects them.
//
// In: nothing. Out: `file:line:col: error: message` lines for stderr.
// Errors are thrown as leaflet::Error (one Diagnostic, or several collected
// ones, e.g. every schema violation of a file); warnings go to Diagnostics
// and the run continues.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace leaflet {

struct SourceLoc {
    std::string file;
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based; 0 when unknown (libxml2 nodes keep no column)
};

enum class Severity { error, warning, note };

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLoc loc;
    std::string message;
};

// "file:line:col: error: message", dropping the parts that are unknown.
std::string format(const Diagnostic& diagnostic);

// What kind of failure an Error is; it decides the exit status.
enum class ErrorKind {
    input,     // errors in the inputs: exit 1
    io,        // I/O or internal failure: exit 3
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::vector<Diagnostic> diagnostics);
    Error(ErrorKind kind, SourceLoc loc, std::string message);

    ErrorKind kind() const { return kind_; }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    ErrorKind kind_;
    std::vector<Diagnostic> diagnostics_;
};

// An error in the inputs at `loc`.
[[noreturn]] void fail(SourceLoc loc, std::string message);
// An I/O or internal failure concerning `path` (may be empty).
[[noreturn]] void fail_io(std::string path, std::string message);

// Collects warnings (and notes) of a run.
class Diagnostics {
public:
    void warn(SourceLoc loc, std::string message);
    void note(SourceLoc loc, std::string message);
    void add(Diagnostic diagnostic);
    const std::vector<Diagnostic>& all() const { return items_; }
    int warning_count() const;

private:
    std::vector<Diagnostic> items_;
};

}  // namespace leaflet
