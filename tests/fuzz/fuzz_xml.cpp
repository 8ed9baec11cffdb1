// The safe parser alone, in memory: pre-checks (size, binary, encoding,
// UTF-8), libxml2 without DTDs or entities, the start-tag scan behind
// Document::loc.
#include <cstdint>
#include <string_view>

#include "xml/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace leaflet;
    try {
        const xml::Document document =
            xml::Document::parse_bytes("fuzz.xml", std::string_view(reinterpret_cast<const char*>(data), size));
        // Every element must have a place.
        for (xmlNode* node = document.root(); node;) {
            (void)document.loc(node);
            if (node->children) node = node->children;
            else {
                while (node && !node->next) node = node->parent;
                if (node) node = node->next;
            }
        }
    } catch (const Error&) {
    }
    return 0;
}
