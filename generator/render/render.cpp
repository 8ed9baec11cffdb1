#include "render/render.hpp"

namespace leaflet::render {

void render(const layout::Frames& frames, Canvas& canvas)
{
    for (const layout::Page& page : frames.pages) {
        canvas.begin_page(page);
        for (const layout::Item& item : page.items) {
            std::visit(
                [&canvas](const auto& concrete) {
                    using T = std::decay_t<decltype(concrete)>;
                    if constexpr (std::is_same_v<T, layout::FillItem>) canvas.fill(concrete);
                    else if constexpr (std::is_same_v<T, layout::RuleItem>) canvas.rule(concrete);
                    else if constexpr (std::is_same_v<T, layout::ArtItem>) canvas.art(concrete);
                    else canvas.text(concrete);
                },
                item);
        }
        canvas.end_page();
    }
}

}  // namespace leaflet::render
