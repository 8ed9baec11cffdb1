#include "typeset/typeset.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <pango/pangocairo.h>

#include "c/handles.hpp"
#include "hyphenate/hyphenate.hpp"
#include "typeset/line_breaking.hpp"

namespace leaflet::typeset {

namespace {

constexpr const char* links_key = "leaflet-links";

LayoutPtr share(PangoLayout* layout)
{
    return LayoutPtr(layout, [](PangoLayout* object) { g_object_unref(object); });
}

guint16 channel(double value)
{
    return static_cast<guint16>(value * 65535 + 0.5);
}

void add(PangoAttrList* list, PangoAttribute* attribute, int start, int end)
{
    attribute->start_index = static_cast<guint>(start);
    attribute->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, attribute);
}

PangoAttribute* foreground(const resolve::Colour& colour)
{
    return pango_attr_foreground_new(channel(colour.red()), channel(colour.green()), channel(colour.blue()));
}

std::string codepoint_name(gunichar ch)
{
    char utf8[8] = {};
    g_unichar_to_utf8(ch, utf8);
    return fmt::format("U+{:04X} '{}'", ch, utf8);
}

// A paragraph's text with its spans, as it goes into a PangoLayout.
struct Text {
    std::string text;
    std::vector<resolve::Span> spans;
};

// `removed` bytes at `at` become `inserted`.
struct Edit {
    int at = 0;
    int removed = 0;
    std::string inserted;
};

// Where offset `offset` of the text goes once the edits (ascending, apart)
// are made. An insertion at a span's edge goes before a span that starts
// there and into one that ends there: a soft hyphen at the end of a bold
// part is drawn bold.
int moved(const std::vector<Edit>& edits, int offset)
{
    int shift = 0;
    for (const Edit& edit : edits) {
        if (edit.at + edit.removed <= offset) {
            shift += static_cast<int>(edit.inserted.size()) - edit.removed;
        } else {
            if (edit.at < offset) return edit.at + shift + static_cast<int>(edit.inserted.size());
            break;
        }
    }
    return offset + shift;
}

Text edited(const Text& source, const std::vector<Edit>& edits)
{
    Text result;
    result.text.reserve(source.text.size() + edits.size() * 4);
    std::size_t from = 0;
    for (const Edit& edit : edits) {
        result.text.append(source.text, from, static_cast<std::size_t>(edit.at) - from);
        result.text += edit.inserted;
        from = static_cast<std::size_t>(edit.at + edit.removed);
    }
    result.text.append(source.text, from);
    result.spans = source.spans;
    for (resolve::Span& span : result.spans) {
        span.start = moved(edits, span.start);
        span.end = moved(edits, span.end);
    }
    return result;
}

gunichar char_at(const std::string& text, int offset)
{
    return g_utf8_get_char(text.data() + offset);
}

int previous_offset(const std::string& text, int offset)
{
    return static_cast<int>(g_utf8_prev_char(text.data() + offset) - text.data());
}

constexpr gunichar soft_hyphen = 0x00AD;
constexpr gunichar line_separator = 0x2028;
constexpr const char* line_separator_utf8 = "\u2028";
// The hyphen total-fit writes at a soft hyphen it breaks at (Pango draws no
// hyphen before a forced break). U+2011, not '-': text extraction can tell it
// from the hyphen of a compound; PT Sans has no U+2010.
constexpr const char* break_hyphen_utf8 = "\u2011";

bool is_dash(gunichar ch)
{
    return ch == '-' || (ch >= 0x2010 && ch <= 0x2015);
}

// Soft hyphens at every break the hyphenate stage allows, word by word (a
// word: text between white space). Spans that must not break (phone
// numbers, e-mails, links) keep their words whole.
Text hyphenated(const Text& source, const std::string& language)
{
    const std::string& text = source.text;
    std::vector<Edit> edits;
    const hyphenate::Hyphenator& hyphenator = hyphenate::shared_hyphenator();
    const int size = static_cast<int>(text.size());
    for (int start = 0; start < size;) {
        if (g_unichar_isspace(char_at(text, start))) {
            start = static_cast<int>(g_utf8_next_char(text.data() + start) - text.data());
            continue;
        }
        int end = start;
        while (end < size && !g_unichar_isspace(char_at(text, end)))
            end = static_cast<int>(g_utf8_next_char(text.data() + end) - text.data());
        const bool kept_whole = std::any_of(source.spans.begin(), source.spans.end(), [&](const resolve::Span& span) {
            return span.no_break && span.start < end && start < span.end;
        });
        if (!kept_whole)
            for (int offset : hyphenator.breaks(std::string_view(text).substr(static_cast<std::size_t>(start),
                                                                              static_cast<std::size_t>(end - start)),
                                                language))
                edits.push_back({start + offset, 0, "\u00AD"});
        start = end;
    }
    if (edits.empty()) return source;
    return edited(source, edits);
}

// The spaces Pango's justification would stretch (PangoLogAttr's
// is_expandable_space).
bool is_expandable_space(gunichar ch)
{
    return ch == 0x0020 || ch == 0x00A0;
}

// Whether the space at `at` in `text` may shrink: one between two letters
// or digits (see SpaceWidths).
bool shrinkable(std::string_view text, std::size_t at)
{
    if (at == 0 || at + 1 >= text.size()) return false;
    const char* space = text.data() + at;
    const gunichar before = g_utf8_get_char(g_utf8_prev_char(space));
    const gunichar after = g_utf8_get_char(g_utf8_next_char(space));
    return g_unichar_isalnum(before) && g_unichar_isalnum(after);
}

// A paragraph laid out on one line per source paragraph ('\n'), for its
// widths: where each character starts, and the natural width of the
// stretchable spaces before it.
class Measure {
public:
    explicit Measure(PangoLayout* layout) : text_(pango_layout_get_text(layout))
    {
        int count = 0;
        const PangoLogAttr* attributes = pango_layout_get_log_attrs_readonly(layout, &count);
        attributes_.assign(attributes, attributes + count);
        index_.assign(text_.size() + 1, -1);
        int character = 0;
        for (const char* p = text_.c_str(); ; p = g_utf8_next_char(p), ++character) {
            index_[static_cast<std::size_t>(p - text_.c_str())] = character;
            offsets_.push_back(static_cast<int>(p - text_.c_str()));
            if (!*p) break;
        }
        x_.assign(offsets_.size(), 0);
        std::vector<double> widths(offsets_.size(), 0);
        for (GSList* item = pango_layout_get_lines_readonly(layout); item; item = item->next) {
            PangoLayoutLine* line = static_cast<PangoLayoutLine*>(item->data);
            const int start = line->start_index, end = line->start_index + line->length;
            segments_.push_back({start, end});
            // Cluster by cluster along the glyphs (left to right: Kazakh
            // text), each character of a cluster a share of its width.
            int x = 0;
            for (GSList* run = line->runs; run; run = run->next) {
                PangoGlyphItem* glyph_item = static_cast<PangoGlyphItem*>(run->data);
                PangoGlyphItemIter cluster;
                for (gboolean more = pango_glyph_item_iter_init_start(&cluster, glyph_item, text_.c_str()); more;
                     more = pango_glyph_item_iter_next_cluster(&cluster)) {
                    int width = 0;
                    for (int g = cluster.start_glyph; g < cluster.end_glyph; ++g)
                        width += glyph_item->glyphs->glyphs[g].geometry.width;
                    const int first = index_[static_cast<std::size_t>(cluster.start_index)];
                    const int characters = std::max(1, cluster.end_char - cluster.start_char);
                    for (int c = 0; c < characters; ++c) {
                        x_[static_cast<std::size_t>(first + c)] = from_pango({x + width * c / characters}).value;
                        widths[static_cast<std::size_t>(first + c)] = from_pango({width / characters}).value;
                    }
                    x += width;
                }
            }
            x_[static_cast<std::size_t>(index_[static_cast<std::size_t>(end)])] = from_pango({x}).value;
        }
        // The natural width of the stretchable spaces before each character.
        spaces_.assign(offsets_.size(), {});
        SpaceWidths spaces;
        for (std::size_t c = 0; c < offsets_.size(); ++c) {
            spaces_[c] = spaces;
            if (c + 1 < offsets_.size() && attributes_[c].is_expandable_space) {
                spaces.stretchable += widths[c];
                if (shrinkable(text_, static_cast<std::size_t>(offsets_[c]))) spaces.shrinkable += widths[c];
            }
        }
    }

