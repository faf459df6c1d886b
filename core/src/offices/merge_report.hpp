// The merge's result document (offices/merge.cpp decides, this writes): what was applied,
// resolved, set aside and left open, per return, with the per-office status and the new master.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "offices/records.hpp"
#include "offices/returns.hpp"

namespace kkpham::offices {

struct Applied {
    std::string indicator;
    Source source;
    std::vector<std::string> also;
    json previous, answer;
};
struct Resolved {
    std::string indicator, choice, office;
    json answer;
};
struct Ignored {
    std::string indicator;
    Source source;
    const char* reason;
};
struct Conflict {
    std::string indicator;
    std::vector<std::string> kinds, responsible;
    json master_answer;
    std::optional<Provenance> provenance;
    std::vector<Version> versions;
    std::vector<bool> version_responsible;
};

struct MergeOutcome {
    std::string merged_at, assessment_id;
    bool changed = false;
    std::size_t open_conflicts = 0;
    const std::vector<Return>* returns = nullptr;
    const std::vector<Refusal>* refused = nullptr;
    std::vector<Applied> applied;
    std::vector<Resolved> resolved;
    std::vector<Ignored> ignored;
    std::vector<Conflict> conflicts;
    std::vector<std::int64_t> applied_per_return, conflicts_per_return;  // parallel to *returns
    nlohmann::json status;
    const Diagnostics* warnings = nullptr;
};

// {"ok":true,"format":"kkpham-merge",...,"answers":<master_text>} (offices/merge.hpp).
std::string merge_result_json(const MergeOutcome& outcome, const std::string& master_text);

}  // namespace kkpham::offices
