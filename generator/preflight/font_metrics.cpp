#include "font_metrics.hpp"

#include "geometry.hpp"

namespace leaflet::preflight {

namespace {

// /W: c [w1 w2 ...] | c_first c_last w
void read_cid_widths(QPDFObjectHandle w, std::map<int, double>& widths)
{
    const int n = w.getArrayNItems();
    for (int i = 0; i < n;) {
        auto first = w.getArrayItem(i);
        if (!first.isInteger() || i + 1 >= n) break;
        auto next = w.getArrayItem(i + 1);
        if (next.isArray()) {
            int code = static_cast<int>(first.getIntValue());
            for (auto width : next.aitems())
                if (width.isNumber()) widths[code++] = width.getNumericValue();
            i += 2;
        } else if (i + 2 < n && next.isInteger() && w.getArrayItem(i + 2).isNumber()) {
            const double width = w.getArrayItem(i + 2).getNumericValue();
            const auto last = next.getIntValue();
            for (auto code = first.getIntValue(); code <= last && code - first.getIntValue() < 65536; ++code)
                widths[static_cast<int>(code)] = width;
            i += 3;
        } else {
            break;
        }
    }
}

QPDFObjectHandle descendant_of(QPDFObjectHandle type0_font)
{
    auto descendants = type0_font.getKey("/DescendantFonts");
    return descendants.isArray() && descendants.getArrayNItems() > 0 ? descendants.getArrayItem(0)
                                                                     : QPDFObjectHandle::newNull();
}

void read_cid_font(QPDFObjectHandle cid_font, FontMetrics& metrics)
{
    metrics.default_width = cid_font.getKey("/DW").isNumber() ? cid_font.getKey("/DW").getNumericValue() : 1000;
    auto w = cid_font.getKey("/W");
    if (w.isArray()) read_cid_widths(w, metrics.widths);
}

void read_simple(QPDFObjectHandle font, FontMetrics& metrics)
{
    auto widths = font.getKey("/Widths");
    auto first = font.getKey("/FirstChar");
    if (widths.isArray() && first.isInteger()) {
        int code = static_cast<int>(first.getIntValue());
        for (auto width : widths.aitems())
            if (width.isNumber()) metrics.widths[code++] = width.getNumericValue();
    }
    if (font.getKey("/Subtype").isNameAndEquals("/Type3")) {
        if (auto matrix = matrix_of(font.getKey("/FontMatrix"))) metrics.scale = matrix->a;
    }
}

}  // namespace

FontMetrics metrics_of(QPDFObjectHandle font)
{
    FontMetrics metrics;
    if (!font.isDictionary()) return metrics;
    auto descriptor = font.getKey("/FontDescriptor");
    if (font.getKey("/Subtype").isNameAndEquals("/Type0")) {
        metrics.two_byte = true;
        auto cid_font = descendant_of(font);
        if (cid_font.isDictionary()) {
            descriptor = cid_font.getKey("/FontDescriptor");
            read_cid_font(cid_font, metrics);
        }
    } else {
        read_simple(font, metrics);
    }
    if (descriptor.isDictionary()) {
        if (descriptor.getKey("/MissingWidth").isNumber())
            metrics.default_width = descriptor.getKey("/MissingWidth").getNumericValue();
        if (descriptor.getKey("/Ascent").isNumber() && descriptor.getKey("/Ascent").getNumericValue() > 0)
            metrics.ascent = descriptor.getKey("/Ascent").getNumericValue();
        if (descriptor.getKey("/Descent").isNumber() && descriptor.getKey("/Descent").getNumericValue() < 0)
            metrics.descent = descriptor.getKey("/Descent").getNumericValue();
    }
    return metrics;
}

std::shared_ptr<const FontMetrics> FontMetricsCache::of(QPDFObjectHandle font)
{
    if (!font.isIndirect()) return std::make_shared<FontMetrics>(metrics_of(font));
    auto& cached = cached_[font.getObjGen()];
    if (!cached) cached = std::make_shared<FontMetrics>(metrics_of(font));
    return cached;
}

}  // namespace leaflet::preflight
