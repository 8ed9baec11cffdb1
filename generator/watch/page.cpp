#include "page.hpp"

#include <fmt/format.h>

#include "io/markup.hpp"
#include "job/paths.hpp"
#include "print_limits.hpp"

namespace leaflet::watch {

namespace {

std::string mm_of(Pt length) { return fmt::format("{:.2f}", to_mm(length)); }

std::string rect(Pt x, Pt y, Pt width, Pt height, const char* class_name)
{
    return fmt::format(R"(<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>)", class_name, mm_of(x), mm_of(y),
                       mm_of(width), mm_of(height));
}

// The overlay of one side, in millimetres of the whole page the preview
// shows: the trim stands `slug` in from its edges (layout's page).
std::string overlay(const resolve::Sheet& sheet, const resolve::Side& side)
{
    const Pt width = sheet.width + sheet.slug * 2;
    const Pt height = sheet.height + sheet.slug * 2;
    const Pt safe = print_limits::safe_zone;
    std::string svg = fmt::format(
        R"(<svg class="overlay" data-side="{}" viewBox="0 0 {} {}" preserveAspectRatio="none" aria-hidden="true">)",
        io::xml_escaped(side.name), mm_of(width), mm_of(height));
    svg += rect(sheet.slug - sheet.bleed, sheet.slug - sheet.bleed, sheet.width + sheet.bleed * 2,
                sheet.height + sheet.bleed * 2, "bleed");
    svg += rect(sheet.slug, sheet.slug, sheet.width, sheet.height, "trim");
    Pt x = sheet.slug;
    for (std::size_t i = 0; i < side.panels.size(); ++i) {
        const Pt panel = side.panels[i].width;
        svg += rect(x + safe, sheet.slug + safe, panel - safe * 2, sheet.height - safe * 2, "safe");
        if (i > 0)
            svg += fmt::format(R"(<line class="fold" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>)", mm_of(x),
                               mm_of(sheet.slug - sheet.bleed), mm_of(sheet.slug + sheet.height + sheet.bleed));
        x += panel;
    }
    return svg + "</svg>";
}

std::string diagnostics_list(const std::vector<Diagnostic>& diagnostics)
{
    if (diagnostics.empty()) return R"(<p class="clean">No diagnostics.</p>)";
    std::string list = "<ul>";
    for (const Diagnostic& diagnostic : diagnostics) {
        const char* severity = diagnostic.severity == Severity::error     ? "error"
                             : diagnostic.severity == Severity::warning ? "warning"
                                                                        : "note";
        list += fmt::format(R"(<li class="{}">{}</li>)", severity, io::xml_escaped(format(diagnostic)));
    }
    return list + "</ul>";
}

constexpr const char* style = R"css(
body { font: 14px sans-serif; margin: 1em; background: #eee; }
.side { margin: 0 0 1.5em; }
.sheet { position: relative; max-width: 1200px; background: white; box-shadow: 0 0 4px #888; }
.sheet img { display: block; width: 100%; }
.overlay { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; }
.overlay * { fill: none; vector-effect: non-scaling-stroke; stroke-width: 1px; }
.trim { stroke: #e0007a; }
.bleed { stroke: #e0007a; stroke-dasharray: 2 3; }
.fold { stroke: #0070e0; stroke-dasharray: 6 4; }
.safe { stroke: #00a060; stroke-dasharray: 3 3; }
#diagnostics .error { color: #b00; } #diagnostics .warning { color: #a60; }
)css";

// On each rebuild (/events sends the generation), the page is fetched
// again and its #live part swapped: new image URLs, overlay, diagnostics.
constexpr const char* script = R"js(
const events = new EventSource('/events');
events.onmessage = async (event) => {
  if (event.data === document.getElementById('live').dataset.generation) return;
  const response = await fetch(location.href, {cache: 'no-store'});
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  document.getElementById('live').replaceWith(page.getElementById('live'));
};
)js";

}  // namespace

std::string render_live(const PageView& view)
{
    std::string html = fmt::format(R"(<div id="live" data-generation="{}" data-product="{}">)", view.generation,
                                   io::xml_escaped(view.product));
    if (view.sheet) {
        for (const resolve::Side& side : view.sheet->sides) {
            const std::string src = paths::preview_png("/out", view.product, side.name);
            html += fmt::format(R"(<figure class="side"><figcaption>{0}</figcaption><div class="sheet">)"
                                R"(<img class="preview" data-side="{0}" src="{1}?g={2}" alt="{3}, {0}">{4})"
                                "</div></figure>",
                                io::xml_escaped(side.name), io::xml_escaped(src), view.generation, io::xml_escaped(view.product),
                                overlay(*view.sheet, side));
        }
    }
    html += R"(<section id="diagnostics"><h2>Diagnostics</h2>)" + diagnostics_list(view.diagnostics) + "</section>";
    return html + "</div>";
}

std::string render_page(const PageView& view)
{
    std::string options;
    for (const std::string& product : view.products)
        options += fmt::format(R"(<option{}>{}</option>)", product == view.product ? " selected" : "", io::xml_escaped(product));
    return fmt::format(R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>leaflets watch: {0}</title><style>{1}</style></head>
<body><form method="get" action="/"><label>Product <select name="product" onchange="this.form.submit()">{2}</select></label>
<noscript><button>Show</button></noscript></form>
{3}
<script>{4}</script></body></html>
)html",
                       io::xml_escaped(view.product), style, options, render_live(view), script);
}

}  // namespace leaflet::watch
