// What every print PDF keeps to, written once: finish records the safe zone
// in the PDF (/PieceInfo), preflight checks them, the typesetter sets no
// text (the slug line included) below the minimum size, and resolve sizes
// no image or QR code below its limits.
#pragma once

#include "units.hpp"

namespace leaflet::print_limits {

// No text this close to the trim or a fold: the fold and the guillotine
// wander by about 1 mm, and text nearer than 5 mm looks cut.
constexpr Pt safe_zone = mm(5);
// Text below 6 pt does not print legibly on coated stock.
constexpr Pt minimum_text_size{6};
// Total area coverage (c + m + y + k) offset presses on coated paper take:
// FOGRA39's 300 %.
constexpr double maximum_ink = 3.0;
// A raster's effective resolution in print: below the minimum it looks
// soft (an error), below the good one a careful eye sees it (a warning).
constexpr double minimum_image_ppi = 150;
constexpr double good_image_ppi = 225;
// A QR code's modules: smaller ones phone cameras misread on paper.
constexpr double minimum_qr_module_mm = 0.5;

}  // namespace leaflet::print_limits
