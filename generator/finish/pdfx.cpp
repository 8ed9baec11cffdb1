#include "pdfx.hpp"

#include <chrono>

#include <fmt/format.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "diag/diag.hpp"
#include "pdf/pdf.hpp"

namespace leaflet::finish {

namespace {

// fmt, not the global locale or QPDF's own double formatting: the digits are
// part of the deterministic output.
std::string number(Pt value)
{
    return fmt::format("{:.4f}", value.value);
}

std::string describe(const Box& box)
{
    return fmt::format("[{} {} {} {}]", number(box.left), number(box.bottom), number(box.right),
                       number(box.top));
}

QPDFObjectHandle array(const Box& box)
{
    auto result = QPDFObjectHandle::newArray();
    for (Pt value : {box.left, box.bottom, box.right, box.top})
        result.appendItem(QPDFObjectHandle::newReal(number(value)));
    return result;
}

Box box_of(QPDFObjectHandle rectangle)
{
    const auto corners = rectangle.getArrayAsRectangle();
    return {Pt{corners.llx}, Pt{corners.lly}, Pt{corners.urx}, Pt{corners.ury}};
}

bool empty(const Box& box)
{
    return !(box.left < box.right && box.bottom < box.top);
}

bool contains(const Box& outer, const Box& inner)
{
    // Cairo writes the MediaBox with its own rounding, and the caller computes
    // bleed = trim + 3 mm in doubles: a thousandth of a point absorbs both and
    // is far below anything a press can see.
    constexpr Pt slack{0.001};
    return inner.left >= outer.left - slack && inner.bottom >= outer.bottom - slack
        && inner.right <= outer.right + slack && inner.top <= outer.top + slack;
}

// A registered output condition (ICC's registry): no profile is embedded.
QPDFObjectHandle output_intent()
{
    auto intent = QPDFObjectHandle::newDictionary();
    intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
    intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFX"));
    intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("FOGRA39"));
    intent.replaceKey("/RegistryName", QPDFObjectHandle::newString("http://www.color.org"));
    intent.replaceKey("/OutputCondition", QPDFObjectHandle::newString("Coated FOGRA39 (ISO 12647-2:2004)"));
    intent.replaceKey("/Info", QPDFObjectHandle::newString(
                                   "Offset printing, coated paper, characterization data FOGRA39"));
    auto intents = QPDFObjectHandle::newArray();
    intents.appendItem(intent);
    return intents;
}

QPDFObjectHandle info_dictionary(const Metadata& metadata, const Settings& settings, const std::string& date_text)
{
    const auto date = QPDFObjectHandle::newString(date_text);
    auto info = QPDFObjectHandle::newDictionary();
    info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(metadata.title));
    if (!metadata.subject.empty())
        info.replaceKey("/Subject", QPDFObjectHandle::newUnicodeString(metadata.subject));
    info.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(metadata.creator));
    info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(
                                     fmt::format("leaflets finish (QPDF {})", QPDF::QPDFVersion())));
    info.replaceKey("/CreationDate", date);
    info.replaceKey("/ModDate", date);
    if (settings.trapped) info.replaceKey("/Trapped", QPDFObjectHandle::newName("/False"));
    if (settings.pdfx) {
        info.replaceKey("/GTS_PDFXVersion", QPDFObjectHandle::newString("PDF/X-1:2001"));
        info.replaceKey("/GTS_PDFXConformance", QPDFObjectHandle::newString("PDF/X-1a:2001"));
    }
    return info;
}

}  // namespace

