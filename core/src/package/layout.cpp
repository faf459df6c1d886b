#include "package/layout.hpp"

#include <set>

#include "package/safe_name.hpp"

namespace kkpham {
namespace {

// `name` with " (n)" before its extension.
std::string numbered(const std::string& name, int n) {
    const auto dot = name.rfind('.');
    const bool ext = dot != std::string::npos && dot > 0 && name.size() - dot <= 16;
    const std::string suffix = " (" + std::to_string(n) + ")";
    return ext ? name.substr(0, dot) + suffix + name.substr(dot) : name + suffix;
}

std::string two_digits(std::size_t n) { return (n < 10 ? std::string("0") : std::string()).append(std::to_string(n)); }

}  // namespace

PackageLayout plan_layout(const Pack& pack, const Answers& answers, const std::vector<EvidenceCheckItem>& items,
                          std::string_view answers_name) {
    PackageLayout layout;
    layout.root = "KKPHAM-" + ascii_slug(answers.region.name.empty() ? "daerah" : answers.region.name, 60) + "-" +
                  std::to_string(answers.data_year);
    const std::string safe_answers = safe_component(answers_name.empty() ? kDefaultAnswersName : answers_name, 100);
    layout.answers_path = std::string(kFormFolder) + (fold_case(safe_answers) == kResultName ? "jawaban-" + safe_answers : safe_answers);
    layout.result_path = std::string(kFormFolder) + std::string(kResultName);

    // Folders: one per right (numbered), one per indicator inside it (told apart when two codes
    // become the same safe name).
    std::vector<std::string> right_folder(pack.rights.size());
    for (std::size_t r = 0; r < pack.rights.size(); ++r) {
        right_folder[r] = std::string("data/").append(two_digits(r + 1)).append("-").append(ascii_slug(pack.rights[r].name.id, 40)).append("/");
    }
    std::vector<std::string> indicator_folder(pack.indicators.size());
    std::set<std::string> taken_folders;
    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const Indicator& ind = pack.indicators[i];
        const std::string base = safe_component(ind.id, 40);
        std::string folder = right_folder[ind.right] + base + "/";
        for (int n = 2; !taken_folders.insert(fold_case(folder)).second; ++n) {
            folder = right_folder[ind.right] + numbered(base, n) + "/";
        }
        indicator_folder[i] = folder;
    }
    layout.indicator_folders = indicator_folder;

    std::set<std::string> taken = {fold_case(layout.answers_path), fold_case(layout.result_path), fold_case(std::string(kIndexCsv)),
                                   fold_case(std::string(kIndexHtml))};
    layout.item_paths.resize(items.size());
    for (std::size_t k = 0; k < items.size(); ++k) {
        const EvidenceCheckItem& item = items[k];
        if (item.file_name.empty()) continue;
        const std::string& folder = indicator_folder[item.indicator];
        // Room left for the file name: the whole path, "<root>/" included, stays within the limit.
        const std::size_t used = layout.root.size() + 1 + folder.size();
        const std::size_t room = used + 16 >= kMaxPackagePath ? 16 : std::min<std::size_t>(120, kMaxPackagePath - used);
        const std::string name = safe_component(safe_component(item.evidence, 40) + " - " + item.file_name, room > 8 ? room - 6 : room);
        std::string path = folder + name;
        for (int n = 2; !taken.insert(fold_case(path)).second; ++n) path = folder + numbered(name, n);
        layout.item_paths[k] = std::move(path);
    }
    return layout;
}

}  // namespace kkpham
