#include "schema_rules.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <libxml/parser.h>

#include "c/xml.hpp"
#include "diag/diag.hpp"

namespace leaflet::xml {

namespace {

std::string property(const xmlNode* node, const char* name)
{
    return c::text_of(c::XmlString(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name))));
}

bool is(const xmlNode* node, const char* name)
{
    return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string joined(const std::vector<std::string>& items, const char* last)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
    return out;
}

struct Attribute {
    std::string name;
    bool required = false;
    std::vector<std::string> values;  // empty: any value of its datatype
    std::string pattern;              // its datatype's <param name="pattern">, if any (an XSD regex)
};

// Whether `value` has the form of an XSD `pattern` (anchored, as in XSD);
// true when the pattern is beyond ECMAScript's regex, so as not to accuse
// a value wrongly.
bool matches(const std::string& value, const std::string& pattern)
{
    try {
        return std::regex_match(value, std::regex(pattern));
    } catch (const std::regex_error&) {
        return true;
    }
}

class Rules {
public:
    explicit Rules(const std::string& path) { read(path); }

    std::vector<Attribute> attributes(const std::string& element) const
    {
        std::vector<Attribute> found;
        for (const xmlNode* definition : elements(element)) walk(definition, false, found, nullptr, 0);
        return found;
    }

    std::vector<std::string> children(const std::string& element) const
    {
        std::vector<std::string> names;
        for (const xmlNode* definition : elements(element)) walk(definition, false, nullptr_attributes(), &names, 0);
        std::vector<std::string> unique;
        for (const std::string& name : names)
            if (std::find(unique.begin(), unique.end(), name) == unique.end()) unique.push_back(name);
        return unique;
    }

private:
    static std::vector<Attribute>& nullptr_attributes()
    {
        thread_local std::vector<Attribute> ignored;
        ignored.clear();
        return ignored;
    }

    void read(const std::string& path)
    {
        c::XmlDoc doc(xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOBLANKS));
        if (!doc) return;
        index(xmlDocGetRootElement(doc.get()), path);
        docs_.push_back(std::move(doc));
    }

    void index(const xmlNode* node, const std::string& path)
    {
        for (; node; node = node->next) {
            if (node->type != XML_ELEMENT_NODE) continue;
            if (is(node, "define")) defines_.emplace(property(node, "name"), node);
            // a grammar's start, for the externalRefs to it (by file name)
            if (is(node, "start")) starts_.emplace(std::filesystem::path(path).filename().string(), node);
            if (is(node, "element")) elements_.emplace(property(node, "name"), node);
            if (is(node, "include") || is(node, "externalRef"))
                read((std::filesystem::path(path).parent_path() / property(node, "href")).string());
            index(node->children, path);
        }
    }

    std::vector<const xmlNode*> elements(const std::string& name) const
    {
        std::vector<const xmlNode*> found;
        for (auto [at, end] = elements_.equal_range(name); at != end; ++at) found.push_back(at->second);
        return found;
    }

    // The attributes and child elements of a pattern, through refs, not
    // into the child elements.
    void walk(const xmlNode* pattern, bool optional, std::vector<Attribute>& attributes,
              std::vector<std::string>* children, int depth) const
    {
        if (depth > 32) return;
        for (const xmlNode* node = pattern->children; node; node = node->next) {
            if (node->type != XML_ELEMENT_NODE) continue;
            if (is(node, "attribute")) {
                Attribute attribute{property(node, "name"), !optional, {}, {}};
                bool free = false;
                values(node, attribute.values, free, 0, &attribute.pattern);
                if (free) attribute.values.clear();
                attributes.push_back(std::move(attribute));
            } else if (is(node, "element")) {
                if (children) children->push_back(property(node, "name"));
            } else if (is(node, "ref")) {
                for (auto [at, end] = defines_.equal_range(property(node, "name")); at != end; ++at)
                    walk(at->second, optional, attributes, children, depth + 1);
            } else if (is(node, "externalRef")) {
                const std::string file = std::filesystem::path(property(node, "href")).filename().string();
                for (auto [at, end] = starts_.equal_range(file); at != end; ++at)
                    walk(at->second, optional, attributes, children, depth + 1);
            } else {
                const bool inner = optional || is(node, "optional") || is(node, "zeroOrMore") || is(node, "choice");
                walk(node, inner, attributes, children, depth + 1);
            }
        }
    }

    void values(const xmlNode* pattern, std::vector<std::string>& out, bool& free, int depth,
                std::string* form) const
    {
        if (depth > 32) return;
        for (const xmlNode* node = pattern->children; node; node = node->next) {
            if (node->type != XML_ELEMENT_NODE) continue;
            if (is(node, "value")) out.push_back(c::text_of(c::XmlString(xmlNodeGetContent(node))));
            else if (is(node, "data") || is(node, "text")) {
                free = true;
                for (const xmlNode* param = node->children; param && form; param = param->next)
                    if (is(param, "param") && property(param, "name") == "pattern")
                        *form = c::text_of(c::XmlString(xmlNodeGetContent(param)));
            } else if (is(node, "ref"))
                for (auto [at, end] = defines_.equal_range(property(node, "name")); at != end; ++at)
                    values(at->second, out, free, depth + 1, form);
            else values(node, out, free, depth + 1, form);
        }
    }

    std::vector<c::XmlDoc> docs_;
    std::multimap<std::string, const xmlNode*> defines_;
    std::multimap<std::string, const xmlNode*> elements_;
    std::multimap<std::string, const xmlNode*> starts_;
};

