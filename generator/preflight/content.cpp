#include "content.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "pdf/pdf.hpp"

namespace leaflet::preflight {

namespace {

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

std::vector<double> numbers(const std::vector<QPDFObjectHandle>& operands)
{
    std::vector<double> result;
    for (auto operand : operands)
        if (operand.isNumber()) result.push_back(operand.getNumericValue());
    return result;
}

std::string written(const std::vector<QPDFObjectHandle>& operands, const std::string& op)
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
    if (value == "/DeviceRGB" || value == "/DeviceCMYK" || value == "/DeviceGray" || value == "/Pattern") return name;
    auto spaces = context.resources.isDictionary() ? context.resources.getKey("/ColorSpace")
                                                   : QPDFObjectHandle::newNull();
    return spaces.isDictionary() && spaces.hasKey(value) ? spaces.getKey(value) : name;
}

bool is_cmyk_space(QPDFObjectHandle space)
{
    return space.isNameAndEquals("/DeviceCMYK") || space.isNameAndEquals("/CMYK");
}

using Operands = std::vector<QPDFObjectHandle>;

class ContentReader {
public:
    ContentReader(const Context& context, GraphicsState& state, Listener& listener, FontMetricsCache& fonts)
        : context_(context), state_(state), listener_(listener), fonts_(fonts)
    {
    }

    void read(QPDFPageObjectHelper stream)
    {
        Operators operators;
        stream.parseContents(&operators);
        for (auto& [op, operands] : operators.all) {
            const auto values = numbers(operands);
            if (!graphics_operator(op, operands, values) && !text_operator(op, operands, values)
                && !path_operator(op, values))
                colour_operator(op, operands);
        }
    }

private:
    // Each returns whether it took the operator, so that read() tries the
    // next group: no two groups share an operator, and colour_operator
    // ignores what is not a colour.
    bool graphics_operator(const std::string& op, Operands& operands, const std::vector<double>& values);
    bool text_operator(const std::string& op, Operands& operands, const std::vector<double>& values);
    bool text_state_operator(const std::string& op, Operands& operands, const std::vector<double>& values);
    bool path_operator(const std::string& op, const std::vector<double>& values);
    void colour_operator(const std::string& op, const Operands& operands);
    void set_colour(const ColourOperator& colour);
    void show_text(const Operands& items);
    void fill(const std::optional<Rect>& area, const std::vector<Rect>& rectangles = {});
    std::vector<Rect> rectangles() const;
    void end_path();
    void inline_image(const Operands& operands);
    void form(const std::string& name);
    void next_line(double tx, double ty);
    void add_point(double x, double y);

