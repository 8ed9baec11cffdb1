#include "resolve/resolve.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <glib.h>

#include "print_limits.hpp"
#include "xml/xml.hpp"

namespace leaflet::resolve {

namespace {

struct Element {
    const xml::Document& file;
    const xmlNode* node;

    SourceLoc loc() const { return file.loc(node); }

    std::optional<std::string> get(const char* name) const { return xml::attribute(node, name); }

    std::string required(const char* name) const
    {
        auto value = get(name);
        if (!value) fail(loc(), fmt_missing(name));
        return *value;
    }

    std::string fmt_missing(const char* name) const
    {
        return "<" + xml::name(node) + "> needs the attribute '" + name + "'";
    }

    // Rejects attributes that this element does not know: a misspelt
    // attribute would otherwise be ignored silently.
    void only(std::initializer_list<std::string_view> known) const
    {
        for (const xmlAttr* attribute = node->properties; attribute; attribute = attribute->next) {
            std::string_view name(reinterpret_cast<const char*>(attribute->name));
            bool found = false;
            for (auto k : known) found = found || k == name;
            if (!found) fail(loc(), "<" + xml::name(node) + "> has no attribute '" + std::string(name) + "'");
        }
    }
};

double parse_number(const Element& element, const std::string& text, const char* attribute)
{
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data())
        fail(element.loc(), "'" + text + "' is not a number in attribute '" + attribute + "'");
    return value;
}

Pt parse_length(const Element& element, const std::string& text, const char* attribute)
{
    auto unit_at = text.find_first_not_of("0123456789.-");
    std::string unit = unit_at == std::string::npos ? "" : text.substr(unit_at);
    double number = parse_number(element, text.substr(0, unit_at), attribute);
    if (unit == "mm") return mm(number);
    if (unit == "pt") return Pt{number};
    if (unit.empty()) fail(element.loc(), "length '" + text + "' in attribute '" + attribute + "' needs a unit: mm or pt");
    fail(element.loc(), "length '" + text + "' in attribute '" + attribute + "': the unit '" + unit +
                            "' is not allowed; use mm or pt");
}

// "92%" -> 0.92.
double parse_percentage(const Element& element, const std::string& text, const char* attribute)
{
    if (text.empty() || text.back() != '%')
        fail(element.loc(), "'" + text + "' in attribute '" + attribute + "' is not a percentage, e.g. 92%");
    return parse_number(element, text.substr(0, text.size() - 1), attribute) / 100;
}

// "80% 100% 133%" -> {0.8, 1, 1.33}: exactly `count` percentages.
std::vector<double> parse_percentages(const Element& element, const std::string& text, const char* attribute,
                                      std::size_t count, const char* example)
{
    std::vector<double> values;
    for (std::size_t at = text.find_first_not_of(' '); at != std::string::npos; at = text.find_first_not_of(' ', at)) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        values.push_back(parse_percentage(element, text.substr(at, end - at), attribute));
        at = end;
    }
    if (values.size() != count)
        fail(element.loc(), fmt::format("'{}' in attribute '{}' needs {} percentages, e.g. '{}'", text, attribute,
                                        count, example));
    return values;
}

int parse_count(const Element& element, const std::string& text, const char* attribute, int least, int most)
{
    const double value = parse_number(element, text, attribute);
    if (value != std::floor(value) || value < least || value > most)
        fail(element.loc(), fmt::format("{} must be a whole number from {} to {}, not '{}'", attribute, least, most, text));
    return static_cast<int>(value);
}

Colour parse_cmyk(const Element& element, const std::string& name, const std::string& text)
{
    double parts[4];
    std::size_t position = 0;
    for (int i = 0; i < 4; ++i) {
        position = text.find_first_not_of(' ', position);
        if (position == std::string::npos)
            fail(element.loc(), "swatch '" + name + "': cmyk needs four percentages, got '" + text + "'");
        auto next = text.find(' ', position);
        std::string part = text.substr(position, next == std::string::npos ? std::string::npos : next - position);
        parts[i] = parse_number(element, part, "cmyk");
        if (parts[i] < 0 || parts[i] > 100)
            fail(element.loc(), "swatch '" + name + "': " + part + " is not a percentage from 0 to 100");
        position = next == std::string::npos ? text.size() : next;
    }
    if (text.find_first_not_of(' ', position) != std::string::npos)
        fail(element.loc(), "swatch '" + name + "': cmyk needs four percentages, got '" + text + "'");
    Colour colour{name, parts[0] / 100, parts[1] / 100, parts[2] / 100, parts[3] / 100, {}};
    const double k = 1 - colour.black;
    colour.rgb[0] = static_cast<int>(std::lround(255 * (1 - colour.cyan) * k));
    colour.rgb[1] = static_cast<int>(std::lround(255 * (1 - colour.magenta) * k));
    colour.rgb[2] = static_cast<int>(std::lround(255 * (1 - colour.yellow) * k));
    return colour;
}

