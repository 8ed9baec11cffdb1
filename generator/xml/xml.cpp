#include "xml/xml.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include <libxml/parser.h>
#include <libxml/xinclude.h>
#include <libxml/xmlerror.h>

#include "schema_rules.hpp"

namespace leaflet::xml {

namespace fs = std::filesystem;

struct Document::Inclusion {
    std::string path;       // as shown in diagnostics
    fs::path canonical;     // symlinks resolved, for cycle detection
};

namespace {

// libxml2 2.9 has only a global (per-thread) structured error handler; this
// guard installs ours for one parse or validation and restores the previous one.
class ErrorCollector {
public:
    using Locate = SourceLoc (*)(const void* context, const xmlNode* node);

    explicit ErrorCollector(std::string path, const void* context = nullptr, Locate locate = nullptr)
        : path_(std::move(path)), context_(context), locate_(locate)
    {
        previous_context_ = xmlStructuredErrorContext;
        previous_handler_ = xmlStructuredError;
        xmlSetStructuredErrorFunc(this, &ErrorCollector::on_error);
    }
    ~ErrorCollector() { xmlSetStructuredErrorFunc(previous_context_, previous_handler_); }
    ErrorCollector(const ErrorCollector&) = delete;
    ErrorCollector& operator=(const ErrorCollector&) = delete;

    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
    // The node each diagnostic is about (null when none), index for index.
    const std::vector<const xmlNode*>& nodes() const { return nodes_; }

private:
    static void on_error(void* self, xmlErrorPtr error)
    {
        auto* collector = static_cast<ErrorCollector*>(self);
        if (error->level < XML_ERR_ERROR) return;
        std::string message = error->message ? error->message : "unknown XML error";
        // libxml2 appends "\nBytes: 0x.. 0x.." to encoding errors; keep the first line.
        if (const auto newline = message.find('\n'); newline != std::string::npos) message.resize(newline);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        if (error->domain == XML_FROM_RELAXNGV && error->node && collector->locate_) {
            collector->diagnostics_.push_back(
                {Severity::error, collector->locate_(collector->context_, static_cast<xmlNode*>(error->node)),
                 message});
            collector->nodes_.push_back(static_cast<const xmlNode*>(error->node));
            return;
        }
        collector->diagnostics_.push_back({Severity::error, {collector->path_, error->line, error->int2}, message});
        collector->nodes_.push_back(nullptr);
    }