    const Context& context_;
    GraphicsState& state_;
    Listener& listener_;
    FontMetricsCache& fonts_;
    std::vector<GraphicsState> saved_;
    Matrix text_matrix_, line_matrix_;
    std::optional<Rect> path_bounds_;
    // The current path's subpaths, their points in default user space, and
    // whether it has a curve: what rectangles() needs.
    std::vector<std::vector<std::pair<double, double>>> subpaths_;
    bool curved_ = false;
};

bool ContentReader::graphics_operator(const std::string& op, Operands& operands, const std::vector<double>& values)
{
    if (op == "q") {
        saved_.push_back(state_);
    } else if (op == "Q") {
        if (!saved_.empty()) {
            state_ = saved_.back();
            saved_.pop_back();
        }
    } else if (op == "cm" && values.size() == 6) {
        state_.ctm = Matrix{values[0], values[1], values[2], values[3], values[4], values[5]}.times(state_.ctm);
    } else if (op == "sh") {
        fill(std::nullopt);
    } else if (op == "ID") {
        inline_image(operands);
    } else if (op == "Do" && operands.size() == 1 && operands[0].isName()) {
        form(operands[0].getName());
    } else {
        return false;
    }
    return true;
}

bool ContentReader::text_operator(const std::string& op, Operands& operands, const std::vector<double>& values)
{
    if (op == "BT") {
        text_matrix_ = line_matrix_ = Matrix{};
    } else if (op == "Tm" && values.size() == 6) {
        text_matrix_ = line_matrix_ = Matrix{values[0], values[1], values[2], values[3], values[4], values[5]};
    } else if (op == "Td" && values.size() == 2) {
        next_line(values[0], values[1]);
    } else if (op == "TD" && values.size() == 2) {
        state_.text.leading = -values[1];
        next_line(values[0], values[1]);
    } else if (op == "T*") {
        next_line(0, -state_.text.leading);
    } else if (op == "Tj" && operands.size() == 1) {
        show_text(operands);
    } else if (op == "TJ" && operands.size() == 1 && operands[0].isArray()) {
        show_text(operands[0].getArrayAsVector());
    } else if (op == "'" && operands.size() == 1) {
        next_line(0, -state_.text.leading);
        show_text(operands);
    } else if (op == "\"" && operands.size() == 3) {
        state_.text.word_spacing = operands[0].isNumber() ? operands[0].getNumericValue() : 0;
        state_.text.char_spacing = operands[1].isNumber() ? operands[1].getNumericValue() : 0;
        next_line(0, -state_.text.leading);
        show_text({operands[2]});
    } else {
        return text_state_operator(op, operands, values);
    }
    return true;
}

bool ContentReader::text_state_operator(const std::string& op, Operands& operands, const std::vector<double>& values)
{
    TextState& text = state_.text;
    if (op == "Tf" && operands.size() == 2 && operands[0].isName() && operands[1].isNumber()) {
        auto fonts = context_.resources.isDictionary() ? context_.resources.getKey("/Font")
                                                       : QPDFObjectHandle::newNull();
        text.font = fonts.isDictionary() ? fonts.getKey(operands[0].getName()) : QPDFObjectHandle::newNull();
        text.metrics = fonts_.of(text.font);
        text.size = operands[1].getNumericValue();
    } else if (op == "Tc" && values.size() == 1) {
        text.char_spacing = values[0];
    } else if (op == "Tw" && values.size() == 1) {
        text.word_spacing = values[0];
    } else if (op == "Tz" && values.size() == 1) {
        text.scale = values[0] / 100;
    } else if (op == "TL" && values.size() == 1) {
        text.leading = values[0];
    } else if (op == "Ts" && values.size() == 1) {
        text.rise = values[0];
    } else if (op == "Tr" && values.size() == 1) {
        text.render = static_cast<int>(values[0]);
    } else {
        return false;
    }
    return true;
}

bool ContentReader::path_operator(const std::string& op, const std::vector<double>& values)
{
    if ((op == "m" || op == "l") && values.size() == 2) {
        if (op == "m" || subpaths_.empty()) subpaths_.emplace_back();
        add_point(values[0], values[1]);
    } else if (op == "c" && values.size() == 6) {
        curved_ = true;
        add_point(values[0], values[1]);
        add_point(values[2], values[3]);
        add_point(values[4], values[5]);
    } else if ((op == "v" || op == "y") && values.size() == 4) {
        curved_ = true;
        add_point(values[0], values[1]);
        add_point(values[2], values[3]);
    } else if (op == "re" && values.size() == 4) {
        subpaths_.emplace_back();
        add_point(values[0], values[1]);
        add_point(values[0] + values[2], values[1]);
        add_point(values[0] + values[2], values[1] + values[3]);
        add_point(values[0], values[1] + values[3]);
        subpaths_.emplace_back();  // re closes its subpath: a following l starts anew
    } else if (op == "f" || op == "F" || op == "f*" || op == "B" || op == "B*" || op == "b" || op == "b*"
               || op == "S" || op == "s") {
        if (path_bounds_ && op != "S" && op != "s") fill(path_bounds_, rectangles());
        if (path_bounds_ && op != "f" && op != "F" && op != "f*" && context_.placed)
            listener_.stroke(Fill{path_bounds_, state_.stroke, context_.where, {}});
        end_path();
    } else if (op == "n") {
        end_path();
    } else {
        return false;
    }
    return true;
}

void ContentReader::colour_operator(const std::string& op, const Operands& operands)
{
    const bool selects_space = op == "cs" || op == "CS";
    if (selects_space && operands.empty()) return;
    const bool sets_colour = selects_space || op == "rg" || op == "RG" || op == "k" || op == "K" || op == "g"
        || op == "G" || op == "sc" || op == "scn" || op == "SC" || op == "SCN";
    if (!sets_colour) return;
    const std::string text = written(operands, op);
    const auto space = selects_space ? resolve_space(operands.back(), context_) : QPDFObjectHandle::newNull();
    const ColourOperator colour{op, operands, text, space, context_.where};
    listener_.colour_operator(colour);
    set_colour(colour);
}

void ContentReader::set_colour(const ColourOperator& colour)
{
    const std::string& op = colour.operator_name;
    const bool fill = op == "rg" || op == "k" || op == "g" || op == "cs" || op == "sc" || op == "scn";
    const auto values = numbers(colour.operands);
    // The fill colour for the lower-case operators, the stroke colour for the capitals.
    const auto set_fill = [&](std::vector<double> ink) {
        (fill ? state_.fill : state_.stroke) = {std::move(ink), colour.written};
    };
    QPDFObjectHandle& space = fill ? state_.fill_space : state_.stroke_space;
    if (op == "rg" || op == "RG") {
        // Ink as a naive CMYK conversion: only to rank, the file is already wrong.
        if (values.size() == 3) set_fill({1 - values[0], 1 - values[1], 1 - values[2], 0});
        space = QPDFObjectHandle::newName("/DeviceRGB");
    } else if (op == "k" || op == "K") {
        if (values.size() == 4) set_fill(values);
        space = QPDFObjectHandle::newName("/DeviceCMYK");
    } else if (op == "g" || op == "G") {
        if (values.size() == 1) set_fill({0, 0, 0, 1 - values[0]});
        space = QPDFObjectHandle::newName("/DeviceGray");
    } else if (op == "cs" || op == "CS") {
        space = colour.space;
        // A new space starts at its initial colour: black in CMYK, else no ink counted.
        set_fill(is_cmyk_space(space) ? std::vector<double>{0, 0, 0, 1} : std::vector<double>{0, 0, 0, 0});
    } else if (is_cmyk_space(space) && values.size() == 4) {
        set_fill(values);
    } else if (pdf::is_rgb_space(space) && values.size() == 3) {
        set_fill({1 - values[0], 1 - values[1], 1 - values[2], 0});
    }
}

void ContentReader::show_text(const Operands& items)
{
    const TextState& text = state_.text;
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
            const double width =
                (found == metrics.widths.end() ? metrics.default_width : found->second) * metrics.scale;
            const double spacing = text.char_spacing + (step == 1 && code == 32 ? text.word_spacing : 0);
            advance += (width * text.size + spacing) * text.scale;
            any = true;
        }
    }
    if (any && context_.placed && text.render != 3 && text.render != 7) {
        const Matrix rendering = text_matrix_.times(state_.ctm);
        const Rect run{std::min(0.0, advance), metrics.descent / 1000 * text.size + text.rise, std::max(0.0, advance),
                       metrics.ascent / 1000 * text.size + text.rise};
        const Rect area = transform(run, rendering);
        listener_.text(Text{area, text.size * std::hypot(rendering.c, rendering.d), context_.where});
        if (text.render == 0 || text.render == 2 || text.render == 4 || text.render == 6) fill(area);
    }
    text_matrix_ = Matrix{1, 0, 0, 1, advance, 0}.times(text_matrix_);
}

