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

bool is(QPDFObjectHandle element, const char* type)
{
    return element.isDictionary() && element.getKey("/S").isNameAndEquals(type);
}

// The marked-content ids of an element whose /K holds only those.
std::vector<QPDFObjectHandle> marked_content_ids(QPDFObjectHandle element)
{
    std::vector<QPDFObjectHandle> ids;
    auto kids = element.getKey("/K");
    if (kids.isInteger()) return {kids};
    if (!kids.isArray()) return {};
    for (auto kid : kids.aitems()) {
        if (!kid.isInteger()) return {};
        ids.push_back(kid);
    }
    return ids;
}

// The page's array of the flat /ParentTree (Cairo's form): index MCID.
QPDFObjectHandle parent_tree_entry(QPDFObjectHandle tree_root, QPDFObjectHandle page)
{
    auto key = page.getKey("/StructParents");
    auto numbers = tree_root.getKey("/ParentTree").getKey("/Nums");
    if (!key.isInteger() || !numbers.isArray()) return QPDFObjectHandle::newNull();
    for (int i = 0; i + 1 < numbers.getArrayNItems(); i += 2)
        if (numbers.getArrayItem(i).isInteger() && numbers.getArrayItem(i).getIntValue() == key.getIntValue())
            return numbers.getArrayItem(i + 1);
    return QPDFObjectHandle::newNull();
}

// Moves `span`'s marked content into `link`; false (nothing changed) unless
// both are on one page whose parent tree entry lists the span's ids.
bool move_into(QPDFObjectHandle tree_root, QPDFObjectHandle span, QPDFObjectHandle link)
{
    auto ids = marked_content_ids(span);
    auto page = span.getKey("/Pg");
    if (ids.empty() || !page.isDictionary() || !link.getKey("/Pg").isDictionary()
        || link.getKey("/Pg").getObjGen() != page.getObjGen())
        return false;
    auto entry = parent_tree_entry(tree_root, page);
    if (!entry.isArray()) return false;
    for (auto& id : ids)
        if (id.getIntValue() < 0 || id.getIntValue() >= entry.getArrayNItems()) return false;
    auto kids = QPDFObjectHandle::newArray();
    for (auto& id : ids) {
        kids.appendItem(id);
        entry.setArrayItem(static_cast<int>(id.getIntValue()), link);
    }
    auto old = link.getKey("/K");
    if (old.isArray())
        for (auto kid : old.aitems()) kids.appendItem(kid);
    else if (!old.isNull())
        kids.appendItem(old);
    link.replaceKey("/K", kids);
    return true;
}

void move_link_text_below(QPDFObjectHandle tree_root, QPDFObjectHandle element, int depth)
{
    if (depth > 64 || !element.isDictionary()) return;
    auto kids = element.getKey("/K");
    if (!kids.isArray()) {
        move_link_text_below(tree_root, kids, depth + 1);
        return;
    }
    for (int i = 0; i < kids.getArrayNItems(); ++i) {
        auto kid = kids.getArrayItem(i);
        if (i > 0 && is(kid, "/Link") && is(kids.getArrayItem(i - 1), "/Span")
            && move_into(tree_root, kids.getArrayItem(i - 1), kid)) {
            kids.eraseItem(i - 1);
            --i;
            continue;
        }
        move_link_text_below(tree_root, kid, depth + 1);
    }
}

}  // namespace

void move_link_text(QPDF& pdf)
{
    auto tree_root = pdf.getRoot().getKey("/StructTreeRoot");
    if (tree_root.isDictionary()) move_link_text_below(tree_root, tree_root, 0);
}

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
