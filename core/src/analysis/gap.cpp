#include "analysis/gap.hpp"

#include <algorithm>

#include "analysis/gap_cover.hpp"
#include "json/json_writer.hpp"

namespace kkpham {
namespace {

// Least common multiple of two positive integers.
BigInt lcm(const BigInt& a, const BigInt& b) {
    BigInt q, r;
    BigInt::divmod(a, BigInt::gcd(a, b), q, r);
    return q * b;
}

// n/d scaled by `scale` (a multiple of d): n * (scale / d).
BigInt scaled(const Fraction& f, const BigInt& scale) {
    BigInt q, r;
    BigInt::divmod(scale, f.big_den(), q, r);
    return f.big_num() * q;
}

// The largest common denominator kept: past it the gap analysis says it is too complex.
constexpr std::size_t kMaxScaleBits = 4096;
// The solver's largest table (cells x limbs, see CoverSize::work): about a second.
constexpr double kMaxCoverWork = 256e6;

// Sorts steps by gain (largest first), then by pack order: stable and platform-independent.
void sort_steps(std::vector<GapStep>& steps) {
    std::sort(steps.begin(), steps.end(), [](const GapStep& a, const GapStep& b) {
        const int c = a.gain.compare(b.gain);
        if (c != 0) return c > 0;
        return a.indicator < b.indicator;
    });
}

}  // namespace

std::int64_t default_effort(const Indicator& indicator, const Answer& answer) {
    return evidence_complete(indicator, answer) ? 1 : 2;
}

GapResult analyse_gap(const Pack& pack, const Answers& answers, const ScoreResult& score, const GapOptions& options) {
    GapResult out;
    const bool evidenced = options.basis == GapBasis::evidenced;
    out.current = evidenced ? score.evidenced_total : score.total;
    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const IndicatorScore& s = score.indicators[i];
        if (s.state == AnswerState::not_applicable) continue;
        const Fraction now = evidenced && !s.evidence_complete ? Fraction::of(0) : s.contribution;
        const Fraction gain = s.max_contribution - now;
        if (gain.is_zero() || gain.compare(Fraction::of(0)) <= 0) continue;
        GapStep step;
        step.indicator = i;
        step.gain = gain;
        const auto it = options.effort.find(pack.indicators[i].id);
        step.effort = it != options.effort.end() ? it->second : default_effort(pack.indicators[i], answers.answers[i]);
        out.opportunities.push_back(step);
    }
    sort_steps(out.opportunities);

    // Targets: the requested one, and the next predicate band above the current one.
    const auto& preds = pack.aggregation.predicates;
    std::vector<std::int64_t> targets;
    targets.push_back(options.target_cents >= 0 ? options.target_cents : preds.front().min_cents);
    const std::int64_t current_cents = to_cents(out.current);
    const std::size_t now = predicate_for(pack, current_cents);
    if (now > 0 && preds[now - 1].min_cents != targets[0]) targets.push_back(preds[now - 1].min_cents);

    // Exact integer gains: scale every gain and the needed amount by a common denominator (of any
    // size: with max points such as 100/k it passes 128 bits).
    BigInt scale = BigInt::of(200);  // the thresholds are T - 0.005 = (200T - 1)/200
    for (const GapStep& s : out.opportunities) {
        if (scale.bits() > kMaxScaleBits) break;  // refused below; no need to grow it further
        scale = lcm(scale, s.gain.big_den());
    }
    if (scale.bits() <= kMaxScaleBits) scale = lcm(scale, out.current.big_den());
    const bool scale_fits = scale.bits() <= kMaxScaleBits;
    std::vector<BigInt> gains;
    std::vector<std::int64_t> efforts;
    for (const GapStep& s : out.opportunities) {
        gains.push_back(scale_fits ? scaled(s.gain, scale) : BigInt());
        efforts.push_back(s.effort);
    }
    const CoverSize size = cover_size(gains, efforts);
    if (!scale_fits || size.cells > 64e6 || size.work > kMaxCoverWork) {
        out.ok = false;
        out.error_code = "gap.too_complex";
        out.error_id = "Analisis celah tidak dapat dihitung secara eksak untuk paket atau bobot usaha ini (terlalu besar).";
        out.error_en = "The gap analysis cannot be computed exactly for this pack or these efforts (too large).";
        return out;
    }
    for (std::int64_t target : targets) {
        GapPlan plan;
        plan.target_cents = target;
        // Published totals are rounded half-up, so the total reaches T from T - 0.005 on.
        const Fraction threshold = Fraction::of(static_cast<i128>(target) * 2 - 1, 200);
        const Fraction needed = threshold - out.current;
        plan.total = out.current;
        if (needed.compare(Fraction::of(0)) <= 0) {
            plan.already = true;
            plan.reachable = true;
            out.plans.push_back(plan);
            continue;
        }
        std::vector<std::size_t> chosen;
        plan.reachable = min_effort_cover(gains, efforts, scaled(needed, scale), chosen);
        if (plan.reachable) {
            for (std::size_t k : chosen) {
                plan.steps.push_back(out.opportunities[k]);
                plan.effort += out.opportunities[k].effort;
                plan.total = plan.total + out.opportunities[k].gain;
            }
            sort_steps(plan.steps);
        }
        out.plans.push_back(plan);
    }
    return out;
}

