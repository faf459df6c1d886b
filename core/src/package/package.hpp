// The submission package as the engine describes it: the folder check, the completeness gate and
// the list of entries a ZIP writer streams (files from the caller's folder, texts the engine
// made: the index, the result, the BagIt tag files with their hashes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "package/evidence_check.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {

struct PackageRequest {
    std::vector<FoundFile> files;
    std::string answers_name;  // the answers file's own name
    std::string bagging_date;  // YYYY-MM-DD (the core has no clock)
    std::string software_agent;  // "kkpham 0.1.0"
};

// {"ok":true,"format":"kkpham-evidence-check",...,"evidence":{...},"gate":{...}}
std::string evidence_check_json(const Pack& pack, const Answers& answers, const std::vector<FoundFile>& files);
// {"ok":true,"format":"kkpham-gate",...,"gate":{...}}; `files` null: judged on the answers' marks.
std::string gate_json(const Pack& pack, const Answers& answers, const std::vector<FoundFile>* files);
// {"ok":true,"format":"kkpham-package","root":..,"entries":[..],"evidence":{..},"gate":{..}}
std::string package_json(const Pack& pack, const Answers& answers, std::string_view answers_text, std::string_view result_text,
                         const ScoreResult& score, const PackageRequest& request);

// "82.35" and the predicate's name for a score.
std::string total_text(const ScoreResult& score);
std::string predicate_name(const Pack& pack, const ScoreResult& score);

}  // namespace kkpham