// Moves `colour` off the RGB values that earlier swatches took, one step
// of blue at a time (invisible, and exact through Cairo's output).
void make_unique(Colour& colour, const std::map<std::string, Colour>& swatches)
{
    auto taken = [&](const Colour& candidate) {
        for (const auto& [name, other] : swatches)
            if (std::equal(std::begin(other.rgb), std::end(other.rgb), std::begin(candidate.rgb))) return true;
        return false;
    };
    const int step = colour.rgb[2] < 128 ? 1 : -1;
    while (taken(colour)) colour.rgb[2] += step;
}

class StylesheetReader {
public:
    explicit StylesheetReader(const xml::Document& file) : file_(file) { styles_.path = file.path(); }

    Stylesheet read(const xmlNode* root)
    {
        if (!xml::is_element(root, "styles")) fail(file_.loc(root), "expected <styles> as the root element");
        // Swatches first: styles refer to them wherever they stand.
        for (const xmlNode* child = root->children; child; child = child->next)
            if (xml::is_element(child, "swatch")) swatch({file_, child});
        bool has_sheet = false;
        for (const xmlNode* child = root->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            Element element{file_, child};
            const std::string name = xml::name(child);
            if (name == "swatch") continue;
            if (name == "sheet") { sheet(element); has_sheet = true; }
            else if (name == "paragraph-style") paragraph_style(element);
            else if (name == "character-style") character_style(element);
            else if (name == "box-style") box_style(element);
            else if (name == "copyfit") copyfit(element);
            else if (name == "screen") screen(element);
            else if (name == "baseline-grid") baseline_grid(element);
            else if (name == "vertical-justification") vertical_justification(element);
            else fail(element.loc(), "unknown element <" + name + "> in a style sheet");
        }
        if (!has_sheet) fail(file_.loc(root), "the style sheet has no <sheet>");
        grid_styles();
        return std::move(styles_);
    }

private:
    Colour colour(const Element& element, const std::string& name)
    {
        auto found = styles_.swatches.find(name);
        if (found == styles_.swatches.end()) fail(element.loc(), "unknown colour swatch '" + name + "'");
        return found->second;
    }

    void swatch(const Element& element)
    {
        element.only({"name", "cmyk"});
        const std::string name = element.required("name");
        if (styles_.swatches.count(name)) fail(element.loc(), "swatch '" + name + "' is defined twice");
        Colour colour = parse_cmyk(element, name, element.required("cmyk"));
        make_unique(colour, styles_.swatches);
        styles_.swatches[name] = colour;
    }

    void sheet(const Element& element)
    {
        element.only({"width", "height", "bleed", "slug", "margin", "registration"});
        Sheet& sheet = styles_.sheet;
        sheet.width = parse_length(element, element.required("width"), "width");
        sheet.height = parse_length(element, element.required("height"), "height");
        sheet.bleed = parse_length(element, element.required("bleed"), "bleed");
        sheet.slug = parse_length(element, element.required("slug"), "slug");
        sheet.margin = parse_length(element, element.required("margin"), "margin");
        sheet.registration = colour(element, element.required("registration"));
        if (sheet.slug < sheet.bleed) fail(element.loc(), "the slug must be at least as wide as the bleed");
        for (const xmlNode* child = element.node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            Element side_element{file_, child};
            if (!xml::is_element(child, "side")) fail(side_element.loc(), "expected <side> in <sheet>");
            side_element.only({"name"});
            Side side{side_element.required("name"), {}};
            Pt total;
            for (const xmlNode* grandchild = child->children; grandchild; grandchild = grandchild->next) {
                if (grandchild->type != XML_ELEMENT_NODE) continue;
                Element panel{file_, grandchild};
                if (!xml::is_element(grandchild, "panel")) fail(panel.loc(), "expected <panel> in <side>");
                panel.only({"role", "width"});
                side.panels.push_back({panel.required("role"), parse_length(panel, panel.required("width"), "width")});
                total += side.panels.back().width;
            }
            // Panel widths must add up to the sheet: 0.01 mm absorbs decimal input.
            if (std::abs(to_mm(total - sheet.width)) > 0.01)
                fail(side_element.loc(), fmt_total(side.name, to_mm(total), to_mm(sheet.width)));
            sheet.sides.push_back(std::move(side));
        }
        if (sheet.sides.size() != 2) fail(element.loc(), "a sheet has two sides, outside and inside");
    }

