// PDF/UA-1 (ISO 14289-1): the structure tree's headings, lists and figures.
#include <fmt/format.h>

#include "checks.hpp"

namespace leaflet::preflight {

namespace {

// The element's structure type, its role mapped when the tree's /RoleMap
// maps it to a standard one ("" for what is not an element: an MCID, an OBJR).
std::string type_of(QPDFObjectHandle element, QPDFObjectHandle role_map)
{
    if (!element.isDictionary() || !element.getKey("/S").isName()) return "";
    std::string type = element.getKey("/S").getName();
    for (int hops = 0; hops < 8 && role_map.isDictionary() && role_map.getKey(type).isName(); ++hops)
        type = role_map.getKey(type).getName();
    return type.substr(1);
}

// H1..H6 -> 1..6; anything else 0.
int heading_level(const std::string& type)
{
    return type.size() == 2 && type[0] == 'H' && type[1] >= '1' && type[1] <= '6' ? type[1] - '0' : 0;
}

class StructureCheck final : public Listener {
public:
    explicit StructureCheck(Findings& findings) : findings_(findings) {}

    void document(QPDF& pdf) override
    {
        auto tree_root = pdf.getRoot().getKey("/StructTreeRoot");
        if (!tree_root.isDictionary()) return;  // ua-metadata's finding
        role_map_ = tree_root.getKey("/RoleMap");
        walk(tree_root.getKey("/K"), "", 0);
    }

private:
    void walk(QPDFObjectHandle node, const std::string& parent, int depth)
    {
        if (depth > 64) return;
        if (node.isArray()) {
            for (auto kid : node.aitems()) walk(kid, parent, depth + 1);
            return;
        }
        const std::string type = type_of(node, role_map_);
        if (type.empty()) return;
        if (parent == "L" && type != "LI" && type != "Caption" && type != "L")
            findings_.add(Check::ua_structure, fmt::format("ISO 14289-1 7.2, Matterhorn 09-005: an L holds a {}, not LI", type));
        if (parent == "LI" && type != "Lbl" && type != "LBody")
            findings_.add(Check::ua_structure, fmt::format("ISO 14289-1 7.2, Matterhorn 09-005: an LI holds a {}, not Lbl or LBody", type));
        if (type == "LI" && parent != "L")
            findings_.add(Check::ua_structure, fmt::format("ISO 14289-1 7.2, Matterhorn 09-005: an LI stands in a {}, not in an L", parent));
        if (const int level = heading_level(type)) heading(level);
        if (type == "Figure") {
            ++figures_;
            auto alt = node.getKey("/Alt"), actual = node.getKey("/ActualText");
            if (!(alt.isString() && !alt.getUTF8Value().empty()) && !(actual.isString() && !actual.getUTF8Value().empty()))
                findings_.add(Check::ua_structure,
                              fmt::format("ISO 14289-1 7.3, Matterhorn 13-004: Figure {} has no /Alt", figures_));
        }
        walk(node.getKey("/K"), type, depth + 1);
    }

    void heading(int level)
    {
        if (last_level_ == 0 && level != 1)
            findings_.add(Check::ua_structure,
                          fmt::format("ISO 14289-1 7.4.2, Matterhorn 14-002: the first heading is H{}, not H1", level));
        else if (last_level_ > 0 && level > last_level_ + 1)
            findings_.add(Check::ua_structure,
                          fmt::format("ISO 14289-1 7.4, Matterhorn 14-003: H{} follows H{}: a heading level is skipped",
                                      level, last_level_));
        last_level_ = level;
    }

    Findings& findings_;
    QPDFObjectHandle role_map_;
    int last_level_ = 0;  // of the heading before; 0: none yet
    int figures_ = 0;     // met, in tree order
};

}  // namespace

std::unique_ptr<Listener> check_ua_structure(Findings& findings)
{
    return std::make_unique<StructureCheck>(findings);
}

}  // namespace leaflet::preflight
