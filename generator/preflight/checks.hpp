// The checks: one listener of the interpreter per check (what each finds:
// preflight.hpp), each adding its findings to a Findings. Private to
// preflight/.
//
// For one event, listeners report in the order they were added to the
// interpreter's Listeners, and the report keeps that order: preflight.cpp
// adds the checks in the order below (a page's boxes before its
// transparency group, an image's RGB before its soft mask, text size
// before safe zone).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "geometry.hpp"
#include "interpreter.hpp"
#include "preflight/preflight.hpp"

namespace leaflet::preflight {

// The findings, each once, on the page being read (0 before the first):
// add it to the Listeners before the checks, so that it sees each page
// first.
class Findings final : public Listener {
public:
    void page(const Page& page) override { page_ = page.number; }
    void add(Check check, const std::string& message);
    // In the order added.
    std::vector<Finding> take() { return std::move(findings_); }

private:
    int page_ = 0;
    std::vector<Finding> findings_;
    std::set<std::tuple<Check, int, std::string>> seen_;
};

std::unique_ptr<Listener> check_fonts(Findings& findings);  // font-not-embedded, font-not-subset
std::unique_ptr<Listener> check_output_intent(Findings& findings);
std::unique_ptr<Listener> check_pdfx_keys(Findings& findings);
std::unique_ptr<Listener> check_boxes(Findings& findings);
std::unique_ptr<Listener> check_rgb_colour(Findings& findings);
std::unique_ptr<Listener> check_transparency(Findings& findings);
std::unique_ptr<Listener> check_text_size(Findings& findings);
std::unique_ptr<Listener> check_safe_zone(Findings& findings);
std::unique_ptr<Listener> check_total_ink(Findings& findings);
std::unique_ptr<Listener> check_images(Findings& findings);  // image
std::unique_ptr<Listener> check_qr_codes(Findings& findings);  // qr-module
// PDF/UA-1 (check_ua.cpp, check_ua_structure.cpp, check_ua_artifacts.cpp)
std::unique_ptr<Listener> check_ua_metadata(Findings& findings);
std::unique_ptr<Listener> check_ua_structure(Findings& findings);
std::unique_ptr<Listener> check_ua_links(Findings& findings);
std::unique_ptr<Listener> check_ua_fonts(Findings& findings);
std::unique_ptr<Listener> check_ua_artifacts(Findings& findings);

// "x 2.0..11.1 mm, y 105.9..110.0 mm": `area` in millimetres from the
// trim's bottom-left corner (without a TrimBox, from the origin).
std::string position(const Rect& area, const std::optional<Rect>& trim);
// "text at " and its position.
std::string text_position(const Rect& area, const std::optional<Rect>& trim);

}  // namespace leaflet::preflight
