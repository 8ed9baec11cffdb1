// Safe XML reading on libxml2, shared by the stages that read XML files
// (sources, styles, the fonts manifest). Parsing never touches the network,
// never loads a DTD and never substitutes external entities. Errors carry
// file:line:col as libxml2 reports them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <libxml/tree.h>

#include "c/handles.hpp"
#include "diag/diag.hpp"

namespace leaflet::xml {

// A parsed file that knows where each of its elements starts. libxml2 2.9
// keeps only a line per node (the line where the start tag ends); we find
// the line and column of each start tag's '<' by scanning the bytes.
class Document {
public:
    // Parses `path`; throws leaflet::Error (input) on malformed XML, (io)
    // when the file cannot be read.
    static Document parse(const std::string& path);

    xmlDoc* get() const { return doc_.get(); }
    xmlNode* root() const { return xmlDocGetRootElement(doc_.get()); }
    const std::string& path() const { return path_; }

    // Where `node` starts: file:line:col of its start tag.
    SourceLoc loc(const xmlNode* node) const;

    // Validates against the RELAX NG schema at `schema_path`; throws one
    // leaflet::Error holding every violation.
    void validate(const std::string& schema_path) const;

private:
    Document(c::XmlDoc doc, std::string path, const std::string& bytes);

    c::XmlDoc doc_;
    std::string path_;
    std::unordered_map<const xmlNode*, std::pair<int, int>> starts_;
};

bool is_element(const xmlNode* node, std::string_view name);
std::string name(const xmlNode* node);
std::optional<std::string> attribute(const xmlNode* node, const char* name);
std::string attribute_or(const xmlNode* node, const char* name, std::string fallback);
std::string text_content(const xmlNode* node);

}  // namespace leaflet::xml
