// The pack's completeness gate: the rules a package must meet, beyond the built-in ones, before
// the Kanwil's verifier accepts it (criteria/README.md, "gate"). Read from the pack document, so
// the Pack struct need not carry it: the pack reader validates it once at load time (with
// diagnostics), package/gate.cpp reads it again, silently, when it evaluates the gate.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "model/pack.hpp"

namespace kkpham {

struct GateRules {
    bool declared = false;                      // the pack has a "gate" section
    std::vector<IndicatorType> types_per_right;  // each right needs an answer of each of these types
    bool all_answered = false;                  // every indicator answered (or marked not applicable)
    std::string basis;                          // "confirmed" | "assumed" ("" when not declared)
    std::string source;
};

// Reads root["gate"] of a pack document. With `diagnostics`, every problem is reported there
// (paths under $.gate); without, invalid parts are skipped.
GateRules read_gate_rules(const nlohmann::json& root, Diagnostics* diagnostics);

}  // namespace kkpham
