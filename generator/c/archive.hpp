// RAII handles for libarchive (see handle.hpp).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "c/handle.hpp"

namespace leaflet::c {

using ArchiveWriter = Handle<archive, archive_write_free>;
using ArchiveReader = Handle<archive, archive_read_free>;
using ArchiveEntry = Handle<archive_entry, archive_entry_free>;

}  // namespace leaflet::c
