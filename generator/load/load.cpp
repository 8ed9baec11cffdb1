#include "load/load.hpp"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "phone.hpp"
#include "xml/xml.hpp"

namespace leaflet::load {

namespace {

// A website's QR code on the back: 22 mm keeps the modules of an address of
// up to 46 bytes (version 3 at level M, 29 modules and 8 of quiet zone:
// 0.59 mm) over the 0.5 mm the art stage requires.
constexpr double website_qr_mm = 22;

std::vector<std::string> words(const std::string& text)
{
    std::istringstream stream(text);
    std::vector<std::string> result;
    for (std::string word; stream >> word;) result.push_back(word);
    return result;
}

// The errors of an e-mail address.
std::vector<std::string> email_errors(const std::string& address)
{
    static const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
    if (std::regex_match(address, email)) return {};
    return {"e-mail address '" + address + "' is malformed"};
}

// Errors found while loading a file: each is kept and the file read on, so
// that one run reports them all.
class Errors {
public:
    void add(const SourceLoc& loc, const std::vector<std::string>& messages)
    {
        for (const std::string& message : messages) items_.push_back({Severity::error, loc, message});
    }
    void add(const SourceLoc& loc, const std::string& message) { add(loc, std::vector<std::string>{message}); }
    void throw_if_any()
    {
        if (!items_.empty()) throw Error(ErrorKind::input, std::move(items_));
    }

private:
    std::vector<Diagnostic> items_;
};

// An element's text with the source's line wrapping collapsed, as in paragraphs.
std::string collapsed_text(const xmlNode* node)
{
    std::string collapsed;
    for (const std::string& word : words(xml::text_content(node))) collapsed += (collapsed.empty() ? "" : " ") + word;
    return collapsed;
}

// A <phone> or <email> of the directory (or of a variant's <override>).
Contact contact_of(const xml::Document& source, const xmlNode* node, Errors& errors)
{
    const std::string collapsed = collapsed_text(node);
    const SourceLoc loc = source.loc(node);
    if (xml::is_element(node, "email")) {
        errors.add(loc, email_errors(collapsed));
        return {Contact::Kind::email, collapsed, collapsed, "", loc};
    }
    // The number is the data; the printed text, if the file gives one, must
    // have its digits, and is made from it otherwise.
    const std::string number = xml::attribute_or(node, "number", "");
    errors.add(loc, phone::errors(collapsed, number));
    const Contact::Kind kind = xml::attribute_or(node, "kind", "phone") == "fax" ? Contact::Kind::fax : Contact::Kind::phone;
    // An extension is printed after its number and dials nothing on its
    // own: the number's link is the number alone.
    return {kind, collapsed.empty() ? display_phone(number) : collapsed, number,
            xml::attribute_or(node, "extension", ""), loc};
}

// The block a variant's <logo> and <website> put in the place of the
// leaflets' publisher-logos (the dashed placeholder at the back's foot):
// the logo alone, or a box with the logo, the website's QR code and its
// address under it.
const char* const publisher_logos = "publisher-logos";

Block publisher_block(const xml::Document& source, const xmlNode* logo, const xmlNode* website, Errors& errors)
{
    Block image;
    if (logo) {
        image.kind = BlockKind::image;
        image.loc = source.loc(logo);
        image.src = xml::attribute_or(logo, "src", "");
        image.alt = xml::attribute_or(logo, "alt", "");
        const std::string width = xml::attribute_or(logo, "width", "");
        if (!width.empty()) image.width_mm = std::stod(width.substr(0, width.size() - 2));
        image.style = "publisher-logo";
        image.place = Place::foot;
        if (!website) {
            image.id = publisher_logos;
            return image;
        }
    }
    Block box;
    box.kind = BlockKind::callout;
    box.id = publisher_logos;
    box.style = "publisher-website";
    box.place = Place::foot;
    box.loc = source.loc(website);
    if (logo) box.children.push_back(std::move(image));
    Block qr;
    qr.kind = BlockKind::qr;
    qr.loc = box.loc;
    const std::string href = xml::attribute_or(website, "href", "");
    qr.src = href;
    if (qr.src.rfind("https://", 0) != 0)
        errors.add(qr.loc, "a website's href must be an https:// address, not '" + qr.src + "'");
    qr.alt = "QR: " + qr.src;
    qr.width_mm = website_qr_mm;
    qr.style = "publisher-website-qr";
    box.children.push_back(std::move(qr));
    // The address as it prints: without its scheme and a trailing slash.
    std::string address = href.substr(std::min(href.size(), href.find("://") + 3));
    if (!address.empty() && address.back() == '/') address.pop_back();
    Block line;
    line.kind = BlockKind::paragraph;
    line.style = "publisher-website";
    line.loc = box.loc;
    line.content = {Inline{InlineKind::icon, "", "web", {}, box.loc}, Inline{InlineKind::text, " ", "", {}, box.loc},
                    Inline{InlineKind::link, "", href,
                           {Inline{InlineKind::text, address, "", {}, box.loc}}, box.loc}};
    box.children.push_back(std::move(line));
    return box;
}

class Loader {
public:
    Loader(const xml::Document& source, const Regions& regions, Errors& errors)
        : source_(source), regions_(regions), errors_(errors)
    {
    }

