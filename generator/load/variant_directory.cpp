// A variant's own directory: the shared one, its own organisations added,
// its overrides applied, its region's organisations in its order.
#include "load/load.hpp"

#include <algorithm>
#include <set>

namespace leaflet::load {

namespace {

bool in_region(const Organisation& organisation, const std::string& region)
{
    return std::find(organisation.regions.begin(), organisation.regions.end(), region) != organisation.regions.end();
}

std::vector<std::string> ids_of(const std::vector<Organisation>& organisations)
{
    std::vector<std::string> ids;
    for (const Organisation& organisation : organisations) ids.push_back(organisation.id);
    return ids;
}

Organisation* find(std::vector<Organisation>& organisations, const std::string& id)
{
    const auto found = std::find_if(organisations.begin(), organisations.end(),
                                    [&](const Organisation& organisation) { return organisation.id == id; });
    return found == organisations.end() ? nullptr : &*found;
}

// The errors of the variant's own organisations; they join `directory`.
void add_own(Directory& directory, const Variant& variant, std::vector<Diagnostic>& errors)
{
    for (const Organisation& own : variant.organisations) {
        if (const Organisation* shared = find(directory.organisations, own.id))
            errors.push_back({Severity::error, own.loc,
                              "organisation id '" + own.id + "' is the shared directory's already (" +
                                  shared->loc.file + ":" + std::to_string(shared->loc.line) +
                                  "): an organisation of variant '" + variant.id + "' needs an id of its own"});
        else if (!in_region(own, variant.region))
            errors.push_back({Severity::error, own.loc,
                              "organisation '" + own.id + "' of variant '" + variant.id + "' is not in its region '" +
                                  variant.region + "': a variant's own organisations are its region's"});
        else
            directory.organisations.push_back(own);
    }
    // Number order; an own organisation after a shared one of the same number.
    std::stable_sort(directory.organisations.begin(), directory.organisations.end(),
                     [](const Organisation& a, const Organisation& b) { return a.number < b.number; });
}

void apply_overrides(Directory& directory, const std::vector<std::string>& shared_ids, const Variant& variant,
                     std::vector<Diagnostic>& errors)
{
    std::set<std::string> done;
    for (const ContactOverride& override : variant.overrides) {
        Organisation* organisation = find(directory.organisations, override.organisation);
        if (!organisation || std::find(shared_ids.begin(), shared_ids.end(), override.organisation) == shared_ids.end())
            errors.push_back({Severity::error, override.loc,
                              "override of unknown organisation '" + override.organisation + "'" +
                                  did_you_mean(override.organisation, shared_ids)});
        else if (!done.insert(override.organisation).second)
            errors.push_back({Severity::error, override.loc,
                              "organisation '" + override.organisation + "' is overridden twice"});
        else
            organisation->contacts = override.contacts;
    }
}

// The ids of the order first, in its order; the region's others after them
// as they stood (number order); the other regions' after those.
void apply_order(Directory& directory, const Variant& variant, std::vector<Diagnostic>& errors)
{
    if (variant.order.empty()) return;
    std::vector<std::string> regional;
    for (const Organisation& organisation : directory.organisations)
        if (in_region(organisation, variant.region)) regional.push_back(organisation.id);
    std::set<std::string> seen;
    for (const std::string& id : variant.order) {
        if (std::find(regional.begin(), regional.end(), id) == regional.end())
            errors.push_back({Severity::error, variant.order_loc,
                              "order: '" + id + "' is no organisation of region '" + variant.region + "'" +
                                  did_you_mean(id, regional)});
        else if (!seen.insert(id).second)
            errors.push_back({Severity::error, variant.order_loc, "order: '" + id + "' is given twice"});
    }
    const auto rank = [&](const Organisation& organisation) {
        const auto at = std::find(variant.order.begin(), variant.order.end(), organisation.id);
        return at != variant.order.end() ? at - variant.order.begin()
                                         : static_cast<std::ptrdiff_t>(variant.order.size());
    };
    std::stable_sort(directory.organisations.begin(), directory.organisations.end(),
                     [&](const Organisation& a, const Organisation& b) { return rank(a) < rank(b); });
}

}  // namespace

Directory variant_directory(const Directory& shared, const Variant& variant)
{
    Directory directory = shared;
    std::vector<Diagnostic> errors;
    add_own(directory, variant, errors);
    apply_overrides(directory, ids_of(shared.organisations), variant, errors);
    apply_order(directory, variant, errors);
    if (!errors.empty()) throw Error(ErrorKind::input, std::move(errors));
    return directory;
}

}  // namespace leaflet::load
