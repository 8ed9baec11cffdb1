// QR codes through libqrencode: 8-bit mode, error correction level M.
#include <qrencode.h>

#include <cerrno>

#include <fmt/format.h>

#include "art/art.hpp"
#include "c/handle.hpp"

namespace leaflet::art {

std::shared_ptr<const Art> qr(const std::string& content, const SourceLoc& cited_at)
{
    if (content.empty()) fail(cited_at, "a QR code needs something to encode");
    using Code = c::Handle<QRcode, QRcode_free>;
    errno = 0;
    const Code code(QRcode_encodeData(static_cast<int>(content.size()),
                                      reinterpret_cast<const unsigned char*>(content.data()), 0, QR_ECLEVEL_M));
    if (!code)
        fail(cited_at, errno == ERANGE
                           ? fmt::format("'{}' is too long for a QR code ({} bytes)", content, content.size())
                           : fmt::format("libqrencode cannot encode '{}'", content));
    auto art = std::make_shared<Art>();
    art->kind = Kind::qr;
    art->content = content;
    art->modules = code->width;
    const std::size_t count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    art->dark.resize(count);
    for (std::size_t i = 0; i < count; ++i) art->dark[i] = code->data[i] & 1;
    art->width = art->height = Pt{static_cast<double>(code->width + 2 * quiet_zone)};
    return art;
}

}  // namespace leaflet::art
