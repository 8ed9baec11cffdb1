#include "io/resources.hpp"

#include <filesystem>

#include "diag/diag.hpp"

namespace leaflet::io {

namespace fs = std::filesystem;

std::string executable_folder()
{
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (error) fail_io("/proc/self/exe", "cannot find the running executable: " + error.message());
    return executable.parent_path().string();
}

std::string resource(const std::string& relative)
{
    const fs::path folder = executable_folder();
    const fs::path installed = (folder.parent_path() / relative).lexically_normal();
    const fs::path beside = (folder / relative).lexically_normal();
    std::error_code error;
    for (const fs::path& candidate : {installed, beside})
        if (fs::exists(candidate, error)) return candidate.string();
    fail_io(relative, "not found beside the executable: neither " + installed.string() + " nor " + beside.string() +
                          " exists");
}

}  // namespace leaflet::io
