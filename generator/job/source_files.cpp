#include "job.hpp"

#include <filesystem>

namespace leaflet {

namespace {

void add_images(const std::vector<load::Block>& blocks, const std::string& sources, std::vector<std::string>& files)
{
    for (const load::Block& block : blocks) {
        if (block.kind == load::BlockKind::image) files.push_back((std::filesystem::path(sources) / block.src).string());
        add_images(block.children, sources, files);
    }
}

}  // namespace

std::vector<std::string> source_files(const Project& project, const std::string& id)
{
    // Region ids are not checked here (a build does): only the files matter.
    load::Regions unchecked;
    unchecked.loaded = false;
    const std::string sources = project.path(project.sources);
    const load::Document document = load::load(project.source(id), project.path(project.schema), unchecked, sources);
    std::vector<std::string> files = document.files;
    for (const load::Panel& panel : document.panels) add_images(panel.blocks, sources, files);
    return files;
}

}  // namespace leaflet
