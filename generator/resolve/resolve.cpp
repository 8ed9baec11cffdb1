#include "resolve/resolve.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "print_limits.hpp"

#include "script/script.hpp"

namespace leaflet::resolve {

namespace {

using load::Block;
using load::BlockKind;
using load::Inline;
using load::InlineKind;

class Resolver {
public:
    Resolver(const load::Document& document, const Stylesheet& styles, const FontSet& fonts,
             const Selection& selection, bool latin, std::string art_root, Diagnostics& diagnostics)
        : document_(document), styles_(styles), fonts_(fonts), selection_(selection), latin_(latin),
          art_root_(std::move(art_root)), diagnostics_(diagnostics)
    {
        for (const auto& [name, colour] : styles_.swatches)
            swatches_.push_back(art::Swatch{name, {colour.rgb[0], colour.rgb[1], colour.rgb[2]}});
    }

    StyledPanel panel(const load::Panel& panel)
    {
        StyledPanel styled;
        styled.role = panel.role;
        styled.next_roles = panel.next_roles;
        styled.valign = panel.valign;
        styled.balance = panel.balance;
        styled.loc = panel.loc;
        if (panel.copyfit != load::Copyfit::none) {
            const bool fill = panel.copyfit == load::Copyfit::fill;
            if (!styles_.copyfit)
                fail(panel.loc, std::string("copyfit=\"") + (fill ? "fill" : "shrink") +
                                    "\" needs a <copyfit minimum=\"…\"> in " + styles_.path);
            if (fill && styles_.copyfit->maximum <= 1)
                fail(panel.loc, "copyfit=\"fill\" needs a <copyfit maximum=\"…\"> above 100 % in " + styles_.path);
            styled.copyfit = styles_.copyfit;
            styled.copyfit->mode = panel.copyfit;
        }
        if (!panel.background.empty()) styled.background = swatch(panel.background, panel.loc);
        column_ = column_width(panel.role);
        for (const std::string& role : panel.next_roles) column_ = std::min(column_, column_width(role));
        blocks(panel.blocks, nullptr, styled.blocks);
        return styled;
    }

    // Replacements of the variant that named no block of the leaflet.
    void check_replacements_used() const
    {
        if (!selection_.variant) return;
        for (const auto& [ref, block] : selection_.variant->replacements)
            if (!used_replacements_.count(ref))
                fail(block.loc, "variant '" + selection_.variant->id + "' replaces '" + ref +
                                    "', which no block of the leaflet has as its id");
    }

private:
    // Profiling: a block for some regions appears only in their variants;
    // one that prints the region's name (<region-name/>), in any variant.
    bool selected(const Block& block) const
    {
        if (!selection_.variant && load::names_the_region(block.content)) return false;
        if (block.regions.empty()) return true;
        if (!selection_.variant) return false;
        return std::find(block.regions.begin(), block.regions.end(), selection_.variant->region) !=
               block.regions.end();
    }

    const Block& replaced(const Block& block)
    {
        if (!selection_.variant || block.id.empty()) return block;
        for (const auto& [ref, replacement] : selection_.variant->replacements) {
            if (ref == block.id) {
                used_replacements_.insert(ref);
                return replacement;
            }
        }
        return block;
    }

    void blocks(const std::vector<Block>& source, const BoxStyle* box, std::vector<StyledBlock>& out)
    {
        for (const Block& original : source) {
            if (!selected(original)) continue;
            const Block& block = replaced(original);
            if (block.kind == BlockKind::directory) {
                directory(block, box, out);
                continue;
            }
            StyledBlock styled = this->block(block, box);
            // A box or list whose every block was left out (each named the
            // region, in the base leaflet) is left out with them.
            if (!block.children.empty() && styled.children.empty()) continue;
            out.push_back(std::move(styled));
        }
    }

