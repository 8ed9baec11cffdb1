#include "render/render.hpp"

#include <cairo-ft.h>
#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "art/draw.hpp"
#include "c/cairo.hpp"
#include "c/fontconfig.hpp"

namespace leaflet::render {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void set_colour(cairo_t* cairo, const resolve::Colour& colour)
{
    cairo_set_source_rgb(cairo, colour.red(), colour.green(), colour.blue());
}

// Cairo font faces for the font set's faces, from their files, made on first use.
class Faces {
public:
    explicit Faces(const resolve::FontSet& fonts) : fonts_(fonts) {}

    cairo_font_face_t* face(std::size_t index)
    {
        c::CairoFontFace& face = faces_[index];
        if (!face) {
            c::FcPatternHandle pattern(FcPatternCreate());
            const std::string& path = fonts_.files().at(index).path;
            FcPatternAddString(pattern.get(), FC_FILE, reinterpret_cast<const FcChar8*>(path.c_str()));
            FcPatternAddInteger(pattern.get(), FC_INDEX, 0);
            face.reset(cairo_ft_font_face_create_for_pattern(pattern.get()));
            c::check(face.get(), "cannot load a font for Cairo");
        }
        return face.get();
    }

private:
    const resolve::FontSet& fonts_;
    std::map<std::size_t, c::CairoFontFace> faces_;
};

class CairoCanvas final : public Canvas {
public:
    CairoCanvas(std::string& output, const layout::Frames& frames, bool tagged) : tagged_(tagged), faces_(*frames.fonts)
    {
        const layout::Page& first = frames.pages.front();
        surface_.reset(cairo_pdf_surface_create_for_stream(append, &output, first.width.value, first.height.value));
        c::check(surface_.get(), "cannot create the PDF surface");
        cairo_pdf_surface_restrict_to_version(surface_.get(), CAIRO_PDF_VERSION_1_4);
        cairo_.reset(cairo_create(surface_.get()));
        c::check(cairo_.get(), "cannot create a Cairo context");
        // Outlines and advances as the fonts have them: the typesetter
        // measured unhinted.
        c::CairoFontOptions options(cairo_font_options_create());
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        c::check(options.get(), "cannot create Cairo font options");
        cairo_set_font_options(cairo_.get(), options.get());
    }

    void begin_page(const layout::Page& page) override
    {
        cairo_pdf_surface_set_size(surface_.get(), page.width.value, page.height.value);
        if (!document_open_) begin("Document");
        document_open_ = true;
    }

    void fill(const layout::FillItem& item) override
    {
        close_list();
        cairo_t* cairo = cairo_.get();
        if (item.colour) {
            set_colour(cairo, *item.colour);
            box_path(cairo, item.rect, item.radius);
            cairo_fill(cairo);
        }
        if (item.border) {
            // Inside the rect: half the line width in from each edge.
            const double half = item.border_width.value / 2;
            const layout::Rect inner{item.rect.x + Pt{half}, item.rect.y + Pt{half}, item.rect.width - Pt{2 * half},
                                     item.rect.height - Pt{2 * half}};
            set_colour(cairo, *item.border);
            cairo_set_line_width(cairo, item.border_width.value);
            box_path(cairo, inner, std::max(Pt{}, item.radius - Pt{half}));
            cairo_stroke(cairo);
        }
    }

    // A rectangle, its corners rounded by `radius` (at most half a side).
    static void box_path(cairo_t* cairo, const layout::Rect& rect, Pt radius)
    {
        const double x = rect.x.value, y = rect.y.value, w = rect.width.value, h = rect.height.value;
        const double r = std::min({radius.value, w / 2, h / 2});
        if (r <= 0) {
            cairo_rectangle(cairo, x, y, w, h);
            return;
        }
        constexpr double quarter = M_PI / 2;
        cairo_new_sub_path(cairo);
        cairo_arc(cairo, x + w - r, y + r, r, -quarter, 0);
        cairo_arc(cairo, x + w - r, y + h - r, r, 0, quarter);
        cairo_arc(cairo, x + r, y + h - r, r, quarter, 2 * quarter);
        cairo_arc(cairo, x + r, y + r, r, 2 * quarter, 3 * quarter);
        cairo_close_path(cairo);
    }

    void rule(const layout::RuleItem& item) override
    {
        cairo_t* cairo = cairo_.get();
        cairo_save(cairo);
        set_colour(cairo, item.colour);
        cairo_set_line_width(cairo, item.width.value);
        if (item.dashed) {
            const double dashes[] = {2.0, 2.0};
            cairo_set_dash(cairo, dashes, 2, 0);
        }
        cairo_move_to(cairo, item.x0.value, item.y0.value);
        cairo_line_to(cairo, item.x1.value, item.y1.value);
        cairo_stroke(cairo);
        cairo_restore(cairo);
    }

