#include "messages.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace leaflet {

std::vector<Diagnostic> merge(const std::vector<ProductMessages>& products)
{
    std::map<std::string, int> products_of;  // leaflet -> how many products it has
    for (const ProductMessages& product : products) ++products_of[product.leaflet];
    using Key = std::tuple<std::string, int, std::string, int, int, std::string>;
    std::map<Key, std::size_t> index;  // -> position in `merged`
    std::vector<std::pair<Diagnostic, std::vector<std::string>>> merged;
    for (const ProductMessages& product : products)
        for (const Diagnostic& diagnostic : product.diagnostics) {
            const Key key{product.leaflet, static_cast<int>(diagnostic.severity), diagnostic.loc.file,
                          diagnostic.loc.line, diagnostic.loc.column, diagnostic.message};
            const auto [found, added] = index.emplace(key, merged.size());
            if (added) merged.push_back({diagnostic, {}});
            auto& names = merged[found->second].second;
            if (names.empty() || names.back() != product.product) names.push_back(product.product);
        }
    std::vector<Diagnostic> result;
    for (auto& [diagnostic, names] : merged) {
        const std::string leaflet = names.front().substr(0, names.front().find('.'));
        if (static_cast<int>(names.size()) < products_of[leaflet]) {
            // A product in both scripts is named once: "contacts.mangystau",
            // not "contacts.mangystau, contacts.mangystau.latn".
            const std::string latin = ".latn";
            const auto in_both = [&](const std::string& name) {
                return name.size() > latin.size() && name.compare(name.size() - latin.size(), latin.size(), latin) == 0 &&
                       std::find(names.begin(), names.end(), name.substr(0, name.size() - latin.size())) != names.end();
            };
            std::string tag;
            for (const std::string& name : names)
                if (!in_both(name)) tag += (tag.empty() ? "[" : ", ") + name;
            diagnostic.message = tag + "] " + diagnostic.message;
        }
        result.push_back(std::move(diagnostic));
    }
    return result;
}

}  // namespace leaflet
