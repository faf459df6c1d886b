// The exact solver behind the gap analysis: a 0/1 knapsack in covering form over integer gains
// of any size. Gains are scaled fractions whose common denominator can pass 128 bits (a pack
// whose indicators carry max points 100/k for k = 1..7 needs about 200 bits), so the table holds
// unsigned integers of as many 32-bit limbs as the largest sum needs, chosen per problem: the
// same exact answer natively and in WebAssembly, and ordinary packs use two or three limbs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/bigint.hpp"

namespace kkpham {

// The table's size: (capacity + 1) x (items + 1) cells of `limbs` limbs each.
struct CoverSize {
    std::int64_t capacity = 0;  // the sum of the efforts
    std::size_t limbs = 0;      // 32-bit limbs per sum
    double cells = 0;           // (capacity + 1) * (items + 1)
    double work = 0;            // cells * max(limbs, 4): the solver's cost
};
CoverSize cover_size(const std::vector<BigInt>& gains, const std::vector<std::int64_t>& efforts);

// Minimum-effort subset of items whose gains (>= 0) add up to at least `needed`; among sets of
// equal effort, the one the table meets first (ties keep the smaller set). False when even all
// items together fall short. Efforts are >= 1.
bool min_effort_cover(const std::vector<BigInt>& gains, const std::vector<std::int64_t>& efforts,
                      const BigInt& needed, std::vector<std::size_t>& chosen);

}  // namespace kkpham
