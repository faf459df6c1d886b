// The folder check: every evidence item of an assessment matched against the files found in the
// folder(s) holding the data dukung (found, found under another name, changed since referenced,
// missing, not attached), and the files that no item references.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "json/json_writer.hpp"
#include "model/answers.hpp"
#include "model/pack.hpp"

namespace kkpham {

// A file found by the caller (the CLI walks a folder, the browser reads a picked folder); its
// hash is computed by the caller. `path` is relative to the folder, '/'-separated.
struct FoundFile {
    std::string path, name, sha256, mtime;
    std::int64_t size = 0;
};

inline constexpr std::size_t kMaxFoundFiles = 100000;

// Reads a list of found files: a JSON array of {path, name?, size, sha256, mtime?} (name defaults
// to the last component of path). `where` is the JSON path of the list, for messages.
bool read_found_files(const nlohmann::json& list, const std::string& where, std::vector<FoundFile>& out, Diagnostics& d);

enum class EvidenceStatus { found, renamed, changed, missing, not_attached };
std::string_view evidence_status_name(EvidenceStatus s);

struct EvidenceCheckItem {
    std::size_t indicator = 0;    // index into Pack::indicators
    std::string evidence;         // the evidence item's id
    const EvidenceRequirement* requirement = nullptr;  // null for a user's own extra item
    bool needed = false;          // required by the pack, for an answer that claims points
    std::string reference, sha256;  // as recorded in the answers file
    std::string file_name;        // the name the package gives it: the reference's, else the file's
    EvidenceStatus status = EvidenceStatus::missing;
    long file = -1;               // index into the found files (found, renamed, changed)
};

struct EvidenceCheck {
    std::vector<EvidenceCheckItem> items;     // pack order: indicators, then their evidence
    std::vector<std::size_t> unreferenced;    // indexes of found files no item uses
};

// The items to check, in pack order, with no status yet: every evidence item that names a file
// (a reference or a SHA-256), and every required item of an answer that claims points.
std::vector<EvidenceCheckItem> evidence_items(const Pack& pack, const Answers& answers);

// Classifies the items against found files.
EvidenceCheck check_evidence(const Pack& pack, const Answers& answers, const std::vector<FoundFile>& files);

// {"items":[...],"unreferenced":[...],"counts":{...}} written as the value of a key.
void write_evidence_check(JsonWriter& w, const Pack& pack, const EvidenceCheck& check, const std::vector<FoundFile>& files);

}  // namespace kkpham