    Document document(const xmlNode* root)
    {
        Document document;
        document.loc = source_.loc(root);
        document.id = xml::attribute_or(root, "id", "");
        document.version = xml::attribute_or(root, "version", "");
        document.date = xml::attribute_or(root, "date", "");
        date_ = document.date;
        document.language = c::text_of(c::XmlString(xmlNodeGetLang(root)));
        std::set<std::string> roles;
        for (const xmlNode* child = root->children; child; child = child->next) {
            if (xml::is_element(child, "title")) {
                document.title = collapse(xml::text_content(child));
            } else if (xml::is_element(child, "panel") || xml::is_element(child, "flow")) {
                Panel panel = this->panel(child);
                std::vector<std::string> used{panel.role};
                used.insert(used.end(), panel.next_roles.begin(), panel.next_roles.end());
                for (const std::string& role : used)
                    if (!roles.insert(role).second) errors_.add(panel.loc, "panel '" + role + "' appears twice");
                document.panels.push_back(std::move(panel));
            }
        }
        return document;
    }

    Block block_of(const xmlNode* node) { return block(node); }

private:
    Panel panel(const xmlNode* node)
    {
        Panel panel;
        panel.loc = source_.loc(node);
        if (xml::is_element(node, "flow")) {
            panel.next_roles = words(xml::attribute_or(node, "panels", ""));
            panel.role = panel.next_roles.front();
            panel.next_roles.erase(panel.next_roles.begin());
        } else {
            panel.role = xml::attribute_or(node, "role", "");
        }
        const std::string valign = xml::attribute_or(node, "valign", "top");
        panel.valign = valign == "center"  ? VerticalAlign::center
                     : valign == "bottom"  ? VerticalAlign::bottom
                     : valign == "justify" ? VerticalAlign::justify
                                           : VerticalAlign::top;
        const std::string copyfit = xml::attribute_or(node, "copyfit", "");
        panel.copyfit = copyfit == "shrink" ? Copyfit::shrink : copyfit == "fill" ? Copyfit::fill : Copyfit::none;
        panel.balance = xml::attribute_or(node, "balance", "false") == "true";
        panel.background = xml::attribute_or(node, "background", "");
        panel.blocks = blocks(node);
        for (const Block& block : panel.blocks)
            if (block.place != Place::flow && !panel.next_roles.empty())
                errors_.add(block.loc, "place=\"" + std::string(block.place == Place::top ? "top" : "foot") +
                                           "\" fixes a block in a panel; a flow has no one panel to fix it in");
        return panel;
    }

    std::vector<Block> blocks(const xmlNode* parent)
    {
        std::vector<Block> result;
        for (const xmlNode* child = parent->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE) result.push_back(block(child));
        return result;
    }

