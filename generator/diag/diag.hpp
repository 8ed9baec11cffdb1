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

    bool operator==(const SourceLoc&) const = default;
};

enum class Severity { error, warning, note };

struct Diagnostic {
    Diagnostic() = default;
    Diagnostic(Severity severity_, SourceLoc loc_, std::string message_, std::string code_ = {})
        : severity(severity_), loc(std::move(loc_)), message(std::move(message_)), code(std::move(code_))
    {
    }

    Severity severity = Severity::error;
    SourceLoc loc;
    std::string message;
    std::string code;  // what kind of finding, for tools ("lint-look-alike"); empty when none is given
};

// "file:line:col: error: message", dropping the parts that are unknown.
std::string format(const Diagnostic& diagnostic);
// A JSON array, one object a diagnostic: file, line, column (null when
// unknown), severity, code (null when none), message.
std::string format_json(const std::vector<Diagnostic>& diagnostics);

// What kind of failure an Error is; it decides the exit status.
enum class ErrorKind {
    input,     // errors in the inputs: exit 1
    usage,     // a command line that asks for what cannot be: exit 2
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

// Gathers the errors of the steps of a run (each file, each product), so
// that one run reports every error it can find: attempt() runs a step and
// keeps the input errors it throws; an I/O or internal failure is rethrown
// at once. throw_if_any() throws them all, in file, line and column order,
// identical ones once, at most `limit` of them.
class ErrorList {
public:
    static constexpr int limit = 50;

    template <typename Step>
    bool attempt(Step&& step)
    {
        try {
            step();
            return true;
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::input) throw;
            add(error);
            return false;
        }
    }
    void add(const Error& error);
    bool empty() const { return items_.empty(); }
    void throw_if_any() const;

private:
    std::vector<Diagnostic> items_;
};

// The known name nearest to `name` by edit distance, when it is near enough
// to be a slip ("titel" -> "title"), else "".
std::string nearest(const std::string& name, const std::vector<std::string>& known);
// " (did you mean 'title'?)", or "".
std::string did_you_mean(const std::string& name, const std::vector<std::string>& known);

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
