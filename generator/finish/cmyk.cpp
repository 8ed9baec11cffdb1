#include "cmyk.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>

#include "diag/diag.hpp"
#include "pdf/pdf.hpp"

namespace leaflet::finish {

namespace {

using Rgb = std::array<int, 3>;

class Palette {
public:
    explicit Palette(const std::vector<resolve::Colour>& colours)
    {
        for (const resolve::Colour& colour : colours) {
            const Rgb rgb{colour.rgb[0], colour.rgb[1], colour.rgb[2]};
            const auto [at, inserted] = by_rgb_.emplace(rgb, colour);
            const resolve::Colour& other = at->second;
            if (!inserted
                && (other.cyan != colour.cyan || other.magenta != colour.magenta
                    || other.yellow != colour.yellow || other.black != colour.black))
                fail_io("", fmt::format("swatches '{}' and '{}' share the RGB {} {} {}", other.name,
                                        colour.name, rgb[0], rgb[1], rgb[2]));
        }
    }

    const resolve::Colour* find(const Rgb& rgb) const
    {
        const auto found = by_rgb_.find(rgb);
        return found == by_rgb_.end() ? nullptr : &found->second;
    }

private:
    std::map<Rgb, resolve::Colour> by_rgb_;
};

std::optional<double> numeric(const QPDFTokenizer::Token& token)
{
    if (token.getType() != QPDFTokenizer::tt_integer && token.getType() != QPDFTokenizer::tt_real)
        return std::nullopt;
    const std::string& text = token.getValue();
    double value = 0;
    // from_chars: the locale must not decide what a content stream means.
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Rewrites `r g b rg|RG`, and `r g b sc|scn|SC|SCN` after `/DeviceRGB cs|CS`,
// into the swatch's `c m y k k|K`. Never throws: QPDF runs filters inside
// its pipelines, which turn exceptions into warnings, so the first error
// is kept and raised by the caller.
class CmykFilter final : public QPDFObjectHandle::TokenFilter {
public:
    CmykFilter(const Palette& palette, std::string where, QPDFObjectHandle resources)
        : palette_(palette), where_(std::move(where)), resources_(std::move(resources))
    {
    }

    const std::string& error() const { return error_; }

    void handleToken(const QPDFTokenizer::Token& token) override
    {
        if (token.getType() == QPDFTokenizer::tt_word) {
            handle_operator(token);
        } else if (token.getType() == QPDFTokenizer::tt_eof) {
            flush();
        } else {
            operands_.push_back(token);
        }
    }

private:
    struct Spaces {
        bool fill_rgb = false, stroke_rgb = false;
    };

    void flush()
    {
        for (const auto& token : operands_) writeToken(token);
        operands_.clear();
    }

    void set_error(std::string message)
    {
        if (error_.empty()) error_ = where_ + ": " + message;
    }

    std::vector<double> numbers() const
    {
        std::vector<double> result;
        for (const auto& token : operands_) {
            if (token.getType() == QPDFTokenizer::tt_space || token.getType() == QPDFTokenizer::tt_comment)
                continue;
            const auto value = numeric(token);
            if (!value) return {};
            result.push_back(*value);
        }
        return result;
    }

    // Writes the leading white space of the operands, then `text`.
    void replace_operands(const std::string& text)
    {
        for (const auto& token : operands_) {
            if (token.getType() != QPDFTokenizer::tt_space) break;
            writeToken(token);
        }
        operands_.clear();
        write(text);
    }

    void rgb_to_cmyk(const std::string& operator_name, const std::string& cmyk_operator)
    {
        const auto values = numbers();
        if (values.size() != 3) {
            set_error(fmt::format("'{}' without three numbers", operator_name));
            flush();
            write(operator_name);
            return;
        }
        std::string raw;
        for (const auto& token : operands_)
            if (token.getType() != QPDFTokenizer::tt_space) raw += token.getRawValue() + " ";
        Rgb rgb{};
        for (int i = 0; i < 3; ++i) rgb[i] = static_cast<int>(std::lround(values[i] * 255));
        const resolve::Colour* swatch = palette_.find(rgb);
        if (!swatch) {
            set_error(fmt::format("RGB colour {}{} (8-bit {} {} {}) is no swatch of the style sheet", raw,
                                  operator_name, rgb[0], rgb[1], rgb[2]));
            flush();
            write(operator_name);
            return;
        }
        replace_operands(fmt::format("{} {} {} {} {}", pdf::short_number(swatch->cyan),
                                     pdf::short_number(swatch->magenta), pdf::short_number(swatch->yellow),
                                     pdf::short_number(swatch->black), cmyk_operator));
    }

    void set_space(const std::string& operator_name, bool stroke)
    {
        std::string name;
        for (const auto& token : operands_)
            if (token.getType() == QPDFTokenizer::tt_name) name = token.getValue();
        bool rgb = name == "/DeviceRGB";
        if (!rgb && name != "/DeviceCMYK" && name != "/DeviceGray" && name != "/Pattern") {
            auto spaces = resources_.isDictionary() ? resources_.getKey("/ColorSpace") : QPDFObjectHandle::newNull();
            if (spaces.isDictionary() && pdf::is_rgb_space(spaces.getKey(name)))
                set_error(fmt::format("colour space {} is RGB ({} {})", name, name, operator_name));
        }
        (stroke ? state_.stroke_rgb : state_.fill_rgb) = rgb;
        if (rgb) {
            replace_operands("/DeviceCMYK " + operator_name);
        } else {
            flush();
            write(operator_name);
        }
    }

    void handle_operator(const QPDFTokenizer::Token& token)
    {
        const std::string operator_name = token.getValue();
        if (operator_name == "rg" || operator_name == "RG") {
            rgb_to_cmyk(operator_name, operator_name == "rg" ? "k" : "K");
        } else if ((operator_name == "sc" || operator_name == "scn") && state_.fill_rgb) {
            rgb_to_cmyk(operator_name, operator_name);
        } else if ((operator_name == "SC" || operator_name == "SCN") && state_.stroke_rgb) {
            rgb_to_cmyk(operator_name, operator_name);
        } else if (operator_name == "cs" || operator_name == "CS") {
            set_space(operator_name, operator_name == "CS");
        } else {
            if (operator_name == "q") saved_.push_back(state_);
            if (operator_name == "Q" && !saved_.empty()) {
                state_ = saved_.back();
                saved_.pop_back();
            }
            if (operator_name == "ID") check_inline_image();
            flush();
            writeToken(token);
        }
    }

    void check_inline_image()
    {
        bool space_key = false;
        for (const auto& token : operands_) {
            if (token.getType() != QPDFTokenizer::tt_name) continue;
            const std::string& name = token.getValue();
            if (space_key && (name == "/RGB" || name == "/DeviceRGB" || name == "/CalRGB"))
                set_error("an inline image is RGB");
            space_key = name == "/CS" || name == "/ColorSpace";
        }
    }

    const Palette& palette_;
    std::string where_;
    QPDFObjectHandle resources_;
    std::vector<QPDFTokenizer::Token> operands_;
    Spaces state_;
    std::vector<Spaces> saved_;
    std::string error_;
};

// Walks everything that can carry colour: the page content and, through the
// resources, form XObjects, tiling patterns, images, shadings, colour spaces
// and graphics states; then annotation appearances.
class CmykRewrite {
public:
    explicit CmykRewrite(const Palette& palette) : palette_(palette) {}

    void page(QPDFPageObjectHelper page, int number)
    {
        const std::string where = fmt::format("page {}", number);
        auto object = page.getObjectHandle();
        auto resources = page.getAttribute("/Resources", false);
        CmykFilter filter(palette_, where, resources);
        std::string content;
        Pl_String sink("page content", nullptr, content);
        page.filterContents(&filter, &sink);
        if (!filter.error().empty()) fail_io("", filter.error());
        object.replaceKey("/Contents", QPDFObjectHandle::newStream(object.getOwningQPDF(), content));
        this->resources(resources, where);
        auto annotations = object.getKey("/Annots");
        if (annotations.isArray())
            for (auto annotation : annotations.aitems()) appearances(annotation, where);
    }

private:
    void form(QPDFObjectHandle stream, const std::string& where)
    {
        if (!seen_.insert(stream.getObjGen()).second) return;
        auto resources = stream.getDict().getKey("/Resources");
        CmykFilter filter(palette_, where, resources);
        std::string content;
        Pl_String sink("form content", nullptr, content);
        QPDFPageObjectHelper(stream).filterContents(&filter, &sink);
        if (!filter.error().empty()) fail_io("", filter.error());
        stream.replaceStreamData(content, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
        // A form's transparency group is transparency all the same.
        stream.getDict().removeKey("/Group");
        this->resources(resources, where);
    }

    void shading(QPDFObjectHandle object, const std::string& where)
    {
        auto dictionary = object.isStream() ? object.getDict() : object;
        if (dictionary.isDictionary() && pdf::is_rgb_space(dictionary.getKey("/ColorSpace")))
            fail_io("", fmt::format("{} is RGB", where));
    }

    void resources(QPDFObjectHandle resources, const std::string& where)
    {
        if (!resources.isDictionary()) return;
        auto states = resources.getKey("/ExtGState");
        if (states.isDictionary())
            for (auto [name, state] : states.ditems()) graphics_state(state, where + ", graphics state " + name);
        auto spaces = resources.getKey("/ColorSpace");
        if (spaces.isDictionary())
            for (auto [name, space] : spaces.ditems())
                if (pdf::is_rgb_space(space))
                    fail_io("", fmt::format("{}: colour space {} is RGB", where, name));
        auto shadings = resources.getKey("/Shading");
        if (shadings.isDictionary())
            for (auto [name, object] : shadings.ditems()) shading(object, where + ", shading " + name);
        auto patterns = resources.getKey("/Pattern");
        if (patterns.isDictionary())
            for (auto [name, pattern] : patterns.ditems()) {
                auto dictionary = pattern.isStream() ? pattern.getDict() : pattern;
                if (pattern.isStream())
                    form(pattern, where + ", pattern " + name);
                else if (dictionary.isDictionary())
                    shading(dictionary.getKey("/Shading"), where + ", pattern " + name);
            }
        auto xobjects = resources.getKey("/XObject");
        if (xobjects.isDictionary())
            for (auto [name, xobject] : xobjects.ditems()) {
                if (!xobject.isStream()) continue;
                auto dictionary = xobject.getDict();
                auto subtype = dictionary.getKey("/Subtype");
                if (subtype.isNameAndEquals("/Form")) {
                    form(xobject, where + ", form XObject " + name);
                } else if (subtype.isNameAndEquals("/Image")) {
                    // An image's DeviceRGB (or DeviceGray) samples are
                    // images.cpp's to convert; any other RGB space is not.
                    auto space = dictionary.getKey("/ColorSpace");
                    if (pdf::is_rgb_space(space) && !space.isNameAndEquals("/DeviceRGB"))
                        fail_io("", fmt::format("{}: image {} is RGB", where, name));
                    if (dictionary.hasKey("/SMask") || dictionary.hasKey("/SMaskInData"))
                        fail_io("", fmt::format("{}: image {} has a soft mask (transparency)", where, name));
                }
            }
    }

    // PDF/X-1a allows no transparency; the keys Cairo writes for an opaque
    // state (CA 1, ca 1) are PDF 1.4 keys that a PDF 1.3 file must not need.
    void graphics_state(QPDFObjectHandle state, const std::string& where)
    {
        if (!state.isDictionary()) return;
        auto mask = state.getKey("/SMask");
        if (!mask.isNull() && !mask.isNameAndEquals("/None"))
            fail_io("", fmt::format("{} has a soft mask (transparency)", where));
        for (const char* key : {"/CA", "/ca"}) {
            auto alpha = state.getKey(key);
            if (alpha.isNull()) continue;
            if (!alpha.isNumber() || alpha.getNumericValue() < 1)
                fail_io("", fmt::format("{} has {} {} (transparency)", where, key, alpha.unparse()));
            state.removeKey(key);
        }
        auto blend = state.getKey("/BM");
        if (!blend.isNull()) {
            if (!blend.isNameAndEquals("/Normal") && !blend.isNameAndEquals("/Compatible"))
                fail_io("", fmt::format("{} has blend mode {} (transparency)", where, blend.unparse()));
            state.removeKey("/BM");
        }
        state.removeKey("/SMask");
        state.removeKey("/AIS");
    }

    void appearances(QPDFObjectHandle annotation, const std::string& where)
    {
        if (!annotation.isDictionary()) return;
        auto streams = annotation.getKey("/AP");
        if (!streams.isDictionary()) return;
        for (auto [key, appearance] : streams.ditems()) {
            const std::string label = where + ", annotation appearance " + key;
            if (appearance.isStream()) {
                form(appearance, label);
            } else if (appearance.isDictionary()) {
                for (auto [state, stream] : appearance.ditems())
                    if (stream.isStream()) form(stream, label + " " + state);
            }
        }
    }

    const Palette& palette_;
    std::set<QPDFObjGen> seen_;
};

}  // namespace

void rewrite_colours(QPDF& pdf, const std::vector<resolve::Colour>& swatches)
{
    const Palette palette(swatches);
    CmykRewrite rewrite(palette);
    int number = 0;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) rewrite.page(page, ++number);
}

}  // namespace leaflet::finish