    Block block(const xmlNode* node)
    {
        Block block;
        block.loc = source_.loc(node);
        block.id = xml::attribute_or(node, "id", "");
        block.style = xml::attribute_or(node, "style", "");
        if (!block.id.empty() && !ids_.insert(block.id).second)
            errors_.add(block.loc, "duplicate id '" + block.id + "'");
        block.regions = words(xml::attribute_or(node, "region", ""));
        block.audiences = words(xml::attribute_or(node, "audience", ""));
        for (const std::string& region : block.regions) errors_.add(block.loc, region_errors(regions_, region));
        const std::string place = xml::attribute_or(node, "place", "flow");
        block.place = place == "top" ? Place::top : place == "foot" ? Place::foot : Place::flow;
        const std::string name = xml::name(node);
        if (name == "h1" || name == "h2" || name == "p" || name == "li") {
            block.kind = name == "h1" ? BlockKind::heading1
                       : name == "h2" ? BlockKind::heading2
                                      : BlockKind::paragraph;
            block.content = inlines(node);
            trim(block.content);
        } else if (name == "ul" || name == "ol") {
            block.kind = name == "ul" ? BlockKind::list : BlockKind::ordered_list;
            block.start = std::stoi(xml::attribute_or(node, "start", "1"));
            block.children = blocks(node);
        } else if (name == "callout" || name == "quote") {
            block.kind = name == "callout" ? BlockKind::callout : BlockKind::quote;
            block.children = blocks(node);
        } else if (name == "rule") {
            block.kind = BlockKind::rule;
        } else if (name == "image" || name == "qr") {
            figure_of(node, block);
        } else if (name == "directory") {
            block.kind = BlockKind::directory;
            block.category = xml::attribute_or(node, "category", "all");
        } else {
            errors_.add(block.loc, "unexpected element <" + name + ">");
        }
        return block;
    }

    std::vector<Inline> inlines(const xmlNode* parent)
    {
        std::vector<Inline> result;
        for (const xmlNode* child = parent->children; child; child = child->next) {
            Inline item;
            item.loc = source_.loc(child);
            if (child->type == XML_TEXT_NODE) {
                item.kind = InlineKind::text;
                item.text = collapse(reinterpret_cast<const char*>(child->content));
            } else if (child->type == XML_ELEMENT_NODE) {
                const std::string name = xml::name(child);
                if (name == "br" || name == "tab") {
                    item.kind = name == "br" ? InlineKind::line_break : InlineKind::tab;
                    result.push_back(std::move(item));
                    continue;
                }
                if (name == "region-name" || name == "edition" || name == "edition-date") {
                    item.kind = name == "region-name" ? InlineKind::region_name
                              : name == "edition"     ? InlineKind::edition
                                                      : InlineKind::edition_date;
                    if (item.kind == InlineKind::edition_date && date_.empty())
                        errors_.add(item.loc, "<edition-date/> prints the leaflet's date, but <leaflet> has no "
                                              "date=\"…\" (e.g. date=\"2026-12\")");
                    result.push_back(std::move(item));
                    continue;
                }
                if (name == "icon") {
                    item.kind = InlineKind::icon;
                    item.target = xml::attribute_or(child, "name", "");
                    result.push_back(std::move(item));
                    continue;
                }
                item.kind = name == "b"       ? InlineKind::bold
                          : name == "em"      ? InlineKind::emphasis
                          : name == "phone"   ? InlineKind::phone
                          : name == "email"   ? InlineKind::email
                          : name == "link"    ? InlineKind::link
                                              : InlineKind::text;
                if (item.kind == InlineKind::text) {
                    errors_.add(item.loc, "unexpected element <" + name + ">");
                    continue;
                }
                item.children = inlines(child);
                const std::string text = plain_text(item.children);
                if (item.kind == InlineKind::phone) phone_of(child, item);
                if (item.kind == InlineKind::email) {
                    item.target = text;
                    errors_.add(item.loc, email_errors(item.target));
                }
                if (item.kind == InlineKind::link) {
                    item.target = xml::attribute_or(child, "href", "");
                    errors_.add(item.loc, phone::link_errors(item.target));
                }
            } else {
                continue;
            }
            result.push_back(std::move(item));
        }
        return result;
    }

    // XML source text is wrapped freely: every run of white space is one space.
    static std::string collapse(std::string_view text)
    {
        std::string result;
        bool space = false;
        for (char ch : text) {
            if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
                space = true;
                continue;
            }
            if (space) result += ' ';
            space = false;
            result += ch;
        }
        if (space) result += ' ';
        return result;
    }

