// What one indicator's scoring rule gives: the points an answer earns, and the answer inside the
// plausible range that earns the most. The pack validator (model/pack_rules.cpp) checks full
// points are reachable with these; scoring/ and forms/ use them too.
#pragma once

#include <cstdint>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "util/exact.hpp"

namespace kkpham {

// Sign of (the answer's value - bound), bound in millionths. Exact for a percent given as
// numerator/denominator: the value is then 100 x numerator / denominator, not its 6-decimal rounding
// (224999999/300000000 = 74.99999967 % is below a band that starts at 75).
inline int value_compare(const Answer& answer, std::int64_t bound) {
    if (answer.has_fraction) {
        // numerator and denominator are in millionths (<= 1e15): value in millionths = 1e8 n / d.
        const i128 lhs = static_cast<i128>(answer.numerator) * 100000000;
        const i128 rhs = static_cast<i128>(bound) * answer.denominator;
        return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
    }
    return answer.value < bound ? -1 : (answer.value > bound ? 1 : 0);
}

// p0 + (p1 - p0) a / b rounded half-up (towards +infinity at exactly .5), for 0 <= a <= b, b > 0.
// (p1 - p0) a is never formed: the quotient and remainder are built bit by bit (remainders stay
// below 2b), so any a, b below 2^125 are exact without a wider type.
inline std::int64_t interpolate_half_up(std::int64_t p0, std::int64_t p1, i128 a, i128 b) {
    const bool falling = p1 < p0;
    const auto k = static_cast<std::uint64_t>(falling ? static_cast<i128>(p0) - p1 : static_cast<i128>(p1) - p0);
    i128 q = 0, r = 0;  // k a = q b + r, 0 <= r < b, over the bits of k seen so far
    constexpr i128 kTwo63 = static_cast<i128>(1) << 63;
    if (a < kTwo63 && b < kTwo63) {
        // The common case (any answer given as one value): k a < 2^127 fits, one division.
        const i128 product = static_cast<i128>(k) * a;
        q = product / b;
        r = product % b;
        if (!falling) return static_cast<std::int64_t>(p0 + q + (2 * r >= b ? 1 : 0));
        return static_cast<std::int64_t>(p0 - q - (2 * r > b ? 1 : 0));
    }
    for (int bit = 63; bit >= 0; --bit) {
        q *= 2;
        r *= 2;
        if (r >= b) {
            ++q;
            r -= b;
        }
        if (((k >> bit) & 1u) != 0) {
            r += a;
            if (r >= b) {
                ++q;
                r -= b;
            }
        }
    }
    if (!falling) return static_cast<std::int64_t>(p0 + q + (2 * r >= b ? 1 : 0));
    return static_cast<std::int64_t>(p0 - q - (2 * r > b ? 1 : 0));
}

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
                const int vs_min = b.has_min ? value_compare(answer, b.min) : 1;
                const int vs_max = b.has_max ? value_compare(answer, b.max) : -1;
                const bool above_min = vs_min > 0 || (b.min_inclusive && vs_min == 0);
                const bool below_max = vs_max < 0 || (b.max_inclusive && vs_max == 0);
                if (above_min && below_max) {
                    if (band != nullptr) *band = static_cast<int>(b.source_index);
                    return b.points;
                }
            }
            return 0;  // unreachable for a validated pack and an in-range value
        case Rule::linear: {
            const std::int64_t x0 = ind.linear_from_value, x1 = ind.linear_to_value;
            const std::int64_t p0 = ind.linear_from_points, p1 = ind.linear_to_points;
            const bool rising = x1 > x0;
            const int vs_x0 = value_compare(answer, x0), vs_x1 = value_compare(answer, x1);
            if (rising ? vs_x0 <= 0 : vs_x0 >= 0) return p0;
            if (rising ? vs_x1 >= 0 : vs_x1 <= 0) return p1;
            // Strictly between x0 and x1: the share of the way a / b, 0 < a < b.
            i128 a = 0, b = 0;
            if (answer.has_fraction) {
                a = static_cast<i128>(answer.numerator) * 100000000 - static_cast<i128>(x0) * answer.denominator;
                b = (static_cast<i128>(x1) - x0) * answer.denominator;
            } else {
                a = static_cast<i128>(answer.value) - x0;
                b = static_cast<i128>(x1) - x0;
            }
            if (b < 0) {
                a = -a;
                b = -b;
            }
            return interpolate_half_up(p0, p1, a, b);
        }
    }
    return 0;
}

// A value (millionths) inside the plausible range that earns the most points.
std::int64_t best_value(const Indicator& indicator);

}  // namespace kkpham
