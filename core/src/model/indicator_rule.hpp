// What one indicator's scoring rule gives: the points an answer earns, and the answer inside the
// plausible range that earns the most. The pack validator (model/pack_rules.cpp) checks full
// points are reachable with these; scoring/ and forms/ use them too.
#pragma once

#include <cstdint>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "util/exact.hpp"

namespace kkpham {

// Points an answer earns under the indicator's rule (ten-thousandths); `band`
// receives the band's position in the pack file for the bands rule.
// Inline: scoring calls it once per indicator on the hot path.
inline std::int64_t answer_points(const Indicator& ind, const Answer& answer, int* band = nullptr) {
    if (band != nullptr) *band = -1;
    if (answer.state != AnswerState::answered) return 0;
    switch (ind.rule) {
        case Rule::binary:
            return answer.yes ? ind.points_yes : ind.points_no;
        case Rule::levels:
            return answer.level < ind.levels.size() ? ind.levels[answer.level].points : 0;
        case Rule::bands:
            for (const Band& b : ind.bands) {
                const bool above_min = !b.has_min || answer.value > b.min || (b.min_inclusive && answer.value == b.min);
                const bool below_max = !b.has_max || answer.value < b.max || (b.max_inclusive && answer.value == b.max);
                if (above_min && below_max) {
                    if (band != nullptr) *band = static_cast<int>(b.source_index);
                    return b.points;
                }
            }
            return 0;  // unreachable for a validated pack and an in-range value
        case Rule::linear: {
            const std::int64_t x0 = ind.linear_from_value, x1 = ind.linear_to_value;
            const std::int64_t p0 = ind.linear_from_points, p1 = ind.linear_to_points;
            const std::int64_t v = answer.value;
            const bool rising = x1 > x0;
            if (rising ? v <= x0 : v >= x0) return p0;
            if (rising ? v >= x1 : v <= x1) return p1;
            const i128 den = static_cast<i128>(x1) - x0;
            const i128 num = static_cast<i128>(p0) * den + (static_cast<i128>(v) - x0) * (static_cast<i128>(p1) - p0);
            std::int64_t points = 0;
            Fraction::of(num, den).round_half_up(0, points);
            return points;
        }
    }
    return 0;
}

// A value (millionths) inside the plausible range that earns the most points.
std::int64_t best_value(const Indicator& indicator);

}  // namespace kkpham
