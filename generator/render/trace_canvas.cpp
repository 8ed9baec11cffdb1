#include "render/render.hpp"

#include <cmath>

#include <fmt/format.h>

namespace leaflet::render {

namespace {

std::string number(Pt length)
{
    std::string text = fmt::format("{:.1f}", length.value);
    return text == "-0.0" ? "0.0" : text;
}

const char* kind_name(const layout::TextItem& item)
{
    switch (item.kind) {
    case typeset::BlockKind::heading: return item.level <= 1 ? "h1" : "h2";
    case typeset::BlockKind::paragraph: return "p";
    case typeset::BlockKind::list_item: return "li";
    case typeset::BlockKind::slug: return "slug";
    case typeset::BlockKind::list: return "list";
    case typeset::BlockKind::box: return "box";
    case typeset::BlockKind::figure: return "figure";
    }
    return "?";
}

const char* role_name(typeset::RunRole role)
{
    switch (role) {
    case typeset::RunRole::text: return "text";
    case typeset::RunRole::label: return "label";
    case typeset::RunRole::leader: return "leader";
    case typeset::RunRole::slug: return "slug";
    }
    return "?";
}

// How a line ends and how it was justified: " hyphen 0.42 words 118%",
// with " letters +0.05" (pt between two letters) and " glyphs 101.0%"
// where they changed; " space ragged 2.61" where it was set ragged instead.
std::string break_info(const typeset::Line& line)
{
    const char* kind = line.kind == typeset::BreakKind::space    ? "space"
                     : line.kind == typeset::BreakKind::hyphen   ? "hyphen"
                     : line.kind == typeset::BreakKind::dash     ? "dash"
                     : line.kind == typeset::BreakKind::forced   ? "forced"
                                                                 : "last";
    std::string out = fmt::format(" {}", kind);
    if (!line.justified) return out;
    const typeset::Justified& justified = *line.justified;
    if (justified.ragged) out += " ragged";
    out += std::isinf(justified.adjustment) ? " inf" : fmt::format(" {:.2f}", justified.adjustment);
    if (justified.ragged) return out;
    out += fmt::format(" words {:.0f}%", justified.word_spacing * 100);
    if (justified.letter_spacing != Pt{}) out += fmt::format(" letters {:+.3f}", justified.letter_spacing.value);
    if (justified.glyph_scale != 1) out += fmt::format(" glyphs {:.1f}%", justified.glyph_scale * 100);
    return out;
}

// The line as a reader sees it: its runs' text, a space where a gap
// separates two runs (a label, a leader), the hyphen of a break left out
// (break_info says it).
std::string words(const typeset::Line& line)
{
    std::string out;
    Pt end;
    for (std::size_t i = 0; i < line.runs.size(); ++i) {
        const typeset::GlyphRun& run = line.runs[i];
        if (i > 0 && run.x > end + Pt{0.5}) out += ' ';
        out += run.text;
        end = run.x + run.width();
    }
    const std::string soft_hyphen = "\u00AD";
    if (line.kind == typeset::BreakKind::hyphen && out.size() >= soft_hyphen.size() &&
        out.compare(out.size() - soft_hyphen.size(), soft_hyphen.size(), soft_hyphen) == 0)
        out.resize(out.size() - soft_hyphen.size());
    return out;
}

// " from general.xml:12": where an item's source is, its file by name.
std::string place(const SourceLoc& loc)
{
    if (loc.file.empty()) return "";
    const auto slash = loc.file.rfind('/');
    return fmt::format(" from {}:{}", slash == std::string::npos ? loc.file : loc.file.substr(slash + 1), loc.line);
}

const char* kind(const art::Art& art)
{
    switch (art.kind) {
    case art::Kind::svg: return "svg";
    case art::Kind::png: return "png";
    case art::Kind::jpeg: return "jpeg";
    case art::Kind::qr: return "qr";
    }
    return "?";
}

// An art's file and what it holds: "art/logo.svg swatches red,white",
// "480x120 px", "25 modules https://…".
std::string source(const art::Art& art)
{
    switch (art.kind) {
    case art::Kind::svg: {
        std::string colours;
        for (const std::string& name : art.swatches) colours += (colours.empty() ? "" : ",") + name;
        if (art.current_colour) colours += colours.empty() ? "currentColor" : ",currentColor";
        return fmt::format("{} paints {}", art.file, colours.empty() ? "nothing" : colours);
    }
    case art::Kind::png:
    case art::Kind::jpeg: return fmt::format("{} {}x{} px", art.file, art.pixels_wide, art.pixels_high);
    case art::Kind::qr: return fmt::format("{} modules {}", art.modules, art.content);
    }
    return "";
}

class TraceCanvas final : public Canvas {
public:
    explicit TraceCanvas(const resolve::FontSet& fonts) : fonts_(fonts) {}

