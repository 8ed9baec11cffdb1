#include "resolve/resolve.hpp"

#include <array>
#include <cstdint>
#include <fstream>

#include <fmt/format.h>
#include <nettle/sha2.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "xml/xml.hpp"

namespace leaflet::resolve {

namespace {

// Nettle's SHA-256 (SHA-NI where the processor has it): the fonts are
// checked on every run, and GLib's is five times slower.
std::optional<std::string> sha256_of_file(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream) return std::nullopt;
    sha256_ctx context;
    sha256_init(&context);
    std::array<char, 1 << 16> buffer;
    while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0)
        sha256_update(&context, static_cast<std::size_t>(stream.gcount()), reinterpret_cast<const uint8_t*>(buffer.data()));
    std::array<uint8_t, SHA256_DIGEST_SIZE> digest;
    sha256_digest(&context, digest.size(), digest.data());
    std::string hex;
    for (uint8_t byte : digest) hex += fmt::format("{:02x}", byte);
    return hex;
}

}  // namespace

FontSet::FontSet(std::vector<FontFile> files, c::FcConfigHandle config)
    : files_(std::move(files)), config_(std::move(config))
{
    font_map();  // the loading thread's, so that a failure shows at once
}

PangoFontMap* FontSet::font_map() const
{
    const std::lock_guard lock(mutex_);
    c::GObject<PangoFontMap>& font_map = font_maps_[std::this_thread::get_id()];
    if (!font_map) {
        font_map.reset(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
        if (!font_map) fail_io(files_.front().path, "cannot create a Pango font map for FreeType fonts");
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map.get()), config_.get());
    }
    return font_map.get();
}

bool FontSet::has_family(const std::string& family) const
{
    for (const FontFile& file : files_)
        if (file.family == family) return true;
    return false;
}

std::shared_ptr<const FontSet> load_fonts(const std::string& manifest_path)
{
    const xml::Document manifest = xml::Document::parse(manifest_path);
    const xmlNode* root = manifest.root();
    if (!xml::is_element(root, "fonts")) fail(manifest.loc(root), "expected <fonts> as the root element");

    // A configuration of our own, with no system fonts in it: nothing can
    // fall back to a font that the manifest does not pin.
    c::FcConfigHandle config(FcConfigCreate());
    if (!config) fail_io(manifest_path, "cannot create a fontconfig configuration");
    std::vector<FontFile> files;
    for (const xmlNode* node = root->children; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        const SourceLoc loc = manifest.loc(node);
        if (!xml::is_element(node, "font")) fail(loc, "expected <font> in the fonts manifest");
        FontFile file;
        for (const char* name : {"path", "family", "style", "weight", "sha256"})
            if (!xml::attribute(node, name)) fail(loc, std::string("<font> needs the attribute '") + name + "'");
        file.path = *xml::attribute(node, "path");
        file.family = *xml::attribute(node, "family");
        file.slant = *xml::attribute(node, "style") == "italic" ? Slant::italic : Slant::normal;
        file.weight = *xml::attribute(node, "weight") == "700" ? 700 : 400;
        file.sha256 = *xml::attribute(node, "sha256");
        const auto actual = sha256_of_file(file.path);
        if (!actual) fail(loc, "font file '" + file.path + "' is missing (install the package the manifest names)");
        if (*actual != file.sha256)
            fail(loc, "font file '" + file.path + "' has changed: sha256 " + *actual + ", the manifest pins " +
                          file.sha256);
        if (!FcConfigAppFontAddFile(config.get(), reinterpret_cast<const FcChar8*>(file.path.c_str())))
            fail(loc, "fontconfig cannot read font file '" + file.path + "'");
        files.push_back(std::move(file));
    }
    if (files.empty()) fail(manifest.loc(root), "the fonts manifest names no font");

    return std::make_shared<const FontSet>(std::move(files), std::move(config));
}

}  // namespace leaflet::resolve