    const std::string& text() const { return text_; }
    // The source paragraphs ('\n'-separated), as byte ranges.
    const std::vector<std::pair<int, int>>& segments() const { return segments_; }
    double x(int offset) const { return x_[character(offset)]; }
    const SpaceWidths& spaces(int offset) const { return spaces_[character(offset)]; }
    const PangoLogAttr& attributes(int offset) const { return attributes_[character(offset)]; }
    bool is_white(int offset) const { return attributes(offset).is_white; }

private:
    std::size_t character(int offset) const { return static_cast<std::size_t>(index_[static_cast<std::size_t>(offset)]); }

    std::string text_;
    std::vector<PangoLogAttr> attributes_;
    std::vector<int> index_;    // byte offset -> character
    std::vector<int> offsets_;  // character -> byte offset
    std::vector<double> x_;
    std::vector<SpaceWidths> spaces_;
    std::vector<std::pair<int, int>> segments_;
};

// A break candidate with the bytes it concerns.
struct Place {
    Candidate candidate;
    int line_end = 0;    // the line's text ends here (before the space or soft hyphen)
    int next_start = 0;  // the next line starts here
    BreakKind kind = BreakKind::space;
};

// The places where a source paragraph (bytes from `start` to `end`) may
// break, as Pango's line-break rules allow: the first is its start, the
// last its end.
std::vector<Place> places(const Measure& measure, int start, int end, double hyphen_width)
{
    const std::string& text = measure.text();
    std::vector<Place> result;
    Place first;
    first.candidate.next_start = measure.x(start);
    first.candidate.spaces_to_next = measure.spaces(start);
    first.next_start = start;
    result.push_back(first);
    for (int offset = start; offset < end;) {
        offset = static_cast<int>(g_utf8_next_char(text.data() + offset) - text.data());
        if (offset >= end || !measure.attributes(offset).is_line_break) continue;
        const int before = previous_offset(text, offset);
        Place place;
        place.next_start = offset;
        place.candidate.next_start = measure.x(offset);
        place.candidate.spaces_to_next = measure.spaces(offset);
        if (measure.is_white(before)) {
            int white = before;
            while (white > start && measure.is_white(previous_offset(text, white))) white = previous_offset(text, white);
            place.line_end = white;
            place.candidate.line_end = measure.x(white);
            place.kind = BreakKind::space;
        } else if (char_at(text, before) == soft_hyphen) {
            place.line_end = before;
            place.candidate.line_end = measure.x(offset) + hyphen_width;
            place.candidate.penalty = 50;
            place.candidate.flagged = place.candidate.hyphen = true;
            place.kind = BreakKind::hyphen;
        } else {
            place.line_end = offset;
            place.candidate.line_end = measure.x(offset);
            place.candidate.penalty = 50;
            place.candidate.flagged = is_dash(char_at(text, before));
            place.kind = BreakKind::dash;
        }
        place.candidate.spaces_to_end = measure.spaces(place.line_end);
        result.push_back(place);
    }
    Place last;
    last.line_end = end;
    last.candidate.line_end = measure.x(end);
    last.candidate.spaces_to_end = measure.spaces(end);
    last.kind = BreakKind::last;
    result.push_back(last);
    return result;
}

class Typesetter {
public:
    Typesetter(const resolve::StyledDocument& document, Diagnostics& diagnostics, const Options& options,
               double scale = 1)
        : document_(document), diagnostics_(diagnostics), options_(options), scale_(scale),
          context_(pango_font_map_create_context(document.fonts->font_map()))
    {
        // Unrounded glyph positions: line breaks must not depend on the
        // output device (Pango rounds to whole device units by default).
        pango_context_set_round_glyph_positions(context_.get(), FALSE);
        cairo_font_options_t* font_options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_.get(), font_options);
        cairo_font_options_destroy(font_options);
        pango_cairo_context_set_resolution(context_.get(), 72);
        pango_context_set_language(context_.get(), pango_language_from_string(document.language.c_str()));
    }

