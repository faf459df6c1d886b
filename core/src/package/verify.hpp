// The Kanwil's side: a received package, unpacked in memory by the caller into a listing (every
// file's path, size and SHA-256; the text of the tag files and of data/00-formulir/), checked as
// a BagIt bag (every hash, nothing added or removed, Payload-Oxum), then as a kkpham package: the
// enclosed answers read, every evidence item looked up at the path the layout gives it, the
// completeness gate and the score computed again and compared with the enclosed result.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "json/json_writer.hpp"
#include "model/answers.hpp"
#include "model/pack.hpp"
#include "package/bagit.hpp"
#include "package/evidence_check.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {

struct PackageListing {
    std::vector<FoundFile> files;               // paths relative to the bag's root folder
    std::map<std::string, std::string> texts;   // path -> content (tag files, data/00-formulir/*)
};

struct VerifyProblem {
    std::string kind;  // bagit_invalid | tag_missing | tag_changed | manifest_invalid | payload_changed | payload_added |
                       // payload_removed | oxum_mismatch | answers_missing | answers_invalid | answers_changed |
                       // evidence_changed | evidence_removed | evidence_unexpected | result_mismatch | pack_mismatch
    std::string path;
    std::string id, en;
};

struct BagCheck {
    std::vector<VerifyProblem> problems;
    BagInfo info;
    std::string answers_path;          // from bag-info's KKPHAM-Answers-File
    std::size_t files_checked = 0;
    std::int64_t bytes_checked = 0;
};

// Checks the BagIt structure and every hash.
BagCheck check_bag(const PackageListing& listing);

// The evidence items of the enclosed answers looked up in the package (paths from the layout);
// files in the evidence folders that no item explains are problems.
EvidenceCheck check_packaged_evidence(const Pack& pack, const Answers& answers, const PackageListing& listing,
                                      std::vector<VerifyProblem>& problems);

// The verification document. `answers`/`score`/`evidence` are null when the answers could not be read.
std::string verify_json(const Pack* pack, const BagCheck& bag, const std::vector<VerifyProblem>& problems, const Answers* answers,
                        const ScoreResult* score, const EvidenceCheck* evidence, const PackageListing& listing);

}  // namespace kkpham
