#include "preflight/preflight.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "diag/diag.hpp"
#include "pdf/pdf.hpp"
#include "print_limits.hpp"

namespace leaflet::preflight {

namespace {

using leaflet::points_per_mm;
constexpr double minimum_text_size = print_limits::minimum_text_size.value;
constexpr double maximum_ink = print_limits::maximum_ink;
constexpr double default_safe_zone = print_limits::safe_zone.value;
// Below anything visible, above the rounding of four-decimal boxes and of
// Cairo's coordinates.
constexpr double slack = 0.01;

struct Rect {
    double left = 0, bottom = 0, right = 0, top = 0;
    bool intersects(const Rect& other) const
    {
        return left < other.right && other.left < right && bottom < other.top && other.bottom < top;
    }
    bool contains(const Rect& inner) const
    {
        return inner.left >= left - slack && inner.bottom >= bottom - slack && inner.right <= right + slack
            && inner.top <= top + slack;
    }
};

std::string describe(const Rect& r)
{
    return fmt::format("[{:.2f} {:.2f} {:.2f} {:.2f}]", r.left, r.bottom, r.right, r.top);
}

std::optional<Rect> rect_of(QPDFObjectHandle object)
{
    if (!object.isRectangle()) return std::nullopt;
    const auto r = object.getArrayAsRectangle();
    return Rect{std::min(r.llx, r.urx), std::min(r.lly, r.ury), std::max(r.llx, r.urx), std::max(r.lly, r.ury)};
}

// PDF matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;

