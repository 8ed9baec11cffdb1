// Private to xml/: what a RELAX NG schema allows, read from its file, so
// that a violation can be told in the schema's own terms ("valign must be
// top, center or bottom, not 'middle'"); libxml2's messages name neither
// the attribute's values nor the elements allowed.
#pragma once

#include <string>
#include <vector>

#include <libxml/tree.h>

namespace leaflet::xml {

// libxml2's message about `node` against the schema at `schema_path`, told
// again with what the schema allows; the message itself when there is
// nothing better to say.
// `node` becomes the element the message is about, when libxml2 pointed at
// one of its children.
std::vector<std::string> explain(const std::string& schema_path, const xmlNode*& node, const std::string& message);

}  // namespace leaflet::xml
