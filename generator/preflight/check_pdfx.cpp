#include "checks.hpp"

namespace leaflet::preflight {

namespace {

class OutputIntentCheck final : public Listener {
public:
    explicit OutputIntentCheck(Findings& findings) : findings_(findings) {}

    void document(QPDF& pdf) override
    {
        bool intent = false;
        auto intents = pdf.getRoot().getKey("/OutputIntents");
        if (intents.isArray())
            for (auto item : intents.aitems())
                if (item.isDictionary() && item.getKey("/S").isNameAndEquals("/GTS_PDFX")) {
                    intent = true;
                    if (!item.getKey("/OutputConditionIdentifier").isString())
                        findings_.add(Check::output_intent,
                                      "the GTS_PDFX OutputIntent has no /OutputConditionIdentifier");
                }
        if (!intent) findings_.add(Check::output_intent, "no OutputIntent with /S /GTS_PDFX");
    }

private:
    Findings& findings_;
};

class PdfxKeysCheck final : public Listener {
public:
    explicit PdfxKeysCheck(Findings& findings) : findings_(findings) {}

    void document(QPDF& pdf) override
    {
        auto info = pdf.getTrailer().getKey("/Info");
        if (!info.isDictionary() || !info.getKey("/GTS_PDFXVersion").isString())
            findings_.add(Check::pdfx_keys, "Info has no /GTS_PDFXVersion");
        auto trapped = info.isDictionary() ? info.getKey("/Trapped") : QPDFObjectHandle::newNull();
        if (!trapped.isNameAndEquals("/True") && !trapped.isNameAndEquals("/False"))
            findings_.add(Check::pdfx_keys, "Info /Trapped is not /True or /False");
        if (!pdf.getTrailer().getKey("/ID").isArray()) findings_.add(Check::pdfx_keys, "the trailer has no /ID");
    }

private:
    Findings& findings_;
};

}  // namespace

std::unique_ptr<Listener> check_output_intent(Findings& findings)
{
    return std::make_unique<OutputIntentCheck>(findings);
}

std::unique_ptr<Listener> check_pdfx_keys(Findings& findings)
{
    return std::make_unique<PdfxKeysCheck>(findings);
}

}  // namespace leaflet::preflight