    Block block(const resolve::StyledBlock& styled, Pt width)
    {
        Block block;
        block.loc = styled.loc;
        if (styled.box) {
            const resolve::BoxStyle& box = *styled.box;
            block.box = box;
            block.space_before = box.space_before;
            block.space_after = box.space_after;
            block.height = box.padding * 2;
            children(styled.children, width - box.padding * 2, block);
            return block;
        }
        if (styled.kind == load::BlockKind::list) {
            children(styled.children, width, block);
            if (!block.children.empty()) {
                block.space_before = block.children.front().space_before;
                block.space_after = block.children.back().space_after;
                block.height -= block.children.front().space_before + block.children.back().space_after;
            }
            return block;
        }
        resolve::ParagraphStyle style = styled.style;
        style.size = style.size * scale_;
        style.leading = style.leading * scale_;
        block.style = style.name;
        block.colour = style.colour;
        block.space_before = style.space_before;
        block.space_after = style.space_after;
        block.indent = style.indent;
        if (styled.text.find('\t') != std::string::npos) {
            contact_line(styled, style, width - style.indent, block);
        } else {
            block.layout = paragraph(styled.text, styled.spans, style, width - style.indent, styled.loc, &block);
        }
        if (!styled.marker.empty()) block.bullet = paragraph(styled.marker, {}, style, style.indent, styled.loc);
        block.height = height(block.layout.get());
        return block;
    }