void ContentReader::fill(const std::optional<Rect>& area, const std::vector<Rect>& rectangles)
{
    if (context_.placed) listener_.fill(Fill{area, state_.fill, context_.where, rectangles});
}

std::vector<Rect> ContentReader::rectangles() const
{
    std::vector<Rect> all;
    if (curved_) return {};
    for (auto points : subpaths_) {
        // re's closing mark, or m alone (Cairo ends a closed path with one): no area.
        if (points.size() < 2) continue;
        if (points.size() == 5 && points.front() == points.back()) points.pop_back();
        if (points.size() != 4) return {};
        Rect box{points[0].first, points[0].second, points[0].first, points[0].second};
        for (const auto& [x, y] : points)
            box = {std::min(box.left, x), std::min(box.bottom, y), std::max(box.right, x), std::max(box.top, y)};
        // Axis-aligned: every corner on two of the box's edges.
        const auto on_edge = [](double value, double low, double high) {
            return std::abs(value - low) < slack || std::abs(value - high) < slack;
        };
        for (const auto& [x, y] : points)
            if (!on_edge(x, box.left, box.right) || !on_edge(y, box.bottom, box.top)) return {};
        all.push_back(box);
    }
    return all;
}

void ContentReader::end_path()
{
    path_bounds_.reset();
    subpaths_.clear();
    curved_ = false;
}

