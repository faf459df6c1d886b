// Scoring: answers + pack -> points per indicator, scores per type, right,
// group and in total, claimed and evidenced, all as exact fractions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/answers.hpp"
#include "model/indicator_rule.hpp"  // answer_points
#include "util/exact.hpp"
#include "model/pack.hpp"

namespace kkpham {

struct IndicatorScore {
    AnswerState state = AnswerState::unanswered;
    std::int64_t points = 0;            // claimed, ten-thousandths
    std::int64_t evidenced_points = 0;  // counted only with all required evidence ready
    bool evidence_complete = false;
    int band = -1;                      // bands rule: position of the band in the pack file
    Fraction contribution;              // points of the total this indicator brings
    Fraction max_contribution;          // ... and would bring at full points
};

struct TypeScore {
    bool present = false;  // at least one indicator of this type counts (not N/A)
    std::int64_t points = 0, evidenced_points = 0, max_points = 0;
    Fraction share;            // points / max_points (0..1)
    Fraction evidenced_share;
};

struct RightScore {
    bool scorable = false;  // false when every indicator is N/A
    Fraction score, evidenced_score;  // 0..100
    std::array<TypeScore, 3> types;
    int answered = 0, not_applicable = 0, indicators = 0;
};

struct GroupScore {
    bool scorable = false;
    Fraction score, evidenced_score;
};

struct ScoreResult {
    bool overflow = false;  // the pack's numbers exceeded exact arithmetic
    // False when no right can be scored (every indicator not applicable): the total is then
    // "not assessable" (null in the result), not 0.
    std::vector<IndicatorScore> indicators;  // parallel to Pack::indicators
    std::vector<RightScore> rights;
    std::vector<GroupScore> groups;
    bool assessable = false;
    Fraction total, evidenced_total, adjusted_total;
    int answered = 0, not_applicable = 0;
};

ScoreResult compute_score(const Pack& pack, const Answers& answers);

// The canonical result document (JSON text), shared by the CLI and the browser.
std::string result_json(const Pack& pack, const Answers& answers, const ScoreResult& result);

// Rounds to 2 decimals half-up; returns cents (e.g. 7550 for 75.50).
std::int64_t to_cents(const Fraction& f);

// The predicate reached by a total given in cents (index into aggregation.predicates).
std::size_t predicate_for(const Pack& pack, std::int64_t cents);

}  // namespace kkpham
