#include "finish/finish.hpp"

#include <exception>

#include <fmt/format.h>
#include <qpdf/QPDF.hh>

#include "cmyk.hpp"
#include "diag/diag.hpp"
#include "images.hpp"
#include "pdfua.hpp"
#include "pdfx.hpp"
#include "structure.hpp"

namespace leaflet::finish {

namespace {

// Whether QPDF threw or only warned, the message is its own.
[[noreturn]] void fail_finishing(const std::string& what)
{
    fail_io("", fmt::format("finishing PDF: {}", what));
}

std::string finish_with(std::string_view cairo_pdf, const std::vector<PageBoxes>& boxes,
                        const Metadata& metadata, const Settings& settings,
                        const std::vector<resolve::Colour>& palette)
{
    try {
        QPDF pdf;
        // The input is our own Cairo output: anything QPDF would have to
        // repair or warn about means we do not know what we are finishing.
        pdf.setSuppressWarnings(true);
        pdf.setAttemptRecovery(false);
        pdf.processMemoryFile("Cairo PDF", cairo_pdf.data(), cairo_pdf.size());
        const std::string date = pdf_date(metadata.epoch);
        set_boxes(pdf, boxes, settings);
        if (settings.pdfx) set_piece_info(pdf, boxes, date);
        if (settings.cmyk) rewrite_colours(pdf, palette);
        if (settings.cmyk) convert_images(pdf);
        if (settings.mark_info) set_figure_alts(pdf, metadata.figure_alts);
        set_metadata(pdf, metadata, settings, date);
        if (settings.pdfua) {
            move_link_text(pdf);
            set_link_contents(pdf, metadata.language);
            mark_artifacts(pdf);
            set_pdfua_keys(pdf, metadata, date);
        }
        auto result = write_pdf(pdf, settings);
        if (pdf.anyWarnings()) fail_finishing(pdf.getWarnings().front().what());
        return result;
    } catch (const Error&) {
        throw;
    } catch (const std::exception& exception) {
        fail_finishing(exception.what());
    }
}

}  // namespace

std::string finish(std::string_view cairo_pdf, const std::vector<PageBoxes>& boxes,
                   const Metadata& metadata, Mode mode, const std::vector<resolve::Colour>& palette)
{
    Settings settings;
    if (mode == Mode::print) {
        settings.cmyk = settings.pdfx = settings.trapped = settings.remove_group = true;
        settings.version = "1.3";
    } else {
        settings.mark_info = settings.pdfua = true;
        settings.version = "1.7";
    }
    return finish_with(cairo_pdf, boxes, metadata, settings, palette);
}

}  // namespace leaflet::finish
