// Human-readable, bilingual explanation of how one indicator got its points.
#pragma once

#include <string>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {

// A fixed-point number for display: "." decimal point in English, "," in Indonesian.
std::string display_number(std::int64_t fixed, int decimals, bool indonesian);

// The answer as shown to a person ("ya", "85,5 persen", "2 — Ditetapkan").
std::string display_answer(const Indicator& ind, const Answer& a, bool id);

Text explain_indicator(const Indicator& indicator, const Answer& answer, const IndicatorScore& score);

}  // namespace kkpham
