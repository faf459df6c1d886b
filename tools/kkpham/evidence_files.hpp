// The CLI's side of the folder check: the files under --evidence DIR, each hashed (SHA-256 by
// libcrypto, read in 1 MB pieces: memory does not grow with file size).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_io.hpp"

namespace kkpham::cli {

struct EvidenceFile {
    std::string path;      // relative to the folder, '/'-separated
    std::string full;      // as opened
    std::int64_t size = 0;
    std::string sha256, mtime;
};

// Incremental SHA-256 (libcrypto).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, std::size_t size);
    std::string hex();  // finishes
private:
    void* ctx_;
};

// Every regular file under `dir` (sorted by path; symbolic links and special files are skipped
// and reported in `skipped`), at most 100,000. False and `problem` when the folder cannot be read.
bool list_evidence(const std::string& dir, std::vector<EvidenceFile>& files, std::vector<std::string>& skipped, Problem& problem);
// Hashes every file; `bytes` and `seconds` measure it.
bool hash_evidence(std::vector<EvidenceFile>& files, Problem& problem, std::int64_t& bytes, double& seconds);
// {"files":[{"path","name","size","sha256","mtime"},...]}
nlohmann::json files_json(const std::vector<EvidenceFile>& files);

}  // namespace kkpham::cli
