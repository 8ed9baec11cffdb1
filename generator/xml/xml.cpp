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
    explicit ErrorCollector(std::string path) : path_(std::move(path))
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
        if (error->domain == XML_FROM_RELAXNGV && error->node) {
            line = xmlGetLineNo(static_cast<xmlNode*>(error->node));
            column = 0;
        }
        collector->diagnostics_.push_back({Severity::error, {collector->path_, line, column}, message});
    }

    std::string path_;
    std::vector<Diagnostic> diagnostics_;
    void* previous_context_;
    xmlStructuredErrorFunc previous_handler_;
};

}  // namespace

c::XmlDoc parse_file(const std::string& path)
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
    return doc;
}

void validate(xmlDoc* doc, const std::string& path, const std::string& schema_path)
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
    ErrorCollector errors(path);
    c::RelaxNgValidContext context(xmlRelaxNGNewValidCtxt(schema.get()));
    const int result = xmlRelaxNGValidateDoc(context.get(), doc);
    if (result != 0) {
        auto diagnostics = std::move(errors.diagnostics());
        if (diagnostics.empty()) diagnostics.push_back({Severity::error, {path}, "does not match the schema"});
        throw Error(ErrorKind::input, std::move(diagnostics));
    }
}

SourceLoc loc(const std::string& path, const xmlNode* node)
{
    return {path, node ? static_cast<int>(xmlGetLineNo(node)) : 0, 0};
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
