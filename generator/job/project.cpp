#include "job.hpp"

#include <algorithm>
#include <filesystem>

namespace leaflet {

namespace fs = std::filesystem;

std::string Project::path(const std::string& relative) const
{
    return root == "." ? relative : (fs::path(root) / relative).string();
}

std::string Project::source(const std::string& id) const
{
    return path(sources + "/" + id + ".xml");
}

namespace {

// The .xml files of a folder, sorted; none when the folder does not exist.
std::vector<fs::path> xml_files(const std::string& folder)
{
    std::vector<fs::path> files;
    std::error_code error;
    if (!fs::exists(folder, error)) return files;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path());
    if (error) fail_io(folder, "cannot list the folder: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<std::string> Project::leaflet_ids() const
{
    std::vector<std::string> ids;
    for (const fs::path& file : xml_files(path(sources))) ids.push_back(file.stem().string());
    return ids;
}

std::vector<std::string> Project::variant_files() const
{
    std::vector<std::string> files;
    for (const fs::path& file : xml_files(path(variants))) files.push_back(file.string());
    return files;
}

}  // namespace leaflet
