// The typesetter: blocks, boxes, lists and panels; each paragraph is set
// by paragraph.cpp (soft hyphens, shaping, breaking, freezing).
#include "typeset/typeset.hpp"

#include <fmt/format.h>

#include "contact_line.hpp"
#include "paragraph.hpp"
#include "print_limits.hpp"

namespace leaflet::typeset {

namespace {

BlockKind kind_of(const resolve::StyledBlock& styled, bool in_list)
{
    if (styled.figure) return BlockKind::figure;
    if (styled.box) return BlockKind::box;
    switch (styled.kind) {
    case load::BlockKind::heading1:
    case load::BlockKind::heading2: return BlockKind::heading;
    case load::BlockKind::list:
    case load::BlockKind::ordered_list:
    case load::BlockKind::directory: return BlockKind::list;
    case load::BlockKind::quote:
    case load::BlockKind::callout:
    case load::BlockKind::rule: return BlockKind::box;
    case load::BlockKind::image:
    case load::BlockKind::qr: return BlockKind::figure;
    case load::BlockKind::paragraph: break;
    }
    return in_list ? BlockKind::list_item : BlockKind::paragraph;
}

class Typesetter {
public:
    Typesetter(const resolve::StyledDocument& document, const Options& options, double scale = 1)
        : document_(document), scale_(scale), setter_(document, options)
    {
    }

    Panel panel(const resolve::StyledPanel& styled)
    {
        Panel panel;
        panel.role = styled.role;
        panel.next_roles = styled.next_roles;
        panel.valign = styled.valign;
        panel.width = column_width(document_.sheet, styled.role);
        panel.scale = scale_;
        panel.copyfit = styled.copyfit;
        panel.balance = styled.balance;
        panel.background = styled.background;
        panel.loc = styled.loc;
        for (const std::string& role : styled.next_roles)
            panel.width = std::min(panel.width, column_width(document_.sheet, role));
        for (const resolve::StyledBlock& block : styled.blocks)
            panel.blocks.push_back(this->block(block, panel.width, false));
        return panel;
    }

    Block slug(const std::string& text)
    {
        resolve::ParagraphStyle style;
        style.name = "slug";
        style.font_family = document_.fonts->files().front().family;
        style.size = print_limits::minimum_text_size;
        style.leading = Pt{7};
        style.colour = document_.sheet.registration;
        Block block;
        block.kind = BlockKind::slug;
        block.style = style.name;
        block.loc = document_.loc;
        block.lines = setter_.set({text, {}}, style, unlimited, document_.loc, RunRole::slug).lines;
        block.height = height(block.lines);
        return block;
    }

private:
    Block block(const resolve::StyledBlock& styled, Pt width, bool in_list)
    {
        Block block;
        block.kind = kind_of(styled, in_list);
        block.level = styled.kind == load::BlockKind::heading1 ? 1 : styled.kind == load::BlockKind::heading2 ? 2 : 0;
        block.loc = styled.loc;
        block.place = styled.place;
        if (styled.figure) {
            // Its size is the source's, never scaled by copyfit.
            block.figure = styled.figure;
            block.style = styled.box->name;
            block.space_before = styled.box->space_before;
            block.space_after = styled.box->space_after;
            block.height = styled.figure->height;
            return block;
        }
        if (styled.box) {
            const resolve::BoxStyle& box = *styled.box;
            block.box = box;
            block.style = box.name;
            block.space_before = box.space_before;
            block.space_after = box.space_after;
            block.height = styled.kind == load::BlockKind::rule ? box.height : box.padding * 2;
            children(styled.children, width - box.padding * 2, false, block);
            return block;
        }
        if (block.kind == BlockKind::list) {
            children(styled.children, width, true, block);
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
        // Headings and capitals are never justified: their word spaces
        // would be the widest gaps of the page.
        if (style.align == resolve::Align::justify && (block.kind == BlockKind::heading || all_capitals(styled.text)))
            style.align = resolve::Align::left;
        // Headings and centred lines (titles) are balanced.
        const bool balanced = block.kind == BlockKind::heading || style.align == resolve::Align::center;
        block.style = style.name;
        block.space_before = style.space_before;
        block.space_after = style.space_after;
        if (styled.text.find('\t') != std::string::npos) {
            block.lines = contact_line(setter_, styled, style, width);
            block.keep_whole = true;
        } else {
            Paragraph paragraph =
                setter_.set({styled.text, styled.spans}, style, width, styled.loc, RunRole::text, balanced);
            block.lines = std::move(paragraph.lines);
            block.line_breaking = paragraph.line_breaking;
        }
        if (!styled.marker.empty()) label(styled, style, block);
        block.height = height(block.lines);
        return block;
    }

    // A list item's bullet or number: runs at the block's left edge, on
    // its first line's baseline.
    void label(const resolve::StyledBlock& styled, const resolve::ParagraphStyle& style, Block& block)
    {
        Line marker = setter_.set_alone({styled.marker, {}}, style, styled.loc, RunRole::label);
        std::vector<GlyphRun>& runs = block.lines.front().runs;
        runs.insert(runs.begin(), std::make_move_iterator(marker.runs.begin()), std::make_move_iterator(marker.runs.end()));
    }

    void children(const std::vector<resolve::StyledBlock>& styled, Pt width, bool in_list, Block& parent)
    {
        for (std::size_t i = 0; i < styled.size(); ++i) {
            Block child = block(styled[i], width, in_list);
            parent.height += child.height + child.space_after;
            if (i > 0) parent.height += child.space_before;
            if (i + 1 == styled.size()) parent.height -= child.space_after;
            parent.children.push_back(std::move(child));
        }
    }

    const resolve::StyledDocument& document_;
    double scale_;
    ParagraphSetter setter_;
};

}  // namespace

Pt GlyphRun::width() const
{
    Pt width;
    for (const Glyph& glyph : glyphs) width += glyph.advance;
    return width;
}

Panel typeset_panel(const resolve::StyledDocument& document, std::size_t index, double scale, Diagnostics&,
                    const Options& options)
{
    return Typesetter(document, options, scale).panel(document.panels.at(index));
}

Pt column_width(const resolve::Sheet& sheet, const std::string& role)
{
    for (const resolve::Side& side : sheet.sides)
        for (const resolve::PanelGeometry& panel : side.panels)
            if (panel.role == role) return panel.width - sheet.margin * 2;
    return {};
}

Typeset typeset(const resolve::StyledDocument& document, const std::string& variant, Diagnostics&,
                const Options& options)
{
    Typesetter typesetter(document, options, options.scale);
    Typeset result;
    result.id = document.id;
    result.title = document.title;
    result.language = document.language;
    result.version = document.version;
    result.sheet = document.sheet;
    result.fonts = document.fonts;
    result.loc = document.loc;
    for (const resolve::StyledPanel& styled : document.panels) result.panels.push_back(typesetter.panel(styled));
    for (const resolve::Side& side : document.sheet.sides)
        result.slugs.push_back(typesetter.slug(
            fmt::format("{}  ·  {}  ·  version {}  ·  {}", document.id, variant, document.version, side.name)));
    return result;
}

}  // namespace leaflet::typeset
