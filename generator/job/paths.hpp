// Private to job: where `build` writes a product's files, below the output
// folder (BuildOptions::out). A product's name is the leaflet's id, with
// its variant's after a dot ("contacts.mangystau").
#pragma once

#include <string>

namespace leaflet::paths {

std::string print_pdf(const std::string& out, const std::string& product);    // print/<product>.pdf
std::string screen_pdf(const std::string& out, const std::string& product);   // screen/<product>.pdf
// preview/<product>-<side>.png, a side of the sheet: outside, inside
std::string preview_png(const std::string& out, const std::string& product, const std::string& side);
std::string layout_dump(const std::string& out, const std::string& product);  // layout/<product>.txt

}  // namespace leaflet::paths
