#include "preflight/preflight.hpp"

#include <algorithm>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>

#include <fmt/format.h>
#include <qpdf/QPDF.hh>

#include "checks.hpp"
#include "diag/diag.hpp"
#include "interpreter.hpp"

namespace leaflet::preflight {

namespace {

// In the order of checks.hpp: for one event, the order of the report.
std::vector<std::unique_ptr<Listener>> checks_for(Kind kind, Findings& findings)
{
    const bool print = kind == Kind::print;
    std::vector<std::unique_ptr<Listener>> checks;
    checks.push_back(check_fonts(findings));
    if (kind == Kind::ua) {
        checks.push_back(check_ua_metadata(findings));
        checks.push_back(check_ua_structure(findings));
        checks.push_back(check_ua_links(findings));
        checks.push_back(check_ua_fonts(findings));
        checks.push_back(check_ua_artifacts(findings));
    }
    if (print) {
        checks.push_back(check_output_intent(findings));
        checks.push_back(check_pdfx_keys(findings));
        checks.push_back(check_boxes(findings));
        checks.push_back(check_rgb_colour(findings));
        checks.push_back(check_transparency(findings));
    }
    checks.push_back(check_text_size(findings));
    if (print) {
        checks.push_back(check_safe_zone(findings));
        checks.push_back(check_total_ink(findings));
        checks.push_back(check_images(findings));
        checks.push_back(check_qr_codes(findings));
    }
    return checks;
}

std::vector<Finding> run_checks(QPDF& pdf, Kind kind)
{
    Findings findings;
    const auto checks = checks_for(kind, findings);
    Listeners listeners;
    listeners.add(findings);
    for (const auto& check : checks) listeners.add(*check);
    interpret(pdf, listeners);
    return findings.take();
}

// What the PDF says it is: print PDFs carry the PDF/X OutputIntent.
Kind kind_of(QPDF& pdf)
{
    auto intents = pdf.getRoot().getKey("/OutputIntents");
    if (intents.isArray())
        for (auto intent : intents.aitems())
            if (intent.isDictionary() && intent.getKey("/S").isNameAndEquals("/GTS_PDFX")) return Kind::print;
    return Kind::screen;
}

}  // namespace

Report preflight_bytes(std::string_view pdf_bytes, const std::string& name, std::optional<Kind> kind)
{
    Report report;
    report.file = name;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile(name.c_str(), pdf_bytes.data(), pdf_bytes.size());
        report.kind = kind ? *kind : kind_of(pdf);
        report.findings = run_checks(pdf, report.kind);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& exception) {
        fail_io(name, fmt::format("cannot read the PDF: {}", exception.what()));
    }
    std::stable_sort(report.findings.begin(), report.findings.end(),
                     [](const Finding& a, const Finding& b) { return a.page < b.page; });
    return report;
}

Report preflight(const std::string& pdf_path, std::optional<Kind> kind)
{
    std::ifstream stream(pdf_path, std::ios::binary);
    if (!stream) fail_io(pdf_path, "cannot open the file");
    const std::string bytes{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    if (stream.bad()) fail_io(pdf_path, "cannot read the file");
    return preflight_bytes(bytes, pdf_path, kind);
}

}  // namespace leaflet::preflight