void ContentReader::inline_image(const Operands& operands)
{
    for (std::size_t i = 0; i + 1 < operands.size(); ++i) {
        QPDFObjectHandle key = operands[i];
        if (key.isNameAndEquals("/CS") || key.isNameAndEquals("/ColorSpace"))
            listener_.inline_image(resolve_space(operands[i + 1], context_), context_.where);
    }
}

void ContentReader::form(const std::string& name)
{
    auto xobjects = context_.resources.isDictionary() ? context_.resources.getKey("/XObject")
                                                      : QPDFObjectHandle::newNull();
    auto form = xobjects.isDictionary() ? xobjects.getKey(name) : QPDFObjectHandle::newNull();
    if (!form.isStream()) return;
    if (form.getDict().getKey("/Subtype").isNameAndEquals("/Image")) {
        listener_.image_drawn(DrawnImage{name, form, state_.ctm, context_.where});
        return;
    }
    if (!form.getDict().getKey("/Subtype").isNameAndEquals("/Form")) return;
    if (context_.depth > 16) return;  // a cycle, or nothing a press would run
    auto dictionary = form.getDict();
    listener_.form(Resource{name, dictionary, context_.where});
    const std::string where = " (form XObject " + name + ")";
    auto resources = dictionary.getKey("/Resources");
    if (!resources.isDictionary()) resources = context_.resources;
    read_resources(resources, where, listener_);
    GraphicsState inner = state_;
    if (auto matrix = matrix_of(dictionary.getKey("/Matrix"))) inner.ctm = matrix->times(state_.ctm);
    const Context nested{resources, where, context_.placed, context_.depth + 1};
    read_content(QPDFPageObjectHelper(form), nested, inner, listener_, fonts_);
}

void ContentReader::next_line(double tx, double ty)
{
    line_matrix_ = Matrix{1, 0, 0, 1, tx, ty}.times(line_matrix_);
    text_matrix_ = line_matrix_;
}

void ContentReader::add_point(double x, double y)
{
    const auto [u, v] = state_.ctm.apply(x, y);
    if (!subpaths_.empty()) subpaths_.back().emplace_back(u, v);
    if (!path_bounds_) path_bounds_ = Rect{u, v, u, v};
    path_bounds_->left = std::min(path_bounds_->left, u);
    path_bounds_->right = std::max(path_bounds_->right, u);
    path_bounds_->bottom = std::min(path_bounds_->bottom, v);
    path_bounds_->top = std::max(path_bounds_->top, v);
}

}  // namespace

void read_content(QPDFPageObjectHelper stream, const Context& context, GraphicsState& state, Listener& listener,
                  FontMetricsCache& fonts)
{
    ContentReader(context, state, listener, fonts).read(stream);
}

}  // namespace leaflet::preflight
