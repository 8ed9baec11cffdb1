// Safe XML reading on libxml2, shared by the stages that read XML files
// (sources, fragments, styles, the fonts manifest).
//
// In: a path (and, for sources, the folder that XInclude may read from).
// Out: a libxml2 tree that knows the file:line:col of every element, also of
// elements included from fragments. Never touches the network, never reads
// a DTD, never declares or expands an entity (a DOCTYPE is an error), never
// reads a file outside the include root; accepts UTF-8 only, up to a size
// limit. Errors carry file:line:col.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <libxml/tree.h>

#include "c/xml.hpp"
#include "diag/diag.hpp"

namespace leaflet::xml {

struct ParseOptions {
    // The folder that <xi:include href="…"/> may read from: hrefs are
    // relative to the including file and must resolve (symlinks followed)
    // inside it. Empty: xi:include is an error in this file.
    std::string include_root;
    std::size_t max_bytes = 4 * 1024 * 1024;  // per file
    int max_include_depth = 8;                // nested inclusions
};

// libxml2's global set-up (xmlInitParser), which must run on one thread
// before threads parse: a thread that is first to parse leaves libxml2's
// global mutex to leak. Call before starting threads that read XML;
// calling it again does nothing.
void initialize();

// A parsed file, with its fragments included, that knows where each of its
// elements starts. libxml2 2.9 keeps only a line per node (the line where
// the start tag ends); we find the line and column of each start tag's '<'
// by scanning the bytes of the file the element came from.
class Document {
public:
    // Parses `path`; throws leaflet::Error (input) on malformed or unsafe
    // XML and bad includes, (io) when the file cannot be read.
    static Document parse(const std::string& path, const ParseOptions& options = {});
    // The same for `bytes`, as if read from `path` (fuzzing, tests).
    static Document parse_bytes(const std::string& path, std::string_view bytes, const ParseOptions& options = {});

    xmlDoc* get() const { return doc_.get(); }
    xmlNode* root() const { return xmlDocGetRootElement(doc_.get()); }
    const std::string& path() const { return path_; }
    // path(), then every fragment included (directly or not), in order.
    const std::vector<std::string>& files() const { return files_; }

    // Where `node` starts: file:line:col of its start tag, in the file it
    // came from (a fragment's path for included elements).
    SourceLoc loc(const xmlNode* node) const;

    // Validates the composed document against the RELAX NG schema at
    // `schema_path`; throws one leaflet::Error holding every violation.
    void validate(const std::string& schema_path) const;

private:
    struct Start {
        int file = 0;  // index into files_
        int line = 0;
        int column = 0;
    };
    struct Inclusion;  // one file on the stack of files being included

    Document(c::XmlDoc doc, std::string path, std::string_view bytes);
    static Document parse_file(const std::string& path, std::string_view bytes, const ParseOptions& options,
                               std::vector<Inclusion>& stack);
    void include_fragments(const ParseOptions& options, std::vector<Inclusion>& stack);

    c::XmlDoc doc_;
    std::string path_;
    std::vector<std::string> files_;
    std::unordered_map<const xmlNode*, Start> starts_;
};

bool is_element(const xmlNode* node, std::string_view name);
std::string name(const xmlNode* node);
std::optional<std::string> attribute(const xmlNode* node, const char* name);
std::string attribute_or(const xmlNode* node, const char* name, std::string fallback);
std::string text_content(const xmlNode* node);

// In a file's bytes, where the tag whose '<' is at `open` ends: just past
// its '>', a '>' inside a quoted attribute value not counting; the end of
// the bytes if it never closes. For scanners that map source positions.
std::size_t tag_end(std::string_view bytes, std::size_t open);

}  // namespace leaflet::xml
