#include "archive.hpp"

#include <algorithm>

#include "c/archive.hpp"
#include "diag/diag.hpp"

namespace leaflet::release {

namespace {

// Mode of every file in the archive: readable by all, no one's own.
constexpr int file_mode = 0644;

// libarchive's write callback: appends to the std::string it is given.
la_ssize_t append(archive*, void* target, const void* buffer, size_t length)
{
    static_cast<std::string*>(target)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

void check(archive* handle, int status, const std::string& what)
{
    if (status < ARCHIVE_WARN) {
        const char* message = archive_error_string(handle);
        fail_io(what, message ? message : "libarchive failed");
    }
}

}  // namespace

std::string write_tar_gz(std::vector<Entry> entries, long long epoch)
{
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
    std::string out;
    const c::ArchiveWriter writer(archive_write_new());
    archive* handle = writer.get();
    check(handle, archive_write_set_format_pax_restricted(handle), "archive");
    check(handle, archive_write_add_filter_gzip(handle), "archive");
    // gzip would store the time of writing (and libarchive no file name):
    // the archive's bytes must depend on its entries only.
    check(handle, archive_write_set_filter_option(handle, "gzip", "timestamp", nullptr), "archive");
    // Unpadded: the last block as long as it needs to be, not 10 KiB.
    check(handle, archive_write_set_bytes_in_last_block(handle, 1), "archive");
    check(handle, archive_write_open(handle, &out, nullptr, append, nullptr), "archive");
    for (const Entry& entry : entries) {
        const c::ArchiveEntry header(archive_entry_new());
        archive_entry_set_pathname(header.get(), entry.path.c_str());
        archive_entry_set_filetype(header.get(), AE_IFREG);
        archive_entry_set_perm(header.get(), file_mode);
        archive_entry_set_size(header.get(), static_cast<la_int64_t>(entry.bytes.size()));
        archive_entry_set_mtime(header.get(), static_cast<time_t>(epoch), 0);
        archive_entry_set_uid(header.get(), 0);
        archive_entry_set_gid(header.get(), 0);
        archive_entry_set_uname(header.get(), "");
        archive_entry_set_gname(header.get(), "");
        check(handle, archive_write_header(handle, header.get()), entry.path);
        const la_ssize_t written = archive_write_data(handle, entry.bytes.data(), entry.bytes.size());
        if (written < 0 || static_cast<std::size_t>(written) != entry.bytes.size()) check(handle, ARCHIVE_FATAL, entry.path);
    }
    check(handle, archive_write_close(handle), "archive");
    return out;
}

std::vector<Entry> read_archive(const std::string& path)
{
    const c::ArchiveReader reader(archive_read_new());
    archive* handle = reader.get();
    check(handle, archive_read_support_filter_all(handle), path);
    check(handle, archive_read_support_format_all(handle), path);
    check(handle, archive_read_open_filename(handle, path.c_str(), 64 * 1024), path);
    std::vector<Entry> entries;
    archive_entry* header = nullptr;
    for (int status; (status = archive_read_next_header(handle, &header)) != ARCHIVE_EOF;) {
        check(handle, status, path);
        if (archive_entry_filetype(header) != AE_IFREG) continue;
        Entry entry;
        entry.path = archive_entry_pathname(header);
        char buffer[64 * 1024];
        for (la_ssize_t got; (got = archive_read_data(handle, buffer, sizeof buffer)) != 0;) {
            if (got < 0) check(handle, static_cast<int>(got), path);
            entry.bytes.append(buffer, static_cast<std::size_t>(got));
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace leaflet::release