    // Drops the white space at both ends of a block's content.
    static void trim(std::vector<Inline>& content)
    {
        if (content.empty()) return;
        Inline* first = &content.front();
        while (first->kind != InlineKind::text && !first->children.empty()) first = &first->children.front();
        if (first->kind == InlineKind::text && !first->text.empty() && first->text.front() == ' ')
            first->text.erase(0, 1);
        Inline* last = &content.back();
        while (last->kind != InlineKind::text && !last->children.empty()) last = &last->children.back();
        if (last->kind == InlineKind::text && !last->text.empty() && last->text.back() == ' ')
            last->text.pop_back();
    }

    // <image src alt width>, <qr href|phone alt width>: the schema has
    // checked their form; what they point to is checked here.
    void figure_of(const xmlNode* node, Block& block)
    {
        const std::string width = xml::attribute_or(node, "width", "");
        if (!width.empty()) block.width_mm = std::stod(width.substr(0, width.size() - 2));
        block.alt = xml::attribute_or(node, "alt", "");
        if (xml::is_element(node, "image")) {
            block.kind = BlockKind::image;
            block.src = xml::attribute_or(node, "src", "");
            return;
        }
        block.kind = BlockKind::qr;
        if (const auto phone = xml::attribute(node, "phone")) {
            errors_.add(block.loc, phone::number_errors(*phone));
            block.src = "tel:" + *phone;
            if (block.alt.empty()) block.alt = "QR: " + display_phone(*phone);
            return;
        }
        block.src = xml::attribute_or(node, "href", "");
        if (block.src.rfind("https://", 0) != 0)
            errors_.add(block.loc, "a QR code's href must be an https:// address, not '" + block.src + "'");
        if (block.alt.empty()) block.alt = "QR: " + block.src;
    }

    // A phone dials its number="…"; its text, when there is one, must print
    // the same digits; without text it prints the number in the house form.
    void phone_of(const xmlNode* node, Inline& item)
    {
        const std::string text = plain_text(item.children);
        const std::optional<std::string> number = xml::attribute(node, "number");
        item.target = number ? *number : phone::digits(text);
        if (text.empty() && !number) {
            errors_.add(item.loc, "a <phone> needs its digits, as text or as number=\"…\"");
            return;
        }
        errors_.add(item.loc, phone::errors(text, item.target));
        if (text.empty()) item.children = {Inline{InlineKind::text, display_phone(item.target), {}, {}, item.loc}};
    }

    const xml::Document& source_;
    const Regions& regions_;
    Errors& errors_;
    std::set<std::string> ids_;
    std::string date_;  // the leaflet's date="…", for <edition-date/>
};

}  // namespace

Document load(const std::string& path, const std::string& schema, const Regions& regions,
              const std::string& include_root)
{
    xml::ParseOptions options;
    options.include_root = include_root;
    const xml::Document source = xml::Document::parse(path, options);
    source.validate(schema);
    Errors errors;
    Document document = Loader(source, regions, errors).document(source.root());
    document.files = source.files();
    errors.throw_if_any();
    return document;
}

std::string plain_text(const std::vector<Inline>& inlines)
{
    std::string result;
    for (const Inline& item : inlines) {
        if (item.kind == InlineKind::text) result += item.text;
        else if (item.kind == InlineKind::line_break || item.kind == InlineKind::tab) result += ' ';
        else result += plain_text(item.children);
    }
    return result;
}

bool names_the_region(const std::vector<Inline>& inlines)
{
    return std::any_of(inlines.begin(), inlines.end(), [](const Inline& item) {
        return item.kind == InlineKind::region_name || names_the_region(item.children);
    });
}

std::string display_date(const std::string& date)
{
    // The schema has checked the form: YYYY, YYYY-MM or YYYY-MM-DD.
    if (date.size() == 7) return date.substr(5, 2) + "." + date.substr(0, 4);
    if (date.size() == 10) return date.substr(8, 2) + "." + date.substr(5, 2) + "." + date.substr(0, 4);
    return date;
}

}  // namespace leaflet::load

