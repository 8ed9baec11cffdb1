// Text for XML and HTML: what the XMP packet (finish) and the live page
// (watch) write between tags and in double-quoted attributes.
#pragma once

#include <string>
#include <string_view>

namespace leaflet::io {

// & < > " as entities; everything else (UTF-8 included) as it is.
std::string xml_escaped(std::string_view text);

}  // namespace leaflet::io