    void text(const layout::TextItem& item) override
    {
        const bool list_item = item.kind == typeset::BlockKind::list_item;
        const char* tag = list_item ? "LI" : paragraph_tag(item);
        if (list_item) {
            if (!in_list_) begin("L");
            in_list_ = true;
        } else {
            close_list();
        }
        begin(tag);
        // Cairo 1.16 marks only the content of leaf elements: an element
        // that holds a Link (an empty one, link() draws nothing) would leave
        // its own text unmarked. There, text is drawn in Span leaves (a
        // link's runs on a line in one of their own, which finish moves into the Link)
        // and a contact line's leader dots outside them, so that finish
        // marks them as an Artifact.
        const bool spans = tagged_ && needs_spans(item);
        bool in_label = false, in_body = false, in_span = false;
        for (const typeset::Line& line : item.lines) {
            std::size_t piece = 0;  // the first run of the link the run is in
            for (std::size_t r = 0; r < line.runs.size(); ++r) {
                const typeset::GlyphRun& run = line.runs[r];
                const bool label = list_item && run.role == typeset::RunRole::label;
                // A link's runs side by side on a line (a font or colour
                // change splits them): one Span, one rectangle.
                const bool starts_link = !run.link.empty() && (r == 0 || line.runs[r - 1].link != run.link);
                const bool ends_link =
                    !run.link.empty() && (r + 1 == line.runs.size() || line.runs[r + 1].link != run.link);
                if (list_item) {
                    // An LI: its label runs, then its body.
                    if (label && !in_label) begin("Lbl");
                    if (!label && in_label) end("Lbl");
                    if (!label && !in_body) begin("LBody");
                    in_label = label;
                    in_body = in_body || !label;
                }
                const bool span = spans && !label && run.role != typeset::RunRole::leader;
                if (in_span && (!span || starts_link)) end("Span");
                if (span && (!in_span || starts_link)) begin("Span");
                in_span = span;
                draw(run, item.x, item.y + line.baseline);
                if (starts_link) piece = r;
                if (in_span && ends_link) {
                    end("Span");
                    in_span = false;
                }
                if (tagged_ && ends_link) link(line, piece, r, item.x, item.y);
            }
        }
        if (in_span) end("Span");
        if (in_label) end("Lbl");
        if (in_body) end("LBody");
        end(tag);
    }

    // Whether the item's text (a list item's body) holds a link or leader dots.
    static bool needs_spans(const layout::TextItem& item)
    {
        for (const typeset::Line& line : item.lines)
            for (const typeset::GlyphRun& run : line.runs)
                if (!run.link.empty() || run.role == typeset::RunRole::leader) return true;
        return false;
    }

    void art(const layout::ArtItem& item) override
    {
        close_list();
        begin("Figure");
        const resolve::Colour& colour = item.figure.colour;
        art::draw(cairo_.get(), *item.figure.art, item.rect.x.value, item.rect.y.value, item.rect.width.value,
                  item.rect.height.value, {colour.red(), colour.green(), colour.blue()}, !tagged_);
        end("Figure");
    }

    void end_page() override
    {
        close_list();
        cairo_show_page(cairo_.get());
        c::check(cairo_.get(), "cannot draw the page");
    }

    void finish()
    {
        end("Document");
        cairo_.reset();
        cairo_surface_finish(surface_.get());
        c::check(surface_.get(), "cannot write the PDF");
    }

private:
    // A run with its text and cluster map, so that the PDF's text is the
    // run's (a line-end hyphen's U+00AD through the font's ToUnicode map,
    // or ActualText where the glyph already stands for another character).
    void draw(const typeset::GlyphRun& run, Pt left, Pt baseline)
    {
        if (run.glyphs.empty()) return;
        cairo_t* cairo = cairo_.get();
        if (run.art) {
            // An icon: on the baseline, as tall as the capitals, in the text's colour.
            art::draw(cairo, *run.art, (left + run.x).value, (baseline - run.art_height).value, run.width().value,
                      run.art_height.value, {run.colour.red(), run.colour.green(), run.colour.blue()}, !tagged_);
            return;
        }
        set_colour(cairo, run.colour);
        cairo_set_font_face(cairo, faces_.face(run.face));
        // Justification's glyph scaling: horizontal only.
        cairo_matrix_t font_matrix;
        cairo_matrix_init_scale(&font_matrix, run.size.value * run.scale, run.size.value);
        cairo_set_font_matrix(cairo, &font_matrix);
        glyphs_.clear();
        clusters_.clear();
        double pen = (left + run.x).value;
        for (std::size_t g = 0; g < run.glyphs.size(); ++g) {
            const typeset::Glyph& glyph = run.glyphs[g];
            glyphs_.push_back({glyph.id, pen + glyph.x_offset.value, baseline.value + glyph.y_offset.value});
            pen += glyph.advance.value;
            if (g == 0 || glyph.cluster != run.glyphs[g - 1].cluster) {
                clusters_.push_back({static_cast<int>(next_cluster(run, g)) - glyph.cluster, 0});
            }
            ++clusters_.back().num_glyphs;
        }
        cairo_show_text_glyphs(cairo, run.text.data(), static_cast<int>(run.text.size()), glyphs_.data(),
                               static_cast<int>(glyphs_.size()), clusters_.data(), static_cast<int>(clusters_.size()),
                               cairo_text_cluster_flags_t{});
        if (run.underline) {
            cairo_rectangle(cairo, (left + run.x).value, (baseline + run.underline->position).value,
                            run.width().value, run.underline->thickness.value);
            cairo_fill(cairo);
        }
    }

