// The completeness gate, as the Kanwil's verifier sees a package: every required evidence item of
// every answer that claims points found and unchanged, every right answered, and the pack's own stricter
// rules (model/pack_gate.hpp). Each unmet rule is a reason naming the indicator and evidence.
#pragma once

#include <string>
#include <vector>

#include "json/json_writer.hpp"
#include "model/answers.hpp"
#include "model/pack.hpp"
#include "model/pack_gate.hpp"
#include "package/evidence_check.hpp"

namespace kkpham {

struct GateReason {
    std::string kind;  // evidence_missing | evidence_changed | evidence_not_attached | evidence_not_ready |
                       // right_unanswered | right_type_unanswered | indicator_unanswered
    std::string indicator, right, evidence;
    std::string id, en;
};

struct GateResult {
    bool complete = true;
    bool checked = false;  // evidence judged against files (true) or the answers' own marks (false)
    GateRules rules;
    std::vector<GateReason> reasons;
};

// With `check` null, evidence counts when the answers mark it ready (before any folder check).
GateResult evaluate_gate(const Pack& pack, const Answers& answers, const EvidenceCheck* check);

// {"complete":..,"evidence_basis":"checked"|"marked","rules":{..},"reasons":[..]} as a value.
void write_gate(JsonWriter& w, const GateResult& gate);

}  // namespace kkpham
