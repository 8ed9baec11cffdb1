#include "io/files.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag/diag.hpp"

namespace leaflet::io {

namespace {

// The temporary file being written, for the signal handler: a fixed buffer,
// since a handler may only read memory that is never reallocated.
char current_temporary[4096];
volatile std::sig_atomic_t writing = 0;

void on_signal(int signal)
{
    if (writing) ::unlink(current_temporary);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

[[noreturn]] void fail_errno(const std::string& path, const char* what)
{
    fail_io(path, std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

std::string read_file(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream) fail_errno(path, "cannot read");
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

void write_file_atomically(const std::string& path, std::string_view bytes)
{
    const std::filesystem::path target(path);
    std::error_code error;
    if (target.has_parent_path()) {
        std::filesystem::create_directories(target.parent_path(), error);
        if (error) fail_io(target.parent_path().string(), "cannot create the folder: " + error.message());
    }
    std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
    if (temporary.size() >= sizeof current_temporary) fail_io(path, "the path is too long");
    std::memcpy(current_temporary, temporary.c_str(), temporary.size() + 1);
    const int fd = mkstemp(current_temporary);
    if (fd < 0) fail_errno(path, "cannot create a temporary file beside it");
    writing = 1;
    temporary = current_temporary;
    struct Done {
        ~Done() { writing = 0; }
    } done;
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int saved = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            errno = saved;
            fail_errno(path, "cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    // mkstemp creates the file 0600; outputs are ordinary files.
    const bool flushed = ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
    if (::close(fd) != 0 || !flushed) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        errno = saved;
        fail_errno(path, "cannot write");
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        errno = saved;
        fail_errno(path, "cannot move the finished file into place");
    }
}

void remove_temporary_on_signal()
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

}  // namespace leaflet::io
