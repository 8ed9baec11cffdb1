#include "phone.hpp"

#include <algorithm>
#include <array>
#include <regex>
#include <string_view>

#include <fmt/format.h>

#include "load/load.hpp"

namespace leaflet::load {

// The house rule for Kazakhstan (+7 and ten digits): the country code, the
// three digits after it, then 3, 2 and 2: +7 727 376 40 37, +7 701 516 87 87.
// One rule for landlines and mobiles alike, whatever the length of the area
// code, so that every number of the directory reads the same way. Short
// numbers (102, 11616) are printed as they are.
std::string display_phone(const std::string& number)
{
    static const std::regex kazakhstan(R"(\+7([0-9]{3})([0-9]{3})([0-9]{2})([0-9]{2}))");
    std::smatch parts;
    if (!std::regex_match(number, parts, kazakhstan)) return number;
    return fmt::format("+7 {} {} {} {}", parts[1].str(), parts[2].str(), parts[3].str(), parts[4].str());
}

}  // namespace leaflet::load

namespace leaflet::load::phone {

namespace {

// The short numbers a phone in Kazakhstan dials as they are, from any
// network: 101 fire, 102 police, 103 ambulance, 104 gas, 112 the single
// emergency number, and 11616, the hotline against human trafficking. The
// sources print 102 and 11616; another is one line here. Any other short
// number (an extension such as 1409, a town's six-digit local number)
// dials only from inside its exchange or town, not from a reader's mobile.
constexpr std::array<std::string_view, 6> service_numbers{"101", "102", "103", "104", "112", "11616"};

std::string service_list()
{
    std::string list;
    for (std::string_view number : service_numbers) list += (list.empty() ? "" : ", ") + std::string(number);
    return list;
}

}  // namespace

bool is_service_number(const std::string& number)
{
    return std::find(service_numbers.begin(), service_numbers.end(), number) != service_numbers.end();
}

bool dials(const std::string& number)
{
    static const std::regex international(R"(\+7[0-9]{10})");
    return std::regex_match(number, international) || is_service_number(number);
}

std::vector<std::string> number_errors(const std::string& number)
{
    static const std::regex national(R"(8([0-9]{10}))");
    static const std::regex short_number(R"([0-9]{1,6})");
    if (dials(number)) return {};
    std::smatch parts;
    if (std::regex_match(number, parts, national))
        return {fmt::format("phone number '{}' is in the national form (8 …): write it '+7{}', which dials from "
                            "abroad too",
                            number, parts[1].str())};
    if (std::regex_match(number, short_number))
        return {fmt::format("phone number '{}' does not dial as written: it is not +7 and ten digits, nor a service "
                            "number ({}); an extension is no number of its own (in the directory: "
                            "extension=\"{}\" on the number it belongs to)",
                            number, service_list(), number)};
    return {fmt::format("phone number '{}' is not +7 and ten digits, nor a service number ({})", number,
                        service_list())};
}

std::string digits(const std::string& text)
{
    std::string result;
    for (char ch : text)
        if ((ch >= '0' && ch <= '9') || (ch == '+' && result.empty())) result += ch;
    return result;
}

namespace {

// The first character of `text` that a printed phone may not hold (UTF-8:
// a byte >= 0x80 begins a character that is no digit either), or "".
std::string stray_character(const std::string& text, bool number)
{
    for (std::size_t at = 0; at < text.size(); ++at) {
        const unsigned char ch = static_cast<unsigned char>(text[at]);
        if ((ch >= '0' && ch <= '9') || (ch == '+' && (!number || at == 0))) continue;
        if (!number && (ch == ' ' || ch == '(' || ch == ')' || ch == '-')) continue;
        std::size_t length = 1;
        while (at + length < text.size() && (static_cast<unsigned char>(text[at + length]) & 0xC0) == 0x80) ++length;
        return text.substr(at, length);
    }
    return "";
}

std::string bare_digits(const std::string& value)
{
    std::string result;
    for (char ch : value)
        if (ch >= '0' && ch <= '9') result += ch;
    return result;
}

}  // namespace

std::vector<std::string> errors(const std::string& text, const std::string& number)
{
    if (const std::string stray = stray_character(text, false); !stray.empty())
        return {fmt::format("phone '{}' holds '{}', which is not a digit: a phone is digits, spaces, '+', brackets "
                            "and hyphens; a second number or an extension is a <phone> of its own",
                            text, stray)};
    if (const std::string stray = stray_character(number, true); !stray.empty())
        return {fmt::format("phone number '{}' holds '{}', which is not a digit", number, stray)};
    if (std::vector<std::string> found = number_errors(number); !found.empty()) return found;
    if (!text.empty() && bare_digits(text) != bare_digits(number))
        return {fmt::format("phone prints '{}' but dials {}: the printed digits must be the number's (or leave the "
                            "text out: it is made from the number as '{}')",
                            text, number, display_phone(number))};
    return {};
}

std::vector<std::string> link_errors(const std::string& href)
{
    static const std::regex scheme(R"([A-Za-z][A-Za-z0-9+.-]*:.+)");
    static const std::regex web(R"((https?):.*)", std::regex::icase);
    if (!std::regex_match(href, scheme))
        return {fmt::format("link '{}' has no scheme: write 'https://{}'", href, href)};
    if (std::regex_match(href, web) && href.find("://") == std::string::npos)
        return {fmt::format("link '{}' needs '//' after its scheme, e.g. 'https://…'", href)};
    return {};
}

}  // namespace leaflet::load::phone
