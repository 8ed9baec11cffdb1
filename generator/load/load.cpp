#include "load/load.hpp"

#include <set>

#include "xml/xml.hpp"

namespace leaflet::load {

namespace {

class Loader {
public:
    explicit Loader(const xml::Document& source) : source_(source) {}

    Document document(const xmlNode* root)
    {
        Document document;
        document.loc = source_.loc(root);
        document.id = xml::attribute_or(root, "id", "");
        document.version = xml::attribute_or(root, "version", "");
        xmlChar* language = xmlNodeGetLang(root);
        if (language) {
            document.language = reinterpret_cast<const char*>(language);
            xmlFree(language);
        }
        std::set<std::string> roles;
        for (const xmlNode* child = root->children; child; child = child->next) {
            if (xml::is_element(child, "title")) {
                document.title = collapse(xml::text_content(child));
            } else if (xml::is_element(child, "panel")) {
                Panel panel = this->panel(child);
                if (!roles.insert(panel.role).second)
                    fail(panel.loc, "panel '" + panel.role + "' appears twice");
                document.panels.push_back(std::move(panel));
            }
        }
        return document;
    }

private:
    Panel panel(const xmlNode* node)
    {
        Panel panel;
        panel.loc = source_.loc(node);
        panel.role = xml::attribute_or(node, "role", "");
        const std::string valign = xml::attribute_or(node, "valign", "top");
        panel.valign = valign == "center" ? VerticalAlign::center
                     : valign == "bottom" ? VerticalAlign::bottom
                                          : VerticalAlign::top;
        panel.blocks = blocks(node);
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
            fail(block.loc, "duplicate id '" + block.id + "'");
        const std::string name = xml::name(node);
        if (name == "h1" || name == "h2" || name == "p" || name == "li") {
            block.kind = name == "h1" ? BlockKind::heading1
                       : name == "h2" ? BlockKind::heading2
                                      : BlockKind::paragraph;
            block.content = inlines(node);
            trim(block.content);
        } else if (name == "ul") {
            block.kind = BlockKind::list;
            block.children = blocks(node);
        } else if (name == "callout") {
            block.kind = BlockKind::callout;
            block.children = blocks(node);
        } else {
            fail(block.loc, "unexpected element <" + name + ">");
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
                if (name == "br") {
                    item.kind = InlineKind::line_break;
                    result.push_back(std::move(item));
                    continue;
                }
                item.kind = name == "b"       ? InlineKind::bold
                          : name == "em"      ? InlineKind::emphasis
                          : name == "phone"   ? InlineKind::phone
                          : name == "email"   ? InlineKind::email
                          : name == "link"    ? InlineKind::link
                                              : InlineKind::text;
                if (item.kind == InlineKind::text) fail(item.loc, "unexpected element <" + name + ">");
                item.children = inlines(child);
                const std::string text = plain_text(item.children);
                if (item.kind == InlineKind::phone) item.target = xml::attribute_or(child, "number", digits(text));
                if (item.kind == InlineKind::email) item.target = text;
                if (item.kind == InlineKind::link) item.target = xml::attribute_or(child, "href", "");
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

    static std::string digits(std::string_view text)
    {
        std::string result;
        for (char ch : text)
            if ((ch >= '0' && ch <= '9') || (ch == '+' && result.empty())) result += ch;
        return result;
    }

    const xml::Document& source_;
    std::set<std::string> ids_;
};

}  // namespace

Document load(const std::string& path, const std::string& schema)
{
    const xml::Document source = xml::Document::parse(path);
    source.validate(schema);
    return Loader(source).document(source.root());
}

std::string plain_text(const std::vector<Inline>& inlines)
{
    std::string result;
    for (const Inline& item : inlines) {
        if (item.kind == InlineKind::text) result += item.text;
        else if (item.kind == InlineKind::line_break) result += ' ';
        else result += plain_text(item.children);
    }
    return result;
}

}  // namespace leaflet::load
