#include "scan.hpp"

#include <array>
#include <string>

#include "xml/xml.hpp"

namespace leaflet::lint {

namespace {

// Elements that hold a block's text: quotes balance inside each.
bool starts_block(std::string_view name)
{
    static constexpr std::array<std::string_view, 10> blocks{"p",    "li",         "h1",   "h2",   "title",
                                                             "name", "legal-form", "area", "note", "phone"};
    for (std::string_view block : blocks)
        if (name == block) return true;
    return false;
}

class Scanner {
public:
    explicit Scanner(std::string_view bytes) : bytes_(bytes) {}

    std::vector<Segment> run()
    {
        segments_.emplace_back();
        while (at_ < bytes_.size()) {
            const std::string_view rest = bytes_.substr(at_);
            if (rest.substr(0, 4) == "<!--") skip_past("-->");
            else if (rest.substr(0, 9) == "<![CDATA[") cdata();
            else if (rest.substr(0, 2) == "<?" || rest.substr(0, 2) == "<!") skip_past(rest[1] == '?' ? "?>" : ">");
            else if (rest[0] == '<') tag();
            else if (rest[0] == '&') reference();
            else text_char(false);
        }
        return std::move(segments_);
    }

private:
    // One UTF-8 character of text at at_.
    void text_char(bool reference)
    {
        const gunichar code = g_utf8_get_char(bytes_.data() + at_);
        segments_.back().push_back({code, line_, column_, reference});
        advance(1);
    }

    // Moves past `characters` characters (code points), counting lines.
    void advance(int characters)
    {
        for (int i = 0; i < characters && at_ < bytes_.size(); ++i) {
            const char* next = g_utf8_next_char(bytes_.data() + at_);
            if (bytes_[at_] == '\n') {
                ++line_;
                column_ = 1;
            } else {
                ++column_;
            }
            at_ = static_cast<std::size_t>(next - bytes_.data());
        }
    }

    void advance_to(std::size_t end)
    {
        while (at_ < end && at_ < bytes_.size()) advance(1);
    }

    void skip_past(std::string_view terminator)
    {
        const std::size_t end = bytes_.find(terminator, at_);
        advance_to(end == std::string_view::npos ? bytes_.size() : end + terminator.size());
    }

    void cdata()
    {
        advance(9);
        const std::size_t end = bytes_.find("]]>", at_);
        while (at_ < bytes_.size() && at_ < end) text_char(false);
        advance(3);
    }

    void tag()
    {
        std::size_t name_start = at_ + 1;
        const bool closing = name_start < bytes_.size() && bytes_[name_start] == '/';
        if (closing) ++name_start;
        std::size_t name_end = name_start;
        while (name_end < bytes_.size() && !g_ascii_isspace(bytes_[name_end]) && bytes_[name_end] != '>' &&
               bytes_[name_end] != '/')
            ++name_end;
        const std::string_view name = bytes_.substr(name_start, name_end - name_start);
        if (!closing && starts_block(name)) segments_.emplace_back();
        segments_.back().push_back({0, line_, column_, false});
        advance_to(xml::tag_end(bytes_, at_));
        if (closing && starts_block(name)) segments_.emplace_back();
    }

    // &amp; &#x200B; &#8203;: one character, at the '&'.
    void reference()
    {
        const std::size_t end = bytes_.find(';', at_);
        if (end == std::string_view::npos) return text_char(false);
        const std::string body(bytes_.substr(at_ + 1, end - at_ - 1));
        gunichar code = '?';
        if (body == "amp") code = '&';
        else if (body == "lt") code = '<';
        else if (body == "gt") code = '>';
        else if (body == "quot") code = '"';
        else if (body == "apos") code = '\'';
        else if (body.size() > 1 && body[0] == '#')
            code = static_cast<gunichar>(body[1] == 'x' || body[1] == 'X'
                                             ? g_ascii_strtoull(body.c_str() + 2, nullptr, 16)
                                             : g_ascii_strtoull(body.c_str() + 1, nullptr, 10));
        segments_.back().push_back({code, line_, column_, true});
        advance_to(end + 1);
    }

    std::string_view bytes_;
    std::size_t at_ = 0;
    int line_ = 1;
    int column_ = 1;
    std::vector<Segment> segments_;
};

}  // namespace

std::vector<Segment> scan(std::string_view bytes)
{
    return Scanner(bytes).run();
}

}  // namespace leaflet::lint
