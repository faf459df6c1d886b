// Where everything goes in a submission package (one place decides, for the CLI and the browser):
//
//   <root>/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt   (RFC 8493)
//   <root>/data/00-formulir/<answers file>, hasil-penilaian.json
//   <root>/data/DAFTAR-DATA-DUKUNG.csv, DAFTAR-DATA-DUKUNG.html
//   <root>/data/NN-<right slug>/<indicator code>/<evidence id> - <original name>
//
// Right folders are numbered 01.. in pack order. Every component is a safe name
// (package/safe_name.hpp); a whole path, root included, is at most kMaxPackagePath bytes; two
// items that would get the same path (compared case-insensitively, as Windows does) are told
// apart by " (2)", " (3)"... in item order, so the same answers always give the same layout.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "package/evidence_check.hpp"

namespace kkpham {

inline constexpr std::size_t kMaxPackagePath = 240;
inline constexpr std::string_view kFormFolder = "data/00-formulir/";
inline constexpr std::string_view kResultName = "hasil-penilaian.json";
inline constexpr std::string_view kIndexCsv = "data/DAFTAR-DATA-DUKUNG.csv";
inline constexpr std::string_view kIndexHtml = "data/DAFTAR-DATA-DUKUNG.html";
inline constexpr std::string_view kDefaultAnswersName = "jawaban.kkpham.json";

struct PackageLayout {
    std::string root;                      // the package's top folder, e.g. "KKPHAM-kabupaten-contoh-2025"
    std::string answers_path;              // "data/00-formulir/<safe answers name>"
    std::string result_path;               // "data/00-formulir/hasil-penilaian.json"
    std::vector<std::string> item_paths;   // parallel to the check's items; "" when the item has no file name
    std::vector<std::string> indicator_folders;  // parallel to Pack::indicators, "data/NN-slug/CODE/"
};

// `answers_name`: the answers file's own name (made safe; kDefaultAnswersName when empty).
PackageLayout plan_layout(const Pack& pack, const Answers& answers, const std::vector<EvidenceCheckItem>& items,
                          std::string_view answers_name);

}  // namespace kkpham
