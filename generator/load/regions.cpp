// The regions file: ids, Kazakh names, centres; and the check every region
// id of the other inputs goes through.
#include "load/load.hpp"

#include <algorithm>
#include <set>

#include "xml/xml.hpp"

namespace leaflet::load {

const Region* Regions::find(const std::string& id) const
{
    const auto found = std::find_if(regions.begin(), regions.end(), [&](const Region& region) { return region.id == id; });
    return found == regions.end() ? nullptr : &*found;
}

std::vector<std::string> Regions::ids() const
{
    std::vector<std::string> result;
    for (const Region& region : regions) result.push_back(region.id);
    return result;
}

std::vector<std::string> region_errors(const Regions& regions, const std::string& id)
{
    if (!regions.loaded || regions.find(id)) return {};
    return {"unknown region '" + id + "'" + did_you_mean(id, regions.ids())};
}

Regions load_regions(const std::string& path, const std::string& schema)
{
    const xml::Document source = xml::Document::parse(path);
    source.validate(schema);
    Regions regions;
    std::vector<Diagnostic> errors;
    std::set<std::string> ids;
    for (const xmlNode* node = source.root()->children; node; node = node->next) {
        if (!xml::is_element(node, "region")) continue;
        Region region;
        region.loc = source.loc(node);
        region.id = xml::attribute_or(node, "id", "");
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (xml::is_element(child, "name")) region.name = xml::text_content(child);
            if (xml::is_element(child, "centre")) region.centre = xml::text_content(child);
        }
        if (!ids.insert(region.id).second)
            errors.push_back({Severity::error, region.loc, "region '" + region.id + "' is given twice"});
        regions.regions.push_back(std::move(region));
    }
    if (!errors.empty()) throw Error(ErrorKind::input, std::move(errors));
    return regions;
}

}  // namespace leaflet::load
