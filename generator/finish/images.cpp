#include "images.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <lcms2.h>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "diag/diag.hpp"
#include "io/resources.hpp"

namespace leaflet::finish {

namespace {

// Built at build time from FOGRA39L.ti3 (generator/CMakeLists.txt).
constexpr const char* profile_file = "share/leaflets/FOGRA39L.icc";

struct ProfileCloser {
    void operator()(void* profile) const { cmsCloseProfile(profile); }
};
using Profile = std::unique_ptr<void, ProfileCloser>;

// The sRGB -> FOGRA39 transform, made once per process. Relative
// colorimetric keeps every colour the press can print as it is (the
// swatch-like flat colours of leaflet art, which perceptual would shift
// to make room for colours outside the gamut) and maps sRGB white to the
// paper, i.e. no ink; black point compensation maps sRGB black to the
// press's darkest black, so shadows keep their detail instead of clipping.
// (colprof without a source gamut makes its perceptual table from the
// colorimetric one anyway.) cmsFLAGS_NOCACHE: without the one-pixel cache
// a transform keeps no state, and the job's threads share it.
class Transform {
public:
    Transform()
    {
        const std::string path = io::resource(profile_file);
        const Profile srgb(cmsCreate_sRGBProfile());
        const Profile press(cmsOpenProfileFromFile(path.c_str(), "r"));
        if (!srgb || !press) fail_io(path, "LittleCMS cannot read the FOGRA39 profile");
        if (cmsGetColorSpace(press.get()) != cmsSigCmykData)
            fail_io(path, "the FOGRA39 profile is not a CMYK profile");
        handle_ = cmsCreateTransform(srgb.get(), TYPE_RGB_8, press.get(), TYPE_CMYK_8, INTENT_RELATIVE_COLORIMETRIC,
                                     cmsFLAGS_BLACKPOINTCOMPENSATION | cmsFLAGS_NOCACHE);
        if (!handle_) fail_io(path, "LittleCMS cannot make the sRGB to FOGRA39 transform");
    }
    ~Transform() { cmsDeleteTransform(handle_); }
    Transform(const Transform&) = delete;
    Transform& operator=(const Transform&) = delete;

    // `pixels` RGB triples -> as many CMYK quadruples (0..255 each).
    std::vector<std::uint8_t> cmyk(const std::vector<std::uint8_t>& rgb) const
    {
        const std::size_t pixels = rgb.size() / 3;
        std::vector<std::uint8_t> out(pixels * 4);
        // cmsDoTransform counts in cmsUInt32Number: feed it in slices.
        constexpr std::size_t slice = 1 << 20;
        for (std::size_t at = 0; at < pixels; at += slice) {
            const std::size_t count = std::min(slice, pixels - at);
            cmsDoTransform(handle_, rgb.data() + at * 3, out.data() + at * 4, static_cast<cmsUInt32Number>(count));
        }
        return out;
    }

private:
    cmsHTRANSFORM handle_ = nullptr;
};

// Thread-safe: a function-local static is initialised once; should the
// profile be missing, the next call tries again (and fails the same way).
const Transform& transform()
{
    static const Transform instance;
    return instance;
}

std::string deflate(const std::vector<std::uint8_t>& data)
{
    std::string out;
    Pl_String sink("image samples", nullptr, out);
    // zlib's default level: the same bytes for the same samples.
    Pl_Flate flate("image samples", &sink, Pl_Flate::a_deflate);
    flate.write(data.data(), data.size());
    flate.finish();
    return out;
}

// The samples of a DeviceGray or DeviceRGB image as RGB triples.
std::vector<std::uint8_t> rgb_samples(const std::string& data, bool grey, int bits, std::size_t wide,
                                      std::size_t high, const std::string& where)
{
    const std::size_t row_bytes = grey ? (bits == 1 ? (wide + 7) / 8 : wide) : wide * 3;
    if (data.size() < row_bytes * high)
        fail_io("", fmt::format("{} has {} bytes of samples, not the {} its size needs", where, data.size(),
                                row_bytes * high));
    std::vector<std::uint8_t> rgb(wide * high * 3);
    const auto* in = reinterpret_cast<const std::uint8_t*>(data.data());
    for (std::size_t y = 0; y < high; ++y) {
        const std::uint8_t* row = in + y * row_bytes;
        std::uint8_t* out = rgb.data() + y * wide * 3;
        for (std::size_t x = 0; x < wide; ++x, out += 3) {
            if (!grey) {
                out[0] = row[x * 3];
                out[1] = row[x * 3 + 1];
                out[2] = row[x * 3 + 2];
            } else {
                const std::uint8_t value = bits == 1 ? ((row[x / 8] >> (7 - x % 8)) & 1 ? 255 : 0) : row[x];
                out[0] = out[1] = out[2] = value;
            }
        }
    }
    return rgb;
}

bool is_true(QPDFObjectHandle object)
{
    return object.isBool() && object.getBoolValue();
}

void convert(QPDFObjectHandle image)
{
    auto dictionary = image.getDict();
    const std::string where = fmt::format("image XObject {} {} R", image.getObjectID(), image.getGeneration());
    auto space = dictionary.getKey("/ColorSpace");
    const bool rgb = space.isNameAndEquals("/DeviceRGB");
    const bool grey = space.isNameAndEquals("/DeviceGray");
    if (!rgb && !grey) return;  // DeviceCMYK already, or a space cmyk.cpp refuses
    if (dictionary.hasKey("/SMask") || dictionary.hasKey("/SMaskInData"))
        fail_io("", fmt::format("{} has a soft mask (transparency): render flattens images for print", where));
    if (dictionary.hasKey("/Mask"))
        fail_io("", fmt::format("{} has a colour-key mask: render flattens images for print", where));
    if (dictionary.hasKey("/Decode")) fail_io("", fmt::format("{} has a /Decode array", where));
    auto bits_object = dictionary.getKey("/BitsPerComponent");
    const int bits = bits_object.isInteger() ? bits_object.getIntValueAsInt() : 0;
    if (bits != 8 && !(grey && bits == 1))
        fail_io("", fmt::format("{} has {} bits a component, not 8", where, bits_object.unparse()));
    auto wide_object = dictionary.getKey("/Width"), high_object = dictionary.getKey("/Height");
    if (!wide_object.isInteger() || !high_object.isInteger() || wide_object.getIntValue() <= 0
        || high_object.getIntValue() <= 0)
        fail_io("", fmt::format("{} has no size", where));
    const auto wide = static_cast<std::size_t>(wide_object.getIntValue());
    const auto high = static_cast<std::size_t>(high_object.getIntValue());
    std::string data;
    try {
        const auto buffer = image.getStreamData(qpdf_dl_all);
        data.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& exception) {
        fail_io("", fmt::format("{}: cannot read its samples: {}", where, exception.what()));
    }
    const auto cmyk = transform().cmyk(rgb_samples(data, grey, bits, wide, high, where));
    image.replaceStreamData(deflate(cmyk), QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
    dictionary.replaceKey("/ColorSpace", QPDFObjectHandle::newName("/DeviceCMYK"));
    dictionary.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
    dictionary.removeKey("/Interpolate");
}

}  // namespace

void convert_images(QPDF& pdf)
{
    // Every object, in object-number order: images drawn from pages, forms,
    // patterns and appearances alike, each once.
    for (auto& object : pdf.getAllObjects()) {
        if (!object.isStream()) continue;
        auto dictionary = object.getDict();
        if (dictionary.getKey("/Subtype").isNameAndEquals("/Image") && !is_true(dictionary.getKey("/ImageMask")))
            convert(object);
    }
}

}  // namespace leaflet::finish