    std::string path_;
    const void* context_;
    Locate locate_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<const xmlNode*> nodes_;
    void* previous_context_;
    xmlStructuredErrorFunc previous_handler_;
};

// Line and column (in characters, as libxml2 counts them) of byte `offset`.
std::pair<int, int> line_column(std::string_view bytes, std::size_t offset)
{
    int line = 1, column = 1;
    for (std::size_t at = 0; at < offset && at < bytes.size(); ++at) {
        const auto byte = static_cast<unsigned char>(bytes[at]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

SourceLoc at(const std::string& path, std::string_view bytes, std::size_t offset)
{
    const auto [line, column] = line_column(bytes, offset);
    return {path, line, column};
}

// The offset of the first byte that does not begin a well-formed UTF-8
// sequence (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
std::size_t invalid_utf8(std::string_view bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    std::size_t at = 0;
    while (at < size) {
        const unsigned char lead = data[at];
        if (lead < 0x80) {
            ++at;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) length = 2;
        else if (lead == 0xE0) length = 3, low = 0xA0;
        else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) length = 3;
        else if (lead == 0xED) length = 3, high = 0x9F;
        else if (lead == 0xF0) length = 4, low = 0x90;
        else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
        else if (lead == 0xF4) length = 4, high = 0x8F;
        else return at;
        if (at + length > size) return at;
        if (data[at + 1] < low || data[at + 1] > high) return at;
        for (int i = 2; i < length; ++i)
            if ((data[at + i] & 0xC0) != 0x80) return at;
        at += length;
    }
    return std::string_view::npos;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// What libxml2 would otherwise accept but we do not: other encodings, binary
// files, malformed UTF-8. Each gets one diagnostic at its place.
void check_text(const std::string& path, std::string_view bytes)
{
    if (bytes.empty()) fail({path, 1, 1}, "empty file: expected an XML document");
    const auto starts_with = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
    if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF"))
        fail({path, 1, 1}, "UTF-16 text: leaflet files must be UTF-8");
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos)
        fail(at(path, bytes, nul), "binary file (a NUL byte): expected UTF-8 XML text");
    std::string_view body = bytes;
    if (starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    // The encoding pseudo-attribute of the XML declaration.
    if (body.substr(0, 5) == "<?xml") {
        const std::size_t end = body.find("?>");
        const std::string_view declaration = body.substr(0, end == std::string_view::npos ? body.size() : end);
        const std::size_t key = declaration.find("encoding");
        if (key != std::string_view::npos) {
            std::size_t value = declaration.find_first_of("\"'", key);
            if (value != std::string_view::npos) {
                const std::size_t close = declaration.find(declaration[value], value + 1);
                const std::string_view name =
                    declaration.substr(value + 1, close == std::string_view::npos ? 0 : close - value - 1);
                if (!equals_ignoring_case(name, "UTF-8") && !equals_ignoring_case(name, "UTF8"))
                    fail(at(path, bytes, (bytes.size() - body.size()) + key),
                         "encoding '" + std::string(name) +
                             "' is not supported: leaflet files must be UTF-8 (convert with iconv -f " +
                             std::string(name) + " -t UTF-8 and declare encoding=\"UTF-8\")");
            }
        }
    }
    if (const auto bad = invalid_utf8(bytes); bad != std::string_view::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
        fail(at(path, bytes, bad), std::string("invalid UTF-8 (byte ") + hex + "): leaflet files must be UTF-8");
    }
}

std::string limit_text(std::size_t max_bytes)
{
    std::string text = std::to_string(max_bytes) + " bytes";
    if (max_bytes >= (1u << 20) && max_bytes % (1u << 20) == 0) text += " (" + std::to_string(max_bytes >> 20) + " MiB)";
    return text;
}

std::string read_limited(const std::string& path, std::size_t max_bytes)
{
    std::error_code error;
    if (fs::is_directory(path, error)) fail_io(path, "cannot read: it is a folder");
    std::ifstream stream(path, std::ios::binary);
    if (!stream) fail_io(path, std::string("cannot read: ") + std::strerror(errno));
    // Read at most one byte past the limit, so that /dev/zero or a huge file
    // costs no more than the limit.
    std::string bytes;
    char chunk[65536];
    while (stream && bytes.size() <= max_bytes) {
        stream.read(chunk, sizeof chunk);
        bytes.append(chunk, static_cast<std::size_t>(stream.gcount()));
    }
    if (stream.bad()) fail_io(path, "cannot read");
    if (bytes.size() > max_bytes) {
        const std::string limit = limit_text(max_bytes);
        const auto size = fs::is_regular_file(path, error) ? fs::file_size(path, error) : 0;
        if (!error && size > 0)
            fail({path}, "the file is " + std::to_string(size) + " bytes; the limit is " + limit);
        fail({path}, "the file is larger than the limit of " + limit);
    }
    return bytes;
}

// A DOCTYPE is where entities (a "billion laughs", external entities such
// as file:///etc/passwd) and DTD loading come from; leaflet files need
// none, so the parser stops at the first one.
struct DoctypeGuard {
    bool seen = false;
    int line = 0;
};

void on_doctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*)
{
    auto* parser = static_cast<xmlParserCtxt*>(context);
    auto* guard = static_cast<DoctypeGuard*>(parser->_private);
    guard->seen = true;
    guard->line = parser->input ? parser->input->line : 0;
    xmlStopParser(parser);
}

void on_entity_declaration(void* context, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*)
{
    on_doctype(context, nullptr, nullptr, nullptr);
}

// The line and column of every start tag's '<', in document order.
std::vector<std::pair<int, int>> start_tags(std::string_view bytes)
{
    std::vector<std::pair<int, int>> starts;
    int line = 1, column = 1;
    std::size_t at = 0;
    auto advance_to = [&](std::size_t end) {
        for (; at < end && at < bytes.size(); ++at) {
            const unsigned char byte = static_cast<unsigned char>(bytes[at]);
            if (byte == '\n') {
                ++line;
                column = 1;
            } else if ((byte & 0xC0) != 0x80) {
                ++column;
            }
        }
    };
    auto skip_past = [&](std::string_view terminator) {
        const std::size_t end = bytes.find(terminator, at);
        advance_to(end == std::string_view::npos ? bytes.size() : end + terminator.size());
    };
    while (at < bytes.size()) {
        const std::size_t open = bytes.find('<', at);
        if (open == std::string_view::npos) break;
        advance_to(open);
        const std::string_view rest = bytes.substr(at);
        if (rest.substr(0, 4) == "<!--") skip_past("-->");
        else if (rest.substr(0, 9) == "<![CDATA[") skip_past("]]>");
        else if (rest.substr(0, 2) == "<?") skip_past("?>");
        else if (rest.substr(0, 2) == "<!" || rest.substr(0, 2) == "</") skip_past(">");
        else {
            starts.emplace_back(line, column);
            advance_to(tag_end(bytes, at));
        }
    }
    return starts;
}

// `node` and the elements below it, in document order.
void subtree_elements(const xmlNode* node, std::vector<const xmlNode*>& out)
{
    if (!node || node->type != XML_ELEMENT_NODE) return;
    out.push_back(node);
    for (const xmlNode* child = node->children; child; child = child->next) subtree_elements(child, out);
}

bool is_xinclude(const xmlNode* node)
{
    if (!node || node->type != XML_ELEMENT_NODE || !node->ns || !node->ns->href) return false;
    const std::string_view ns(reinterpret_cast<const char*>(node->ns->href));
    return ns == reinterpret_cast<const char*>(XINCLUDE_NS) || ns == reinterpret_cast<const char*>(XINCLUDE_OLD_NS);
}

void find_xincludes(xmlNode* node, std::vector<xmlNode*>& out)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (is_xinclude(node)) out.push_back(node);
        else find_xincludes(node->children, out);
    }
}

// Whether `inner` is `outer` or below it; both canonical.
bool inside(const fs::path& inner, const fs::path& outer)
{
    return std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end()).first == outer.end();
}

}  // namespace

