// RAII handles for libhyphen (see handle.hpp).
#pragma once

#include <hyphen.h>

#include "c/handle.hpp"

namespace leaflet::c {

using HyphenDictHandle = Handle<HyphenDict, hnj_hyphen_free>;

}  // namespace leaflet::c
