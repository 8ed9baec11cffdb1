// Reading and writing whole files. Writes go to a temporary file in the
// target's folder and are renamed into place, so a reader (or a failed
// build) never sees a partial file.
#pragma once

#include <string>
#include <string_view>

namespace leaflet::io {

std::string read_file(const std::string& path);       // throws leaflet::Error (io)
void write_file_atomically(const std::string& path, std::string_view bytes);  // throws leaflet::Error (io)

// Installs SIGINT and SIGTERM handlers that remove the temporary file being
// written, if any, then end the process as the signal would: an interrupted
// build leaves neither a partial file nor a temporary one.
void remove_temporary_on_signal();

}  // namespace leaflet::io