Document::Document(c::XmlDoc doc, std::string path, std::string_view bytes)
    : doc_(std::move(doc)), path_(std::move(path)), files_{path_}
{
    std::vector<const xmlNode*> elements;
    subtree_elements(root(), elements);
    const auto starts = start_tags(bytes);
    // Only trust the scan when it saw exactly the elements libxml2 built;
    // else fall back to libxml2's line.
    const bool trusted = starts.size() == elements.size();
    for (std::size_t i = 0; i < elements.size(); ++i)
        starts_[elements[i]] = trusted ? Start{0, starts[i].first, starts[i].second}
                                       : Start{0, static_cast<int>(xmlGetLineNo(elements[i])), 0};
}

SourceLoc Document::loc(const xmlNode* node) const
{
    if (!node) return {path_};
    if (const auto found = starts_.find(node); found != starts_.end())
        return {files_[found->second.file], found->second.line, found->second.column};
    // Text, attributes: the file of the nearest element, libxml2's line.
    for (const xmlNode* parent = node->parent; parent; parent = parent->parent)
        if (const auto found = starts_.find(parent); found != starts_.end())
            return {files_[found->second.file], static_cast<int>(xmlGetLineNo(node)), 0};
    return {path_, static_cast<int>(xmlGetLineNo(node)), 0};
}

void initialize()
{
    xmlInitParser();
}

Document Document::parse(const std::string& path, const ParseOptions& options)
{
    std::vector<Inclusion> stack;
    const std::string bytes = read_limited(path, options.max_bytes);
    return parse_file(path, bytes, options, stack);
}

Document Document::parse_bytes(const std::string& path, std::string_view bytes, const ParseOptions& options)
{
    if (bytes.size() > options.max_bytes)
        fail({path}, "the file is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                         limit_text(options.max_bytes));
    std::vector<Inclusion> stack;
    return parse_file(path, bytes, options, stack);
}

Document Document::parse_file(const std::string& path, std::string_view bytes, const ParseOptions& options,
                              std::vector<Inclusion>& stack)
{
    check_text(path, bytes);

    c::XmlParserContext context(xmlNewParserCtxt());
    if (!context) fail_io(path, "cannot create an XML parser");
    DoctypeGuard doctype;
    context->_private = &doctype;
    context->sax->internalSubset = &on_doctype;
    context->sax->externalSubset = &on_doctype;
    context->sax->entityDecl = &on_entity_declaration;
    // XML_PARSE_NONET: no network. Not XML_PARSE_NOENT, DTDLOAD, DTDATTR,
    // XINCLUDE or HUGE: no entity substitution, no DTD, our own XInclude,
    // libxml2's limits on depth and text size.
    const int parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NSCLEAN;
    std::vector<Diagnostic> diagnostics;
    c::XmlDoc doc;
    {
        ErrorCollector errors(path);
        doc.reset(xmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()), path.c_str(),
                                    nullptr, parse_options));
        diagnostics = std::move(errors.diagnostics());
    }
    if (doctype.seen) {
        const std::size_t found = bytes.find("<!DOCTYPE");
        const SourceLoc loc = found != std::string_view::npos ? at(path, bytes, found) : SourceLoc{path, doctype.line};
        fail(loc, "DOCTYPE declarations are not allowed: leaflet files use no DTD and no entities");
    }
    if (!doc || !diagnostics.empty()) {
        if (diagnostics.empty()) diagnostics.push_back({Severity::error, {path}, "malformed XML"});
        diagnostics.resize(1);  // the first parse error is the real one; the rest follow from it
        throw Error(ErrorKind::input, std::move(diagnostics));
    }
    Document document(std::move(doc), path, bytes);
    document.include_fragments(options, stack);
    return document;
}

