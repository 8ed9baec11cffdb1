// RAII handles for fontconfig (see handle.hpp).
#pragma once

#include <fontconfig/fontconfig.h>

#include "c/handle.hpp"

namespace leaflet::c {

using FcConfigHandle = Handle<FcConfig, FcConfigDestroy>;
using FcPatternHandle = Handle<FcPattern, FcPatternDestroy>;

}  // namespace leaflet::c
