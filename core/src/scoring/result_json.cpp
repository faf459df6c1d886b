// Serialises a ScoreResult as the canonical result document.
#include <cstring>

#include "util/exact.hpp"
#include "json/json_writer.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {
namespace {

void text(JsonWriter& w, const Text& t) {
    w.begin_object().key("id").string(t.id).key("en").string(t.en.empty() ? t.id : t.en).end_object();
}

// A fixed-point number, formatted on the stack (this runs a few thousand times per result).
void fixed(JsonWriter& w, std::int64_t value, int decimals, int min_decimals) {
    char digits[kFixedTextMax];
    w.number_text(std::string_view(digits, format_fixed_to(digits, value, decimals, min_decimals)));
}

void cents(JsonWriter& w, std::int64_t c) { fixed(w, c, 2, 2); }  // = format_scaled(c, 2)

void score2(JsonWriter& w, const Fraction& f) { cents(w, to_cents(f)); }

// A 4-decimal figure and its exact 2-decimal twin (`<key>_2dp`, rounded half-up once from the
// exact fraction, not from the 4-decimal text: exact 1.12496 -> 1.1250 but 1.12), for the screens
// and the CLI, which print 2 decimals.
void score4_with_twin(JsonWriter& w, std::string_view key, const Fraction& f) {
    std::int64_t v4 = 0, v2 = 0;
    f.round_half_up_twice(4, 2, v4, v2);  // as score4 and score2 (0 on overflow, which scoring refuses)
    w.key(key);
    fixed(w, v4, 4, 2);
    char twin[40];
    const std::size_t n = key.size() < sizeof twin - 4 ? key.size() : sizeof twin - 4;
    std::memcpy(twin, key.data(), n);
    // Length-delimited on purpose: read back as a string_view of n + 4 bytes, never as a C string.
    std::memcpy(twin + n, "_2dp", 4);  // NOLINT(bugprone-not-null-terminated-result)
    w.key(std::string_view(twin, n + 4));
    cents(w, v2);
}

void points(JsonWriter& w, std::int64_t p) { fixed(w, p, kPointDecimals, 2); }

// The predicate of a total that cannot be assessed (no right can be scored): its own text,
// never the lowest band.
void not_assessable(JsonWriter& w) {
    w.begin_object().key("id").string("not_assessable").key("name").begin_object()
        .key("id").string("Tidak dapat dinilai").key("en").string("Not assessable").end_object()
        .key("min").null().end_object();
}

void predicate(JsonWriter& w, const Pack& pack, std::size_t index) {
    const Predicate& p = pack.aggregation.predicates[index];
    w.begin_object().key("id").string(p.id).key("name");
    text(w, p.name);
    w.key("min");
    cents(w, p.min_cents);
    w.end_object();
}

void value(JsonWriter& w, const Indicator& ind, const Answer& a) {
    if (a.state != AnswerState::answered) {
        w.null();
        return;
    }
    switch (ind.kind) {
        case AnswerKind::yes_no: w.boolean(a.yes); break;
        case AnswerKind::level: w.string(ind.levels[a.level].id); break;
        default: fixed(w, a.value, kValueDecimals, 0); break;
    }
}

std::int64_t completeness_cents(int answered, int total) {
    if (total == 0) return 0;
    return to_cents(Fraction::of(static_cast<i128>(answered) * 100, total));
}

}  // namespace

