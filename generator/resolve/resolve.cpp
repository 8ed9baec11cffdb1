#include "resolve/resolve.hpp"

#include <set>

namespace leaflet::resolve {

namespace {

using load::Block;
using load::BlockKind;
using load::Inline;
using load::InlineKind;

class Resolver {
public:
    Resolver(const Stylesheet& styles, const FontSet& fonts, Diagnostics& diagnostics)
        : styles_(styles), fonts_(fonts), diagnostics_(diagnostics)
    {
    }

    StyledPanel panel(const load::Panel& panel)
    {
        StyledPanel styled{panel.role, panel.valign, {}, panel.loc};
        for (const Block& block : panel.blocks) styled.blocks.push_back(this->block(block, nullptr));
        return styled;
    }

private:
    StyledBlock block(const Block& block, const BoxStyle* box)
    {
        StyledBlock styled;
        styled.kind = block.kind;
        styled.loc = block.loc;
        switch (block.kind) {
        case BlockKind::callout: {
            styled.box = box_style(block.style.empty() ? "callout" : block.style, block.loc);
            for (const Block& child : block.children) styled.children.push_back(this->block(child, &*styled.box));
            return styled;
        }
        case BlockKind::list:
            for (const Block& item : block.children) {
                StyledBlock child = this->block(item, box);
                if (item.style.empty()) child.style = paragraph_style(block.style.empty() ? "list-item" : block.style,
                                                                      item.loc, box);
                child.marker = child.style.bullet;
                styled.children.push_back(std::move(child));
            }
            return styled;
        case BlockKind::heading1:
        case BlockKind::heading2:
        case BlockKind::paragraph: {
            const char* fallback = block.kind == BlockKind::heading1 ? "h1"
                                 : block.kind == BlockKind::heading2 ? "h2"
                                                                     : "body";
            styled.style = paragraph_style(block.style.empty() ? fallback : block.style, block.loc, box);
            flatten(block.content, styled);
            if (styled.text.empty()) diagnostics_.warn(block.loc, "empty paragraph");
            return styled;
        }
        }
        return styled;
    }

    ParagraphStyle paragraph_style(const std::string& name, const SourceLoc& loc, const BoxStyle* box)
    {
        auto found = styles_.paragraphs.find(name);
        if (found == styles_.paragraphs.end())
            fail(loc, "unknown paragraph style '" + name + "' (not in " + styles_.path + ")");
        ParagraphStyle style = found->second;
        if (!fonts_.has_family(style.font_family))
            fail(style.loc, "font family '" + style.font_family + "' of style '" + name +
                                "' is not in the fonts manifest");
        if (box && box->text_colour) style.colour = *box->text_colour;
        return style;
    }

    BoxStyle box_style(const std::string& name, const SourceLoc& loc)
    {
        auto found = styles_.boxes.find(name);
        if (found == styles_.boxes.end()) fail(loc, "unknown box style '" + name + "' (not in " + styles_.path + ")");
        return found->second;
    }

    const CharacterStyle& character_style(const std::string& name, const SourceLoc& loc)
    {
        auto found = styles_.characters.find(name);
        if (found == styles_.characters.end())
            fail(loc, "unknown character style '" + name + "' (not in " + styles_.path + ")");
        return found->second;
    }

    void flatten(const std::vector<Inline>& inlines, StyledBlock& block)
    {
        for (const Inline& item : inlines) {
            switch (item.kind) {
            case InlineKind::text: block.text += item.text; break;
            case InlineKind::line_break: block.text += '\n'; break;
            default: {
                Span span;
                span.start = static_cast<int>(block.text.size());
                flatten(item.children, block);
                span.end = static_cast<int>(block.text.size());
                const char* style_name = item.kind == InlineKind::bold     ? "b"
                                       : item.kind == InlineKind::emphasis ? "em"
                                       : item.kind == InlineKind::phone    ? "phone"
                                       : item.kind == InlineKind::email    ? "email"
                                                                           : "link";
                const CharacterStyle& style = character_style(style_name, item.loc);
                span.weight = style.weight;
                span.slant = style.slant;
                span.colour = style.colour;
                span.underline = style.underline;
                if (item.kind == InlineKind::phone) {
                    span.link = "tel:" + item.target;
                    span.no_break = true;
                } else if (item.kind == InlineKind::email) {
                    span.link = "mailto:" + item.target;
                    span.no_break = true;
                } else if (item.kind == InlineKind::link) {
                    span.link = item.target;
                    span.no_break = true;
                }
                block.spans.push_back(std::move(span));
            }
            }
        }
    }

    const Stylesheet& styles_;
    const FontSet& fonts_;
    Diagnostics& diagnostics_;
};

}  // namespace

StyledDocument resolve(const load::Document& document, const Stylesheet& styles, std::shared_ptr<const FontSet> fonts,
                       Diagnostics& diagnostics)
{
    StyledDocument styled;
    styled.id = document.id;
    styled.language = document.language;
    styled.version = document.version;
    styled.title = document.title;
    styled.sheet = styles.sheet;
    styled.loc = document.loc;

    std::set<std::string> roles;
    for (const Side& side : styles.sheet.sides)
        for (const PanelGeometry& panel : side.panels) roles.insert(panel.role);
    Resolver resolver(styles, *fonts, diagnostics);
    for (const load::Panel& panel : document.panels) {
        if (!roles.count(panel.role))
            fail(panel.loc, "panel '" + panel.role + "' has no place on the sheet of " + styles.path);
        if (panel.blocks.empty()) diagnostics.warn(panel.loc, "panel '" + panel.role + "' is empty");
        styled.panels.push_back(resolver.panel(panel));
    }
    for (const std::string& role : roles) {
        bool present = false;
        for (const load::Panel& panel : document.panels) present = present || panel.role == role;
        if (!present) diagnostics.warn(document.loc, "the leaflet has no panel '" + role + "'");
    }
    styled.fonts = std::move(fonts);
    return styled;
}

}  // namespace leaflet::resolve