void Document::include_fragments(const ParseOptions& options, std::vector<Inclusion>& stack)
{
    std::vector<xmlNode*> includes;
    find_xincludes(doc_->children, includes);
    if (includes.empty()) return;

    std::error_code error;
    fs::path root;
    if (!options.include_root.empty()) {
        root = fs::weakly_canonical(options.include_root, error);
        if (error || root.empty()) fail_io(options.include_root, "cannot resolve the include root: " + error.message());
    }
    if (stack.empty()) stack.push_back({path_, fs::weakly_canonical(path_, error)});

    for (xmlNode* include : includes) {
        const SourceLoc where = loc(include);
        if (options.include_root.empty()) fail(where, "xi:include is not allowed in this file");
        if (xmlStrcmp(include->name, reinterpret_cast<const xmlChar*>("include")) != 0)
            fail(where, "xi:" + name(include) + " is not supported; use xi:include href=\"…\"");
        for (const xmlNode* child = include->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE)
                fail(loc(child), "xi:include takes no content (xi:fallback is not supported)");
        const std::string parse = attribute_or(include, "parse", "xml");
        if (parse != "xml") fail(where, "xi:include parse=\"" + parse + "\" is not supported; only parse=\"xml\"");
        if (attribute(include, "xpointer")) fail(where, "xi:include xpointer is not supported: include a whole file");
        const auto href = attribute(include, "href");
        if (!href || href->empty()) fail(where, "xi:include needs href, a path relative to this file");
        // A plain relative path: no URI scheme, no escapes, no queries.
        if (href->front() == '/' || href->find_first_of(":%?#\\") != std::string::npos)
            fail(where, "xi:include href '" + *href + "' must be a relative path inside " + options.include_root);

        const fs::path shown = (fs::path(path_).parent_path() / *href).lexically_normal();
        const fs::path target = fs::weakly_canonical(fs::path(path_).parent_path() / *href, error);
        if (error || !inside(target, root))
            fail(where, "xi:include href '" + *href + "' leaves " + options.include_root);
        if (!fs::exists(target, error))
            fail(where, "included file '" + shown.string() + "' does not exist");
        if (!fs::is_regular_file(target, error))
            fail(where, "included path '" + shown.string() + "' is not a file");
        for (const Inclusion& open : stack) {
            if (open.canonical != target) continue;
            std::string chain;
            for (const Inclusion& step : stack) chain += step.path + " -> ";
            fail(where, "xi:include makes a cycle: " + chain + shown.string());
        }
        if (static_cast<int>(stack.size()) > options.max_include_depth)
            fail(where, "xi:include nested more than " + std::to_string(options.max_include_depth) + " levels deep");

        stack.push_back({shown.string(), target});
        const std::string bytes = read_limited(shown.string(), options.max_bytes);
        const Document fragment = parse_file(shown.string(), bytes, options, stack);
        stack.pop_back();

        // Copy the fragment's root (its own includes already done) in place
        // of the xi:include, and carry every element's origin over.
        xmlNode* copy = xmlDocCopyNode(fragment.root(), doc_.get(), 1);
        if (!copy) fail_io(shown.string(), "out of memory including the fragment");
        std::vector<const xmlNode*> originals, copies;
        subtree_elements(fragment.root(), originals);
        subtree_elements(copy, copies);
        starts_.erase(include);
        const int offset = static_cast<int>(files_.size());
        files_.insert(files_.end(), fragment.files_.begin(), fragment.files_.end());
        for (std::size_t i = 0; i < originals.size() && i < copies.size(); ++i) {
            const auto found = fragment.starts_.find(originals[i]);
            if (found != fragment.starts_.end())
                starts_[copies[i]] = {found->second.file + offset, found->second.line, found->second.column};
        }
        const c::XmlNode replaced(xmlReplaceNode(include, copy));
    }
}