    // First this, then `then`.
    Matrix times(const Matrix& then) const
    {
        return {a * then.a + b * then.c,          a * then.b + b * then.d,
                c * then.a + d * then.c,          c * then.b + d * then.d,
                e * then.a + f * then.c + then.e, e * then.b + f * then.d + then.f};
    }
    std::pair<double, double> apply(double x, double y) const { return {a * x + c * y + e, b * x + d * y + f}; }
};

std::optional<Matrix> matrix_of(QPDFObjectHandle array)
{
    if (!array.isArray() || array.getArrayNItems() != 6) return std::nullopt;
    std::array<double, 6> values{};
    for (int i = 0; i < 6; ++i) {
        auto item = array.getArrayItem(i);
        if (!item.isNumber()) return std::nullopt;
        values[i] = item.getNumericValue();
    }
    return Matrix{values[0], values[1], values[2], values[3], values[4], values[5]};
}

// The bounding box of `r` (in the space of `m`) in user space.
Rect transform(const Rect& r, const Matrix& m)
{
    Rect result{1e300, 1e300, -1e300, -1e300};
    for (auto [x, y] : {std::pair{r.left, r.bottom}, {r.right, r.bottom}, {r.left, r.top}, {r.right, r.top}}) {
        const auto [u, v] = m.apply(x, y);
        result.left = std::min(result.left, u);
        result.right = std::max(result.right, u);
        result.bottom = std::min(result.bottom, v);
        result.top = std::max(result.top, v);
    }
    return result;
}

bool is_cmyk_space(QPDFObjectHandle space)
{
    return space.isNameAndEquals("/DeviceCMYK") || space.isNameAndEquals("/CMYK");
}

// What text extents need of a font.
struct FontMetrics {
    bool two_byte = false;              // Type 0 (Identity-H and the like)
    std::map<int, double> widths;       // code (or CID) -> glyph space units (1/1000 em)
    double default_width = 500;         // /DW, /MissingWidth, or a guess for unknown widths
    double ascent = 800, descent = -200;
    double scale = 0.001;               // glyph space -> text space (Type 3: /FontMatrix)
};

FontMetrics metrics_of(QPDFObjectHandle font)
{
    FontMetrics metrics;
    if (!font.isDictionary()) return metrics;
    auto descriptor = font.getKey("/FontDescriptor");
    if (font.getKey("/Subtype").isNameAndEquals("/Type0")) {
        metrics.two_byte = true;
        auto descendants = font.getKey("/DescendantFonts");
        auto cid_font = descendants.isArray() && descendants.getArrayNItems() > 0 ? descendants.getArrayItem(0)
                                                                                 : QPDFObjectHandle::newNull();
        if (cid_font.isDictionary()) {
            descriptor = cid_font.getKey("/FontDescriptor");
            metrics.default_width = cid_font.getKey("/DW").isNumber() ? cid_font.getKey("/DW").getNumericValue() : 1000;
            auto w = cid_font.getKey("/W");
            if (w.isArray()) {
                // c [w1 w2 ...] | c_first c_last w
                const int n = w.getArrayNItems();
                for (int i = 0; i < n;) {
                    auto first = w.getArrayItem(i);
                    if (!first.isInteger() || i + 1 >= n) break;
                    auto next = w.getArrayItem(i + 1);
                    if (next.isArray()) {
                        int code = static_cast<int>(first.getIntValue());
                        for (auto width : next.aitems())
                            if (width.isNumber()) metrics.widths[code++] = width.getNumericValue();
                        i += 2;
                    } else if (i + 2 < n && next.isInteger() && w.getArrayItem(i + 2).isNumber()) {
                        const double width = w.getArrayItem(i + 2).getNumericValue();
                        for (auto code = first.getIntValue(); code <= next.getIntValue() && code - first.getIntValue() < 65536; ++code)
                            metrics.widths[static_cast<int>(code)] = width;
                        i += 3;
                    } else {
                        break;
                    }
                }
            }
        }
    } else {
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

std::string font_name(QPDFObjectHandle font)
{
    auto base = font.getKey("/BaseFont");
    return base.isName() ? base.getName().substr(1) : "(unnamed)";
}

bool is_subset_name(const std::string& name)
{
    return name.size() > 7 && name[6] == '+'
        && std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The page's recorded folds and safe zone (finish's /PieceInfo).
struct SafeZone {
    std::vector<double> folds;
    double width = default_safe_zone;
};

SafeZone safe_zone_of(QPDFObjectHandle page)
{
    SafeZone zone;
    auto data = page.getKey("/PieceInfo").getKey("/Leaflets").getKey("/Private");
    if (!data.isDictionary()) return zone;
    if (data.getKey("/SafeZone").isNumber()) zone.width = data.getKey("/SafeZone").getNumericValue();
    auto folds = data.getKey("/Folds");
    if (folds.isArray())
        for (auto fold : folds.aitems())
            if (fold.isNumber()) zone.folds.push_back(fold.getNumericValue());
    return zone;
}

class Checker {
public:
    Checker(QPDF& pdf, Kind kind) : pdf_(pdf), print_(kind == Kind::print) {}

    std::vector<Finding> run()
    {
        if (print_) document();
        int number = 0;
        for (auto& page : QPDFPageDocumentHelper(pdf_).getAllPages()) this->page(page, ++number);
        return std::move(findings_);
    }

private:
    struct TextState {
        QPDFObjectHandle font;
        std::shared_ptr<const FontMetrics> metrics;
        double size = 0, char_spacing = 0, word_spacing = 0, scale = 1, leading = 0, rise = 0;
        int render = 0;
    };

    struct GraphicsState {
        Matrix ctm;
        QPDFObjectHandle fill_space = QPDFObjectHandle::newName("/DeviceGray");
        QPDFObjectHandle stroke_space = QPDFObjectHandle::newName("/DeviceGray");
        std::vector<double> fill_cmyk{0, 0, 0, 1};  // ink of the fill colour
        std::string fill_text = "0 g";
        TextState text;
    };

    // Where content is being read: page, form XObject, pattern, annotation.
    struct Context {
        mutable QPDFObjectHandle resources;  // QPDF 11's accessors are not const
        std::string where;  // "" for page content, else " (form XObject /X1)"
        bool geometry = true;
        int depth = 0;
    };

    void add(Check check, int page, const std::string& message)
    {
        if (seen_findings_.insert({check, page, message}).second) findings_.push_back({check, page, message});
    }

    // --- the document -----------------------------------------------------

    void document()
    {
        bool intent = false;
        auto intents = pdf_.getRoot().getKey("/OutputIntents");
        if (intents.isArray())
            for (auto item : intents.aitems())
                if (item.isDictionary() && item.getKey("/S").isNameAndEquals("/GTS_PDFX")) {
                    intent = true;
                    if (!item.getKey("/OutputConditionIdentifier").isString())
                        add(Check::output_intent, 0, "the GTS_PDFX OutputIntent has no /OutputConditionIdentifier");
                }
        if (!intent) add(Check::output_intent, 0, "no OutputIntent with /S /GTS_PDFX");
        auto info = pdf_.getTrailer().getKey("/Info");
        if (!info.isDictionary() || !info.getKey("/GTS_PDFXVersion").isString())
            add(Check::pdfx_keys, 0, "Info has no /GTS_PDFXVersion");
        auto trapped = info.isDictionary() ? info.getKey("/Trapped") : QPDFObjectHandle::newNull();
        if (!trapped.isNameAndEquals("/True") && !trapped.isNameAndEquals("/False"))
            add(Check::pdfx_keys, 0, "Info /Trapped is not /True or /False");
        if (!pdf_.getTrailer().getKey("/ID").isArray()) add(Check::pdfx_keys, 0, "the trailer has no /ID");
    }

    // --- a page -------------------------------------------------------------

    void page(QPDFPageObjectHelper page, int number)
    {
        page_ = number;
        auto object = page.getObjectHandle();
        const auto media = rect_of(page.getMediaBox());
        const auto trim = rect_of(object.getKey("/TrimBox"));
        const auto bleed = rect_of(object.getKey("/BleedBox"));
        if (print_) boxes(media, trim, bleed);
        trim_ = trim;
        bleed_ = bleed ? bleed : media;
        zone_ = safe_zone_of(object);
        if (print_) {
            auto group = object.getKey("/Group");
            if (group.isDictionary() && group.getKey("/S").isNameAndEquals("/Transparency"))
                add(Check::transparency, page_, "the page has a transparency group");
        }

        auto resources = page.getAttribute("/Resources", false);
        this->resources(resources, "");
        Context context{resources, "", true, 0};
        GraphicsState state;
        content(page, context, state);

        auto annotations = object.getKey("/Annots");
        if (annotations.isArray())
            for (auto annotation : annotations.aitems()) this->annotation(annotation);
    }

    void boxes(const std::optional<Rect>& media, const std::optional<Rect>& trim, const std::optional<Rect>& bleed)
    {
        if (!trim) add(Check::boxes, page_, "no TrimBox");
        if (!bleed) add(Check::boxes, page_, "no BleedBox");
        if (trim && bleed && !bleed->contains(*trim))
            add(Check::boxes, page_, fmt::format("BleedBox {} does not contain TrimBox {}", describe(*bleed), describe(*trim)));
        if (bleed && media && !media->contains(*bleed))
            add(Check::boxes, page_, fmt::format("MediaBox {} does not contain BleedBox {}", describe(*media), describe(*bleed)));
        if (!bleed && trim && media && !media->contains(*trim))
            add(Check::boxes, page_, fmt::format("MediaBox {} does not contain TrimBox {}", describe(*media), describe(*trim)));
    }

    void annotation(QPDFObjectHandle annotation)
    {
        if (!annotation.isDictionary()) return;
        auto streams = annotation.getKey("/AP");
        if (!streams.isDictionary()) return;
        for (auto [key, appearance] : streams.ditems()) {
            std::vector<QPDFObjectHandle> forms;
            if (appearance.isStream()) forms.push_back(appearance);
            if (appearance.isDictionary())
                for (auto [state, stream] : appearance.ditems())
                    if (stream.isStream()) forms.push_back(stream);
            for (auto& form : forms) {
                const std::string where = " (annotation appearance " + key + ")";
                auto resources = form.getDict().getKey("/Resources");
                this->resources(resources, where);
                // Appearances sit in the annotation's rectangle, not on the
                // page's text: only their fonts and colours are checked.
                Context context{resources, where, false, 1};
                GraphicsState state;
                QPDFPageObjectHelper helper(form);
                content(helper, context, state);
            }
        }
    }

    // --- resources, statically ----------------------------------------------

    void resources(QPDFObjectHandle resources, const std::string& where)
    {
        if (!resources.isDictionary()) return;
        auto fonts = resources.getKey("/Font");
        if (fonts.isDictionary())
            for (auto [name, font] : fonts.ditems()) this->font(name, font);
        if (!print_) return;
        auto states = resources.getKey("/ExtGState");
        if (states.isDictionary())
            for (auto [name, state] : states.ditems()) graphics_state(name, state, where);
        auto spaces = resources.getKey("/ColorSpace");
        if (spaces.isDictionary())
            for (auto [name, space] : spaces.ditems())
                if (pdf::is_rgb_space(space)) add(Check::rgb_colour, page_, fmt::format("colour space {} is RGB{}", name, where));
        auto shadings = resources.getKey("/Shading");
        if (shadings.isDictionary())
            for (auto [name, shading] : shadings.ditems()) this->shading(name, shading, where);
        auto patterns = resources.getKey("/Pattern");
        if (patterns.isDictionary())
            for (auto [name, pattern] : patterns.ditems())
                if (!pattern.isStream() && pattern.isDictionary())
                    shading(name, pattern.getKey("/Shading"), where);
        auto xobjects = resources.getKey("/XObject");
        if (xobjects.isDictionary())
            for (auto [name, xobject] : xobjects.ditems()) {
                if (!xobject.isStream()) continue;
                auto dictionary = xobject.getDict();
                if (!dictionary.getKey("/Subtype").isNameAndEquals("/Image")) continue;
                if (pdf::is_rgb_space(dictionary.getKey("/ColorSpace")))
                    add(Check::rgb_colour, page_, fmt::format("image {} is RGB{}", name, where));
                if (dictionary.hasKey("/SMask") || dictionary.hasKey("/SMaskInData"))
                    add(Check::transparency, page_, fmt::format("image {} has a soft mask{}", name, where));
            }
    }

    void font(const std::string& name, QPDFObjectHandle font)
    {
        if (!font.isDictionary() || (font.isIndirect() && !fonts_seen_.insert(font.getObjGen()).second)) return;
        auto subtype = font.getKey("/Subtype");
        if (subtype.isNameAndEquals("/Type3")) return;  // its glyphs are content streams of the file
        auto descriptor = font.getKey("/FontDescriptor");
        if (subtype.isNameAndEquals("/Type0")) {
            auto descendants = font.getKey("/DescendantFonts");
            if (descendants.isArray() && descendants.getArrayNItems() > 0)
                descriptor = descendants.getArrayItem(0).getKey("/FontDescriptor");
        }
        const std::string base = font_name(font);
        const bool embedded = descriptor.isDictionary()
            && (descriptor.getKey("/FontFile").isStream() || descriptor.getKey("/FontFile2").isStream()
                || descriptor.getKey("/FontFile3").isStream());
        if (!embedded)
            add(Check::font_not_embedded, page_, fmt::format("font {} ({}) is not embedded", name, base));
        else if (!is_subset_name(base))
            add(Check::font_not_subset, page_, fmt::format("font {} ({}) is embedded whole, not as a subset", name, base));
    }

    void graphics_state(const std::string& name, QPDFObjectHandle state, const std::string& where)
    {
        if (!state.isDictionary()) return;
        auto mask = state.getKey("/SMask");
        if (!mask.isNull() && !mask.isNameAndEquals("/None"))
            add(Check::transparency, page_, fmt::format("graphics state {} has a soft mask{}", name, where));
        for (const char* key : {"/CA", "/ca"}) {
            auto alpha = state.getKey(key);
            if (alpha.isNumber() && alpha.getNumericValue() < 1)
                add(Check::transparency, page_,
                    fmt::format("graphics state {} has {} {}{}", name, key, pdf::short_number(alpha.getNumericValue()), where));
        }
        auto blend = state.getKey("/BM");
        if (blend.isName() && !blend.isNameAndEquals("/Normal") && !blend.isNameAndEquals("/Compatible"))
            add(Check::transparency, page_, fmt::format("graphics state {} has blend mode {}{}", name, blend.getName(), where));
    }

    void shading(const std::string& name, QPDFObjectHandle shading, const std::string& where)
    {
        auto dictionary = shading.isStream() ? shading.getDict() : shading;
        if (dictionary.isDictionary() && pdf::is_rgb_space(dictionary.getKey("/ColorSpace")))
            add(Check::rgb_colour, page_, fmt::format("shading {} is RGB{}", name, where));
    }

    // --- content streams ------------------------------------------------------

    class Operators final : public QPDFObjectHandle::ParserCallbacks {
    public:
        std::vector<std::pair<std::string, std::vector<QPDFObjectHandle>>> all;
        void handleObject(QPDFObjectHandle object) override
        {
            if (object.isOperator()) {
                all.emplace_back(object.getOperatorValue(), std::move(operands_));
                operands_.clear();
            } else {
                operands_.push_back(object);
            }
        }
        void handleEOF() override {}

    private:
        std::vector<QPDFObjectHandle> operands_;
    };

    std::shared_ptr<const FontMetrics> metrics(QPDFObjectHandle font)
    {
        if (!font.isIndirect()) return std::make_shared<FontMetrics>(metrics_of(font));
        auto& cached = metrics_[font.getObjGen()];
        if (!cached) cached = std::make_shared<FontMetrics>(metrics_of(font));
        return cached;
    }

    static std::vector<double> numbers(const std::vector<QPDFObjectHandle>& operands)
    {
        std::vector<double> result;
        for (auto operand : operands)
            if (operand.isNumber()) result.push_back(operand.getNumericValue());
        return result;
    }

    static std::string unparse(const std::vector<QPDFObjectHandle>& operands, const std::string& op)
    {
        std::string text;
        for (auto operand : operands)
            text += (operand.isNumber() ? pdf::short_number(operand.getNumericValue()) : operand.unparse()) + " ";
        return text + op;
    }

    QPDFObjectHandle resolve_space(QPDFObjectHandle name, const Context& context)
    {
        if (!name.isName()) return name;
        const std::string value = name.getName();
        if (value == "/DeviceRGB" || value == "/DeviceCMYK" || value == "/DeviceGray" || value == "/Pattern")
            return name;
        auto spaces = context.resources.isDictionary() ? context.resources.getKey("/ColorSpace")
                                                       : QPDFObjectHandle::newNull();
        return spaces.isDictionary() && spaces.hasKey(value) ? spaces.getKey(value) : name;
    }

    void set_fill(GraphicsState& state, std::vector<double> ink, std::string text)
    {
        state.fill_cmyk = std::move(ink);
        state.fill_text = std::move(text);
    }

    // Total ink of the fill colour, checked where it paints inside the bleed.
    void fill_painted(const GraphicsState& state, const std::optional<Rect>& area, const Context& context)
    {
        if (!print_ || !context.geometry) return;
        if (area && bleed_ && !area->intersects(*bleed_)) return;
        double ink = 0;
        for (double value : state.fill_cmyk) ink += value;
        if (ink > maximum_ink + 1e-6)
            add(Check::total_ink, page_,
                fmt::format("fill colour {} has {:.0f} % ink (maximum {:.0f} %){}", state.fill_text, ink * 100,
                            maximum_ink * 100, context.where));
    }

    void show_text(const std::vector<QPDFObjectHandle>& items, GraphicsState& state, Matrix& text_matrix,
                   const Context& context)
    {
        const TextState& text = state.text;
        if (!text.metrics) return;
        const FontMetrics& metrics = *text.metrics;
        double advance = 0;
        bool any = false;
        for (auto item : items) {
            if (item.isNumber()) {
                advance -= item.getNumericValue() / 1000 * text.size * text.scale;
                continue;
            }
            if (!item.isString()) continue;
            const std::string bytes = item.getStringValue();
            const std::size_t step = metrics.two_byte ? 2 : 1;
            for (std::size_t i = 0; i + step <= bytes.size(); i += step) {
                int code = static_cast<unsigned char>(bytes[i]);
                if (step == 2) code = code * 256 + static_cast<unsigned char>(bytes[i + 1]);
                const auto found = metrics.widths.find(code);
                const double width = (found == metrics.widths.end() ? metrics.default_width : found->second) * metrics.scale;
                const double spacing = text.char_spacing + (step == 1 && code == 32 ? text.word_spacing : 0);
                advance += (width * text.size + spacing) * text.scale;
                any = true;
            }
        }
        if (any && context.geometry) {
            const Matrix rendering = text_matrix.times(state.ctm);
            const Rect run{std::min(0.0, advance), metrics.descent / 1000 * text.size + text.rise,
                           std::max(0.0, advance), metrics.ascent / 1000 * text.size + text.rise};
            const Rect area = transform(run, rendering);
            // The em's height in user space.
            const double size = text.size * std::hypot(rendering.c, rendering.d);
            if (text.render != 3 && text.render != 7) {
                text_checks(area, size, context);
                if (text.render == 0 || text.render == 2 || text.render == 4 || text.render == 6)
                    fill_painted(state, area, context);
            }
        }
        text_matrix = Matrix{1, 0, 0, 1, advance, 0}.times(text_matrix);
    }

    std::string position(const Rect& area) const
    {
        const double left = trim_ ? trim_->left : 0, bottom = trim_ ? trim_->bottom : 0;
        return fmt::format("text at x {:.1f}..{:.1f} mm, y {:.1f}..{:.1f} mm", (area.left - left) / points_per_mm,
                           (area.right - left) / points_per_mm, (area.bottom - bottom) / points_per_mm,
                           (area.top - bottom) / points_per_mm);
    }

    void text_checks(const Rect& area, double size, const Context& context)
    {
        if (size < minimum_text_size - 1e-3)
            add(Check::text_size, page_,
                fmt::format("{} is {} pt (minimum {:.0f} pt){}", position(area), pdf::short_number(size),
                            minimum_text_size, context.where));
        if (!print_ || !trim_ || !area.intersects(*trim_)) return;  // slug and marks lie outside the trim
        const Rect& trim = *trim_;
        const double zone = zone_.width;
        std::vector<std::pair<double, std::string>> near;
        near.emplace_back(area.left - trim.left, "the left trim edge");
        near.emplace_back(trim.right - area.right, "the right trim edge");
        near.emplace_back(area.bottom - trim.bottom, "the bottom trim edge");
        near.emplace_back(trim.top - area.top, "the top trim edge");
        for (double fold : zone_.folds) {
            const double distance = area.left >= fold ? area.left - fold : area.right <= fold ? fold - area.right : 0;
            near.emplace_back(distance, fmt::format("the fold at {:.1f} mm", (fold - trim.left) / points_per_mm));
        }
        const auto closest = std::min_element(near.begin(), near.end(),
                                              [](const auto& x, const auto& y) { return x.first < y.first; });
        if (closest->first < zone - slack)
            add(Check::safe_zone, page_,
                fmt::format("{} is {:.1f} mm from {} (safe zone {:.1f} mm){}", position(area),
                            std::max(0.0, closest->first) / points_per_mm, closest->second, zone / points_per_mm,
                            context.where));
    }

    void colour_operator(const std::string& op, const std::vector<QPDFObjectHandle>& operands, GraphicsState& state,
                         const Context& context)
    {
        const bool fill = op == "rg" || op == "k" || op == "g" || op == "cs" || op == "sc" || op == "scn";
        if (op == "rg" || op == "RG") {
            if (print_) add(Check::rgb_colour, page_, fmt::format("RGB colour {}{}", unparse(operands, op), context.where));
            if (fill) {
                // Ink as a naive CMYK conversion: only to rank, the file is already wrong.
                const auto v = numbers(operands);
                if (v.size() == 3) set_fill(state, {1 - v[0], 1 - v[1], 1 - v[2], 0}, unparse(operands, op));
                state.fill_space = QPDFObjectHandle::newName("/DeviceRGB");
            } else {
                state.stroke_space = QPDFObjectHandle::newName("/DeviceRGB");
            }
        } else if (op == "k" || op == "K") {
            const auto v = numbers(operands);
            if (fill) {
                if (v.size() == 4) set_fill(state, v, unparse(operands, op));
                state.fill_space = QPDFObjectHandle::newName("/DeviceCMYK");
            } else {
                state.stroke_space = QPDFObjectHandle::newName("/DeviceCMYK");
            }
        } else if (op == "g" || op == "G") {
            const auto v = numbers(operands);
            if (fill) {
                if (v.size() == 1) set_fill(state, {0, 0, 0, 1 - v[0]}, unparse(operands, op));
                state.fill_space = QPDFObjectHandle::newName("/DeviceGray");
            } else {
                state.stroke_space = QPDFObjectHandle::newName("/DeviceGray");
            }
        } else if (op == "cs" || op == "CS") {
            if (operands.empty()) return;
            auto space = resolve_space(operands.back(), context);
            if (print_ && pdf::is_rgb_space(space))
                add(Check::rgb_colour, page_, fmt::format("RGB colour space {} {}{}", QPDFObjectHandle(operands.back()).unparse(), op, context.where));
            (fill ? state.fill_space : state.stroke_space) = space;
            if (fill) {
                if (is_cmyk_space(space)) set_fill(state, {0, 0, 0, 1}, unparse(operands, op));
                else set_fill(state, {0, 0, 0, 0}, unparse(operands, op));
            }
        } else if (op == "sc" || op == "scn") {
            const auto v = numbers(operands);
            if (is_cmyk_space(state.fill_space) && v.size() == 4)
                set_fill(state, v, unparse(operands, op));
            else if (pdf::is_rgb_space(state.fill_space) && v.size() == 3)
                set_fill(state, {1 - v[0], 1 - v[1], 1 - v[2], 0}, unparse(operands, op));
        }
    }

    void content(QPDFPageObjectHelper stream, const Context& context, GraphicsState& state)
    {
        Operators operators;
        stream.parseContents(&operators);
        std::vector<GraphicsState> saved;
        Matrix text_matrix, line_matrix;
        std::optional<Rect> path;
        auto add_point = [&](double x, double y) {
            const auto [u, v] = state.ctm.apply(x, y);
            if (!path) path = Rect{u, v, u, v};
            path->left = std::min(path->left, u);
            path->right = std::max(path->right, u);
            path->bottom = std::min(path->bottom, v);
            path->top = std::max(path->top, v);
        };
        auto next_line = [&](double tx, double ty) {
            line_matrix = Matrix{1, 0, 0, 1, tx, ty}.times(line_matrix);
            text_matrix = line_matrix;
        };
        for (auto& [op, operands] : operators.all) {
            const auto v = numbers(operands);
            if (op == "q") {
                saved.push_back(state);
            } else if (op == "Q") {
                if (!saved.empty()) {
                    state = saved.back();
                    saved.pop_back();
                }
            } else if (op == "cm" && v.size() == 6) {
                state.ctm = Matrix{v[0], v[1], v[2], v[3], v[4], v[5]}.times(state.ctm);
            } else if (op == "BT") {
                text_matrix = line_matrix = Matrix{};
            } else if (op == "Tf" && operands.size() == 2 && operands[0].isName() && operands[1].isNumber()) {
                auto fonts = context.resources.isDictionary() ? context.resources.getKey("/Font")
                                                              : QPDFObjectHandle::newNull();
                state.text.font = fonts.isDictionary() ? fonts.getKey(operands[0].getName()) : QPDFObjectHandle::newNull();
                state.text.metrics = metrics(state.text.font);
                state.text.size = operands[1].getNumericValue();
            } else if (op == "Tc" && v.size() == 1) {
                state.text.char_spacing = v[0];
            } else if (op == "Tw" && v.size() == 1) {
                state.text.word_spacing = v[0];
            } else if (op == "Tz" && v.size() == 1) {
                state.text.scale = v[0] / 100;
            } else if (op == "TL" && v.size() == 1) {
                state.text.leading = v[0];
            } else if (op == "Ts" && v.size() == 1) {
                state.text.rise = v[0];
            } else if (op == "Tr" && v.size() == 1) {
                state.text.render = static_cast<int>(v[0]);
            } else if (op == "Tm" && v.size() == 6) {
                text_matrix = line_matrix = Matrix{v[0], v[1], v[2], v[3], v[4], v[5]};
            } else if (op == "Td" && v.size() == 2) {
                next_line(v[0], v[1]);
            } else if (op == "TD" && v.size() == 2) {
                state.text.leading = -v[1];
                next_line(v[0], v[1]);
            } else if (op == "T*") {
                next_line(0, -state.text.leading);
            } else if (op == "Tj" && operands.size() == 1) {
                show_text(operands, state, text_matrix, context);
            } else if (op == "TJ" && operands.size() == 1 && operands[0].isArray()) {
                show_text(operands[0].getArrayAsVector(), state, text_matrix, context);
            } else if (op == "'" && operands.size() == 1) {
                next_line(0, -state.text.leading);
                show_text(operands, state, text_matrix, context);
            } else if (op == "\"" && operands.size() == 3) {
                state.text.word_spacing = operands[0].isNumber() ? operands[0].getNumericValue() : 0;
                state.text.char_spacing = operands[1].isNumber() ? operands[1].getNumericValue() : 0;
                next_line(0, -state.text.leading);
                show_text({operands[2]}, state, text_matrix, context);
            } else if ((op == "m" || op == "l") && v.size() == 2) {
                add_point(v[0], v[1]);
            } else if (op == "c" && v.size() == 6) {
                add_point(v[0], v[1]);
                add_point(v[2], v[3]);
                add_point(v[4], v[5]);
            } else if ((op == "v" || op == "y") && v.size() == 4) {
                add_point(v[0], v[1]);
                add_point(v[2], v[3]);
            } else if (op == "re" && v.size() == 4) {
                add_point(v[0], v[1]);
                add_point(v[0] + v[2], v[1] + v[3]);
                add_point(v[0] + v[2], v[1]);
                add_point(v[0], v[1] + v[3]);
            } else if (op == "f" || op == "F" || op == "f*" || op == "B" || op == "B*" || op == "b" || op == "b*") {
                if (path) fill_painted(state, path, context);
                path.reset();
            } else if (op == "S" || op == "s" || op == "n") {
                path.reset();
            } else if (op == "sh") {
                fill_painted(state, std::nullopt, context);
            } else if (op == "ID") {
                inline_image(operands, context);
            } else if (op == "Do" && operands.size() == 1 && operands[0].isName()) {
                xobject(operands[0].getName(), state, context);
            } else {
                colour_operator(op, operands, state, context);
            }
        }
    }

    void inline_image(const std::vector<QPDFObjectHandle>& operands, const Context& context)
    {
        if (!print_) return;
        for (std::size_t i = 0; i + 1 < operands.size(); ++i) {
            QPDFObjectHandle key = operands[i];
            if (!key.isNameAndEquals("/CS") && !key.isNameAndEquals("/ColorSpace")) continue;
            if (pdf::is_rgb_space(resolve_space(operands[i + 1], context)))
                add(Check::rgb_colour, page_, fmt::format("inline image is RGB{}", context.where));
        }
    }

    void xobject(const std::string& name, GraphicsState& state, const Context& context)
    {
        auto xobjects = context.resources.isDictionary() ? context.resources.getKey("/XObject")
                                                         : QPDFObjectHandle::newNull();
        auto form = xobjects.isDictionary() ? xobjects.getKey(name) : QPDFObjectHandle::newNull();
        if (!form.isStream() || !form.getDict().getKey("/Subtype").isNameAndEquals("/Form")) return;
        if (context.depth > 16) return;  // a cycle, or nothing a press would run
        auto dictionary = form.getDict();
        const std::string where = " (form XObject " + name + ")";
        auto resources = dictionary.getKey("/Resources");
        if (!resources.isDictionary()) resources = context.resources;
        if (print_) {
            auto group = dictionary.getKey("/Group");
            if (group.isDictionary() && group.getKey("/S").isNameAndEquals("/Transparency"))
                add(Check::transparency, page_, "form XObject " + name + " is a transparency group");
        }
        this->resources(resources, where);
        GraphicsState inner = state;
        if (auto matrix = matrix_of(dictionary.getKey("/Matrix"))) inner.ctm = matrix->times(state.ctm);
        Context nested{resources, where, context.geometry, context.depth + 1};
        QPDFPageObjectHelper helper(form);
        content(helper, nested, inner);
    }

    QPDF& pdf_;
    bool print_;
    int page_ = 0;
    std::optional<Rect> trim_, bleed_;
    SafeZone zone_;
    std::vector<Finding> findings_;
    std::set<std::tuple<Check, int, std::string>> seen_findings_;
    std::set<QPDFObjGen> fonts_seen_;
    std::map<QPDFObjGen, std::shared_ptr<const FontMetrics>> metrics_;
};

}  // namespace

Report preflight_bytes(std::string_view pdf_bytes, const std::string& name, Kind kind)
{
    Report report;
    report.file = name;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile(name.c_str(), pdf_bytes.data(), pdf_bytes.size());
        report.findings = Checker(pdf, kind).run();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& exception) {
        fail_io(name, fmt::format("cannot read the PDF: {}", exception.what()));
    }
    std::stable_sort(report.findings.begin(), report.findings.end(),
                     [](const Finding& a, const Finding& b) { return a.page < b.page; });
    return report;
}

Report preflight(const std::string& pdf_path, Kind kind)
{
    std::ifstream stream(pdf_path, std::ios::binary);
    if (!stream) fail_io(pdf_path, "cannot open the file");
    const std::string bytes{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    if (stream.bad()) fail_io(pdf_path, "cannot read the file");
    return preflight_bytes(bytes, pdf_path, kind);
}

}  // namespace leaflet::preflight