std::string pdf_date(long long epoch)
{
    using namespace std::chrono;
    // 9999-12-31T23:59:59Z: a PDF date has four year digits.
    if (epoch < 0 || epoch > 253402300799)
        fail_io("", fmt::format("epoch {} is outside the years 1970-9999", epoch));
    const sys_seconds time{seconds{epoch}};
    const auto day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    return fmt::format("D:{:04}{:02}{:02}{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                       clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

void set_boxes(QPDF& pdf, const std::vector<PageBoxes>& boxes, const Settings& settings)
{
    auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
    if (boxes.empty() && !settings.pdfx) return;
    if (pages.size() != boxes.size())
        fail_io("", fmt::format("Cairo wrote {} pages but {} page boxes were given", pages.size(),
                                boxes.size()));
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const auto& trim = boxes[i].trim;
        const auto& bleed = boxes[i].bleed;
        const Box media = box_of(pages[i].getMediaBox());
        const int page = static_cast<int>(i) + 1;
        if (empty(trim))
            fail_io("", fmt::format("page {}: TrimBox {} is empty", page, describe(trim)));
        if (!contains(bleed, trim))
            fail_io("", fmt::format("page {}: BleedBox {} does not contain TrimBox {}", page,
                                    describe(bleed), describe(trim)));
        if (!contains(media, bleed))
            fail_io("", fmt::format("page {}: MediaBox {} does not contain BleedBox {}", page,
                                    describe(media), describe(bleed)));
        auto object = pages[i].getObjectHandle();
        object.replaceKey("/TrimBox", array(trim));
        object.replaceKey("/BleedBox", array(bleed));
        // Cairo gives every page a transparency group with an RGB blending
        // space; PDF/X-1a forbids transparency.
        if (settings.remove_group) object.removeKey("/Group");
    }
}

// The folds and safe zone as page-piece data (PDF 1.3, 10.4): /LastModified
// is required beside /PieceInfo, and the data sits under /Private.
void set_piece_info(QPDF& pdf, const std::vector<PageBoxes>& boxes, const std::string& date)
{
    auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
    for (std::size_t i = 0; i < pages.size(); ++i) {
        auto folds = QPDFObjectHandle::newArray();
        for (Pt fold : boxes[i].folds) folds.appendItem(QPDFObjectHandle::newReal(number(fold)));
        auto data = QPDFObjectHandle::newDictionary();
        data.replaceKey(pdf::piece::folds, folds);
        data.replaceKey(pdf::piece::safe_zone, QPDFObjectHandle::newReal(number(boxes[i].safe_zone)));
        auto piece = QPDFObjectHandle::newDictionary();
        piece.replaceKey("/LastModified", QPDFObjectHandle::newString(date));
        piece.replaceKey("/Private", data);
        auto info = QPDFObjectHandle::newDictionary();
        info.replaceKey(pdf::piece::application, piece);
        auto object = pages[i].getObjectHandle();
        object.replaceKey("/PieceInfo", info);
        object.replaceKey("/LastModified", QPDFObjectHandle::newString(date));
    }
}

void set_metadata(QPDF& pdf, const Metadata& metadata, const Settings& settings, const std::string& date)
{
    auto trailer = pdf.getTrailer();
    // Cairo's Info (with its own dates) becomes unreferenced and is not written.
    trailer.replaceKey("/Info", pdf.makeIndirectObject(info_dictionary(metadata, settings, date)));
    // setDeterministicID keeps an existing /ID[0]; only without one do equal
    // pages give equal bytes.
    trailer.removeKey("/ID");
    auto root = pdf.getRoot();
    if (!metadata.language.empty())
        root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(metadata.language));
    if (settings.pdfx) root.replaceKey("/OutputIntents", output_intent());
    if (settings.mark_info) {
        auto mark_info = QPDFObjectHandle::newDictionary();
        mark_info.replaceKey("/Marked", QPDFObjectHandle::newBool(true));
        root.replaceKey("/MarkInfo", mark_info);
    }
}

std::string write_pdf(QPDF& pdf, const Settings& settings)
{
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.setQDFMode(false);
    writer.setStreamDataMode(qpdf_s_compress);
    // Cairo 1.16 writes a 1.5 header for no 1.5 feature we use. Forcing
    // overrides any minimum version, so none is set; without object streams
    // nothing needs 1.5. Print: PDF/X-1a:2001 is PDF 1.3, and once the
    // transparency keys are gone (refused or removed by set_boxes and
    // rewrite_colours) nothing Cairo writes for print is newer. Screen:
    // PDF/UA-1 is a profile of ISO 32000-1, PDF 1.7 (/Tabs is a 1.5 key).
    writer.setObjectStreamMode(qpdf_o_disable);
    writer.forcePDFVersion(settings.version);
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
}

}  // namespace leaflet::finish
