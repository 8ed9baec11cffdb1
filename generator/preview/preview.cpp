#include "preview/preview.hpp"

#include <dlfcn.h>

#include <mutex>

#include <fmt/format.h>

#include "diag/diag.hpp"
#include "io/digest.hpp"
#include "io/resources.hpp"

namespace leaflet::preview {

namespace {

// Where the build and `cmake --install` put the module, from the executable.
constexpr const char* module_path = "lib/leaflets/preview.so";

using Render = bool (*)(const char*, std::size_t, double, const std::string*, const Options*,
                       std::vector<std::string>*, std::string*);

// The Poppler module (poppler/render.cpp), loaded once, on first use.
Render renderer()
{
    static Render render = nullptr;
    static std::string path, error;
    static std::once_flag once;
    std::call_once(once, [] {
        try {
            path = io::resource(module_path);
        } catch (const Error& missing) {
            path = module_path;
            error = missing.diagnostics().front().message;
            return;
        }
        void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            error = dlerror();
            return;
        }
        render = reinterpret_cast<Render>(dlsym(module, "leaflet_preview_pages"));
        if (!render) error = dlerror();
    });
    if (!render) fail_io(path, "cannot load the preview renderer: " + error);
    return render;
}

}  // namespace

std::vector<std::string> preview(std::string_view pdf, double dpi, const Options& options)
{
    const std::string source = fmt::format("sha256 {}; {:g} dpi", io::sha256_hex(pdf), dpi);
    std::vector<std::string> pages;
    std::string error;
    if (!renderer()(pdf.data(), pdf.size(), dpi, &source, &options, &pages, &error)) fail_io("", error);
    return pages;
}

}  // namespace leaflet::preview
