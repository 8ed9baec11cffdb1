#include "xml/xml.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <libxml/xmlerror.h>

namespace leaflet::xml {

namespace {

// libxml2 2.9 has only a global structured error handler; this guard
// installs ours for one parse or validation and restores the previous one.
class ErrorCollector {
public:
    explicit ErrorCollector(std::string path, const Document* document = nullptr)
        : path_(std::move(path)), document_(document)
    {
        previous_context_ = xmlStructuredErrorContext;
        previous_handler_ = xmlStructuredError;
        xmlSetStructuredErrorFunc(this, &ErrorCollector::on_error);
    }
    ~ErrorCollector() { xmlSetStructuredErrorFunc(previous_context_, previous_handler_); }
    ErrorCollector(const ErrorCollector&) = delete;
    ErrorCollector& operator=(const ErrorCollector&) = delete;

    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

private:
    static void on_error(void* self, xmlErrorPtr error)
    {
        auto* collector = static_cast<ErrorCollector*>(self);
        if (error->level < XML_ERR_ERROR) return;
        std::string message = error->message ? error->message : "unknown XML error";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        int line = error->line;
        int column = error->int2;
        if (error->domain == XML_FROM_RELAXNGV && error->node && collector->document_) {
            collector->diagnostics_.push_back(
                {Severity::error, collector->document_->loc(static_cast<xmlNode*>(error->node)), message});
            return;
        }
        collector->diagnostics_.push_back({Severity::error, {collector->path_, line, column}, message});
    }

    std::string path_;
    const Document* document_;
    std::vector<Diagnostic> diagnostics_;
    void* previous_context_;
    xmlStructuredErrorFunc previous_handler_;
};

// The line and column (in characters, as libxml2 counts them) of every
// start tag's '<', in document order.
std::vector<std::pair<int, int>> start_tags(const std::string& bytes)
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
        advance_to(end == std::string::npos ? bytes.size() : end + terminator.size());
    };
    while (at < bytes.size()) {
        const std::size_t open = bytes.find('<', at);
        if (open == std::string::npos) break;
        advance_to(open);
        const std::string_view rest(bytes.data() + at, bytes.size() - at);
        if (rest.substr(0, 4) == "<!--") skip_past("-->");
        else if (rest.substr(0, 9) == "<![CDATA[") skip_past("]]>");
        else if (rest.substr(0, 2) == "<?") skip_past("?>");
        else if (rest.substr(0, 2) == "<!" || rest.substr(0, 2) == "</") skip_past(">");
        else {
            starts.emplace_back(line, column);
            // Skip the tag, honouring '>' inside quoted attribute values.
            char quote = 0;
            std::size_t end = at + 1;
            for (; end < bytes.size(); ++end) {
                const char ch = bytes[end];
                if (quote) {
                    if (ch == quote) quote = 0;
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                } else if (ch == '>') {
                    break;
                }
            }
            advance_to(end + 1);
        }
    }
    return starts;
}

void elements_in_order(const xmlNode* node, std::vector<const xmlNode*>& out)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        out.push_back(node);
        elements_in_order(node->children, out);
    }
}

}  // namespace

Document::Document(c::XmlDoc doc, std::string path, const std::string& bytes)
    : doc_(std::move(doc)), path_(std::move(path))
{
    std::vector<const xmlNode*> elements;
    elements_in_order(root(), elements);
    const auto starts = start_tags(bytes);
    // Only trust the scan when it saw exactly the elements libxml2 built.
    if (starts.size() != elements.size()) return;
    for (std::size_t i = 0; i < elements.size(); ++i) starts_[elements[i]] = starts[i];
}

SourceLoc Document::loc(const xmlNode* node) const
{
    if (!node) return {path_};
    const auto found = starts_.find(node);
    if (found != starts_.end()) return {path_, found->second.first, found->second.second};
    return {path_, static_cast<int>(xmlGetLineNo(node)), 0};
}

Document Document::parse(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream) fail_io(path, std::string("cannot read: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    const std::string bytes = buffer.str();
    if (bytes.empty()) fail({path, 1, 1}, "empty file: expected an XML document");

    ErrorCollector errors(path);
    c::XmlParserContext context(xmlNewParserCtxt());
    if (!context) fail_io(path, "cannot create an XML parser");
    // XML_PARSE_NONET: no network; no XML_PARSE_NOENT / DTDLOAD: external
    // entities are neither loaded nor substituted.
    const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NSCLEAN;
    c::XmlDoc doc(xmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()), path.c_str(),
                                    nullptr, options));
    if (!doc || !errors.diagnostics().empty()) {
        auto diagnostics = std::move(errors.diagnostics());
        if (diagnostics.empty()) diagnostics.push_back({Severity::error, {path}, "malformed XML"});
        diagnostics.resize(1);  // the first parse error is the real one; the rest follow from it
        throw Error(ErrorKind::input, std::move(diagnostics));
    }
    return Document(std::move(doc), path, bytes);
}

void Document::validate(const std::string& schema_path) const
{
    c::RelaxNg schema;
    {
        ErrorCollector errors(schema_path);
        c::RelaxNgParserContext parser(xmlRelaxNGNewParserCtxt(schema_path.c_str()));
        if (parser) schema.reset(xmlRelaxNGParse(parser.get()));
        if (!schema) {
            auto diagnostics = std::move(errors.diagnostics());
            if (diagnostics.empty()) diagnostics.push_back({Severity::error, {schema_path}, "cannot read the schema"});
            throw Error(ErrorKind::io, std::move(diagnostics));
        }
    }
    ErrorCollector errors(path_, this);
    c::RelaxNgValidContext context(xmlRelaxNGNewValidCtxt(schema.get()));
    const int result = xmlRelaxNGValidateDoc(context.get(), doc_.get());
    if (result != 0) {
        auto diagnostics = std::move(errors.diagnostics());
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
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return std::nullopt;
    std::string result(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

std::string attribute_or(const xmlNode* node, const char* name, std::string fallback)
{
    auto value = attribute(node, name);
    return value ? *value : std::move(fallback);
}

std::string text_content(const xmlNode* node)
{
    xmlChar* value = xmlNodeGetContent(node);
    if (!value) return {};
    std::string result(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

}  // namespace leaflet::xml
