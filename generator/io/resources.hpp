// Where the engine's own files are: the generated Kazakh hyphenation
// patterns and the preview module. They are found from the running
// executable, never by a path compiled in, so that an installed tree and a
// copied build folder work wherever they are:
//   installed   PREFIX/bin/leaflets, PREFIX/share/leaflets/..., PREFIX/lib/leaflets/...
//   build tree  build/leaflets, build/share/leaflets/..., build/lib/leaflets/...
//               (tests and benchmarks run from folders one below build/)
#pragma once

#include <string>

namespace leaflet::io {

// The folder of the running executable (/proc/self/exe).
std::string executable_folder();

// The first of <executable folder>/../<relative> and <executable
// folder>/<relative> that exists, e.g. resource("share/leaflets/hyph_kk_KZ.dic").
// Throws leaflet::Error (io) naming both places when neither does.
std::string resource(const std::string& relative);

}  // namespace leaflet::io
