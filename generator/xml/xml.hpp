// Safe XML reading on libxml2, shared by the stages that read XML files
// (sources, styles, the fonts manifest). Parsing never touches the network,
// never loads a DTD and never substitutes external entities. Errors carry
// file:line:col as libxml2 reports them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <libxml/tree.h>

#include "c/handles.hpp"
#include "diag/diag.hpp"

namespace leaflet::xml {

// Parses `path`; throws leaflet::Error (input) on malformed XML, (io) when
// the file cannot be read.
c::XmlDoc parse_file(const std::string& path);

// Validates `doc` against the RELAX NG schema at `schema_path`; throws one
// leaflet::Error holding every violation.
void validate(xmlDoc* doc, const std::string& path, const std::string& schema_path);

SourceLoc loc(const std::string& path, const xmlNode* node);

bool is_element(const xmlNode* node, std::string_view name);
std::string name(const xmlNode* node);
std::optional<std::string> attribute(const xmlNode* node, const char* name);
std::string attribute_or(const xmlNode* node, const char* name, std::string fallback);
std::string text_content(const xmlNode* node);

}  // namespace leaflet::xml
