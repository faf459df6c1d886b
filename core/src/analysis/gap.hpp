// Gap analysis: which improvements reach a target score for the least effort.
//
// Raising an indicator to full points adds a fixed, exact amount to the total
// (its "gain"), so reaching a target with the least total effort is a 0/1
// knapsack in covering form. It is solved exactly by dynamic programming over
// integer efforts with gains scaled to exact integers of any size (no greedy guess;
// analysis/gap_cover.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/answers.hpp"
#include "util/exact.hpp"
#include "model/pack.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {

enum class GapBasis { claimed, evidenced };

struct GapOptions {
    std::int64_t target_cents = -1;             // -1: the pack's highest predicate (Peduli, 75)
    GapBasis basis = GapBasis::claimed;
    std::map<std::string, std::int64_t> effort;  // per indicator id, 1..1000
};

struct GapStep {
    std::size_t indicator = 0;
    Fraction gain;
    std::int64_t effort = 0;
};

struct GapPlan {
    std::int64_t target_cents = 0;
    bool already = false;    // the current total already reaches the target
    bool reachable = false;  // some set of improvements reaches it
    std::int64_t effort = 0;
    Fraction total;          // exact total after the steps
    std::vector<GapStep> steps;
};

struct GapResult {
    bool ok = true;
    std::string error_code, error_id, error_en;
    Fraction current;
    std::vector<GapStep> opportunities;  // every indicator that can still gain, by gain
    std::vector<GapPlan> plans;          // [0]: the target; [1]: the next predicate band, if different
};

// The default effort of an indicator: 1 when its required evidence is at hand, else 2.
std::int64_t default_effort(const Indicator& indicator, const Answer& answer);

GapResult analyse_gap(const Pack& pack, const Answers& answers, const ScoreResult& score, const GapOptions& options);

std::string gap_json(const Pack& pack, const Answers& answers, const GapResult& gap, GapBasis basis);

}  // namespace kkpham
