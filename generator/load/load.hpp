// load: XML source files -> Document.
//
// In: a leaflet source (sources/<id>.xml), validated against the RELAX NG
// schema sources/schema/leaflet.rng; the directory, the variants and the
// regions file (sources/shared/regions.xml) that region ids are checked
// against. Out: the document model below; every
// node keeps the SourceLoc it came from. Never applies styles, never measures
// text. Parsing is safe: no network, no DTD loading, no entity expansion from
// outside.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace leaflet::load {

// icon: <icon name="phone"/>, art of the sources folder's art/icons/ set
// in the line (Inline::target is its name). Data that resolve prints:
// region_name, <region-name/>: the variant's region in Kazakh (a block
// holding it is left out of the base leaflet, see names_the_region);
// edition, <edition/>: the leaflet's version="…"; edition_date,
// <edition-date/>: its date="…" (an error where the leaflet has none).
enum class InlineKind { text, bold, emphasis, phone, email, link, line_break, tab, icon,
                        region_name, edition, edition_date };

// An inline run: plain text, or a span that holds further inlines.
struct Inline {
    InlineKind kind = InlineKind::text;
    std::string text;              // for text
    std::string target;            // phone number (+7...), e-mail address, URL, or an icon's name
    std::vector<Inline> children;  // for spans
    SourceLoc loc;
};

// image: <image src="art/…" alt="…"/>; qr: <qr href="https://…"/> or <qr phone="11616"/>.
enum class BlockKind { heading1, heading2, paragraph, list, ordered_list, quote, callout, directory, rule, image, qr };

// Where a block of a panel stands: in the flow, or fixed at the top or the
// foot of the panel's text column, whatever the flow holds (place="…").
enum class Place { flow, top, foot };

struct Block {
    BlockKind kind = BlockKind::paragraph;
    std::string id;
    std::string style;             // explicit style name; empty: the kind's default
    std::vector<Inline> content;   // heading, paragraph
    std::vector<Block> children;   // lists: their items (paragraphs); quote, callout: their blocks
    int start = 1;                 // ordered list: the first number
    std::string category;          // directory: crisis-centre, other or all
    std::vector<std::string> regions;    // profiling: shown only in these regions' variants
    std::vector<std::string> audiences;  // profiling: shown only for these audiences
    Place place = Place::flow;           // a panel's block: fixed at its top or foot
    // image: its file, relative to the sources folder; qr: what it encodes
    // (an https: URL, or tel: and the number to dial).
    std::string src;
    std::string alt;                     // image, qr: the text alternative
    double width_mm = 0;                 // image, qr: as wide as that; 0: its natural width (a QR code: 20 mm)
    SourceLoc loc;
};

// justify: the free height spread between the blocks, each gap growing by
// at most the style sheet's <vertical-justification maximum="…">.
enum class VerticalAlign { top, center, bottom, justify };

// copyfit="shrink": the type shrinks until the text fits; "fill": it grows
// until the text fills the panel (or flow) to the style sheet's target.
enum class Copyfit { none, shrink, fill };

// A panel, or a flow that starts in panel `role` and continues through
// `next_roles` (e.g. inside-1 -> inside-2 -> inside-3).
struct Panel {
    std::string role;  // front, back, flap, inside-1, inside-2, inside-3
    std::vector<std::string> next_roles;
    VerticalAlign valign = VerticalAlign::top;
    Copyfit copyfit = Copyfit::none;
    bool balance = false;    // a flow: its panels filled to one height (balance="true")
    std::string background;  // a swatch behind the whole panel, to the bleed where it meets the trim
    std::vector<Block> blocks;
    SourceLoc loc;
};

struct Document {
    std::string id;
    std::string language;  // BCP 47, e.g. "kk"
    std::string version;
    // date="2026-12" (YYYY, YYYY-MM or YYYY-MM-DD): the edition's date, as
    // data; the build clock is never printed. Empty: none given.
    std::string date;
    std::string title;
    std::vector<Panel> panels;
    std::vector<std::string> files;  // the source, then every fragment it includes
    SourceLoc loc;
};

// The regions a directory entry, a block's region="…" or a variant may
// name: sources/shared/regions.xml (schema sources/schema/regions.rng).
struct Region {
    std::string id;      // almaty-city
    std::string name;    // in Kazakh: Алматы қаласы
    std::string centre;  // its administrative centre, in Kazakh: Алматы
    SourceLoc loc;
};

struct Regions {
    std::vector<Region> regions;  // in file order
    // False when the regions file failed to load (its errors are reported
    // already): then no id is checked against it, so that one broken file
    // gives its own errors, not one more for every region named elsewhere.
    bool loaded = true;

