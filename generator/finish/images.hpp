// Private to finish: the print conversion of images. Cairo writes a raster
// as a DeviceRGB image XObject (DeviceGray when every pixel is grey); the
// press wants CMYK separations, which only a characterised printing
// condition can give: LittleCMS converts each pixel from sRGB to FOGRA39
// (the condition finish's OutputIntent names).
#pragma once

#include <qpdf/QPDF.hh>

namespace leaflet::finish {

// Replaces the samples of every image XObject of `pdf` in DeviceRGB or
// DeviceGray (1 or 8 bits a component, no /Decode) by the same pixels in
// DeviceCMYK, 8 bits, Flate-compressed; drops /Interpolate (PDF/X-1a
// forbids it). sRGB -> FOGRA39L.icc (built from Debian's FOGRA39L.ti3 with
// a 300 % total ink limit; io/resources.hpp finds it), relative
// colorimetric with black point compensation. Throws leaflet::Error (io)
// naming the object when an image has a soft mask or a colour-key mask
// (render flattens images for print), has other bits or a /Decode array,
// or its data cannot be read; or when the profile cannot be loaded.
void convert_images(QPDF& pdf);

}  // namespace leaflet::finish
