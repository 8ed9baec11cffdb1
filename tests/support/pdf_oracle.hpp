// PDF oracle for tests: reads a finished PDF back through Poppler (page
// count, raster, text), decodes its QR codes with ZBar, and compares rasters
// with PNG goldens.
//
// In: PDF files written by the generator, PNG goldens under tests/golden/.
// Out: RGB images, UTF-8 text, comparisons and gtest assertion results.
// It never draws through the generator's own code: what it sees is what a
// reader of the PDF sees.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace leaflet::test {

// 8-bit RGB, row-major, three bytes per pixel, no row padding.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;
};

// Number of pages. Throws std::runtime_error if the file cannot be opened,
// is not a PDF or is encrypted.
int page_count(const std::string& pdf_path);

// Rasterizes page `page` (0-based, as Poppler counts) at `dpi` with
// Poppler's Splash renderer: antialiasing on for shapes, images and text,
// no text hinting, opaque white paper. Throws std::runtime_error on an
// unreadable file, std::out_of_range on a bad page index.
Image render_page(const std::string& pdf_path, int page, double dpi);

// The text of every page in content-stream order (Poppler's raw order),
// as UTF-8, pages joined by "\n" (Poppler's trailing form feed removed;
// each line of a page ends in "\n"). Raw order follows the order in which the
// renderer drew the runs, so a paragraph stays whole even when panels
// stand side by side; physical layout would interleave their lines.
// Throws std::runtime_error if the file is unreadable.
std::string extract_text(const std::string& pdf_path);

// Reads any PNG cairo can read; transparent pixels are composited onto
// white. Throws std::runtime_error if the file is missing or unreadable.
Image read_png(const std::string& path);

// Writes an RGB PNG (no alpha), creating parent directories. Throws
// std::runtime_error on failure or on an image whose buffer does not match
// its size.
void write_png(const Image& image, const std::string& path);

struct Comparison {
    bool same_size = true;
    long differing_pixels = 0;  // pixels present in only one image count too
    int max_channel_delta = 0;  // 255 for a pixel present in only one image
    int first_x = -1, first_y = -1;  // first differing pixel in row-major order; -1 if none
};

// A pixel differs when any channel differs by more than `tolerance`. When
// the sizes differ, the overlap is compared and every pixel outside it that
// lies in one of the images counts as differing.
Comparison compare(const Image& actual, const Image& expected, int tolerance);

// An image the size of the larger extent of both: differing pixels red,
// equal pixels a faded grey copy of `expected`, pixels in neither image
// white.
Image diff_image(const Image& actual, const Image& expected, int tolerance);

// The golden check: compares `actual` with <golden_dir>/<name>.png, passing
// when the sizes match and at most `max_differing_pixels` pixels differ by
// more than `tolerance`.
// With LEAFLET_UPDATE_GOLDENS=1 in the environment it writes the golden
// instead and succeeds. On a mismatch or a missing/unreadable golden it
// writes <output_dir>/<name>.actual.png and <name>.diff.png and fails with a
// message naming both paths, the number of differing pixels, the largest
// channel delta and the first bad pixel (x, y). On a pass it removes those
// two files if an earlier run left them.
::testing::AssertionResult matches_golden(const Image& actual, const std::string& golden_dir,
                                          const std::string& name, const std::string& output_dir,
                                          int tolerance, long max_differing_pixels);

// What every QR code ZBar finds on `image` says.
std::multiset<std::string> qr_codes(const Image& image);

// Text for containment checks: every run of whitespace (ASCII, NBSP U+00A0,
// narrow NBSP U+202F and the other Unicode spaces and line separators)
// becomes one ASCII space, soft hyphens U+00AD are dropped together with
// the white space after them (a word hyphenated at a line end, whose drawn
// hyphen the PDF maps to U+00AD, is whole again, as ISO 32000-1 14.8.2.2.3
// asks of an extractor), both ends are trimmed. Bytes that are not such
// characters pass through unchanged.
std::string normalize_space(std::string_view text);

// normalize_space, then every hyphen '-' and every slash loses the white
// space after it, and hyphens are dropped: a line may break after a
// compound's hyphen or after a slash. Apply it to both sides of a
// containment check.
std::string comparable_text(std::string_view text);

}  // namespace leaflet::test