namespace leaflet::load {

Directory load_directory(const std::string& path, const std::string& schema, const Regions& regions)
{
    const xml::Document source = xml::Document::parse(path);
    source.validate(schema);
    Errors errors;
    Directory directory;
    directory.loc = source.loc(source.root());
    std::set<std::string> ids;
    std::set<int> numbers;
    for (const xmlNode* node = source.root()->children; node; node = node->next) {
        if (!xml::is_element(node, "organisation")) continue;
        Organisation organisation;
        organisation.loc = source.loc(node);
        organisation.id = xml::attribute_or(node, "id", "");
        organisation.number = std::stoi(xml::attribute_or(node, "number", "0"));
        organisation.category = xml::attribute_or(node, "category", "");
        organisation.regions = words(xml::attribute_or(node, "regions", ""));
        if (!ids.insert(organisation.id).second)
            errors.add(organisation.loc, "duplicate id '" + organisation.id + "'");
        if (!numbers.insert(organisation.number).second)
            errors.add(organisation.loc, "duplicate number " + std::to_string(organisation.number));
        for (const std::string& region : organisation.regions) errors.add(organisation.loc, region_errors(regions, region));
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            const std::string name = xml::name(child);
            const std::string collapsed = collapsed_text(child);
            if (name == "name") organisation.name = collapsed;
            else if (name == "legal-form") organisation.legal_form = collapsed;
            else if (name == "area") organisation.area = collapsed;
            else if (name == "note") organisation.notes.push_back(collapsed);
            else if (name == "phone" || name == "email") organisation.contacts.push_back(contact_of(source, child, errors));
        }
        directory.organisations.push_back(std::move(organisation));
    }
    std::sort(directory.organisations.begin(), directory.organisations.end(),
              [](const Organisation& a, const Organisation& b) { return a.number < b.number; });
    errors.throw_if_any();
    return directory;
}

Variant load_variant(const std::string& path, const std::string& schema, const Regions& regions)
{
    const xml::Document source = xml::Document::parse(path);
    source.validate(schema);
    const xmlNode* root = source.root();
    Variant variant;
    variant.loc = source.loc(root);
    variant.id = xml::attribute_or(root, "id", "");
    variant.leaflets = words(xml::attribute_or(root, "leaflets", ""));
    variant.region = xml::attribute_or(root, "region", "");
    variant.omit_others = xml::attribute_or(root, "others", "after") == "omit";
    variant.label = xml::attribute_or(root, "label", variant.id);
    Errors errors;
    errors.add(variant.loc, region_errors(regions, variant.region));
    Loader loader(source, regions, errors);
    const xmlNode* logo = nullptr;
    const xmlNode* website = nullptr;
    for (const xmlNode* node = root->children; node; node = node->next) {
        if (xml::is_element(node, "organisations")) {
            variant.organisations_src = xml::attribute_or(node, "src", "");
            variant.organisations_loc = source.loc(node);
        } else if (xml::is_element(node, "override")) {
            ContactOverride override{xml::attribute_or(node, "organisation", ""), {}, source.loc(node)};
            for (const xmlNode* child = node->children; child; child = child->next)
                if (child->type == XML_ELEMENT_NODE) override.contacts.push_back(contact_of(source, child, errors));
            variant.overrides.push_back(std::move(override));
        } else if (xml::is_element(node, "order")) {
            variant.order = words(xml::text_content(node));
            variant.order_loc = source.loc(node);
        } else if (xml::is_element(node, "logo")) {
            logo = node;
        } else if (xml::is_element(node, "website")) {
            website = node;
        } else if (xml::is_element(node, "replace")) {
            const std::string ref = xml::attribute_or(node, "ref", "");
            for (const xmlNode* child = node->children; child; child = child->next)
                if (child->type == XML_ELEMENT_NODE) variant.replacements.emplace_back(ref, loader.block_of(child));
        }
    }
    if (logo || website) {
        const SourceLoc loc = source.loc(logo ? logo : website);
        for (const auto& [ref, block] : variant.replacements)
            if (ref == publisher_logos)
                errors.add(loc, "variant '" + variant.id + "' gives a <logo> or <website> and replaces '" +
                                    publisher_logos + "' too: the two fill one place");
        variant.replacements.emplace_back(publisher_logos, publisher_block(source, logo, website, errors));
    }
    errors.throw_if_any();
    return variant;
}

}  // namespace leaflet::load
