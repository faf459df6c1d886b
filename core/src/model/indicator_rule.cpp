#include "model/indicator_rule.hpp"

#include <algorithm>
#include <vector>

namespace kkpham {
namespace {

std::int64_t floor_to(std::int64_t v, std::int64_t step) {
    std::int64_t q = v / step;
    if (v % step != 0 && v < 0) --q;
    return q * step;
}

}  // namespace

std::int64_t best_value(const Indicator& ind) {
    const std::int64_t lo = ind.range_min, hi = ind.range_max;
    const bool whole = ind.kind == AnswerKind::count;
    std::vector<std::int64_t> candidates;
    auto add = [&](std::int64_t v) {
        v = std::clamp(v, lo, hi);
        if (whole) {
            candidates.push_back(std::clamp(floor_to(v, kValueScale), lo, hi));
            candidates.push_back(std::clamp(floor_to(v, kValueScale) + kValueScale, lo, hi));
        } else {
            candidates.push_back(v);
        }
    };
    if (ind.rule == Rule::linear) {
        add(ind.linear_to_points >= ind.linear_from_points ? ind.linear_to_value : ind.linear_from_value);
    } else if (ind.rule == Rule::bands) {
        for (const Band& b : ind.bands) {
            if (b.points != ind.max_points) continue;
            const std::int64_t a = b.has_min ? std::max(b.min, lo) : lo;
            const std::int64_t z = b.has_max ? std::min(b.max, hi) : hi;
            add(a);
            add(z);
            add(a + (z - a) / 2);
            add(a + 1);
            add(z - 1);
        }
    }
    add(hi);
    add(lo);
    Answer probe;
    probe.state = AnswerState::answered;
    std::int64_t best = candidates.front(), best_points = -1;
    for (std::int64_t v : candidates) {
        probe.value = v;
        const std::int64_t p = answer_points(ind, probe);
        if (p > best_points) {
            best_points = p;
            best = v;
        }
    }
    return best;
}

}  // namespace kkpham
