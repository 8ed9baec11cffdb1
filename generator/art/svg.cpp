// Checking an SVG: the elements, references and colours print art may use,
// then librsvg for its size.
#include "svg.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <librsvg/rsvg.h>

#include "c/glib.hpp"
#include "xml/xml.hpp"

namespace leaflet::art {

namespace {

constexpr const char* svg_namespace = "http://www.w3.org/2000/svg";
constexpr const char* xlink_namespace = "http://www.w3.org/1999/xlink";

// Shapes paint; containers pass paint on; the rest draw nothing.
const std::set<std::string, std::less<>> shapes = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"};
const std::set<std::string, std::less<>> containers = {"svg", "g", "defs", "symbol", "use", "clipPath", "a"};
const std::set<std::string, std::less<>> inert = {"title", "desc", "metadata"};

// Why an element has no place in print art.
std::string refusal(std::string_view element)
{
    if (element == "text" || element == "tspan" || element == "textPath")
        return "text in art is refused: convert it to paths (its font would not be embedded)";
    if (element == "image") return "an image inside an SVG is refused: place it with <image> in the leaflet";
    if (element == "style") return "a <style> sheet is refused: give colours as attributes (fill=\"#…\")";
    if (element == "script" || element == "foreignObject") return fmt::format("<{}> is refused in art", element);
    if (element == "linearGradient" || element == "radialGradient" || element == "pattern")
        return fmt::format("<{}> is refused: print art paints in flat swatches", element);
    if (element == "filter" || element == "mask")
        return fmt::format("<{}> is refused: PDF/X-1a has no transparency", element);
    return fmt::format("<{}> is not an element print art may use (shapes: path, rect, circle, ellipse, line, "
                       "polyline, polygon; g, defs, symbol, use, clipPath)",
                       element);
}

using Rgb = std::array<int, 3>;

std::string hex(const Rgb& rgb) { return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]); }

