// resolve: Document + house style + fonts manifest -> StyledDocument.
//
// In: a loaded Document, the style sheet (styles/*.xml) and the fonts
// manifest (fonts/manifest.xml). Out: every block with its computed
// paragraph style and its text as one UTF-8 string with styled spans, the
// sheet geometry, and the manifest's fonts in a fontconfig configuration of
// their own (resolve/font_map.hpp gives the typesetter a Pango font map on
// it). Never measures or shapes text, never sees Cairo.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "art/art.hpp"
#include "diag/diag.hpp"
#include "load/load.hpp"
#include "units.hpp"

namespace leaflet::resolve {

// A CMYK swatch. Cairo draws only RGB, so each swatch also has an 8-bit
// RGB of its own: its naive conversion, nudged where two swatches would
// meet (black and registration), so that the finish stage can map every
// RGB colour in Cairo's PDF back to exactly one swatch.
struct Colour {
    std::string name;                   // the swatch name
    double cyan = 0, magenta = 0, yellow = 0, black = 0;  // 0..1
    int rgb[3] = {0, 0, 0};             // 0..255, unique per style sheet
    double red() const { return rgb[0] / 255.0; }
    double green() const { return rgb[1] / 255.0; }
    double blue() const { return rgb[2] / 255.0; }

    bool operator==(const Colour&) const = default;
};

enum class Align { left, center, right, justify };
// How justified paragraphs break into lines: Pango's first-fit, or
// total-fit (Knuth–Plass) over Pango's measurements.
enum class LineBreaking { first_fit, total_fit };
enum class Slant { normal, italic };

// How a justified line is filled, as InDesign's Justification dialog: its
// word spaces first, within their range; then the space between letters;
// then the glyphs' width. Past all three, word spaces take the rest.
struct Justification {
    // Word spaces, a share of the font's space: the least, the natural
    // (every line's spaces are set at it before justification) and the most.
    double word_minimum = 0.8, word_desired = 1, word_maximum = 1.33;
    // Added between two letters, a share of the em (tracking 10 is 0.01).
    double letter_minimum = 0, letter_maximum = 0;
    // The glyphs' horizontal scale.
    double glyph_minimum = 1, glyph_maximum = 1;
};

struct ParagraphStyle {
    std::string name;
    std::string font_family;
    Slant slant = Slant::normal;
    int weight = 400;                   // CSS weights: 400 regular, 700 bold
    Pt size;
    Pt leading;                         // baseline to baseline
    Colour colour;
    Pt space_before, space_after;
    Align align = Align::left;
    bool hyphenate = false;
    LineBreaking line_breaking = LineBreaking::first_fit;
    Pt indent;                          // left indent of every line (lists)
    std::string bullet;                 // drawn in the indent before the first line
    std::string tab_leader;             // fills a contact line's tab (<tab/>); empty: blank
    Justification justification;
    // Letters a hyphenated word keeps at least before and after a break.
    int hyphenate_before = 2, hyphenate_after = 3;
    // Characters a justified paragraph's last line holds at least.
    int last_line_minimum = 6;
    SourceLoc loc;
    bool baseline_grid = false;         // its lines sit on the sheet's baseline grid, if it has one
};

struct CharacterStyle {
    std::string name;
    std::optional<int> weight;
    std::optional<Slant> slant;
    std::optional<Colour> colour;
    bool underline = false;
    SourceLoc loc;
};

// How far a box's background reaches across: its column (the text's
// measure), or its panel's whole width, into the bleed where the panel
// meets the trim (a band); at the top or foot of the column a band also
// reaches up or down to the trim and past it into the bleed.
enum class Extent { column, panel };

struct BoxStyle {
    std::string name;
    std::optional<Colour> background;
    std::optional<Colour> text_colour;  // overrides the colour of the text inside (white: reversed out)
    Pt padding;
    Pt space_before, space_after;
    Extent extent = Extent::column;
    Pt radius;                          // of its corners
    std::optional<Colour> border;       // a line `border_width` wide inside its edge
    Pt border_width;
    Pt height;                          // a <rule>'s thickness (drawn in its background)
    SourceLoc loc;
};

struct PanelGeometry {
    std::string role;
    Pt width;
};

struct Side {
    std::string name;                   // outside, inside
    std::vector<PanelGeometry> panels;  // left to right, as the side is seen
};

// The baseline grid (<baseline-grid step="11.4pt"/>): in every panel, the
// lines of the paragraph styles with baseline-grid="true" stand on
// baselines `step` apart, the first where the first line of such a style
// has its baseline when it stands at the top of the text column. Each of
// those styles' leading is a whole multiple of the step. Copyfit scales
// the step with the leading.
struct BaselineGrid {
    Pt step;
    std::set<std::string> styles;       // the paragraph styles on it
    SourceLoc loc;
};

struct Sheet {
    Pt width, height;                   // trim
    Pt bleed;
    Pt slug;                            // space outside the trim for bleed, marks and slug line
    Pt margin;                          // from every panel edge to its text
    std::vector<Side> sides;
    Colour registration;                // colour of the marks
    std::optional<BaselineGrid> baseline_grid;  // <baseline-grid>, if the sheet has one
    // valign="justify": the most one gap between blocks grows by
    // (<vertical-justification maximum="…">).
    Pt justify_maximum = mm(8);
};

// How far a panel's type may shrink or grow when it allows copyfit: font
// size and leading both scale, from 100 % down by `step` to no less than
// `minimum` (copyfit="shrink"), or up by `step` to no more than `maximum`
// until the blocks fill `target` of the height (copyfit="fill").
struct Copyfit {
    double minimum = 1;
    double maximum = 1;
    double step = 0.01;
    double target = 0.9;
    load::Copyfit mode = load::Copyfit::shrink;  // what the panel asks of it
    SourceLoc loc;
};

// The screen edition, set again for a phone (<screen width="90mm"
// margin="6mm" scale="112.5%"/>): every panel (or flow) of the source one
// page `width` wide, in the source's order, as tall as what it holds, its
// type at `scale` of the print styles' size and leading.
struct Screen {
    Pt width = mm(90);
    Pt margin = mm(6);
    double scale = 1.125;
    SourceLoc loc;
};

struct Stylesheet {
    std::string path;
    Sheet sheet;
    Screen screen;                      // <screen>, or its defaults
    std::optional<Copyfit> copyfit;     // <copyfit>, if the sheet allows any
    std::map<std::string, Colour> swatches;
    std::map<std::string, ParagraphStyle> paragraphs;
    std::map<std::string, CharacterStyle> characters;
    std::map<std::string, BoxStyle> boxes;
};

// Reads a style sheet, resolving based-on inheritance.
Stylesheet load_stylesheet(const std::string& path);

struct FontFile {
    std::string path;
    std::string family;
    Slant slant = Slant::normal;
    int weight = 400;
    std::string sha256;
};

// The fonts of the manifest, checked against their sha256, in a fontconfig
// configuration of their own: nothing can fall back to a font that the
// manifest does not pin. A face is an index into files(); the typesetter
// shapes with them through the Pango font map of resolve/font_map.hpp, and
// the renderer draws them from their files.
class FontSet {
public:
    ~FontSet();
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    const std::vector<FontFile>& files() const { return files_; }
    bool has_family(const std::string& family) const;
    // The face whose file is `path`, if the manifest has it.
    std::optional<std::size_t> face_of_file(const std::string& path) const;

