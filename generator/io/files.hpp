// Reading and writing whole files. Writes go to a temporary file in the
// target's folder and are renamed into place, so a reader (or a failed
// build) never sees a partial file.
#pragma once

#include <string>
#include <string_view>

namespace leaflet::io {

std::string read_file(const std::string& path);       // throws leaflet::Error (io)
void write_file_atomically(const std::string& path, std::string_view bytes);  // throws leaflet::Error (io)

}  // namespace leaflet::io
