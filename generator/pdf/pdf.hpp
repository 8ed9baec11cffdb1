// Small facts about PDF objects that the stages reading PDFs (finish,
// preflight) share. Support code, not a stage: it never writes anything.
#pragma once

#include <string>

#include <qpdf/QPDFObjectHandle.hh>

namespace leaflet::pdf {

// DeviceRGB, CalRGB, Lab, a three-component ICCBased space, or an Indexed,
// Pattern, Separation or DeviceN space built on one of them.
bool is_rgb_space(QPDFObjectHandle space);

// A number as short as it can be written exactly to four decimals ("0.5",
// "1", "0.1234"), with fmt rather than the global locale: the digits are
// part of deterministic output and of messages.
std::string short_number(double value);

// The page-piece data (PDF 1.3, 10.4) in which finish records a print
// page's folds and safe zone for preflight to read back:
//   /PieceInfo << /Leaflets << /LastModified (date) /Private << /Folds [x ...] /SafeZone w >> >> >>
namespace piece {
constexpr const char* application = "/Leaflets";  // our key in /PieceInfo
constexpr const char* folds = "/Folds";            // x of each fold, default user space
constexpr const char* safe_zone = "/SafeZone";     // width, points
}  // namespace piece

}  // namespace leaflet::pdf
