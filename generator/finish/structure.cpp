#include "structure.hpp"

#include <fmt/format.h>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QUtil.hh>

#include "diag/diag.hpp"

namespace leaflet::finish {

namespace {

// The Figure elements below `element`, depth first (document order).
void figures(QPDFObjectHandle element, std::vector<QPDFObjectHandle>& found, int depth = 0)
{
    if (depth > 64 || !element.isDictionary()) return;
    if (element.getKey("/S").isName() && element.getKey("/S").getName() == "/Figure") found.push_back(element);
    QPDFObjectHandle kids = element.getKey("/K");
    if (kids.isArray())
        for (int i = 0; i < kids.getArrayNItems(); ++i) figures(kids.getArrayItem(i), found, depth + 1);
    else
        figures(kids, found, depth + 1);
}

}  // namespace

void set_figure_alts(QPDF& pdf, const std::vector<std::string>& alts)
{
    std::vector<QPDFObjectHandle> found;
    figures(pdf.getRoot().getKey("/StructTreeRoot"), found);
    if (found.size() != alts.size())
        fail_io("", fmt::format("the structure tree has {} figures, the layout {}", found.size(), alts.size()));
    for (std::size_t i = 0; i < found.size(); ++i)
        found[i].replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(alts[i]));
}

}  // namespace leaflet::finish
