#include "pdfua.hpp"

#include <set>
#include <vector>

#include <qpdf/Pl_String.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace leaflet::finish {

namespace {

// Operators that paint (ISO 32000-1 8.5.3, 8.7.4.2, 8.8, 8.9.7), apart from
// text: a text object counts as painted at its ET.
const std::set<std::string> painting{"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "EI"};
const std::set<std::string> showing_text{"Tj", "TJ", "'", "\""};

// Collects the operations (operands and operator, white space included)
// met outside marked content into a stretch, and writes it, when marked
// content or q/Q begins or the stream ends, with the part up to its last
// painting operation inside /Artifact BMC ... EMC. Stretches end at q and
// Q, so an artifact never holds an unbalanced q or Q; BDC, BMC and EMC
// stand between graphics objects, so one never splits a path or text
// object.
class ArtifactFilter final : public QPDFObjectHandle::TokenFilter {
public:
    void handleToken(const QPDFTokenizer::Token& token) override
    {
        const auto type = token.getType();
        if (type == QPDFTokenizer::tt_eof) {
            flush_stretch();
            for (const auto& pending : operation_) writeToken(pending);
            operation_.clear();
            return;
        }
        operation_.push_back(token);
        if (type == QPDFTokenizer::tt_inline_image) {
            end_operation(true);
            return;
        }
        if (type != QPDFTokenizer::tt_word) return;
        const std::string op = token.getValue();
        if (op == "BDC" || op == "BMC") {
            if (depth_++ == 0) flush_stretch();
            write_operation();
        } else if (op == "EMC") {
            if (depth_ > 0) --depth_;
            write_operation();
        } else if (depth_ > 0) {
            write_operation();
        } else if (op == "q" || op == "Q") {
            flush_stretch();
            write_operation();
        } else {
            if (op == "BT") text_shown_ = false;
            if (showing_text.count(op)) text_shown_ = true;
            end_operation(painting.count(op) > 0 || (op == "ET" && text_shown_));
        }
    }

private:
    void end_operation(bool paints)
    {
        stretch_.insert(stretch_.end(), operation_.begin(), operation_.end());
        operation_.clear();
        if (paints) painted_until_ = stretch_.size();
    }

    void write_operation()
    {
        for (const auto& token : operation_) writeToken(token);
        operation_.clear();
    }

    void flush_stretch()
    {
        if (painted_until_ > 0) write("/Artifact BMC\n");
        for (std::size_t i = 0; i < stretch_.size(); ++i) {
            writeToken(stretch_[i]);
            if (i + 1 == painted_until_) write("\nEMC\n");
        }
        stretch_.clear();
        painted_until_ = 0;
    }

    std::vector<QPDFTokenizer::Token> operation_;  // since the last operator
    std::vector<QPDFTokenizer::Token> stretch_;    // operations outside marked content
    std::size_t painted_until_ = 0;                // tokens of stretch_ up to its last painting
    int depth_ = 0;                                // of marked content
    bool text_shown_ = false;                      // in the current text object
};

}  // namespace

void mark_artifacts(QPDF& pdf)
{
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        ArtifactFilter filter;
        std::string content;
        Pl_String sink("page content", nullptr, content);
        page.filterContents(&filter, &sink);
        auto object = page.getObjectHandle();
        object.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
    }
}

}  // namespace leaflet::finish