    // Where the cluster after glyph `g`'s starts in the run's text.
    static std::size_t next_cluster(const typeset::GlyphRun& run, std::size_t g)
    {
        for (std::size_t next = g + 1; next < run.glyphs.size(); ++next)
            if (run.glyphs[next].cluster != run.glyphs[g].cluster)
                return static_cast<std::size_t>(run.glyphs[next].cluster);
        return run.text.size();
    }

    // A clickable tel:, mailto: or https: target over runs [first, last] of
    // a line, one link: the box a PDF reader gives their words, so that the
    // link covers its text and no more. Across, from the first glyph's pen
    // position to the end of the last glyph's own advance (without the
    // kerning, letter spacing or word space after it, which belong to the
    // gap to the next text); down, from the fonts' ascent to their descent
    // (the font descriptor's, which Poppler's word boxes use), an icon from
    // its top to the baseline, but within the line's box: where the leading
    // is less than the font's ascent and descent (the hotline's 30 pt on 32
    // pt), a link never reaches into the lines above and below. `left`,
    // `top`: the block's corner.
    void link(const typeset::Line& line, std::size_t first, std::size_t last, Pt left, Pt top_of_block)
    {
        cairo_t* cairo = cairo_.get();
        const Pt baseline = top_of_block + line.baseline;
        const typeset::GlyphRun& start = line.runs[first];
        const typeset::GlyphRun& end = line.runs[last];
        double top = baseline.value, bottom = baseline.value;
        double right = (left + end.x + end.width()).value;
        for (std::size_t r = first; r <= last; ++r) {
            const typeset::GlyphRun& run = line.runs[r];
            if (run.glyphs.empty()) continue;
            if (run.art) {
                top = std::min(top, (baseline - run.art_height).value);
                continue;
            }
            cairo_set_font_face(cairo, faces_.face(run.face));
            cairo_matrix_t font_matrix;
            cairo_matrix_init_scale(&font_matrix, run.size.value * run.scale, run.size.value);
            cairo_set_font_matrix(cairo, &font_matrix);
            cairo_font_extents_t font;
            cairo_font_extents(cairo, &font);
            top = std::min(top, baseline.value - font.ascent);
            bottom = std::max(bottom, baseline.value + font.descent);
            if (r == last) {
                const cairo_glyph_t glyph{run.glyphs.back().id, 0, 0};
                cairo_text_extents_t extents;
                cairo_glyph_extents(cairo, &glyph, 1, &extents);
                right += extents.x_advance - run.glyphs.back().advance.value;
            }
        }
        top = std::max(top, (top_of_block + line.top).value);
        bottom = std::min(bottom, (top_of_block + line.bottom).value);
        const double x = (left + start.x).value;
        const std::string attributes = fmt::format("uri='{}' rect=[{:.2f} {:.2f} {:.2f} {:.2f}]", escaped(start.link), x,
                                                   top, right - x, bottom - top);
        cairo_tag_begin(cairo, CAIRO_TAG_LINK, attributes.c_str());
        cairo_tag_end(cairo, CAIRO_TAG_LINK);
    }

    // Cairo's attribute strings quote with ' and escape with \.
    static std::string escaped(const std::string& text)
    {
        std::string out;
        for (char ch : text) {
            if (ch == '\'' || ch == '\\') out += '\\';
            out += ch;
        }
        return out;
    }

    void begin(const char* tag)
    {
        if (tagged_) cairo_tag_begin(cairo_.get(), tag, nullptr);
    }
    void end(const char* tag)
    {
        if (tagged_) cairo_tag_end(cairo_.get(), tag);
    }

    // A heading's tag never skips a level (PDF/UA-1 7.4.2): the first is
    // H1, whatever the source's level, and none is more than one below the
    // heading before it.
    const char* paragraph_tag(const layout::TextItem& item)
    {
        if (item.kind != typeset::BlockKind::heading) return "P";
        heading_level_ = std::min(item.level <= 1 ? 1 : 2, heading_level_ + 1);
        return heading_level_ == 1 ? "H1" : "H2";
    }

    void close_list()
    {
        if (in_list_) end("L");
        in_list_ = false;
    }

    bool tagged_;
    bool document_open_ = false;
    bool in_list_ = false;
    int heading_level_ = 0;  // of the last heading tagged; 0: none yet
    Faces faces_;
    c::CairoSurface surface_;
    c::Cairo cairo_;
    std::vector<cairo_glyph_t> glyphs_;
    std::vector<cairo_text_cluster_t> clusters_;
};

}  // namespace

std::string render_pdf(const layout::Frames& frames, bool tagged)
{
    std::string output;
    if (frames.pages.empty()) return output;
    CairoCanvas canvas(output, frames, tagged);
    render(frames, canvas);
    canvas.finish();
    return output;
}

}  // namespace leaflet::render