    // Lays out a paragraph; for a block, also says how its lines break.
    LayoutPtr paragraph(const std::string& text, const std::vector<resolve::Span>& spans,
                        const resolve::ParagraphStyle& style, Pt width, const SourceLoc& loc, Block* block = nullptr)
    {
        Text source{text, spans};
        if (style.hyphenate) source = hyphenated(source, document_.language);
        LayoutPtr layout = make_layout(source, style, width);
        if (block && style.align == resolve::Align::justify) {
            // Widths come from the paragraph laid out on one line: the same
            // shaping as in its lines, without the stretch justification adds.
            const Measure measure(make_layout(source, style, Pt{-1}).get());
            const double hyphen = hyphen_width(style);
            const LineBreaking wanted = options_.line_breaking.value_or(style.line_breaking);
            bool done = false;
            if (wanted == LineBreaking::total_fit) done = total_fit(source, measure, style, width, hyphen, layout, *block);
            if (!done) block->lines = lines_of(layout.get(), &measure, width, hyphen);
        } else if (block) {
            block->lines = lines_of(layout.get(), nullptr, width, 0);
        }
        check_glyphs(layout.get(), style, loc);
        return layout;
    }

    void children(const std::vector<resolve::StyledBlock>& styled, Pt width, Block& parent)
    {
        for (std::size_t i = 0; i < styled.size(); ++i) {
            Block child = block(styled[i], width);
            parent.height += child.height + child.space_after;
            if (i > 0) parent.height += child.space_before;
            if (i + 1 == styled.size()) parent.height -= child.space_after;
            parent.children.push_back(std::move(child));
        }
    }

    // A contact line, "label<tab/>value": the value set flush right on the
    // label's last line, the label wrapping short of it, and the style's
    // leader between them, its characters on a grid of their own width from
    // the column's edge, so that the leaders of lines one under the other
    // line up.
    void contact_line(const resolve::StyledBlock& styled, const resolve::ParagraphStyle& style, Pt column, Block& block)
    {
        const int tab = static_cast<int>(styled.text.find('\t'));
        Text label{styled.text.substr(0, static_cast<std::size_t>(tab)), {}};
        Text value{styled.text.substr(static_cast<std::size_t>(tab) + 1), {}};
        for (const resolve::Span& span : styled.spans) {
            if (span.start < tab) {
                label.spans.push_back(span);
                label.spans.back().end = std::min(span.end, tab);
            }
            if (span.end > tab + 1) {
                value.spans.push_back(span);
                value.spans.back().start = std::max(span.start - tab - 1, 0);
                value.spans.back().end = span.end - tab - 1;
            }
        }
        if (value.text.find('\n') != std::string::npos)
            fail(styled.loc, "a contact line cannot break after its <tab/>");
        resolve::ParagraphStyle left = style;
        left.align = resolve::Align::left;
        LayoutPtr after = make_layout(value, left, Pt{-1});
        check_glyphs(after.get(), style, styled.loc);
        const Pt value_width = logical_width(after.get());
        const Pt pad = style.size * 0.25;
        const std::string leader = style.tab_leader.empty() ? " " : style.tab_leader;
        // The leader's advance inside a run of it (fonts kern ".." apart).
        const auto run = [&](int count) {
            std::string text;
            for (int i = 0; i < count; ++i) text += leader;
            return make_layout({text, {}}, left, Pt{-1});
        };
        const LayoutPtr sixteen = run(16);
        check_glyphs(sixteen.get(), style, styled.loc);  // the style's leader, too, must be in the font
        const Pt advance = (logical_width(sixteen.get()) - logical_width(run(8).get())) * (1.0 / 8);
        // Room for the label: the column less the value, two leader
        // characters and the space either side.
        const Pt room = column - value_width - advance * 2 - pad * 2;
        if (room < style.size * 4)
            fail(styled.loc, fmt::format("the text after <tab/> is {:.1f} mm wide: it leaves no room for the text "
                                         "before it in a {:.1f} mm column",
                                         to_mm(value_width), to_mm(column)));
        block.layout = paragraph(label.text, label.spans, left, room, styled.loc, &block);
        // The label's last line: where it ends, and its top.
        PangoLayoutIter* iter = pango_layout_get_iter(block.layout.get());
        while (pango_layout_iter_next_line(iter)) {}
        PangoRectangle last;
        pango_layout_iter_get_line_extents(iter, nullptr, &last);
        pango_layout_iter_free(iter);
        const Pt top = from_pango({last.y});
        const Pt value_x = column - value_width;
        if (!style.tab_leader.empty()) {
            const double first = std::ceil((from_pango({last.x + last.width}) + pad).value / advance.value);
            const Pt start = advance * first, room_for_dots = value_x - pad - start;
            int count = static_cast<int>(room_for_dots.value / advance.value);
            LayoutPtr dots = run(count);
            while (count > 0 && logical_width(dots.get()) > room_for_dots) dots = run(--count);
            if (count > 0) block.attachments.push_back({dots, start, top, style.name + ".leader"});
        }
        block.attachments.push_back({after, value_x, top, style.name + ".tab"});
    }

