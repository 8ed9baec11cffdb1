#include "preview/preview.hpp"

#include <dlfcn.h>

#include <mutex>

#include "diag/diag.hpp"

namespace leaflet::preview {

namespace {

using Render = bool (*)(const char*, std::size_t, double, std::vector<std::string>*, std::string*);

// The Poppler module (poppler/render.cpp), loaded once, on first use.
Render renderer()
{
    static Render render = nullptr;
    static std::string error;
    static std::once_flag once;
    std::call_once(once, [] {
        void* module = dlopen(LEAFLETS_PREVIEW_MODULE, RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            error = dlerror();
            return;
        }
        render = reinterpret_cast<Render>(dlsym(module, "leaflet_preview_render"));
        if (!render) error = dlerror();
    });
    if (!render) fail_io(LEAFLETS_PREVIEW_MODULE, "cannot load the preview renderer: " + error);
    return render;
}

}  // namespace

std::vector<std::string> preview(std::string_view pdf, double dpi)
{
    std::vector<std::string> pages;
    std::string error;
    if (!renderer()(pdf.data(), pdf.size(), dpi, &pages, &error)) fail_io("", error);
    return pages;
}

}  // namespace leaflet::preview
