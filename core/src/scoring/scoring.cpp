#include "scoring/scoring.hpp"

#include <algorithm>

namespace kkpham {

std::int64_t to_cents(const Fraction& f) {
    std::int64_t cents = 0;
    f.round_half_up(2, cents);
    return cents;
}

std::size_t predicate_for(const Pack& pack, std::int64_t cents) {
    const auto& preds = pack.aggregation.predicates;
    for (std::size_t i = 0; i < preds.size(); ++i) {
        if (cents >= preds[i].min_cents) return i;
    }
    return preds.empty() ? 0 : preds.size() - 1;
}

ScoreResult compute_score(const Pack& pack, const Answers& answers) {
    ScoreResult r;
    const std::size_t n = pack.indicators.size();
    r.indicators.resize(n);
    r.rights.resize(pack.rights.size());
    r.groups.resize(pack.groups.size());

    // 1. Points per indicator, sums per right and type.
    for (std::size_t i = 0; i < n; ++i) {
        const Indicator& ind = pack.indicators[i];
        const Answer& ans = answers.answers[i];
        IndicatorScore& s = r.indicators[i];
        RightScore& rs = r.rights[ind.right];
        ++rs.indicators;
        s.state = ans.state;
        if (ans.state == AnswerState::not_applicable) {
            ++rs.not_applicable;
            ++r.not_applicable;
            continue;
        }
        if (ans.state == AnswerState::answered) {
            ++rs.answered;
            ++r.answered;
        }
        s.points = answer_points(ind, ans, &s.band);
        s.evidence_complete = evidence_complete(ind, ans);
        s.evidenced_points = s.evidence_complete ? s.points : 0;
        TypeScore& t = rs.types[static_cast<std::size_t>(ind.type)];
        t.present = true;
        t.points += s.points;
        t.evidenced_points += s.evidenced_points;
        t.max_points += ind.max_points;
    }

    const auto& tw = pack.aggregation.type_weights;
    const Fraction hundred = Fraction::of(100);

    // 2. Type shares and right scores.
    std::vector<Fraction> type_factor(pack.rights.size() * 3);  // 100 * w_t / W_r
    for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
        RightScore& rs = r.rights[ri];
        std::int64_t weight_sum = 0;
        for (std::size_t t = 0; t < 3; ++t) {
            if (rs.types[t].present) weight_sum += tw[t];
        }
        if (weight_sum == 0) continue;
        rs.scorable = true;
        for (std::size_t t = 0; t < 3; ++t) {
            TypeScore& ts = rs.types[t];
            if (!ts.present) continue;
            ts.share = Fraction::of(ts.points, ts.max_points);
            ts.evidenced_share = Fraction::of(ts.evidenced_points, ts.max_points);
            const Fraction factor = hundred * Fraction::of(tw[t], weight_sum);
            type_factor[ri * 3 + t] = factor;
            rs.score = rs.score + factor * ts.share;
            rs.evidenced_score = rs.evidenced_score + factor * ts.evidenced_share;
        }
    }

    // 3. Total, and each indicator's contribution to it.
    if (pack.aggregation.total == TotalFormula::points_ratio) {
        std::int64_t points = 0, evidenced = 0, max_points = 0;
        for (const auto& rs : r.rights) {
            for (const auto& ts : rs.types) {
                points += ts.points;
                evidenced += ts.evidenced_points;
                max_points += ts.max_points;
            }
        }
        r.assessable = max_points > 0;
        if (max_points > 0) {
            r.total = hundred * Fraction::of(points, max_points);
            r.evidenced_total = hundred * Fraction::of(evidenced, max_points);
            for (std::size_t i = 0; i < n; ++i) {
                if (r.indicators[i].state == AnswerState::not_applicable) continue;
                r.indicators[i].contribution = hundred * Fraction::of(r.indicators[i].points, max_points);
                r.indicators[i].max_contribution = hundred * Fraction::of(pack.indicators[i].max_points, max_points);
            }
        }
    } else {
        std::int64_t right_weight_sum = 0;
        for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
            if (r.rights[ri].scorable) right_weight_sum += pack.rights[ri].weight;
        }
        r.assessable = right_weight_sum > 0;
        if (right_weight_sum > 0) {
            for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
                if (!r.rights[ri].scorable) continue;
                const Fraction v = Fraction::of(pack.rights[ri].weight, right_weight_sum);
                r.total = r.total + v * r.rights[ri].score;
                r.evidenced_total = r.evidenced_total + v * r.rights[ri].evidenced_score;
            }
            // Points of the total per point of an indicator, once per (right, type).
            std::vector<Fraction> per_point(pack.rights.size() * 3);
            for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
                if (!r.rights[ri].scorable) continue;
                const Fraction v = Fraction::of(pack.rights[ri].weight, right_weight_sum);
                for (std::size_t t = 0; t < 3; ++t) {
                    const TypeScore& ts = r.rights[ri].types[t];
                    if (ts.present) per_point[ri * 3 + t] = v * type_factor[ri * 3 + t] * Fraction::of(1, ts.max_points);
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                const Indicator& ind = pack.indicators[i];
                IndicatorScore& s = r.indicators[i];
                if (s.state == AnswerState::not_applicable || !r.rights[ind.right].scorable) continue;
                const Fraction& factor = per_point[ind.right * 3 + static_cast<std::size_t>(ind.type)];
                s.contribution = factor * Fraction::of(s.points);
                s.max_contribution = factor * Fraction::of(ind.max_points);
            }
        }
    }

    // 4. Groups: weighted mean of their rights.
    for (std::size_t g = 0; g < pack.groups.size(); ++g) {
        std::int64_t weight_sum = 0;
        for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
            if (pack.rights[ri].group == g && r.rights[ri].scorable) weight_sum += pack.rights[ri].weight;
        }
        if (weight_sum == 0) continue;
        GroupScore& gs = r.groups[g];
        gs.scorable = true;
        for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
            if (pack.rights[ri].group != g || !r.rights[ri].scorable) continue;
            const Fraction v = Fraction::of(pack.rights[ri].weight, weight_sum);
            gs.score = gs.score + v * r.rights[ri].score;
            gs.evidenced_score = gs.evidenced_score + v * r.rights[ri].evidenced_score;
        }
    }

    // 5. Adjustments decided by the Tim Penilai, kept apart from the nilai murni: the nilai akhir
    //    min(100, nilai murni + Aksi HAM - deduction), never below 0 (basis assumed: see
    //    criteria/README.md).
    Fraction adjusted = r.total + Fraction::of(answers.aksi_ham_bonus, kPointScale) -
                        Fraction::of(answers.deduction, kPointScale);
    if (adjusted.compare(Fraction::of(0)) < 0) adjusted = Fraction::of(0);
    if (adjusted.compare(hundred) > 0) adjusted = hundred;
    r.adjusted_total = adjusted;

    // Any overflow anywhere poisons the result; the caller reports it.
    r.overflow = r.total.overflow() || r.evidenced_total.overflow() || r.adjusted_total.overflow();
    for (const auto& rs : r.rights) r.overflow = r.overflow || rs.score.overflow() || rs.evidenced_score.overflow();
    for (const auto& gs : r.groups) r.overflow = r.overflow || gs.score.overflow() || gs.evidenced_score.overflow();
    for (const auto& s : r.indicators) r.overflow = r.overflow || s.contribution.overflow() || s.max_contribution.overflow();
    return r;
}

}  // namespace kkpham
