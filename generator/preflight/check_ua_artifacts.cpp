// PDF/UA-1 (ISO 14289-1 7.1): every painting operation of page content is
// either tagged (in marked content with an MCID) or marked as an Artifact.
#include <set>
#include <vector>

#include <fmt/format.h>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "checks.hpp"

namespace leaflet::preflight {

namespace {

// As finish marks them (ISO 32000-1 8.5.3, 8.7.4.2, 8.8, 8.9, 9.4.3).
const std::set<std::string> painting{"S",  "s",  "f",  "F", "f*", "B", "B*", "b",
                                     "b*", "sh", "Do", "EI", "Tj", "TJ", "'", "\""};

// Reads the operators of one content stream with the marked content around them.
class Marking final : public QPDFObjectHandle::ParserCallbacks {
public:
    explicit Marking(QPDFObjectHandle properties) : properties_(std::move(properties)) {}

    void handleObject(QPDFObjectHandle object) override
    {
        if (!object.isOperator()) {
            operands_.push_back(object);
            return;
        }
        const std::string op = object.getOperatorValue();
        if (op == "BMC" || op == "BDC") {
            begin(op);
        } else if (op == "EMC") {
            if (!stack_.empty()) stack_.pop_back();
        } else if (painting.count(op) && !inside(Mark::tagged) && !inside(Mark::artifact)) {
            if (untagged == 0) first_untagged = op;
            ++untagged;
        }
        operands_.clear();
    }
    void handleEOF() override {}

    int untagged = 0;            // painting operations neither tagged nor Artifact
    std::string first_untagged;  // the first one's operator
    std::string nested;          // the first mark inside the other kind, described

private:
    enum class Mark { other, tagged, artifact };

    void begin(const std::string& op)
    {
        Mark mark = Mark::other;
        if (!operands_.empty() && operands_.front().isName() && operands_.front().getName() == "/Artifact")
            mark = Mark::artifact;
        if (op == "BDC" && operands_.size() >= 2) {
            auto list = operands_[1];
            if (list.isName() && properties_.isDictionary()) list = properties_.getKey(list.getName());
            if (list.isDictionary() && list.getKey("/MCID").isInteger() && mark != Mark::artifact) mark = Mark::tagged;
        }
        if (nested.empty() && mark == Mark::tagged && inside(Mark::artifact))
            nested = "Matterhorn 01-004: tagged content is inside an Artifact";
        if (nested.empty() && mark == Mark::artifact && inside(Mark::tagged))
            nested = "Matterhorn 01-003: an Artifact is inside tagged content";
        stack_.push_back(mark);
    }

    bool inside(Mark mark) const
    {
        for (const Mark open : stack_)
            if (open == mark) return true;
        return false;
    }

    QPDFObjectHandle properties_;
    std::vector<QPDFObjectHandle> operands_;
    std::vector<Mark> stack_;
};

class ArtifactsCheck final : public Listener {
public:
    explicit ArtifactsCheck(Findings& findings) : findings_(findings) {}

    void page(const Page& page) override
    {
        QPDFPageObjectHelper helper(page.object);
        auto resources = helper.getAttribute("/Resources", false);
        Marking marking(resources.isDictionary() ? resources.getKey("/Properties") : QPDFObjectHandle::newNull());
        helper.parseContents(&marking);
        if (marking.untagged > 0)
            findings_.add(Check::ua_artifacts,
                          fmt::format("ISO 14289-1 7.1, Matterhorn 01-005: {} painting operation(s) neither tagged nor "
                                      "marked as Artifact (the first: {})",
                                      marking.untagged, marking.first_untagged));
        if (!marking.nested.empty())
            findings_.add(Check::ua_artifacts, fmt::format("ISO 14289-1 7.1, {}", marking.nested));
    }

private:
    Findings& findings_;
};

}  // namespace

std::unique_ptr<Listener> check_ua_artifacts(Findings& findings)
{
    return std::make_unique<ArtifactsCheck>(findings);
}

}  // namespace leaflet::preflight