namespace {

void write_step(JsonWriter& w, const Pack& pack, const Answers& answers, const ScoreResult& score, const GapStep& s) {
    const Indicator& ind = pack.indicators[s.indicator];
    const Answer& a = answers.answers[s.indicator];
    std::int64_t gain = 0;
    s.gain.round_half_up(4, gain);
    w.begin_object().key("id").string(ind.id).key("right").string(pack.rights[ind.right].id)
        .key("type").string(kTypeNames[static_cast<std::size_t>(ind.type)]);
    w.key("points").number_text(format_fixed(score.indicators[s.indicator].points, kPointDecimals, 2));
    w.key("max_points").number_text(format_fixed(ind.max_points, kPointDecimals, 2));
    w.key("gain").number_text(format_fixed(gain, 4, 2));
    w.key("gain_2dp").number_text(format_scaled(to_cents(s.gain), 2));  // exact half-up, for 2-decimal prints
    w.key("effort").integer(s.effort);
    w.key("evidence_missing").begin_array();
    for (const std::string& e : evidence_missing(ind, a)) w.string(e);
    w.end_array();
    w.key("opd").string(responsible_opd(ind, a));
    w.end_object();
}

}  // namespace

std::string gap_json(const Pack& pack, const Answers& answers, const GapResult& gap, GapBasis basis) {
    // The scores are needed again for the points of each step.
    const ScoreResult score = compute_score(pack, answers);
    JsonWriter w;
    auto write_plan = [&](const GapPlan& plan) {
        w.key("target").number_text(format_scaled(plan.target_cents, 2));
        const std::size_t p = predicate_for(pack, plan.target_cents);
        w.key("predicate").begin_object().key("id").string(pack.aggregation.predicates[p].id).key("name")
            .begin_object().key("id").string(pack.aggregation.predicates[p].name.id)
            .key("en").string(pack.aggregation.predicates[p].name.en.empty() ? pack.aggregation.predicates[p].name.id
                                                                             : pack.aggregation.predicates[p].name.en)
            .end_object().end_object();
        w.key("already_reached").boolean(plan.already).key("reachable").boolean(plan.reachable);
        w.key("effort").integer(plan.effort);
        w.key("total").number_text(format_scaled(to_cents(plan.total), 2));
        w.key("steps").begin_array();
        for (const GapStep& s : plan.steps) write_step(w, pack, answers, score, s);
        w.end_array();
    };
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-gap").key("format_version").integer(1);
    w.key("basis").string(basis == GapBasis::claimed ? "claimed" : "evidenced");
    w.key("current").number_text(format_scaled(to_cents(gap.current), 2));
    write_plan(gap.plans.front());
    w.key("next_band");
    if (gap.plans.size() > 1) {
        w.begin_object();
        write_plan(gap.plans[1]);
        w.end_object();
    } else {
        w.null();
    }
    Fraction all = gap.current;
    for (const GapStep& s : gap.opportunities) all = all + s.gain;
    w.key("max_total").number_text(format_scaled(to_cents(all), 2));
    w.key("opportunities").begin_array();
    for (const GapStep& s : gap.opportunities) write_step(w, pack, answers, score, s);
    w.end_array();
    w.end_object();
    return w.take();
}

}  // namespace kkpham
