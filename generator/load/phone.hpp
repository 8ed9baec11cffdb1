// Phones and links as data (private to load/): the number is what is dialled,
// the printed form is made from it by one house rule, so that what a reader
// sees and what a tel: link dials cannot differ.
#pragma once

#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace leaflet::load::phone {

// The errors of a phone number (the digits to dial): +7 and ten digits, or a
// short service number of three to five digits (102, 11616).
std::vector<std::string> number_errors(const std::string& number);

// Every error of a phone printed as `text` (empty: printed in the house
// form) that dials `number`; a letter in the text is the only error given
// for it, since the rest follows from it; then a malformed number; then
// printed digits that differ from the number's.
std::vector<std::string> errors(const std::string& text, const std::string& number);

// The number a printed text dials: its digits, with a leading '+'.
std::string digits(const std::string& text);

// The errors of a link target: it needs a scheme (https://…, mailto:, tel:).
std::vector<std::string> link_errors(const std::string& href);

}  // namespace leaflet::load::phone
