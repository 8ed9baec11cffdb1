// What the fuzz targets share: a private scratch folder for the file under
// test. Only leaflet::Error may come out of a loader; anything else (another
// exception, a crash, a sanitizer report) is a finding.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace leaflet::fuzz {

// A folder of this process's own, made once, removed at exit.
inline const std::filesystem::path& scratch()
{
    static const std::filesystem::path folder = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "leaflets-fuzz.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) std::abort();
        std::atexit([] { std::filesystem::remove_all(scratch()); });
        return std::filesystem::path(pattern);
    }();
    return folder;
}

inline void write(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                   static_cast<std::streamsize>(size));
}

}  // namespace leaflet::fuzz