    const Region* find(const std::string& id) const;  // null when absent
    std::vector<std::string> ids() const;
};

// Parses and validates the regions file; throws leaflet::Error with every
// schema violation and every id given twice.
Regions load_regions(const std::string& path, const std::string& schema);

// "unknown region 'akmla' (did you mean 'akmola'?)" when `id` is not one of
// `regions` (and they loaded), else nothing.
std::vector<std::string> region_errors(const Regions& regions, const std::string& id);

// Parses and validates one source. `schema` is the RELAX NG file; each
// region="…" must name one of `regions`.
// Shared fragments are included (XInclude) from inside `include_root`.
// Throws leaflet::Error with every schema violation of the file.
Document load(const std::string& path, const std::string& schema, const Regions& regions,
              const std::string& include_root = "");

// The NGO directory: structured, so that a variant can select and order it.
struct Contact {
    enum class Kind { phone, fax, email } kind = Kind::phone;
    std::string text;    // as printed: the source's text, or display_phone(target)
    std::string target;  // the number to dial (+7 and ten digits, or a service number), or the e-mail address
    // A phone's extension (1409): printed after the number, in no link,
    // since no phone dials it as written (load::phone::dials).
    std::string extension;
    SourceLoc loc;
};

struct Organisation {
    std::string id;
    int number = 0;
    std::string category;               // crisis-centre, other
    std::vector<std::string> regions;
    std::string name, legal_form, area;
    std::vector<Contact> contacts;
    std::vector<std::string> notes;
    SourceLoc loc;
};

struct Directory {
    std::vector<Organisation> organisations;  // in number order
    SourceLoc loc;
};

// Each organisation's regions must be among `regions`.
Directory load_directory(const std::string& path, const std::string& schema, const Regions& regions);

// <override organisation="korgau"><phone …/><email>…</email></override>:
// in one variant, the phones and e-mails of an organisation of the shared
// directory, instead of its own.
struct ContactOverride {
    std::string organisation;
    std::vector<Contact> contacts;
    SourceLoc loc;
};

// A regional variant: what it selects and overrides.
struct Variant {
    std::string id;
    std::vector<std::string> leaflets;
    std::string region;
    bool omit_others = false;           // directory: other regions' organisations left out
    std::string label;
    std::vector<std::pair<std::string, Block>> replacements;  // block id -> new block
    // <organisations src="karaganda/organisations.xml"/>: the variant's own
    // organisations, a file of directory.rng, its path relative to the
    // variants folder (empty: none); `organisations` holds them once loaded.
    std::string organisations_src;
    SourceLoc organisations_loc;
    std::vector<Organisation> organisations;
    std::vector<ContactOverride> overrides;
    // <order>korgau kaisar</order>: the region's organisations in this order
    // first; the region's others follow in number order.
    std::vector<std::string> order;
    SourceLoc order_loc;
    // The directory its products list (variant_directory()); empty: the
    // shared one, as it is.
    std::optional<Directory> directory;
    SourceLoc loc;
};

// Its region, and those of its replacement blocks, must be among `regions`.
// <logo> and <website> become the replacement of block publisher-logos.
Variant load_variant(const std::string& path, const std::string& schema, const Regions& regions);

// The directory a variant's products list: the shared one, with the
// variant's own organisations, its overrides and its order. Throws
// leaflet::Error with every own id the shared directory has already, own
// organisation not in the variant's region, override or order naming no
// organisation (with the nearest id), organisation overridden twice, and
// id of the order that is not of the region or given twice.
Directory variant_directory(const Directory& shared, const Variant& variant);

// A phone number (+7 and ten digits, or a short number) as the leaflets
// print it: +7 727 376 40 37, +7 701 516 87 87; short numbers as they are.
std::string display_phone(const std::string& number);

// The plain text of inlines, as a reader sees it (for tests and checks);
// the data inlines (<region-name/>, <edition/>, <edition-date/>) add nothing.
std::string plain_text(const std::vector<Inline>& inlines);

// Whether inlines hold a <region-name/>, at any depth. Such a paragraph,
// heading or list item prints only in a variant: the base leaflet leaves
// it out (and a box or list it leaves empty).
bool names_the_region(const std::vector<Inline>& inlines);

// A leaflet's date="…" as it prints: 2026 -> 2026, 2026-12 -> 12.2026,
// 2026-12-03 -> 03.12.2026 (the day.month.year order of Kazakhstan).
std::string display_date(const std::string& date);

}  // namespace leaflet::load
