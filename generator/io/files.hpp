// Reading and writing whole files. Writes go to a temporary file in the
// target's folder and are renamed into place, so a reader (or a failed
// build) never sees a partial file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leaflet::io {

std::string read_file(const std::string& path);       // throws leaflet::Error (io)
void write_file_atomically(const std::string& path, std::string_view bytes);  // throws leaflet::Error (io)
// Each (path, bytes) as write_file_atomically() writes it, several at once;
// throws the error of the first file (in their order) that failed.
void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files);

// Installs SIGINT and SIGTERM handlers that remove the temporary files being
// written, if any, then end the process as the signal would: an interrupted
// build leaves neither a partial file nor a temporary one.
void remove_temporary_on_signal();

}  // namespace leaflet::io
