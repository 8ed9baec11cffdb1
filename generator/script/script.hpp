// script: Kazakh in Cyrillic -> Kazakh in the Latin alphabet of 2021.
//
// In: a loaded Document, Directory or Variant (load.hpp), or text. Out: the
// same with every Cyrillic letter written in Latin letters by the table
// script/kk-latn.txt (data, one letter a line), its case by our own Kazakh
// rule (i and İ, ı and I), never the C locale's. Every other character is
// kept: digits, Latin letters and punctuation, so that numbers, phone
// numbers, e-mails and URLs are never changed, nor any link's target. The
// alphabet is a draft (presented in January 2021): the slug of a Latin
// edition says so. Between load and resolve; never sees styles or fonts.
#pragma once

#include <string>
#include <string_view>

#include "load/load.hpp"

namespace leaflet::script {

enum class Script { cyrillic, latin };

// "cyrl" or "latn", as in the file names and the command line.
const char* name(Script script);

// Every Cyrillic letter of `text` in Latin letters. An upper-case letter
// that becomes two is in capitals where its word is (ЮРИЙ: İURİİ), else
// only its first letter is (Юрий: İurii).
std::string to_latin(std::string_view text);

// Kazakh Latin case: i and İ, ı and I are pairs; the rest as Unicode says.
std::string upper(std::string_view latin);
std::string lower(std::string_view latin);

// "kk" -> "kk-Latn", "kk-KZ" -> "kk-Latn-KZ".
std::string latin_language(std::string_view language);

// Title, every text and display text in Latin letters; the language tag
// with its script (kk-Latn-KZ).
load::Document to_latin(load::Document document);
// Names, legal forms, areas, notes and contacts' display text.
load::Directory to_latin(load::Directory directory);
// Its label and replacement blocks.
load::Variant to_latin(load::Variant variant);

}  // namespace leaflet::script