std::string trim(std::string_view text)
{
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// #rgb, #rrggbb, rgb(r, g, b), black and white; nothing for others.
std::optional<Rgb> parse_colour(const std::string& value)
{
    const std::string text = lower(value);
    if (text == "black") return Rgb{0, 0, 0};
    if (text == "white") return Rgb{255, 255, 255};
    auto number = [](std::string_view digits, int base) -> std::optional<int> {
        int out = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out, base);
        if (error != std::errc() || end != digits.data() + digits.size() || out < 0 || out > 255) return std::nullopt;
        return out;
    };
    if (text.size() == 7 && text[0] == '#') {
        Rgb rgb{};
        for (int i = 0; i < 3; ++i) {
            const auto part = number(std::string_view(text).substr(1 + 2 * i, 2), 16);
            if (!part) return std::nullopt;
            rgb[i] = *part;
        }
        return rgb;
    }
    if (text.size() == 4 && text[0] == '#') {
        Rgb rgb{};
        for (int i = 0; i < 3; ++i) {
            const auto part = number(std::string_view(text).substr(1 + i, 1), 16);
            if (!part) return std::nullopt;
            rgb[i] = *part * 17;
        }
        return rgb;
    }
    if (text.rfind("rgb(", 0) == 0 && text.back() == ')') {
        Rgb rgb{};
        std::string_view rest = std::string_view(text).substr(4, text.size() - 5);
        for (int i = 0; i < 3; ++i) {
            const std::size_t comma = rest.find(',');
            if ((comma == std::string_view::npos) != (i == 2)) return std::nullopt;
            const auto part = number(trim(rest.substr(0, comma)), 10);
            if (!part) return std::nullopt;
            rgb[i] = *part;
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        return rgb;
    }
    return std::nullopt;
}

// The paint an element passes to its children.
struct Paint {
    std::string fill = "black";  // SVG's initial values
    std::string stroke = "none";
    std::string color = "black";
};

class Checker {
public:
    Checker(const xml::Document& document, const std::vector<Swatch>& swatches, Art& art)
        : document_(document), swatches_(swatches), art_(art)
    {
    }

    void element(const xmlNode* node, Paint paint)
    {
        const std::string name = xml::name(node);
        const bool ours = node->ns && std::strcmp(reinterpret_cast<const char*>(node->ns->href), svg_namespace) == 0;
        if (!ours) {
            // Editors' own elements (sodipodi:namedview, inkscape:…) draw nothing.
            if (node->ns) return;
            fail(document_.loc(node), fmt::format("<{}> is not in the SVG namespace ({})", name, svg_namespace));
        }
        if (inert.count(name)) return;
        if (!shapes.count(name) && !containers.count(name)) fail(document_.loc(node), refusal(name));

        for (const xmlAttr* attribute = node->properties; attribute; attribute = attribute->next)
            property(node, attribute, paint);
        if (shapes.count(name)) {
            // A line has no inside to fill.
            if (name != "line") painted(node, "fills", paint.fill, paint);
            painted(node, "strokes", paint.stroke, paint);
        }
        for (const xmlNode* child = node->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE) element(child, paint);
    }

private:
    void property(const xmlNode* node, const xmlAttr* attribute, Paint& paint)
    {
        const std::string name = reinterpret_cast<const char*>(attribute->name);
        const c::XmlString raw(xmlNodeListGetString(node->doc, attribute->children, 1));
        const std::string value = c::text_of(raw);
        if (attribute->ns) {
            const std::string space = reinterpret_cast<const char*>(attribute->ns->href);
            if (space == xlink_namespace && name == "href") reference(node, "xlink:href", value);
            return;  // editors' own attributes
        }
        if (name == "href") reference(node, "href", value);
        else if (name == "style")
            declarations(node, value, paint);
        else
            declaration(node, name, value, paint);
    }

    void declarations(const xmlNode* node, const std::string& style, Paint& paint)
    {
        std::string_view rest = style;
        while (!rest.empty()) {
            const std::size_t semicolon = rest.find(';');
            const std::string_view one = rest.substr(0, semicolon);
            rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
            const std::size_t colon = one.find(':');
            if (trim(one).empty()) continue;
            if (colon == std::string_view::npos)
                fail(document_.loc(node), fmt::format("style=\"{}\": '{}' is no declaration", style, trim(one)));
            declaration(node, trim(one.substr(0, colon)), trim(one.substr(colon + 1)), paint);
        }
    }

    void declaration(const xmlNode* node, const std::string& name, const std::string& value, Paint& paint)
    {
        if (value.find("url(") != std::string::npos) {
            const std::string inside = trim(value.substr(value.find("url(") + 4));
            if (inside.empty() || inside[0] != '#')
                fail(document_.loc(node), fmt::format("{}=\"{}\": art may refer only to its own elements (#id)", name,
                                                      value));
        }
        if (name == "fill") paint.fill = value;
        else if (name == "stroke")
            paint.stroke = value;
        else if (name == "color")
            paint.color = value;
        else if (name == "stop-color" || name == "flood-color" || name == "lighting-color")
            painted(node, "paints", value, paint);
        else if (name == "opacity" || name == "fill-opacity" || name == "stroke-opacity") {
            double opacity = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), opacity);
            if (error != std::errc() || end != value.data() + value.size() || opacity != 1)
                fail(document_.loc(node), fmt::format("{}=\"{}\": PDF/X-1a has no transparency; paint with a "
                                                      "lighter swatch instead",
                                                      name, value));
        }
        else if (name == "mask" || name == "filter")
            fail(document_.loc(node), fmt::format("{}=\"…\": PDF/X-1a has no transparency", name));
    }

    void reference(const xmlNode* node, const char* attribute, const std::string& value)
    {
        if (value.empty() || value[0] != '#')
            fail(document_.loc(node), fmt::format("{}=\"{}\": art may refer only to its own elements (#id), "
                                                  "never to a file or URL",
                                                  attribute, value));
    }

    // `value` is the paint of a shape's fill or stroke (or a stop's colour).
    void painted(const xmlNode* node, const char* verb, const std::string& value, const Paint& paint)
    {
        const std::string paint_value = lower(trim(value));
        if (paint_value == "none" || paint_value == "transparent") return;
        if (paint_value == "currentcolor") {
            const std::string colour = lower(trim(paint.color));
            if (colour == "currentcolor" || colour == "black") {
                // Left to the text it stands in (an icon) when no colour is set.
                art_.current_colour = true;
                return;
            }
            return painted(node, verb, paint.color, paint);
        }
        const auto rgb = parse_colour(paint_value);
        const Swatch* swatch = nullptr;
        if (rgb)
            for (const Swatch& candidate : swatches_)
                if (candidate.rgb == *rgb) swatch = &candidate;
        if (!swatch) {
            std::string known;
            for (const Swatch& candidate : swatches_)
                known += fmt::format("{}{} {}", known.empty() ? "" : ", ", candidate.name, hex(candidate.rgb));
            fail(document_.loc(node),
                 fmt::format("<{}> {} with '{}', which is no swatch of the style sheet ({}; or currentColor, none)",
                             xml::name(node), verb, trim(value), known));
        }
        if (std::find(art_.swatches.begin(), art_.swatches.end(), swatch->name) == art_.swatches.end())
            art_.swatches.push_back(swatch->name);
    }

    const xml::Document& document_;
    const std::vector<Swatch>& swatches_;
    Art& art_;
};