    struct Private;  // fontconfig and the font maps (fonts.cpp, font_map.hpp)
    Private& private_part() const { return *private_; }

private:
    friend std::shared_ptr<const FontSet> load_fonts(const std::string& manifest_path);
    FontSet(std::vector<FontFile> files, std::unique_ptr<Private> fontconfig);

    std::vector<FontFile> files_;
    std::unique_ptr<Private> private_;
};

// Reads the manifest and checks every font file against its sha256.
std::shared_ptr<const FontSet> load_fonts(const std::string& manifest_path);

// A styled stretch of a block's text: byte offsets into StyledBlock::text.
struct Span {
    int start = 0, end = 0;
    std::optional<int> weight;
    std::optional<Slant> slant;
    std::optional<Colour> colour;
    bool underline = false;
    std::string link;                   // tel:, mailto: or https: target
    bool no_break = false;              // phone numbers never break
    // An icon: the one character of the span (U+FFFC) stands for it; it is
    // set at the text's cap height, in the text's colour.
    art::Shared art;
    std::string icon;                   // its name
    SourceLoc icon_loc;                 // its <icon> element
};

// A figure (<image>, <qr>): its art at the size it is set, which is at
// most its column's width.
struct Figure {
    art::Shared art;
    Pt width, height;
    std::string alt;                    // its text alternative
    Colour colour;                      // a QR code's modules, an SVG's currentColor

    bool operator==(const Figure&) const = default;
};

struct StyledBlock {
    load::BlockKind kind = load::BlockKind::paragraph;
    ParagraphStyle style;
    std::string text;                   // UTF-8; '\n' for a forced line break
    std::vector<Span> spans;
    std::string marker;                 // list items: the bullet or number drawn in the indent
    std::optional<BoxStyle> box;        // callouts, quotes, rules; a figure's spacing
    std::optional<Figure> figure;       // images and QR codes
    std::vector<StyledBlock> children;  // list items, callout blocks
    load::Place place = load::Place::flow;
    SourceLoc loc;
};

struct StyledPanel {
    std::string role;
    std::vector<std::string> next_roles;  // a flow: the panels it continues into, in order
    load::VerticalAlign valign = load::VerticalAlign::top;
    std::optional<Copyfit> copyfit;       // if its type may shrink to fit, or grow to fill
    bool balance = false;                 // a flow: its panels filled to one height
    std::optional<Colour> background;     // behind the whole panel, to the bleed
    std::vector<StyledBlock> blocks;
    SourceLoc loc;
};

struct StyledDocument {
    std::string id, language, version, title;
    std::vector<StyledPanel> panels;
    Sheet sheet;
    Screen screen;
    std::shared_ptr<const FontSet> fonts;
    SourceLoc loc;
};

// What a build selects: the directory that <directory> blocks list, and the
// variant (may be null: the base leaflet) whose region and replacements apply.
struct Selection {
    const load::Directory* directory = nullptr;
    const load::Variant* variant = nullptr;
    // The variant's region (sources/shared/regions.xml): what <region-name/>
    // prints and the directory's region box is labelled with.
    const load::Region* region = nullptr;
    // Where images (src="art/…") and icons (art/icons/<name>.svg) are read
    // from: the sources folder; empty: the folder of the document's source.
    std::string art_folder{};
};

StyledDocument resolve(const load::Document& document, const Stylesheet& styles,
                       std::shared_ptr<const FontSet> fonts, const Selection& selection, Diagnostics& diagnostics);

// `print` for the screen edition: its sheet one side of one column per
// panel, `print.screen.width` wide, with no bleed, slug or height to speak
// of (a page is as tall as what it holds); a figure wider than its column
// there is set at the column's width (a screen is no print: the figure's
// size in print stays what the source says).
StyledDocument for_screen(const StyledDocument& print);

}  // namespace leaflet::resolve