    StyledBlock block(const Block& block, const BoxStyle* box)
    {
        StyledBlock styled;
        styled.kind = block.kind;
        styled.loc = block.loc;
        styled.place = block.place;
        switch (block.kind) {
        case BlockKind::rule:
            styled.box = box_style(block.style.empty() ? "rule" : block.style, block.loc);
            if (!styled.box->background || styled.box->height <= Pt{})
                fail(block.loc, "the rule's box style '" + styled.box->name +
                                    "' needs a background (its colour) and a height (its thickness)");
            return styled;
        case BlockKind::callout:
        case BlockKind::quote: {
            const char* fallback = block.kind == BlockKind::callout ? "callout" : "quote";
            styled.box = box_style(block.style.empty() ? fallback : block.style, block.loc);
            blocks(block.children, &*styled.box, styled.children);
            return styled;
        }
        case BlockKind::list:
        case BlockKind::ordered_list: {
            const bool ordered = block.kind == BlockKind::ordered_list;
            styled.kind = BlockKind::list;  // the numbers are in the markers now
            int number = block.start;
            for (const Block& item : block.children) {
                if (!selected(item)) continue;
                StyledBlock child = this->block(replaced(item), box);
                if (item.style.empty())
                    child.style = paragraph_style(block.style.empty() ? (ordered ? "ordered-item" : "list-item")
                                                                      : block.style,
                                                  item.loc, box);
                child.marker = ordered ? std::to_string(number++) + "." : child.style.bullet;
                styled.children.push_back(std::move(child));
            }
            return styled;
        }
        case BlockKind::directory:
            return styled;  // expanded by directory()
        case BlockKind::image:
        case BlockKind::qr:
            figure(block, box, styled);
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

    template <typename Map>
    static std::vector<std::string> names_of(const Map& map)
    {
        std::vector<std::string> names;
        for (const auto& entry : map) names.push_back(entry.first);
        return names;
    }

    ParagraphStyle paragraph_style(const std::string& name, const SourceLoc& loc, const BoxStyle* box)
    {
        auto found = styles_.paragraphs.find(name);
        if (found == styles_.paragraphs.end())
            fail(loc, "unknown paragraph style '" + name + "' (not in " + styles_.path + ")" +
                          did_you_mean(name, names_of(styles_.paragraphs)));
        ParagraphStyle style = found->second;
        if (!fonts_.has_family(style.font_family))
            fail(style.loc, "font family '" + style.font_family + "' of style '" + name +
                                "' is not in the fonts manifest");
        if (box && box->text_colour) style.colour = *box->text_colour;
        return style;
    }

    const Colour& swatch(const std::string& name, const SourceLoc& loc)
    {
        auto found = styles_.swatches.find(name);
        if (found == styles_.swatches.end())
            fail(loc, "unknown colour swatch '" + name + "' (not in " + styles_.path + ")" +
                          did_you_mean(name, names_of(styles_.swatches)));
        return found->second;
    }

    BoxStyle box_style(const std::string& name, const SourceLoc& loc)
    {
        auto found = styles_.boxes.find(name);
        if (found == styles_.boxes.end())
            fail(loc, "unknown box style '" + name + "' (not in " + styles_.path + ")" +
                          did_you_mean(name, names_of(styles_.boxes)));
        return found->second;
    }

    const CharacterStyle& character_style(const std::string& name, const SourceLoc& loc)
    {
        auto found = styles_.characters.find(name);
        if (found == styles_.characters.end())
            fail(loc, "unknown character style '" + name + "' (not in " + styles_.path + ")" +
                          did_you_mean(name, names_of(styles_.characters)));
        return found->second;
    }

    Pt column_width(const std::string& role) const
    {
        for (const Side& side : styles_.sheet.sides)
            for (const PanelGeometry& geometry : side.panels)
                if (geometry.role == role) return geometry.width - styles_.sheet.margin * 2;
        return {};
    }

    // An image or QR code: its art, and its size in the column (`box`: the
    // box it stands in, whose padding narrows it). Its box style (default
    // "image" or "qr") gives the space around it and a QR code's colour.
    void figure(const Block& block, const BoxStyle* box, StyledBlock& styled)
    {
        const bool qr = block.kind == BlockKind::qr;
        styled.box = box_style(block.style.empty() ? (qr ? "qr" : "image") : block.style, block.loc);
        const Pt column = column_ - (box ? box->padding * 2 : Pt{});
        Figure figure;
        figure.alt = block.alt;
        figure.colour = styled.box->text_colour ? *styled.box->text_colour : swatch("black", styled.box->loc);
        figure.art = qr ? art::qr(block.src, block.loc) : art::load(art_root_, block.src, swatches_, block.loc);
        const art::Art& art = *figure.art;
        const Pt natural = qr ? mm(20) : art.width;
        figure.width = block.width_mm > 0 ? mm(block.width_mm) : std::min(natural, column);
        if (figure.width > column + Pt{0.01})
            fail(block.loc, fmt::format("the {} is {:.1f} mm wide, wider than its column ({:.1f} mm)",
                                        qr ? "QR code" : "image", figure.width.value / points_per_mm,
                                        column.value / points_per_mm));
        figure.height = figure.width * (art.height / art.width);
        if (qr) {
            const Pt module = figure.width / (art.modules + 2 * art::quiet_zone);
            if (module < mm(print_limits::minimum_qr_module_mm))
                fail(block.loc, fmt::format("the QR code's modules would be {:.2f} mm, less than {} mm: make it at "
                                            "least {:.1f} mm wide, or encode less",
                                            module.value / points_per_mm, print_limits::minimum_qr_module_mm,
                                            print_limits::minimum_qr_module_mm * (art.modules + 2 * art::quiet_zone)));
        }
        if (art.kind == art::Kind::png || art.kind == art::Kind::jpeg) {
            const double ppi = art.pixels_wide / (figure.width.value / 72);
            if (ppi < print_limits::minimum_image_ppi)
                fail(block.loc, fmt::format("'{}' would print at {:.0f} ppi, less than {}: place it at most {:.1f} "
                                            "mm wide",
                                            block.src, ppi, print_limits::minimum_image_ppi,
                                            art.pixels_wide / print_limits::minimum_image_ppi * 25.4));
            if (ppi < print_limits::good_image_ppi)
                diagnostics_.warn(block.loc, fmt::format("'{}' prints at {:.0f} ppi, less than the {} print wants",
                                                         block.src, ppi, print_limits::good_image_ppi));
        }
        styled.figure = std::move(figure);
    }

    // <icon name="…"/>: art/icons/<name>.svg of the sources folder.
    std::shared_ptr<const art::Art> icon(const std::string& name, const SourceLoc& loc)
    {
        if (const auto found = icons_.find(name); found != icons_.end()) return found->second;
        namespace fs = std::filesystem;
        const fs::path folder = fs::path(art_root_) / "art" / "icons";
        if (!fs::exists(folder / (name + ".svg"))) {
            std::vector<std::string> known;
            std::error_code error;
            for (const fs::directory_entry& entry : fs::directory_iterator(folder, error))
                if (entry.path().extension() == ".svg") known.push_back(entry.path().stem().string());
            std::sort(known.begin(), known.end());
            fail(loc, fmt::format("unknown icon '{}': {} has no {}.svg{}", name, folder.string(), name,
                                  did_you_mean(name, known)));
        }
        auto art = art::load(art_root_, "art/icons/" + name + ".svg", swatches_, loc);
        icons_.emplace(name, art);
        return art;
    }

    void flatten(const std::vector<Inline>& inlines, StyledBlock& block)
    {
        for (const Inline& item : inlines) {
            switch (item.kind) {
            case InlineKind::icon: {
                Span span;
                span.start = static_cast<int>(block.text.size());
                block.text += "\xEF\xBF\xBC";  // U+FFFC OBJECT REPLACEMENT CHARACTER
                span.end = static_cast<int>(block.text.size());
                span.art = icon(item.target, item.loc);
                span.icon = item.target;
                span.icon_loc = item.loc;
                span.no_break = true;
                block.spans.push_back(std::move(span));
                break;
            }
            case InlineKind::text: block.text += item.text; break;
            case InlineKind::region_name:
                if (!selection_.region)
                    fail(item.loc, "<region-name/> has no region to print: it prints a variant's region, and "
                                   "a block holding it is left out of the base leaflet");
                block.text += label(selection_.region->name);
                break;
            case InlineKind::edition: block.text += document_.version; break;
            case InlineKind::edition_date: block.text += load::display_date(document_.date); break;
            case InlineKind::line_break: block.text += '\n'; break;
            case InlineKind::tab:
                if (block.text.find('\t') != std::string::npos)
                    fail(item.loc, "a paragraph holds one <tab/> at most");
                block.text += '\t';
                break;
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

    // The organisations of the directory as numbered entries. A variant puts
    // its region's organisations first, in a box of style directory-region
    // labelled with a map pin and the region's name, and the others after
    // (or leaves them out). The entries are numbered 1, 2, 3… in reading
    // order across all the leaflet's directories, in the base leaflet and
    // in every variant alike: the flap's list 1-16, the back's 17-20.
    void directory(const Block& block, const BoxStyle* box, std::vector<StyledBlock>& out)
    {
        if (!selection_.directory) fail(block.loc, "<directory> needs the directory (sources/shared/directory.xml)");
        std::vector<const load::Organisation*> local, others;
        for (const load::Organisation& organisation : selection_.directory->organisations) {
            if (block.category != "all" && organisation.category != block.category) continue;
            const bool in_region =
                selection_.variant && std::find(organisation.regions.begin(), organisation.regions.end(),
                                                selection_.variant->region) != organisation.regions.end();
            (in_region ? local : others).push_back(&organisation);
        }
        if (selection_.variant && selection_.variant->omit_others) others.clear();
        if (local.empty() && others.empty()) {
            diagnostics_.warn(block.loc, "the directory selects no organisation");
            return;
        }
        // style="…": the entries' paragraph style, in the region's box too;
        // without it, directory-entry (directory-entry-highlight in the box).
        if (!local.empty())
            out.push_back(region_box(block, local, block.style.empty() ? "directory-entry-highlight" : block.style, box));
        if (!others.empty()) out.push_back(entries(block, others, block.style.empty() ? "directory-entry" : block.style, box));
    }

    // The region's organisations: a box (style directory-region) that opens
    // with its label (a map pin and the region's name), then their entries.
    StyledBlock region_box(const Block& block, const std::vector<const load::Organisation*>& local,
                           const std::string& style, const BoxStyle* outer)
    {
        if (outer) fail(block.loc, "a <directory> in a box cannot set its region's organisations in a box of their own");
        if (!selection_.region)
            fail(block.loc, "variant '" + selection_.variant->id + "': region '" + selection_.variant->region +
                                "' is not in sources/shared/regions.xml");
        StyledBlock styled;
        styled.kind = BlockKind::callout;
        styled.loc = block.loc;
        styled.place = block.place;
        styled.box = box_style("directory-region", block.loc);
        StyledBlock heading;
        heading.kind = BlockKind::paragraph;
        heading.loc = block.loc;
        heading.style = paragraph_style("directory-region-label", block.loc, &*styled.box);
        flatten({Inline{InlineKind::icon, "", "map-pin", {}, block.loc}, Inline{InlineKind::text, " ", "", {}, block.loc},
                 Inline{InlineKind::region_name, "", "", {}, block.loc}},
                heading);
        styled.children.push_back(std::move(heading));
        styled.children.push_back(entries(block, local, style, &*styled.box));
        return styled;
    }

    StyledBlock entries(const Block& block, const std::vector<const load::Organisation*>& organisations,
                        const std::string& style, const BoxStyle* box)
    {
        StyledBlock list;
        list.kind = BlockKind::list;
        list.loc = block.loc;
        list.place = block.place;
        for (const load::Organisation* organisation : organisations) {
            StyledBlock entry;
            entry.kind = BlockKind::paragraph;
            entry.loc = organisation->loc;
            entry.style = paragraph_style(style, organisation->loc, box);
            entry.marker = std::to_string(directory_number_++) + ".";
            directory_entry(*organisation, entry);
            list.children.push_back(std::move(entry));
        }
        return list;
    }

    // "«Name» legal form, area, тел.: phones, факс: fax, e-mails": the order
    // the printed directory uses. Each number is a tel: link over its text
    // alone (the loader lets through only numbers that dial as written).
    void directory_entry(const load::Organisation& organisation, StyledBlock& entry)
    {
        auto add_span = [&](const std::string& text, const std::string& style_name, const std::string& link) {
            Span span;
            span.start = static_cast<int>(entry.text.size());
            entry.text += text;
            span.end = static_cast<int>(entry.text.size());
            const CharacterStyle& style = character_style(style_name, organisation.loc);
            span.weight = style.weight;
            span.slant = style.slant;
            span.colour = style.colour;
            span.underline = style.underline;
            span.link = link;
            span.no_break = !link.empty();
            entry.spans.push_back(std::move(span));
        };
        add_span(organisation.name, "organisation", "");
        if (!organisation.legal_form.empty()) entry.text += " " + organisation.legal_form;
        if (!organisation.area.empty()) entry.text += ", " + organisation.area;
        for (const std::string& note : organisation.notes) entry.text += ", " + note;
        load::Contact::Kind previous = load::Contact::Kind::email;
        bool first = true;
        for (const load::Contact& contact : organisation.contacts) {
            entry.text += ", ";
            if (contact.kind != load::Contact::Kind::email && (first || contact.kind != previous))
                entry.text += label(contact.kind == load::Contact::Kind::fax ? "факс: " : "тел.: ");
            if (contact.kind == load::Contact::Kind::email) add_span(contact.text, "email", "mailto:" + contact.target);
            else add_span(contact.text, "phone", "tel:" + contact.target);
            // The extension after its number, as the printed directory has
            // it, outside the number's link: nothing dials it on its own.
            if (!contact.extension.empty()) entry.text += ", " + contact.extension;
            previous = contact.kind;
            first = false;
        }
    }

    // A label of the directory's own, in the document's script.
    std::string label(const std::string& cyrillic) const { return latin_ ? script::to_latin(cyrillic) : cyrillic; }

    const load::Document& document_;
    const Stylesheet& styles_;
    const FontSet& fonts_;
    const Selection& selection_;
    bool latin_;
    std::string art_root_;
    Diagnostics& diagnostics_;
    std::vector<art::Swatch> swatches_;
    std::map<std::string, std::shared_ptr<const art::Art>> icons_;
    Pt column_;  // the text column of the panel (a flow: its narrowest)
    std::set<std::string> used_replacements_;
    int directory_number_ = 1;  // the next entry's number, across the leaflet's directories
};

}  // namespace

StyledDocument resolve(const load::Document& document, const Stylesheet& styles, std::shared_ptr<const FontSet> fonts,
                       const Selection& selection, Diagnostics& diagnostics)
{
    StyledDocument styled;
    styled.id = document.id;
    styled.language = document.language;
    styled.version = document.version;
    styled.title = document.title;
    styled.sheet = styles.sheet;
    styled.screen = styles.screen;
    styled.loc = document.loc;

    std::set<std::string> roles;
    for (const Side& side : styles.sheet.sides)
        for (const PanelGeometry& panel : side.panels) roles.insert(panel.role);
    const std::string art_root =
        !selection.art_folder.empty() ? selection.art_folder
        : document.files.empty()      ? std::string(".")
                                      : std::filesystem::path(document.files.front()).parent_path().string();
    Resolver resolver(document, styles, *fonts, selection, document.language.find("-Latn") != std::string::npos,
                      art_root.empty() ? "." : art_root, diagnostics);
    for (const load::Panel& panel : document.panels) {
        if (!roles.count(panel.role))
            fail(panel.loc, "panel '" + panel.role + "' has no place on the sheet of " + styles.path);
        if (panel.blocks.empty()) diagnostics.warn(panel.loc, "panel '" + panel.role + "' is empty");
        styled.panels.push_back(resolver.panel(panel));
    }
    resolver.check_replacements_used();
    for (const std::string& role : roles) {
        bool present = false;
        for (const load::Panel& panel : document.panels) present = present || panel.role == role;
        if (!present) diagnostics.warn(document.loc, "the leaflet has no panel '" + role + "'");
    }
    styled.fonts = std::move(fonts);
    return styled;
}

namespace {

// The tallest page the screen edition makes: 200 inches, the largest page
// Acrobat shows (ISO 32000-1, annex C.2).
constexpr Pt tallest_screen_page{14400};

void fit_figures(std::vector<StyledBlock>& blocks, Pt column)
{
    for (StyledBlock& block : blocks) {
        if (block.figure && block.figure->width > column) {
            block.figure->height = block.figure->height * (column / block.figure->width);
            block.figure->width = column;
        }
        fit_figures(block.children, column - (block.box ? block.box->padding * 2 : Pt{}));
    }
}

}  // namespace

StyledDocument for_screen(const StyledDocument& print)
{
    StyledDocument screen = print;
    Sheet& sheet = screen.sheet;
    sheet.width = print.screen.width;
    sheet.height = tallest_screen_page;
    sheet.bleed = sheet.slug = Pt{};
    sheet.margin = print.screen.margin;
    Side side{"screen", {}};
    for (const Side& print_side : print.sheet.sides)
        for (const PanelGeometry& panel : print_side.panels) side.panels.push_back({panel.role, sheet.width});
    sheet.sides = {std::move(side)};
    for (StyledPanel& panel : screen.panels) fit_figures(panel.blocks, sheet.width - sheet.margin * 2);
    return screen;
}

}  // namespace leaflet::resolve
