// Phones and links as data (private to load/): the number is what is dialled,
// the printed form is made from it by one house rule, so that what a reader
// sees and what a tel: link dials cannot differ.
#pragma once

#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace leaflet::load::phone {

// Whether a phone dials `number` as it is written, from any phone: +7 and
// ten digits, or a service number (is_service_number). Only such a number
// is a tel: link; the national form (8 …) does not dial from abroad, an
// extension (1409) or a town's local number not from a reader's mobile.
bool dials(const std::string& number);

// 101, 102, 103, 104, 112 and 11616 (the list is in phone.cpp).
bool is_service_number(const std::string& number);

// The errors of a phone number (the digits to dial): none when it dials();
// the national form and a short number that is no service number (an
// extension) each say what to write instead.
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