    static std::string fmt_total(const std::string& side, double total, double width)
    {
        char buffer[160];
        std::snprintf(buffer, sizeof buffer, "the panels of side '%s' add up to %.2f mm, not the sheet width %.2f mm",
                      side.c_str(), total, width);
        return buffer;
    }

    template <typename Map>
    auto base(const Element& element, Map& map, const std::string& kind)
    {
        typename Map::mapped_type result{};
        if (auto based_on = element.get("based-on")) {
            auto found = map.find(*based_on);
            if (found == map.end())
                fail(element.loc(), "based-on names unknown " + kind + " '" + *based_on + "' (define it first)");
            result = found->second;
        }
        result.name = element.required("name");
        result.loc = element.loc();
        if (map.count(result.name)) fail(element.loc(), kind + " '" + result.name + "' is defined twice");
        return result;
    }

    static Slant slant(const Element& element, const std::string& text)
    {
        if (text == "normal") return Slant::normal;
        if (text == "italic") return Slant::italic;
        fail(element.loc(), "font-style must be normal or italic, not '" + text + "'");
    }

    static int weight(const Element& element, const std::string& text)
    {
        const double value = parse_number(element, text, "font-weight");
        if (value != 400 && value != 700) fail(element.loc(), "font-weight must be 400 or 700, not '" + text + "'");
        return static_cast<int>(value);
    }

    void paragraph_style(const Element& element)
    {
        element.only({"name", "based-on", "font-family", "font-style", "font-weight", "font-size", "leading", "colour",
                      "space-before", "space-after", "align", "hyphenate", "line-breaking", "indent", "bullet",
                      "tab-leader", "word-spacing", "letter-spacing", "glyph-scaling", "hyphenate-before",
                      "hyphenate-after", "last-line-minimum", "baseline-grid"});
        ParagraphStyle style = base(element, styles_.paragraphs, "paragraph style");
        if (auto v = element.get("font-family")) style.font_family = *v;
        if (auto v = element.get("font-style")) style.slant = slant(element, *v);
        if (auto v = element.get("font-weight")) style.weight = weight(element, *v);
        if (auto v = element.get("font-size")) style.size = parse_length(element, *v, "font-size");
        if (auto v = element.get("leading")) style.leading = parse_length(element, *v, "leading");
        if (auto v = element.get("colour")) style.colour = colour(element, *v);
        if (auto v = element.get("space-before")) style.space_before = parse_length(element, *v, "space-before");
        if (auto v = element.get("space-after")) style.space_after = parse_length(element, *v, "space-after");
        if (auto v = element.get("indent")) style.indent = parse_length(element, *v, "indent");
        if (auto v = element.get("bullet")) style.bullet = *v;
        if (auto v = element.get("tab-leader")) {
            if (g_utf8_strlen(v->c_str(), -1) != 1) fail(element.loc(), "tab-leader must be one character, e.g. \".\"");
            style.tab_leader = *v;
        }
        if (auto v = element.get("hyphenate")) {
            if (*v != "true" && *v != "false") fail(element.loc(), "hyphenate must be true or false");
            style.hyphenate = *v == "true";
        }
        if (auto v = element.get("line-breaking")) {
            if (*v != "total-fit" && *v != "first-fit") fail(element.loc(), "line-breaking must be total-fit or first-fit");
            style.line_breaking = *v == "total-fit" ? LineBreaking::total_fit : LineBreaking::first_fit;
        }
        justification(element, style.justification);
        if (auto v = element.get("hyphenate-before")) style.hyphenate_before = parse_count(element, *v, "hyphenate-before", 1, 10);
        if (auto v = element.get("hyphenate-after")) style.hyphenate_after = parse_count(element, *v, "hyphenate-after", 1, 10);
        if (auto v = element.get("last-line-minimum"))
            style.last_line_minimum = parse_count(element, *v, "last-line-minimum", 0, 100);
        if (auto v = element.get("align")) {
            if (*v == "left") style.align = Align::left;
            else if (*v == "center") style.align = Align::center;
            else if (*v == "right") style.align = Align::right;
            else if (*v == "justify") style.align = Align::justify;
            else fail(element.loc(), "align must be left, center, right or justify, not '" + *v + "'");
        }
        if (auto v = element.get("baseline-grid")) style.baseline_grid = boolean(element, "baseline-grid", *v);
        if (style.font_family.empty()) fail(element.loc(), "paragraph style '" + style.name + "' has no font-family");
        if (style.size < print_limits::minimum_text_size)
            fail(element.loc(), fmt::format("font-size below the {:g} pt minimum for print",
                                            print_limits::minimum_text_size.value));
        if (style.leading < style.size * 0.9)
            fail(element.loc(), "leading is less than 90 % of the font size: lines would collide");
        if (style.colour.name.empty()) fail(element.loc(), "paragraph style '" + style.name + "' has no colour");
        styles_.paragraphs[style.name] = std::move(style);
    }

