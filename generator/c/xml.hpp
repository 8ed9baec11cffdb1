// RAII handles for libxml2 (see handle.hpp).
#pragma once

#include <string>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "c/handle.hpp"

namespace leaflet::c {

using XmlDoc = Handle<xmlDoc, xmlFreeDoc>;
using XmlNode = Handle<xmlNode, xmlFreeNode>;
using RelaxNgParserContext = Handle<xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt>;
using RelaxNg = Handle<xmlRelaxNG, xmlRelaxNGFree>;
using RelaxNgValidContext = Handle<xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt>;
using XmlParserContext = Handle<xmlParserCtxt, xmlFreeParserCtxt>;

// A string libxml2 hands over (xmlGetProp, xmlNodeGetContent, ...); freed
// with xmlFree, which is a variable, not a function, in libxml2.
struct XmlCharDeleter {
    void operator()(xmlChar* text) const { if (text) xmlFree(text); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharDeleter>;

// Its text, or empty for a null string.
inline std::string text_of(const XmlString& text)
{
    return text ? std::string(reinterpret_cast<const char*>(text.get())) : std::string();
}

}  // namespace leaflet::c
