// Private to job: the messages of the products of a run, merged. A message
// that some products of a leaflet give and others do not names them
// ("[migrants.zhambyl] …"); one that every product of the leaflet gives is
// about the leaflet and is printed once, unnamed. A product that gives it in
// both scripts is named once, without ".latn".
#pragma once

#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace leaflet {

struct ProductMessages {
    std::string leaflet;                  // "migrants"
    std::string product;                  // "migrants" or "migrants.zhambyl"
    std::vector<Diagnostic> diagnostics;  // its warnings, notes and errors
};

std::vector<Diagnostic> merge(const std::vector<ProductMessages>& products);

}  // namespace leaflet