    static Pt logical_width(PangoLayout* layout)
    {
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        return from_pango({logical.width});
    }

    Panel panel(const resolve::StyledPanel& styled)
    {
        Panel panel{styled.role, styled.next_roles, styled.valign, column_width(document_.sheet, styled.role), {},
                    scale_, styled.copyfit, styled.loc};
        for (const std::string& role : styled.next_roles)
            panel.width = std::min(panel.width, column_width(document_.sheet, role));
        for (const resolve::StyledBlock& block : styled.blocks) panel.blocks.push_back(this->block(block, panel.width));
        return panel;
    }

    LayoutPtr slug(const std::string& text)
    {
        resolve::ParagraphStyle style;
        style.font_family = document_.fonts->files().front().family;
        style.size = Pt{6};
        style.leading = Pt{7};
        style.colour = document_.sheet.registration;
        return paragraph(text, {}, style, document_.sheet.width, document_.loc);
    }

private:
    LayoutPtr make_layout(const Text& source, const resolve::ParagraphStyle& style, Pt width)
    {
        const std::string& text = source.text;
        LayoutPtr layout = share(pango_layout_new(context_.get()));
        pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
        pango_layout_set_width(layout.get(), width.value < 0 ? -1 : to_pango(width).value);
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
        pango_layout_set_justify(layout.get(), style.align == resolve::Align::justify);
        pango_layout_set_alignment(layout.get(), style.align == resolve::Align::center ? PANGO_ALIGN_CENTER
                                               : style.align == resolve::Align::right  ? PANGO_ALIGN_RIGHT
                                                                                       : PANGO_ALIGN_LEFT);
        c::PangoFontDescriptionHandle font = font_description(style);
        pango_layout_set_font_description(layout.get(), font.get());

        c::PangoAttrListHandle attributes(pango_attr_list_new());
        const int end = static_cast<int>(text.size());
        add(attributes.get(), pango_attr_line_height_new_absolute(to_pango(style.leading).value), 0, end);
        add(attributes.get(), pango_attr_language_new(pango_language_from_string(document_.language.c_str())), 0, end);
        add(attributes.get(), foreground(style.colour), 0, end);
        // Pango would hyphenate any word it must break mid-word; our breaks
        // come only from the hyphenation stage (soft hyphens). The attribute
        // also silences the hyphen of a soft hyphen, and then Pango breaks
        // there as if the hyphen took no room: lift it on each one.
        add(attributes.get(), pango_attr_insert_hyphens_new(FALSE), 0, end);
        for (std::size_t at = text.find("\u00AD"); at != std::string::npos; at = text.find("\u00AD", at + 2))
            add(attributes.get(), pango_attr_insert_hyphens_new(TRUE), static_cast<int>(at), static_cast<int>(at) + 2);
        for (const resolve::Span& span : source.spans) {
            if (span.weight)
                add(attributes.get(), pango_attr_weight_new(static_cast<PangoWeight>(*span.weight)), span.start, span.end);
            if (span.slant)
                add(attributes.get(),
                    pango_attr_style_new(*span.slant == resolve::Slant::italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL),
                    span.start, span.end);
            if (span.colour) add(attributes.get(), foreground(*span.colour), span.start, span.end);
            if (span.underline) add(attributes.get(), pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), span.start, span.end);
            if (span.no_break) add(attributes.get(), pango_attr_allow_breaks_new(FALSE), span.start, span.end);
        }
        pango_layout_set_attributes(layout.get(), attributes.get());
        attach_links(layout.get(), source.spans);
        return layout;
    }

    // The links travel with the layout they index (hyphenation and total-fit
    // insert characters, so only the final layout's offsets are right).
    static void attach_links(PangoLayout* layout, const std::vector<resolve::Span>& spans)
    {
        auto links = std::make_unique<std::vector<Link>>();
        for (const resolve::Span& span : spans)
            if (!span.link.empty()) links->push_back({span.start, span.end, span.link});
        if (links->empty()) return;
        g_object_set_data_full(G_OBJECT(layout), links_key, links.release(),
                               [](gpointer data) { delete static_cast<std::vector<Link>*>(data); });
    }

    static c::PangoFontDescriptionHandle font_description(const resolve::ParagraphStyle& style)
    {
        c::PangoFontDescriptionHandle font(pango_font_description_new());
        pango_font_description_set_family(font.get(), style.font_family.c_str());
        pango_font_description_set_absolute_size(font.get(), to_pango(style.size).value);
        pango_font_description_set_weight(font.get(), static_cast<PangoWeight>(style.weight));
        pango_font_description_set_style(font.get(), style.slant == resolve::Slant::italic ? PANGO_STYLE_ITALIC
                                                                                          : PANGO_STYLE_NORMAL);
        return font;
    }

    // The width of the hyphen drawn at a line end, in the paragraph's font.
    double hyphen_width(const resolve::ParagraphStyle& style)
    {
        c::PangoFontDescriptionHandle font = font_description(style);
        const std::string key = fmt::format("{}|{}|{}|{}", style.font_family, style.size.value, style.weight,
                                            static_cast<int>(style.slant));
        auto found = hyphen_widths_.find(key);
        if (found != hyphen_widths_.end()) return found->second;
        LayoutPtr layout = share(pango_layout_new(context_.get()));
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_text(layout.get(), break_hyphen_utf8, -1);
        PangoRectangle logical;
        pango_layout_get_extents(layout.get(), nullptr, &logical);
        return hyphen_widths_[key] = from_pango({logical.width}).value;
    }

    // Breaks the paragraph total-fit and sets it: a line separator (U+2028)
    // at each break, a soft hyphen chosen becoming a hyphen, the layout
    // left unwrapped (Pango breaks nowhere else) and each line justified
    // here, by widening or narrowing its spaces to the exact width of the
    // line as shaped. False, and `layout` untouched, if no breaks were
    // found.
    bool total_fit(const Text& source, const Measure& measure, const resolve::ParagraphStyle& style, Pt width,
                   double hyphen, LayoutPtr& layout, Block& block)
    {
        std::vector<Edit> edits;
        std::vector<BreakKind> kinds;
        const auto& segments = measure.segments();
        for (std::size_t s = 0; s < segments.size(); ++s) {
            const std::vector<Place> all = places(measure, segments[s].first, segments[s].second, hyphen);
            std::vector<Candidate> candidates;
            for (const Place& place : all) candidates.push_back(place.candidate);
            const std::vector<int> breaks = typeset::total_fit(candidates, width.value);
            if (breaks.empty()) return false;
            for (int to : breaks) {
                const Place& place = all[static_cast<std::size_t>(to)];
                if (to == static_cast<int>(all.size()) - 1) {
                    kinds.push_back(s + 1 < segments.size() ? BreakKind::forced : BreakKind::last);
                    continue;
                }
                kinds.push_back(place.kind);
                // A space at a break stays, drawn with no width (justify()):
                // the letter before it keeps the kerning it was measured with.
                if (place.kind == BreakKind::hyphen)
                    edits.push_back({place.line_end, place.next_start - place.line_end,
                                     std::string(break_hyphen_utf8) + line_separator_utf8});
                else
                    edits.push_back({place.next_start, 0, line_separator_utf8});
            }
        }
        resolve::ParagraphStyle unjustified = style;
        unjustified.align = resolve::Align::left;
        LayoutPtr result = make_layout(edited(source, edits), unjustified, Pt{-1});
        std::vector<Line> lines = lines_of(result.get(), nullptr, width, 0);
        if (lines.size() != kinds.size()) return false;
        std::size_t i = 0;
        for (GSList* item = pango_layout_get_lines(result.get()); item; item = item->next, ++i) {
            lines[i].kind = kinds[i];
            const bool last = kinds[i] == BreakKind::last || kinds[i] == BreakKind::forced;
            lines[i].adjustment = justify(static_cast<PangoLayoutLine*>(item->data), width, last);
            // The hyphen we put in is drawn, not part of the line's words.
            const int hyphen_bytes = static_cast<int>(std::strlen(break_hyphen_utf8));
            if (lines[i].kind == BreakKind::hyphen && lines[i].end - lines[i].start >= hyphen_bytes)
                lines[i].end -= hyphen_bytes;
        }
        layout = std::move(result);
        block.lines = std::move(lines);
        block.line_breaking = LineBreaking::total_fit;
        return true;
    }

    // Justifies a line of an unwrapped layout to `width`: its stretchable
    // spaces grow or shrink, each in proportion to its natural width, by
    // what the line lacks or has too much. A last line keeps its natural
    // spacing unless it is too wide. Returns the adjustment ratio, if the
    // spaces were changed. The line comes from pango_layout_get_lines(),
    // which tells Pango its glyphs may change (no cached extents).
    static std::optional<double> justify(PangoLayoutLine* line, Pt width, bool last)
    {
        const std::string_view text = pango_layout_get_text(line->layout);
        // Where the line's words end: the spaces after (a break at a space
        // keeps it, for the kerning it was measured with) take no room.
        const char* words_end = text.data() + line->start_index + line->length;
        while (words_end > text.data() + line->start_index) {
            const char* before = g_utf8_prev_char(words_end);
            if (!g_unichar_isspace(g_utf8_get_char(before))) break;
            words_end = before;
        }
        std::vector<PangoGlyphInfo*> spaces, shrinkable_spaces;
        for (GSList* item = line->runs; item; item = item->next) {
            const PangoGlyphItem* run = static_cast<PangoGlyphItem*>(item->data);
            for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
                const char* at = text.data() + run->item->offset + run->glyphs->log_clusters[g];
                if (!is_expandable_space(g_utf8_get_char(at))) continue;
                PangoGlyphInfo& glyph = run->glyphs->glyphs[g];
                if (at >= words_end) {
                    glyph.geometry.width = 0;
                    continue;
                }
                spaces.push_back(&glyph);
                if (shrinkable(text, static_cast<std::size_t>(at - text.data()))) shrinkable_spaces.push_back(&glyph);
            }
        }
        PangoRectangle logical;
        pango_layout_line_get_extents(line, nullptr, &logical);
        const int lacking = to_pango(width).value - logical.width;
        if (last && lacking >= 0) return std::nullopt;
        const bool shrinking = lacking < 0 && !shrinkable_spaces.empty();
        const std::vector<PangoGlyphInfo*>& changed = shrinking ? shrinkable_spaces : spaces;
        if (changed.empty()) return lacking > 0 ? std::numeric_limits<double>::infinity()
                                                : -std::numeric_limits<double>::infinity();
        long natural = 0;
        for (const PangoGlyphInfo* space : changed) natural += space->geometry.width;
        // Whole Pango units, the remainder to the first spaces, so that the
        // line ends exactly at the width.
        long given = 0;
        for (PangoGlyphInfo* space : changed) {
            const int share = static_cast<int>(static_cast<long>(lacking) * space->geometry.width / natural);
            space->geometry.width += share;
            given += share;
        }
        for (std::size_t k = 0; given != lacking; k = (k + 1) % changed.size()) {
            const int step = lacking > given ? 1 : -1;
            changed[k]->geometry.width += step;
            given += step;
        }
        if (lacking < 0 && !shrinking) return -std::numeric_limits<double>::infinity();
        const double share = lacking > 0 ? stretch_share : shrink_share;
        return static_cast<double>(lacking) / (share * static_cast<double>(natural));
    }

    // The lines of a laid-out paragraph. With `measure` (a justified
    // paragraph laid out by Pango's own breaking) also their adjustment.
    static std::vector<Line> lines_of(PangoLayout* layout, const Measure* measure, Pt width, double hyphen)
    {
        const std::string text = pango_layout_get_text(layout);
        std::vector<Line> lines;
        for (GSList* item = pango_layout_get_lines_readonly(layout); item; item = item->next) {
            const PangoLayoutLine* line = static_cast<PangoLayoutLine*>(item->data);
            const PangoLayoutLine* next = item->next ? static_cast<PangoLayoutLine*>(item->next->data) : nullptr;
            Line result;
            result.start = line->start_index;
            result.end = line->start_index + line->length;
            bool white = false;
            while (result.end > result.start) {
                const int before = previous_offset(text, result.end);
                const gunichar ch = char_at(text, before);
                if (ch != line_separator && ch != '\n' && ch != soft_hyphen && !g_unichar_isspace(ch)) break;
                white |= g_unichar_isspace(ch) && ch != line_separator && ch != '\n';
                result.end = before;
            }
            const bool hyphenated = result.end < line->start_index + line->length &&
                                    char_at(text, result.end) == soft_hyphen && !white;
            result.kind = !next                     ? BreakKind::last
                        : next->is_paragraph_start  ? BreakKind::forced
                        : hyphenated                ? BreakKind::hyphen
                        : white                     ? BreakKind::space
                                                    : BreakKind::dash;
            if (measure && (result.kind == BreakKind::space || result.kind == BreakKind::hyphen ||
                            result.kind == BreakKind::dash)) {
                Candidate from, to;
                from.next_start = measure->x(result.start);
                from.spaces_to_next = measure->spaces(result.start);
                to.line_end = measure->x(result.end) + (hyphenated ? hyphen : 0);
                to.spaces_to_end = measure->spaces(result.end);
                result.adjustment = adjustment_ratio(from, to, width.value);
            }
            lines.push_back(result);
        }
        return lines;
    }

    // A character the font lacks is an error: a fallback font, or a box
    // in place of a Kazakh letter, must never reach print.
    void check_glyphs(PangoLayout* layout, const resolve::ParagraphStyle& style, const SourceLoc& loc)
    {
        if (pango_layout_get_unknown_glyphs_count(layout) == 0) return;
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        do {
            PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
            if (!run) continue;
            for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
                const PangoGlyph glyph = run->glyphs->glyphs[i].glyph;
                if (glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
                    pango_layout_iter_free(iter);
                    fail(loc, fmt::format("{} is not in font '{}' (paragraph style '{}')",
                                          codepoint_name(glyph & ~PANGO_GLYPH_UNKNOWN_FLAG), style.font_family,
                                          style.name));
                }
            }
        } while (pango_layout_iter_next_run(iter));
        pango_layout_iter_free(iter);
    }

    const resolve::StyledDocument& document_;
    Diagnostics& diagnostics_;
    Options options_;
    double scale_;
    std::map<std::string, double> hyphen_widths_;
    c::GObject<PangoContext> context_;
};

}  // namespace

