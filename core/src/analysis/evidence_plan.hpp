// The evidence plan (what each office must bring, signed by whom) and the
// pre-submission check (what would lose points in the Kanwil's verification).
#pragma once

#include <string>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {

std::string evidence_plan_json(const Pack& pack, const Answers& answers, const ScoreResult& score);

}  // namespace kkpham