std::string result_json(const Pack& pack, const Answers& answers, const ScoreResult& r) {
    JsonWriter w;
    w.reserve(4096 + 448 * pack.indicators.size());
    const auto& preds = pack.aggregation.predicates;
    const std::int64_t total = to_cents(r.total);
    const std::int64_t evidenced = to_cents(r.evidenced_total);
    const std::int64_t adjusted = to_cents(r.adjusted_total);
    const std::size_t pred = predicate_for(pack, total);
    const int indicator_count = static_cast<int>(pack.indicators.size());

    w.begin_object();
    w.key("ok").boolean(true);
    w.key("format").string("kkpham-result").key("format_version").integer(1);
    w.key("pack").begin_object().key("id").string(pack.id).key("version").string(pack.version).key("sha256").string(pack.sha256)
        .key("status").string(pack.status).key("regulation").string(pack.regulation).key("title");
    text(w, pack.title);
    w.key("notice");
    if (pack.is_official() && pack.notice.id.empty()) w.null();
    else text(w, pack.notice);
    w.end_object();
    w.key("region").begin_object().key("name").string(answers.region.name).key("kind").string(answers.region.kind)
        .key("province").string(answers.region.province).key("code").string(answers.region.code).end_object();
    w.key("data_year").integer(answers.data_year).key("assessment_year").integer(answers.assessment_year);
    w.key("updated_at").string(answers.updated_at);

    const bool assessable = r.assessable;
    w.key("assessable").boolean(assessable);
    w.key("total");
    if (assessable) cents(w, total);
    else w.null();
    w.key("predicate");
    if (assessable) predicate(w, pack, pred);
    else not_assessable(w);
    w.key("next_predicate");
    if (!assessable || pred == 0) {
        w.null();
    } else {
        const Predicate& next = preds[pred - 1];
        w.begin_object().key("id").string(next.id).key("name");
        text(w, next.name);
        w.key("min");
        cents(w, next.min_cents);
        w.key("distance");
        cents(w, next.min_cents - total);
        w.end_object();
    }
    w.key("distance_to_top");
    if (assessable) cents(w, std::max<std::int64_t>(0, preds.front().min_cents - total));
    else w.null();
    w.key("completeness");
    cents(w, completeness_cents(r.answered + r.not_applicable, indicator_count));
    w.key("indicator_count").integer(indicator_count).key("answered").integer(r.answered)
        .key("not_applicable").integer(r.not_applicable)
        .key("unanswered").integer(indicator_count - r.answered - r.not_applicable);
    w.key("evidenced_total");
    if (assessable) cents(w, evidenced);
    else w.null();
    w.key("evidenced_predicate");
    if (assessable) predicate(w, pack, predicate_for(pack, evidenced));
    else not_assessable(w);
    // The difference of the two published (2-decimal) totals, so the page adds up.
    w.key("points_at_risk");
    if (assessable) cents(w, total - evidenced);
    else w.null();
    w.key("adjustments").begin_object().key("aksi_ham_bonus");
    points(w, answers.aksi_ham_bonus);
    w.key("deduction");
    points(w, answers.deduction);
    w.key("adjusted_total");
    if (assessable) cents(w, adjusted);
    else w.null();
    w.key("adjusted_predicate");
    if (assessable) predicate(w, pack, predicate_for(pack, adjusted));
    else not_assessable(w);
    w.end_object();
    // The score as published: nilai murni (the indicators alone; national ranking uses it) and
    // nilai akhir = min(100, nilai murni + Aksi HAM component - deduction) = adjusted_total. The
    // formula of the nilai akhir is an assumption from published cases (criteria/README.md).
    w.key("published").begin_object().key("nilai_murni");
    if (assessable) cents(w, total);
    else w.null();
    w.key("nilai_akhir");
    if (assessable) cents(w, adjusted);
    else w.null();
    w.key("aksi_ham");
    points(w, answers.aksi_ham_bonus);
    w.key("deduction");
    points(w, answers.deduction);
    w.key("basis").string("assumed").key("formula").begin_object()
        // ASCII '-', not U+2212: one non-ASCII character makes the browser decode the whole result on
        // its slow path into a two-byte string (about 20 % of a score call in wasm).
        .key("id").string("nilai akhir = min(100, nilai murni + komponen Aksi HAM - pengurangan); dugaan dari kasus yang diumumkan, bukan aturan tertulis")
        .key("en").string("nilai akhir = min(100, nilai murni + Aksi HAM component - deduction); assumed from published cases, not a written rule")
        .end_object();
    w.key("ranking").string("nilai_murni");
    w.end_object();

    w.key("groups").begin_array();
    for (std::size_t g = 0; g < pack.groups.size(); ++g) {
        w.begin_object().key("id").string(pack.groups[g].id).key("name");
        text(w, pack.groups[g].name);
        w.key("score");
        if (r.groups[g].scorable) score2(w, r.groups[g].score);
        else w.null();
        w.key("evidenced_score");
        if (r.groups[g].scorable) score2(w, r.groups[g].evidenced_score);
        else w.null();
        w.end_object();
    }
    w.end_array();

    w.key("rights").begin_array();
    for (std::size_t ri = 0; ri < pack.rights.size(); ++ri) {
        const Right& right = pack.rights[ri];
        const RightScore& rs = r.rights[ri];
        w.begin_object().key("id").string(right.id).key("group").string(pack.groups[right.group].id).key("name");
        text(w, right.name);
        w.key("score");
        if (rs.scorable) score2(w, rs.score);
        else w.null();
        w.key("evidenced_score");
        if (rs.scorable) score2(w, rs.evidenced_score);
        else w.null();
        w.key("completeness");
        cents(w, completeness_cents(rs.answered + rs.not_applicable, rs.indicators));
        w.key("indicator_count").integer(rs.indicators).key("answered").integer(rs.answered)
            .key("not_applicable").integer(rs.not_applicable);
        w.key("types").begin_array();
        for (std::size_t t = 0; t < 3; ++t) {
            const TypeScore& ts = rs.types[t];
            w.begin_object().key("type").string(kTypeNames[t]).key("weight");
            points(w, pack.aggregation.type_weights[t]);
            w.key("counted").boolean(ts.present).key("points");
            points(w, ts.points);
            w.key("evidenced_points");
            points(w, ts.evidenced_points);
            w.key("max_points");
            points(w, ts.max_points);
            w.key("share");  // null when no indicator of this type counts (all N/A or none)
            if (ts.present) score2(w, Fraction::of(100) * ts.share);
            else w.null();
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();

    w.key("indicators").begin_array();
    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const Indicator& ind = pack.indicators[i];
        const Answer& a = answers.answers[i];
        const IndicatorScore& s = r.indicators[i];
        w.begin_object().key("id").string(ind.id).key("right").string(pack.rights[ind.right].id)
            .key("type").string(kTypeNames[static_cast<std::size_t>(ind.type)]);
        w.key("status").string(s.state == AnswerState::answered ? "answered"
                               : s.state == AnswerState::not_applicable ? "not_applicable" : "unanswered");
        w.key("value");
        value(w, ind, a);
        w.key("rule").string(rule_name(ind.rule));
        w.key("points");
        points(w, s.points);
        w.key("max_points");
        points(w, ind.max_points);
        w.key("evidenced").boolean(s.state == AnswerState::answered && s.evidence_complete);
        w.key("evidence_missing").begin_array();
        if (s.state != AnswerState::not_applicable) {
            for_each_missing_evidence(ind, a, [&](const std::string& id) { w.string(id); });
        }
        w.end_array();
        score4_with_twin(w, "contribution", s.contribution);
        score4_with_twin(w, "max_contribution", s.max_contribution);
        score4_with_twin(w, "gain", s.max_contribution - s.contribution);
        w.key("opd").string(responsible_opd(ind, a));
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.take();
}

}  // namespace kkpham
