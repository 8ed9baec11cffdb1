// What measuring shown text needs of a font, for the interpreter. Private
// to preflight/.
//
// In: a font dictionary (simple: /Widths from /FirstChar; Type 0: its
// descendant's /W and /DW; Type 3: /FontMatrix) and its descriptor's
// /Ascent, /Descent and /MissingWidth. Anything missing or malformed falls
// back to the defaults below, so that text in any font can be measured.
#pragma once

#include <map>
#include <memory>

#include <qpdf/QPDFObjectHandle.hh>

namespace leaflet::preflight {

struct FontMetrics {
    bool two_byte = false;              // Type 0 (Identity-H and the like)
    std::map<int, double> widths;       // code (or CID) -> glyph space units (1/1000 em)
    double default_width = 500;         // /DW, /MissingWidth, or a guess for unknown widths
    double ascent = 800, descent = -200;
    double scale = 0.001;               // glyph space -> text space (Type 3: /FontMatrix)
};

// Defaults for anything that is not a font dictionary.
FontMetrics metrics_of(QPDFObjectHandle font);

// The metrics of each indirect font read once per document.
class FontMetricsCache {
public:
    std::shared_ptr<const FontMetrics> of(QPDFObjectHandle font);

private:
    std::map<QPDFObjGen, std::shared_ptr<const FontMetrics>> cached_;
};

}  // namespace leaflet::preflight