std::string qualified_name(const xmlAttr* attribute)
{
    const std::string name = reinterpret_cast<const char*>(attribute->name);
    if (attribute->ns && attribute->ns->prefix) return reinterpret_cast<const char*>(attribute->ns->prefix) + (":" + name);
    return name;
}

std::vector<std::string> explain_attributes(const Rules& rules, const xmlNode* node)
{
    const std::string element = reinterpret_cast<const char*>(node->name);
    const std::vector<Attribute> allowed = rules.attributes(element);
    std::vector<std::string> names;
    for (const Attribute& attribute : allowed) names.push_back(attribute.name);
    std::vector<std::string> found;
    std::set<std::string> present;
    for (const xmlAttr* attribute = node->properties; attribute; attribute = attribute->next) {
        const std::string name = qualified_name(attribute);
        present.insert(name);
        const std::string value = c::text_of(c::XmlString(xmlNodeGetContent(reinterpret_cast<const xmlNode*>(attribute))));
        const auto rule = std::find_if(allowed.begin(), allowed.end(), [&](const Attribute& a) { return a.name == name; });
        if (rule == allowed.end()) {
            found.push_back(fmt::format("<{}> has no attribute '{}'{}; it may have {}", element, name,
                                        did_you_mean(name, names), joined(names, " and ")));
            continue;
        }
        std::vector<std::string> tokens;
        for (std::size_t at = 0; at < value.size();) {
            const std::size_t start = value.find_first_not_of(" \t\n", at);
            if (start == std::string::npos) break;
            const std::size_t end = std::min(value.find_first_of(" \t\n", start), value.size());
            tokens.push_back(value.substr(start, end - start));
            at = end;
        }
        if (!rule->values.empty())
            for (const std::string& token : tokens.empty() ? std::vector<std::string>{value} : tokens)
                if (std::find(rule->values.begin(), rule->values.end(), token) == rule->values.end())
                    found.push_back(fmt::format("{} must be {}, not '{}'{}", name, joined(rule->values, " or "), token,
                                                did_you_mean(token, rule->values)));
        if (rule->values.empty() && !rule->pattern.empty())
            for (const std::string& token : tokens.empty() ? std::vector<std::string>{value} : tokens)
                if (!matches(token, rule->pattern))
                    found.push_back(fmt::format("{} must have the form {}, not '{}'", name, rule->pattern, token));
    }
    for (const Attribute& attribute : allowed)
        if (attribute.required && !present.count(attribute.name))
            found.push_back(attribute.values.empty()
                                ? fmt::format("<{}> needs the attribute {}", element, attribute.name)
                                : fmt::format("<{}> needs the attribute {} ({})", element, attribute.name,
                                              joined(attribute.values, " or ")));
    return found;
}

}  // namespace

std::vector<std::string> explain(const std::string& schema_path, const xmlNode*& node, const std::string& message)
{
    if (!node || node->type != XML_ELEMENT_NODE) return {message};
    // Read once per thread while the file stays the same (as the compiled schema).
    struct Cached {
        std::filesystem::file_time_type modified;
        std::optional<Rules> rules;
    };
    thread_local std::map<std::string, Cached> cache;
    std::error_code error;
    const auto modified = std::filesystem::last_write_time(schema_path, error);
    Cached& cached = cache[schema_path];
    if (!cached.rules || cached.modified != modified) {
        cached.rules.emplace(schema_path);
        cached.modified = modified;
    }
    const Rules& rules = *cached.rules;
    if (message.find("attribute") != std::string::npos) {
        // libxml2 may point at a child of the element the message names.
        const std::size_t named = message.find("lement ");
        if (named != std::string::npos) {
            const std::string name = message.substr(named + 7, message.find(' ', named + 7) - named - 7);
            for (const xmlNode* up = node; up && up->type == XML_ELEMENT_NODE; up = up->parent)
                if (name == reinterpret_cast<const char*>(up->name)) {
                    node = up;
                    break;
                }
        }
        std::vector<std::string> found = explain_attributes(rules, node);
        return found.empty() ? std::vector<std::string>{message} : found;
    }
    const std::string element = reinterpret_cast<const char*>(node->name);
    if (message.rfind("Did not expect element", 0) == 0 || message.find("has extra content") != std::string::npos) {
        const xmlNode* parent = node->parent;
        if (!parent || parent->type != XML_ELEMENT_NODE) return {message};
        const std::string parent_name = reinterpret_cast<const char*>(parent->name);
        const std::vector<std::string> allowed = rules.children(parent_name);
        if (allowed.empty()) return {fmt::format("<{}> is not allowed in <{}>, which holds no elements", element, parent_name)};
        return {fmt::format("<{}> is not allowed in <{}>{}; allowed there: {}", element, parent_name,
                            did_you_mean(element, allowed), joined(allowed, ", "))};
    }
    if (message.rfind("Expecting an element", 0) == 0 && message.find("got nothing") != std::string::npos) {
        // libxml2 names neither the element missing nor where; say what
        // the element holds and what it may hold.
        std::vector<std::string> present;
        for (const xmlNode* child = node->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE) present.push_back(reinterpret_cast<const char*>(child->name));
        const std::vector<std::string> allowed = rules.children(element);
        if (allowed.empty()) return {message};
        return {fmt::format("<{}> lacks an element: it holds {}; the schema has it hold {}", element,
                            present.empty() ? std::string("none") : joined(present, ", "), joined(allowed, ", "))};
    }
    if (message.rfind("Did not expect text", 0) == 0) {
        const std::vector<std::string> allowed = rules.children(element);
        return {fmt::format("text is not allowed directly in <{}>: put it in one of {}", element,
                            joined(allowed, " or "))};
    }
    return {message};
}

}  // namespace leaflet::xml