namespace {

// The schema at `path`, compiled once per thread while the file stays the
// same: a build validates every source and variant against the same few
// schemas, and compiling one costs more than validating with it. Per thread,
// because libxml2 compiles in the calling thread's dictionary.
xmlRelaxNG* compiled_schema(const std::string& path)
{
    struct Compiled {
        std::filesystem::file_time_type modified;
        std::uintmax_t size = 0;
        c::RelaxNg schema;
    };
    thread_local std::map<std::string, Compiled> schemas;
    std::error_code error;
    const auto modified = std::filesystem::last_write_time(path, error);
    const auto size = std::filesystem::file_size(path, error);
    Compiled& compiled = schemas[path];
    if (compiled.schema && !error && compiled.modified == modified && compiled.size == size)
        return compiled.schema.get();
    compiled = {};
    ErrorCollector errors(path);
    c::RelaxNgParserContext parser(xmlRelaxNGNewParserCtxt(path.c_str()));
    if (parser) compiled.schema.reset(xmlRelaxNGParse(parser.get()));
    if (!compiled.schema) {
        auto diagnostics = std::move(errors.diagnostics());
        if (diagnostics.empty()) diagnostics.push_back({Severity::error, {path}, "cannot read the schema"});
        throw Error(ErrorKind::io, std::move(diagnostics));
    }
    if (!error) {
        compiled.modified = modified;
        compiled.size = size;
    }
    return compiled.schema.get();
}

}  // namespace

void Document::validate(const std::string& schema_path) const
{
    xmlRelaxNG* schema = compiled_schema(schema_path);
    const auto locate = [](const void* self, const xmlNode* node) {
        return static_cast<const Document*>(self)->loc(node);
    };
    ErrorCollector errors(path_, this, locate);
    c::RelaxNgValidContext context(xmlRelaxNGNewValidCtxt(schema));
    const int result = xmlRelaxNGValidateDoc(context.get(), doc_.get());
    if (result != 0) {
        // libxml2's messages told again in the schema's terms.
        std::vector<Diagnostic> diagnostics;
        for (std::size_t i = 0; i < errors.diagnostics().size(); ++i) {
            const xmlNode* node = errors.nodes()[i];
            const std::vector<std::string> messages = explain(schema_path, node, errors.diagnostics()[i].message);
            const SourceLoc where = node ? loc(node) : errors.diagnostics()[i].loc;
            for (const std::string& message : messages) {
                const bool repeated = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
                    return d.loc.line == where.line && d.loc.column == where.column && d.message == message;
                });
                if (!repeated) diagnostics.push_back({Severity::error, where, message});
            }
        }
        if (diagnostics.empty()) diagnostics.push_back({Severity::error, {path_}, "does not match the schema"});
        throw Error(ErrorKind::input, std::move(diagnostics));
    }
}

bool is_element(const xmlNode* node, std::string_view name)
{
    return node && node->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(node->name);
}

std::string name(const xmlNode* node)
{
    return reinterpret_cast<const char*>(node->name);
}

std::optional<std::string> attribute(const xmlNode* node, const char* name)
{
    const c::XmlString value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
    if (!value) return std::nullopt;
    return c::text_of(value);
}

std::string attribute_or(const xmlNode* node, const char* name, std::string fallback)
{
    auto value = attribute(node, name);
    return value ? *value : std::move(fallback);
}

std::string text_content(const xmlNode* node)
{
    return c::text_of(c::XmlString(xmlNodeGetContent(node)));
}

std::size_t tag_end(std::string_view bytes, std::size_t open)
{
    char quote = 0;
    for (std::size_t at = open + 1; at < bytes.size(); ++at) {
        const char ch = bytes[at];
        if (quote) {
            if (ch == quote) quote = 0;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
        } else if (ch == '>') {
            return at + 1;
        }
    }
    return bytes.size();
}

}  // namespace leaflet::xml
