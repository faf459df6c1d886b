// The submission package as a ZIP file (libzip): written as a stream from the engine's entry
// list, and read back in memory for verification, refusing hostile archives before reading.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_io.hpp"

namespace kkpham::cli {

// Limits for a received package (kkpham verify).
inline constexpr std::int64_t kMaxEntries = 5000;
inline constexpr std::int64_t kMaxEntrySize = 2LL << 30;   // 2 GiB uncompressed, one file
inline constexpr std::int64_t kMaxTotalSize = 8LL << 30;   // 8 GiB uncompressed, all files
inline constexpr std::int64_t kMaxRatio = 200;             // uncompressed / compressed, above 1 MiB
inline constexpr std::int64_t kMaxText = 8LL << 20;        // a tag file or a form file read as text

// Writes the entries of an engine package document (Engine::package) under root/ into a ZIP at
// `output`: the evidence files are streamed from `evidence_dir` by libzip, one at a time, stored
// (they are mostly PDFs, already compressed); texts are deflated. Atomic like write_output: a
// temporary file in the same folder, renamed over `output` when complete.
// `check` runs on the finished temporary file before the rename; false (with `problem` set) leaves
// `output` as it was.
bool write_package_zip(const nlohmann::json& package, const std::string& evidence_dir, const std::string& output, Problem& problem,
                       const std::function<bool(const std::string& written, Problem& problem)>& check = {});

// Reads a ZIP into a listing for Engine::verify_package ({"files":[..],"texts":{..}}, paths
// relative to the package's single root folder), hashing every entry as it streams. Hostile
// archives are refused with `problem`: too many entries, absolute paths, drive letters, ".."
// components, backslashes, symbolic links, duplicate names (also differing only in case),
// declared sizes over the limits or an over-high compression ratio, and data longer or shorter
// than declared. Nothing is written to disk.
bool read_package_zip(const std::string& path, nlohmann::json& listing, std::string& root, Problem& problem);

}  // namespace kkpham::cli