    // word-spacing="80% 100% 133%" letter-spacing="-1% 1%" glyph-scaling="98% 102%".
    static void justification(const Element& element, Justification& justification)
    {
        if (auto v = element.get("word-spacing")) {
            const std::vector<double> word = parse_percentages(element, *v, "word-spacing", 3, "80% 100% 133%");
            if (!(word[0] <= word[1] && word[1] <= word[2]) || word[0] < 0.5 || word[2] > 4)
                fail(element.loc(), "word-spacing is minimum, desired and maximum, ascending, from 50% to 400%");
            justification.word_minimum = word[0];
            justification.word_desired = word[1];
            justification.word_maximum = word[2];
        }
        if (auto v = element.get("letter-spacing")) {
            const std::vector<double> letter = parse_percentages(element, *v, "letter-spacing", 2, "-1% 1.5%");
            if (!(letter[0] <= 0 && 0 <= letter[1]) || letter[0] < -0.1 || letter[1] > 0.1)
                fail(element.loc(), "letter-spacing is minimum and maximum, from -10% to 0 and from 0 to 10% of the em");
            justification.letter_minimum = letter[0];
            justification.letter_maximum = letter[1];
        }
        if (auto v = element.get("glyph-scaling")) {
            const std::vector<double> glyph = parse_percentages(element, *v, "glyph-scaling", 2, "98% 102%");
            if (!(glyph[0] <= 1 && 1 <= glyph[1]) || glyph[0] < 0.9 || glyph[1] > 1.1)
                fail(element.loc(), "glyph-scaling is minimum and maximum, from 90% to 100% and from 100% to 110%");
            justification.glyph_minimum = glyph[0];
            justification.glyph_maximum = glyph[1];
        }
    }

    void screen(const Element& element)
    {
        element.only({"width", "margin", "scale"});
        if (styles_.screen.loc.line > 0) fail(element.loc(), "<screen> is given twice");
        Screen& screen = styles_.screen;
        screen.loc = element.loc();
        if (auto v = element.get("width")) screen.width = parse_length(element, *v, "width");
        if (auto v = element.get("margin")) screen.margin = parse_length(element, *v, "margin");
        if (auto v = element.get("scale")) screen.scale = parse_percentage(element, *v, "scale");
        if (screen.width < mm(50) || screen.width > mm(150))
            fail(element.loc(), "the screen's width must be from 50 mm to 150 mm");
        if (screen.margin < Pt{} || screen.margin * 2 > screen.width - mm(30))
            fail(element.loc(), "the screen's margin must leave a column of at least 30 mm");
        if (screen.scale < 0.5 || screen.scale > 2) fail(element.loc(), "the screen's scale must be from 50 % to 200 %");
    }

    void copyfit(const Element& element)
    {
        element.only({"minimum", "maximum", "step", "target"});
        if (styles_.copyfit) fail(element.loc(), "<copyfit> is given twice");
        Copyfit copyfit;
        copyfit.loc = element.loc();
        copyfit.minimum = parse_percentage(element, element.required("minimum"), "minimum");
        if (auto v = element.get("maximum")) copyfit.maximum = parse_percentage(element, *v, "maximum");
        if (auto v = element.get("step")) copyfit.step = parse_percentage(element, *v, "step");
        if (auto v = element.get("target")) copyfit.target = parse_percentage(element, *v, "target");
        if (copyfit.minimum < 0.5 || copyfit.minimum >= 1)
            fail(element.loc(), "copyfit minimum must be from 50 % to below 100 %");
        if (copyfit.maximum < 1 || copyfit.maximum > 2)
            fail(element.loc(), "copyfit maximum must be from 100 % to 200 %");
        if (copyfit.step <= 0 || copyfit.step > 0.1) fail(element.loc(), "copyfit step must be above 0 % and at most 10 %");
        if (copyfit.target <= 0.5 || copyfit.target > 1)
            fail(element.loc(), "copyfit target must be above 50 % and at most 100 %");
        styles_.copyfit = copyfit;
    }

