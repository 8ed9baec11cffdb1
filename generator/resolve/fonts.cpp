#include "resolve/resolve.hpp"

#include <fstream>
#include <sstream>

#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "xml/xml.hpp"

namespace leaflet::resolve {

namespace {

std::optional<std::string> sha256_of_file(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream) return std::nullopt;
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    const std::string bytes = buffer.str();
    gchar* digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(bytes.data()),
                                                bytes.size());
    std::string result(digest);
    g_free(digest);
    return result;
}

}  // namespace

FontSet::FontSet(std::vector<FontFile> files, c::FcConfigHandle config, c::GObject<PangoFontMap> font_map)
    : files_(std::move(files)), config_(std::move(config)), font_map_(std::move(font_map))
{
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

    c::GObject<PangoFontMap> font_map(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
    if (!font_map) fail_io(manifest_path, "cannot create a Pango font map for FreeType fonts");
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map.get()), config.get());
    return std::make_shared<const FontSet>(std::move(files), std::move(config), std::move(font_map));
}

}  // namespace leaflet::resolve