    void begin_page(const layout::Page& page) override
    {
        out_ += fmt::format("page {} {}x{} trim {},{} {}x{} bleed {},{} {}x{}\n", page.side, number(page.width),
                            number(page.height), number(page.trim.x), number(page.trim.y), number(page.trim.width),
                            number(page.trim.height), number(page.bleed.x), number(page.bleed.y),
                            number(page.bleed.width), number(page.bleed.height));
        for (const layout::PanelFrame& panel : page.panels)
            out_ += fmt::format("  panel {} x {} width {} fill {:.2f}{}\n", panel.role, number(panel.trim.x),
                                number(panel.trim.width), panel.fill,
                                panel.scale != 1 ? fmt::format(" scale {:.3f}", panel.scale) : "");
    }

    void fill(const layout::FillItem& item) override
    {
        out_ += fmt::format("  fill {} {},{} {}x{} {}{}{}{}\n", item.style, number(item.rect.x), number(item.rect.y),
                            number(item.rect.width), number(item.rect.height),
                            item.colour ? item.colour->name : "none",
                            item.radius > Pt{} ? " radius " + number(item.radius) : "",
                            item.border ? fmt::format(" border {} {}", number(item.border_width), item.border->name) : "",
                            place(item.loc));
    }

    void rule(const layout::RuleItem& item) override
    {
        out_ += fmt::format("  rule {} {},{} {},{} {}{} {}\n", item.kind == layout::MarkKind::crop ? "crop" : "fold",
                            number(item.x0), number(item.y0), number(item.x1), number(item.y1), number(item.width),
                            item.dashed ? " dashed" : "", item.colour.name);
    }

    // The item, then each line (baseline, x, width, |words|, break), then
    // each of its runs (x, width, face, size, swatch, role, link, |text|).
    void text(const layout::TextItem& item) override
    {
        out_ += fmt::format("  text {} {} {},{}{}\n", kind_name(item), item.style, number(item.x), number(item.y),
                            item.continued ? " continued" : "");
        for (const typeset::Line& line : item.lines) {
            out_ += fmt::format("    {} {} {} |{}|{}\n", number(item.y + line.baseline), number(item.x + line.x),
                                number(line.width), words(line), break_info(line));
            for (const typeset::GlyphRun& run : line.runs) {
                const resolve::FontFile& face = fonts_.files().at(run.face);
                out_ += fmt::format("      run {} {} {} {} {}{} {}{} {}{}{} |{}|\n", role_name(run.role),
                                    number(item.x + run.x), number(run.width()), face.family, face.weight,
                                    face.slant == resolve::Slant::italic ? " italic" : "", number(run.size),
                                    run.scale != 1 ? fmt::format(" scaled {:.1f}%", run.scale * 100) : "",
                                    run.colour.name, run.link.empty() ? "" : " " + run.link,
                                    run.underline ? " underline" : "", run.text);
                // Its box: on the baseline, as tall as the capitals.
                if (run.art)
                    out_ += fmt::format("        icon {} {},{} {}x{} {}{}\n", run.icon, number(item.x + run.x),
                                        number(item.y + line.baseline - run.art_height), number(run.width()),
                                        number(run.art_height), source(*run.art), place(run.icon_loc));
            }
        }
    }

    // "art qr box 120.0,80.0 56.7x56.7 black |https://…| 25 modules from general.xml:40"
    void art(const layout::ArtItem& item) override
    {
        const art::Art& art = *item.figure.art;
        out_ += fmt::format("  art {} {} {},{} {}x{} {} |{}| {}{}\n", kind(art), item.style, number(item.rect.x),
                            number(item.rect.y), number(item.rect.width), number(item.rect.height),
                            item.figure.colour.name, item.figure.alt, source(art), place(item.loc));
    }

    void end_page() override {}

    std::string take() { return std::move(out_); }

private:
    const resolve::FontSet& fonts_;
    std::string out_;
};

}  // namespace

std::string render_trace(const layout::Frames& frames)
{
    TraceCanvas canvas(*frames.fonts);
    render(frames, canvas);
    return canvas.take();
}

}  // namespace leaflet::render