    static bool boolean(const Element& element, const char* attribute, const std::string& text)
    {
        if (text != "true" && text != "false") fail(element.loc(), std::string(attribute) + " must be true or false");
        return text == "true";
    }

    void baseline_grid(const Element& element)
    {
        element.only({"step"});
        if (styles_.sheet.baseline_grid) fail(element.loc(), "<baseline-grid> is given twice");
        BaselineGrid grid;
        grid.loc = element.loc();
        grid.step = parse_length(element, element.required("step"), "step");
        if (grid.step <= Pt{}) fail(element.loc(), "the baseline grid's step must be above 0");
        styles_.sheet.baseline_grid = std::move(grid);
    }

    void vertical_justification(const Element& element)
    {
        element.only({"maximum"});
        styles_.sheet.justify_maximum = parse_length(element, element.required("maximum"), "maximum");
        if (styles_.sheet.justify_maximum < Pt{})
            fail(element.loc(), "vertical justification's maximum must not be negative");
    }

    // The styles on the grid, each with a leading of whole steps: a line
    // between two grid lines would push every line after it off the grid.
    void grid_styles()
    {
        if (!styles_.sheet.baseline_grid) return;
        BaselineGrid& grid = *styles_.sheet.baseline_grid;
        for (const auto& [name, style] : styles_.paragraphs) {
            if (!style.baseline_grid) continue;
            const double steps = style.leading.value / grid.step.value;
            // 0.001 pt per step absorbs decimal input.
            if (std::abs(steps - std::round(steps)) * grid.step.value > 0.001 || std::round(steps) < 1)
                fail(style.loc, fmt::format("paragraph style '{}' sits on the baseline grid, but its leading {:g} pt "
                                            "is not a whole multiple of the grid's step {:g} pt (say "
                                            "baseline-grid=\"false\")",
                                            name, style.leading.value, grid.step.value));
            grid.styles.insert(name);
        }
    }

    void character_style(const Element& element)
    {
        element.only({"name", "based-on", "font-style", "font-weight", "colour", "underline"});
        CharacterStyle style = base(element, styles_.characters, "character style");
        if (auto v = element.get("font-style")) style.slant = slant(element, *v);
        if (auto v = element.get("font-weight")) style.weight = weight(element, *v);
        if (auto v = element.get("colour")) style.colour = colour(element, *v);
        if (auto v = element.get("underline")) style.underline = *v == "true";
        styles_.characters[style.name] = std::move(style);
    }

    void box_style(const Element& element)
    {
        element.only({"name", "based-on", "background", "text-colour", "padding", "space-before", "space-after",
                      "extent", "radius", "border", "height"});
        BoxStyle style = base(element, styles_.boxes, "box style");
        if (auto v = element.get("background")) style.background = colour(element, *v);
        if (auto v = element.get("extent")) {
            if (*v != "column" && *v != "panel") fail(element.loc(), "extent must be column or panel");
            style.extent = *v == "panel" ? Extent::panel : Extent::column;
        }
        if (auto v = element.get("radius")) style.radius = parse_length(element, *v, "radius");
        if (auto v = element.get("height")) style.height = parse_length(element, *v, "height");
        if (auto v = element.get("border")) border(element, *v, style);
        if (auto v = element.get("text-colour")) style.text_colour = colour(element, *v);
        if (auto v = element.get("padding")) style.padding = parse_length(element, *v, "padding");
        if (auto v = element.get("space-before")) style.space_before = parse_length(element, *v, "space-before");
        if (auto v = element.get("space-after")) style.space_after = parse_length(element, *v, "space-after");
        styles_.boxes[style.name] = std::move(style);
    }

    // border="0.75pt red": a width and a swatch.
    void border(const Element& element, const std::string& text, BoxStyle& style)
    {
        const auto space = text.find(' ');
        if (space == std::string::npos)
            fail(element.loc(), "border must be a width and a swatch, e.g. border=\"0.75pt red\"");
        style.border_width = parse_length(element, text.substr(0, space), "border");
        style.border = colour(element, text.substr(space + 1));
        if (style.border_width <= Pt{}) fail(element.loc(), "a border's width must be above 0");
    }

    const xml::Document& file_;
    Stylesheet styles_;
};

}  // namespace

Stylesheet load_stylesheet(const std::string& path)
{
    const xml::Document file = xml::Document::parse(path);
    return StylesheetReader(file).read(file.root());
}

}  // namespace leaflet::resolve