using RsvgHandlePtr = c::GObject<RsvgHandle>;

}  // namespace

void check_svg(std::string_view bytes, const std::string& file, const std::vector<Swatch>& swatches, Art& art)
{
    // Our own message before libxml2's: an SVG's DOCTYPE is where entities
    // (external ones, or a "billion laughs") would come from.
    if (const std::size_t doctype = bytes.find("<!DOCTYPE"); doctype != std::string_view::npos) {
        const std::string_view before = bytes.substr(0, doctype);
        const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t line_start = before.rfind('\n');
        const int column = static_cast<int>(doctype - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
        fail(SourceLoc{file, line, column}, "an SVG with a DOCTYPE is refused: art declares no DTD and no entities");
    }
    xml::ParseOptions options;
    options.max_bytes = static_cast<std::size_t>(max_file_bytes);
    const xml::Document document = xml::Document::parse_bytes(file, bytes, options);
    const xmlNode* root = document.root();
    if (!xml::is_element(root, "svg"))
        fail(document.loc(root), fmt::format("the root element is <{}>, not <svg>", xml::name(root)));
    Checker(document, swatches, art).element(root, Paint{});
    std::sort(art.swatches.begin(), art.swatches.end());

    // librsvg, with no base file: it resolves no reference outside the
    // document (and we allowed none).
    GError* raw_error = nullptr;
    RsvgHandlePtr handle(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(bytes.data()), bytes.size(),
                                                   &raw_error));
    const c::GError error(raw_error);
    if (!handle) fail(SourceLoc{file, 0, 0}, fmt::format("librsvg cannot read it: {}", error ? error->message : "?"));
    double width = 0, height = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &width, &height)) {
        gboolean has_viewbox = FALSE;
        RsvgRectangle viewbox{};
        rsvg_handle_get_intrinsic_dimensions(handle.get(), nullptr, nullptr, nullptr, nullptr, &has_viewbox, &viewbox);
        if (!has_viewbox) fail(document.loc(root), "an SVG needs a width and height, or a viewBox");
        width = viewbox.width;
        height = viewbox.height;
    }
    if (!(width > 0 && height > 0 && width < 1e5 && height < 1e5))
        fail(document.loc(root), fmt::format("its size {} x {} px is empty or absurd", width, height));
    art.width = Pt{width * 0.75};
    art.height = Pt{height * 0.75};
    art.svg = std::string(bytes);
}

}  // namespace leaflet::art
