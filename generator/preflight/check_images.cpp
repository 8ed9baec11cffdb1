#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "checks.hpp"
#include "pdf/pdf.hpp"
#include "print_limits.hpp"

namespace leaflet::preflight {

namespace {

// Below 150 pixels an inch where it is drawn, a raster prints visibly
// soft or jagged on a 150 lpi screen (a print shop's usual minimum; resolve
// warns under 225, and preflight has no warnings to tell the two apart).
constexpr double minimum_ppi = print_limits::minimum_image_ppi;

class ImagesCheck final : public Listener {
public:
    explicit ImagesCheck(Findings& findings) : findings_(findings) {}

    void image_drawn(const DrawnImage& image) override
    {
        auto dictionary = image.stream.getDict();
        auto space = dictionary.getKey("/ColorSpace");
        const bool cmyk = space.isNameAndEquals("/DeviceCMYK");
        // An image mask paints with the fill colour: it has no space.
        const bool mask = dictionary.getKey("/ImageMask").isBool() && dictionary.getKey("/ImageMask").getBoolValue();
        if (!cmyk && !mask && !pdf::is_rgb_space(space))
            findings_.add(Check::image, fmt::format("image {} is {}, not DeviceCMYK{}", image.name,
                                                    space.isNull() ? "without a colour space" : space.unparse(),
                                                    image.where));
        resolution(image);
        if (cmyk) ink(image);
    }

private:
    void resolution(const DrawnImage& image)
    {
        auto dictionary = image.stream.getDict();
        auto wide = dictionary.getKey("/Width"), high = dictionary.getKey("/Height");
        if (!wide.isNumber() || !high.isNumber()) return;
        // The unit square's sides in default user space, in inches.
        const Matrix& m = image.ctm;
        const double across = std::hypot(m.a, m.b) / 72, down = std::hypot(m.c, m.d) / 72;
        if (across <= 0 || down <= 0) return;  // drawn nowhere
        const double ppi = std::min(wide.getNumericValue() / across, high.getNumericValue() / down);
        if (ppi < minimum_ppi)
            findings_.add(Check::image, fmt::format("image {} is drawn at {:.0f} ppi (minimum {:.0f} ppi){}",
                                                    image.name, std::floor(ppi), minimum_ppi, image.where));
    }

    // The most ink any pixel of an 8-bit DeviceCMYK image has, each image
    // read once however often it is drawn.
    void ink(const DrawnImage& image)
    {
        auto dictionary = image.stream.getDict();
        auto bits = dictionary.getKey("/BitsPerComponent");
        if (!bits.isInteger() || bits.getIntValue() != 8 || dictionary.hasKey("/Decode")) return;
        const QPDFObjGen key = image.stream.getObjGen();
        auto found = most_ink_.find(key);
        if (found == most_ink_.end()) found = most_ink_.emplace(key, most_ink(image)).first;
        const double ink = found->second / 255.0;
        if (ink > print_limits::maximum_ink + 1e-6)
            findings_.add(Check::image, fmt::format("image {} has a pixel of {:.0f} % ink (maximum {:.0f} %){}",
                                                    image.name, ink * 100, print_limits::maximum_ink * 100,
                                                    image.where));
    }

    // The sum of the four samples of the inkiest pixel (0..1020); 0 when
    // the samples cannot be decoded (a damaged stream is no ink finding).
    static int most_ink(const DrawnImage& image)
    {
        std::shared_ptr<Buffer> data;
        try {
            data = image.stream.getStreamData(qpdf_dl_all);
        } catch (const std::exception&) {
            return 0;
        }
        const unsigned char* samples = data->getBuffer();
        int most = 0;
        for (std::size_t at = 0; at + 4 <= data->getSize(); at += 4)
            most = std::max(most, samples[at] + samples[at + 1] + samples[at + 2] + samples[at + 3]);
        return most;
    }

    Findings& findings_;
    std::map<QPDFObjGen, int> most_ink_;
};

}  // namespace

std::unique_ptr<Listener> check_images(Findings& findings)
{
    return std::make_unique<ImagesCheck>(findings);
}

}  // namespace leaflet::preflight