const std::vector<Link>& links(PangoLayout* layout)
{
    static const std::vector<Link> none;
    const auto* found = static_cast<const std::vector<Link>*>(g_object_get_data(G_OBJECT(layout), links_key));
    return found ? *found : none;
}

Pt height(PangoLayout* layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return from_pango({logical.height});
}

Panel typeset_panel(const resolve::StyledDocument& document, std::size_t index, double scale,
                    Diagnostics& diagnostics, const Options& options)
{
    return Typesetter(document, diagnostics, options, scale).panel(document.panels.at(index));
}

Pt column_width(const resolve::Sheet& sheet, const std::string& role)
{
    for (const resolve::Side& side : sheet.sides)
        for (const resolve::PanelGeometry& panel : side.panels)
            if (panel.role == role) return panel.width - sheet.margin * 2;
    return {};
}

Typeset typeset(const resolve::StyledDocument& document, const std::string& variant, Diagnostics& diagnostics,
                const Options& options)
{
    Typesetter typesetter(document, diagnostics, options);
    Typeset result;
    result.id = document.id;
    result.title = document.title;
    result.language = document.language;
    result.version = document.version;
    result.sheet = document.sheet;
    result.loc = document.loc;
    for (const resolve::StyledPanel& styled : document.panels) result.panels.push_back(typesetter.panel(styled));
    for (const resolve::Side& side : document.sheet.sides)
        result.slugs.push_back(typesetter.slug(
            fmt::format("{}  ·  {}  ·  version {}  ·  {}", document.id, variant, document.version, side.name)));
    return result;
}

}  // namespace leaflet::typeset
