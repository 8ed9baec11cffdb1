// qr-module: a QR code is recognised by its geometry, not by a mark the
// generator left: a fill of axis-aligned rectangles whose edges lie on one
// square grid of n x n modules (n = 17 + 4 v, a version v of 1 to 40) with
// a finder pattern in three of its corners. The module is measured where
// it is drawn (the CTM included), so a page scaled down after finish, or a
// code from any other program, is measured all the same.
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "checks.hpp"
#include "print_limits.hpp"
#include "units.hpp"

namespace leaflet::preflight {

namespace {

// How far from the grid an edge may lie, in modules: Cairo writes three
// decimals of a point, a module is at least a few tenths of a millimetre.
constexpr double grid_slack = 0.05;

struct QrCode {
    Rect area;      // the symbol's dark extent: n x n modules
    int modules = 0;
    double module = 0;  // its side, in points
};

bool on_grid(double value) { return std::abs(value - std::round(value)) < grid_slack; }

// A finder pattern with its top-left module at (row, column): a dark 7 x 7
// ring, a light ring, a dark 3 x 3 centre.
bool finder_at(const std::vector<bool>& dark, int n, int row, int column)
{
    for (int r = 0; r < 7; ++r)
        for (int c = 0; c < 7; ++c) {
            const bool ring = std::max(std::abs(r - 3), std::abs(c - 3)) == 2;
            if (dark[static_cast<std::size_t>((row + r) * n + column + c)] == ring) return false;
        }
    return true;
}

std::optional<QrCode> recognise(const std::vector<Rect>& rectangles)
{
    // Version 1's 21 x 21 modules are drawn in more runs than this.
    if (rectangles.size() < 20) return std::nullopt;
    Rect area = rectangles.front();
    double module = std::min(area.right - area.left, area.top - area.bottom);
    for (const Rect& r : rectangles) {
        area = {std::min(area.left, r.left), std::min(area.bottom, r.bottom), std::max(area.right, r.right),
                std::max(area.top, r.top)};
        module = std::min({module, r.right - r.left, r.top - r.bottom});
    }
    if (module <= 0) return std::nullopt;
    const double across = (area.right - area.left) / module, down = (area.top - area.bottom) / module;
    const int n = static_cast<int>(std::lround(across));
    if (!on_grid(across) || std::abs(across - down) > grid_slack || n < 21 || n > 177 || (n - 17) % 4 != 0)
        return std::nullopt;
    std::vector<bool> dark(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
    for (const Rect& r : rectangles) {
        // Rows from the top, as a reader sees the code.
        const double left = (r.left - area.left) / module, right = (r.right - area.left) / module;
        const double top = (area.top - r.top) / module, bottom = (area.top - r.bottom) / module;
        if (!on_grid(left) || !on_grid(right) || !on_grid(top) || !on_grid(bottom)) return std::nullopt;
        for (long row = std::lround(top); row < std::lround(bottom); ++row)
            for (long column = std::lround(left); column < std::lround(right); ++column)
                dark[static_cast<std::size_t>(row * n + column)] = true;
    }
    // Three finders in the four corners: the code may be turned or mirrored.
    const int far = n - 7;
    const int finders = finder_at(dark, n, 0, 0) + finder_at(dark, n, 0, far) + finder_at(dark, n, far, 0)
        + finder_at(dark, n, far, far);
    if (finders != 3) return std::nullopt;
    return QrCode{area, n, module};
}

class QrCodesCheck final : public Listener {
public:
    explicit QrCodesCheck(Findings& findings) : findings_(findings) {}

    void page(const Page& page) override { trim_ = page.trim; }

    void fill(const Fill& fill) override
    {
        const auto code = recognise(fill.rectangles);
        if (!code) return;
        const double module_mm = code->module / points_per_mm;
        // Rounded as reported, so that a finding never reads "0.50 mm (minimum 0.50 mm)".
        if (std::round(module_mm * 100) >= std::round(print_limits::minimum_qr_module_mm * 100)) return;
        findings_.add(Check::qr_module,
                      fmt::format("QR code of {} modules at {} has modules of {:.2f} mm (minimum {:.2f} mm){}",
                                  code->modules, position(code->area, trim_), module_mm,
                                  print_limits::minimum_qr_module_mm, fill.where));
    }

private:
    Findings& findings_;
    std::optional<Rect> trim_;
};

}  // namespace

std::unique_ptr<Listener> check_qr_codes(Findings& findings)
{
    return std::make_unique<QrCodesCheck>(findings);
}

}  // namespace leaflet::preflight
