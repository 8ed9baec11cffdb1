#include "resolve/resolve.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nettle/sha2.h>
#include <pango/pangoft2.h>

#include "c/fontconfig.hpp"
#include "c/glib.hpp"
#include "resolve/font_map.hpp"
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

struct FontSet::Private {
    c::FcConfigHandle config;
    std::mutex mutex;
    std::map<std::thread::id, c::GObject<PangoFontMap>> font_maps;
};

namespace {

// Unhinted outlines and metrics: line breaks must not depend on a device.
void unhinted(FcPattern* pattern, gpointer)
{
    FcPatternDel(pattern, FC_HINTING);
    FcPatternAddBool(pattern, FC_HINTING, FcFalse);
}

}  // namespace

FontSet::FontSet(std::vector<FontFile> files, std::unique_ptr<Private> fontconfig)
    : files_(std::move(files)), private_(std::move(fontconfig))
{
    font_map(*this);  // the loading thread's, so that a failure shows at once
}

FontSet::~FontSet() = default;

PangoFontMap* font_map(const FontSet& fonts)
{
    FontSet::Private& shared = fonts.private_part();
    const std::lock_guard lock(shared.mutex);
    c::GObject<PangoFontMap>& font_map = shared.font_maps[std::this_thread::get_id()];
    if (!font_map) {
        font_map.reset(pango_ft2_font_map_new());
        if (!font_map) fail_io(fonts.files().front().path, "cannot create a Pango font map");
        pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(font_map.get()), 72, 72);
        pango_fc_font_map_set_default_substitute(PANGO_FC_FONT_MAP(font_map.get()), unhinted, nullptr, nullptr);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map.get()), shared.config.get());
    }
    return font_map.get();
}

bool FontSet::has_family(const std::string& family) const
{
    for (const FontFile& file : files_)
        if (file.family == family) return true;
    return false;
}

std::optional<std::size_t> FontSet::face_of_file(const std::string& path) const
{
    for (std::size_t i = 0; i < files_.size(); ++i)
        if (files_[i].path == path) return i;
    return std::nullopt;
}

std::shared_ptr<const FontSet> load_fonts(const std::string& manifest_path)
{
    const xml::Document manifest = xml::Document::parse(manifest_path);
    const xmlNode* root = manifest.root();
    if (!xml::is_element(root, "fonts")) fail(manifest.loc(root), "expected <fonts> as the root element");

    // A configuration of our own, with no system fonts in it: nothing can
    // fall back to a font that the manifest does not pin.
    auto fontconfig = std::make_unique<FontSet::Private>();
    fontconfig->config.reset(FcConfigCreate());
    if (!fontconfig->config) fail_io(manifest_path, "cannot create a fontconfig configuration");
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
        if (!FcConfigAppFontAddFile(fontconfig->config.get(), reinterpret_cast<const FcChar8*>(file.path.c_str())))
            fail(loc, "fontconfig cannot read font file '" + file.path + "'");
        files.push_back(std::move(file));
    }
    if (files.empty()) fail(manifest.loc(root), "the fonts manifest names no font");

    return std::shared_ptr<const FontSet>(new FontSet(std::move(files), std::move(fontconfig)));
}

}  // namespace leaflet::resolve
