// Private to release/: a reproducible .tar.gz, written and read with
// libarchive.
#pragma once

#include <string>
#include <vector>

namespace leaflet::release {

struct Entry {
    std::string path;   // in the archive, '/' separated
    std::string bytes;
};

// A gzip-compressed POSIX tar (pax) of `entries` in their path order:
// regular files of mode 0644, owner and group 0 without names, every time
// `epoch`, no time or name in the gzip header. Throws leaflet::Error (io).
std::string write_tar_gz(std::vector<Entry> entries, long long epoch);

// Every regular file of the archive at `path`, in archive order; a
// directory entry is skipped. Throws leaflet::Error (io), naming `path`,
// when libarchive cannot read it.
std::vector<Entry> read_archive(const std::string& path);

}  // namespace leaflet::release
