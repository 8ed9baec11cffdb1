#include <fmt/format.h>

#include "preflight/preflight.hpp"

namespace leaflet::preflight {

namespace {

std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += fmt::format("\\u{:04x}", static_cast<int>(c));
            else
                out += c;  // UTF-8 passes through
        }
    }
    return out + "\"";
}

}  // namespace

std::string_view name(Check check)
{
    // A switch, not an array: -Wswitch names any check left out.
    switch (check) {
    case Check::font_not_embedded: return "font-not-embedded";
    case Check::font_not_subset: return "font-not-subset";
    case Check::rgb_colour: return "rgb-colour";
    case Check::transparency: return "transparency";
    case Check::boxes: return "boxes";
    case Check::output_intent: return "output-intent";
    case Check::pdfx_keys: return "pdfx-keys";
    case Check::safe_zone: return "safe-zone";
    case Check::text_size: return "text-size";
    case Check::total_ink: return "total-ink";
    case Check::image: return "image";
    case Check::qr_module: return "qr-module";
    case Check::ua_metadata: return "ua-metadata";
    case Check::ua_structure: return "ua-structure";
    case Check::ua_links: return "ua-links";
    case Check::ua_fonts: return "ua-fonts";
    case Check::ua_artifacts: return "ua-artifacts";
    }
    return "unknown";  // not a Check: a value cast from an integer
}

std::string format_text(const std::vector<Report>& reports)
{
    std::string out;
    for (const Report& report : reports) {
        for (const Finding& finding : report.findings) {
            if (finding.page > 0)
                out += fmt::format("{}: page {}: {}: {}\n", report.file, finding.page, name(finding.check),
                                   finding.message);
            else
                out += fmt::format("{}: {}: {}\n", report.file, name(finding.check), finding.message);
        }
        if (report.passed())
            out += report.file + ": passed\n";
        else
            out += fmt::format("{}: {} finding(s)\n", report.file, report.findings.size());
    }
    return out;
}

std::string format_json(const std::vector<Report>& reports)
{
    std::string out = "[";
    for (std::size_t r = 0; r < reports.size(); ++r) {
        const Report& report = reports[r];
        out += fmt::format("{}\n  {{\"file\": {}, \"passed\": {}, \"findings\": [", r ? "," : "",
                           json_string(report.file), report.passed() ? "true" : "false");
        for (std::size_t f = 0; f < report.findings.size(); ++f) {
            const Finding& finding = report.findings[f];
            out += fmt::format("{}\n    {{\"check\": {}, \"page\": {}, \"message\": {}}}", f ? "," : "",
                               json_string(name(finding.check)), finding.page,
                               json_string(finding.message));
        }
        out += report.findings.empty() ? "]}" : "\n  ]}";
    }
    out += reports.empty() ? "]\n" : "\n]\n";
    return out;
}

}  // namespace leaflet::preflight
