// RAII handles for Hunspell's C API (see handle.hpp).
#pragma once

#include <hunspell/hunspell.h>

#include "c/handle.hpp"

namespace leaflet::c {

using HunspellHandle = Handle<Hunhandle, Hunspell_destroy>;

}  // namespace leaflet::c
