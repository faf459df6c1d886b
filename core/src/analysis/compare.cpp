#include "analysis/compare.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "util/exact.hpp"
#include "model/json_fields.hpp"
#include "json/json_text.hpp"
#include "json/json_writer.hpp"

namespace kkpham {

std::string summary_json(const Pack& pack, const Answers& answers, const ScoreResult& score) {
    JsonWriter w;
    w.begin_object().key("format").string("kkpham-summary").key("format_version").integer(1);
    w.key("pack").begin_object().key("id").string(pack.id).key("sha256").string(pack.sha256).end_object();
    w.key("region").begin_object().key("name").string(answers.region.name).key("kind").string(answers.region.kind)
        .key("province").string(answers.region.province).key("code").string(answers.region.code).end_object();
    w.key("data_year").integer(answers.data_year);
    // total = nilai murni (null when no right can be scored); nilai_akhir = adjusted_total.
    const std::int64_t total = to_cents(score.total);
    if (score.assessable) {
        w.key("total").number_text(format_scaled(total, 2));
        w.key("predicate").string(pack.aggregation.predicates[predicate_for(pack, total)].id);
        w.key("evidenced_total").number_text(format_scaled(to_cents(score.evidenced_total), 2));
        w.key("nilai_akhir").number_text(format_scaled(to_cents(score.adjusted_total), 2));
    } else {
        w.key("total").null().key("predicate").string("not_assessable").key("evidenced_total").null();
        w.key("nilai_akhir").null();
    }
    const int n = static_cast<int>(pack.indicators.size());
    w.key("completeness").number_text(
        format_scaled(n == 0 ? 0 : to_cents(Fraction::of(static_cast<i128>(score.answered + score.not_applicable) * 100, n)), 2));
    w.key("rights").begin_array();
    for (std::size_t r = 0; r < pack.rights.size(); ++r) {
        w.begin_object().key("id").string(pack.rights[r].id).key("score");
        if (score.rights[r].scorable) w.number_text(format_scaled(to_cents(score.rights[r].score), 2));
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.key("lost").begin_array();
    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const IndicatorScore& s = score.indicators[i];
        if (s.state == AnswerState::not_applicable) continue;
        const Fraction gain = s.max_contribution - s.contribution;
        if (gain.compare(Fraction::of(0)) <= 0) continue;
        std::int64_t g = 0;
        gain.round_half_up(4, g);
        w.begin_object().key("id").string(pack.indicators[i].id).key("gain").number_text(format_fixed(g, 4, 2))
            .key("gain_exact").string(gain.text()).end_object();
    }
    w.end_array();
    w.end_object();
    return w.take();
}

namespace {

struct Row {
    std::string name, kind, province, code, predicate;
    std::int64_t data_year = 0;
    std::int64_t total = 0, evidenced = 0, completeness = 0;  // cents; total, evidenced -1: not assessable
    std::int64_t nilai_akhir = -1;                            // cents, -1: not given (older summary) or not assessable
    std::vector<std::int64_t> rights;                         // cents, -1 = not scorable
    std::size_t source = 0;
};

}  // namespace

std::string compare_json(std::string_view text) {
    Diagnostics diag;
    JsonLimits limits;
    limits.max_bytes = 64u * 1024u * 1024u;
    ParsedJson parsed = parse_json_text(text, "perbandingan", "comparison", limits);
    auto failure = [&]() { return failure_json(diag); };
    if (!parsed.ok) {
        diag.add_error(parsed.error);
        return failure();
    }
    FieldReader read(diag);
    const json& list = parsed.value;
    if (!list.is_array()) {
        read.type_error("$", "daftar ringkasan", "a list of summaries");
        return failure();
    }
    std::vector<std::string> right_ids;
    std::string pack_id, pack_sha;
    std::vector<Row> rows;
    std::map<std::string, std::pair<int, Fraction>> lost;  // id -> (regions, total gain)
    std::map<std::string, Fraction> lost_exact;            // id -> total of the exact gains (summaries' gain_exact)
    std::vector<std::string> lost_order;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string p = path_index("$", k);
        const json& s = list[k];
        if (!s.is_object()) {
            read.type_error(p, "ringkasan", "a summary");
            continue;
        }
        const json* pack = read.object(s, "pack", p, Need::required);
        const json* region = read.object(s, "region", p, Need::required);
        const json* rights = read.array(s, "rights", p, Need::required);
        const json* lost_list = read.array(s, "lost", p, Need::required);
        // A null total is a file that cannot be assessed (every indicator not applicable).
        const bool assessable = !(s.contains("total") && s["total"].is_null());
        auto total = assessable ? read.fixed(s, "total", p, Need::required, 2) : std::optional<std::int64_t>(-1);
        auto evidenced = assessable ? read.fixed(s, "evidenced_total", p, Need::required, 2) : std::optional<std::int64_t>(-1);
        std::int64_t nilai_akhir = -1;
        if (assessable && s.contains("nilai_akhir") && !s["nilai_akhir"].is_null()) {
            if (auto v = read.fixed(s, "nilai_akhir", p, Need::required, 2)) nilai_akhir = *v;
        }
        auto completeness = read.fixed(s, "completeness", p, Need::required, 2);
        auto predicate = read.string(s, "predicate", p, Need::required, 64);
        auto year = read.whole(s, "data_year", p, Need::required, 1990, 2200);
        if (!pack || !region || !rights || !lost_list || !total || !evidenced || !completeness || !predicate || !year) continue;
        auto id = read.string(*pack, "id", p + ".pack", Need::required, 64);
        auto sha = read.string(*pack, "sha256", p + ".pack", Need::required, 64);
        if (!id || !sha) continue;
        if (pack_id.empty()) {
            pack_id = *id;
            pack_sha = *sha;
            for (const json& r : *rights) {
                if (r.is_object() && r.contains("id") && r["id"].is_string()) right_ids.push_back(r["id"].get<std::string>());
            }
        } else if (*id != pack_id || *sha != pack_sha) {
            diag.error("compare.mixed_packs", p + ".pack",
                       "Berkas ke-" + std::to_string(k + 1) + " dinilai dengan paket lain (" + *id + "); bandingkan hanya hasil dari satu paket.",
                       "File " + std::to_string(k + 1) + " was scored with another pack (" + *id + "); compare results of one pack only.");
            continue;
        }
        Row row;
        row.source = k;
        row.name = read.string(*region, "name", p + ".region", Need::optional, 200).value_or("");
        row.kind = read.string(*region, "kind", p + ".region", Need::optional, 32).value_or("");
        row.province = read.string(*region, "province", p + ".region", Need::optional, 200).value_or("");
        row.code = read.string(*region, "code", p + ".region", Need::optional, 32).value_or("");
        row.predicate = *predicate;
        row.data_year = *year;
        row.total = *total;
        row.evidenced = *evidenced;
        row.nilai_akhir = nilai_akhir;
        row.completeness = *completeness;
        for (std::size_t r = 0; r < right_ids.size(); ++r) {
            std::int64_t v = -1;
            if (r < rights->size() && (*rights)[r].is_object()) {
                const json& entry = (*rights)[r];
                if (entry.contains("score") && entry["score"].is_number()) {
                    if (auto f = read.fixed_value(entry["score"], path_index(p + ".rights", r) + ".score", 2)) v = *f;
                }
            }
            row.rights.push_back(v);
        }
        for (std::size_t j = 0; j < lost_list->size(); ++j) {
            const json& item = (*lost_list)[j];
            if (!item.is_object()) continue;
            auto lid = read.string(item, "id", path_index(p + ".lost", j), Need::required, 64);
            auto gain = read.fixed(item, "gain", path_index(p + ".lost", j), Need::required, 4);
            if (!lid || !gain) continue;
            // The exact gain when the summary gives it, so the 2-decimal total is rounded once.
            Fraction exact = Fraction::of(*gain, kPointScale);
            if (auto e = item.find("gain_exact"); e != item.end() && e->is_string()) {
                Fraction from_text;
                if (Fraction::parse_text(e->get<std::string>(), from_text)) exact = from_text;
            }
            auto [it, inserted] = lost.try_emplace(*lid, 0, Fraction::of(0));
            if (inserted) lost_order.push_back(*lid);
            it->second.first += 1;
            it->second.second = it->second.second + Fraction::of(*gain, kPointScale);
            Fraction& sum = lost_exact[*lid];
            sum = sum + exact;
        }
        rows.push_back(std::move(row));
    }
    if (!diag.ok()) return failure();

    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.total != b.total) return a.total > b.total;  // ranked by nilai murni; not assessable (-1) last
        return a.name < b.name;
    });
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-comparison").key("format_version").integer(1);
    w.key("pack").begin_object().key("id").string(pack_id).key("sha256").string(pack_sha).end_object();
    w.key("count").integer(static_cast<std::int64_t>(rows.size()));
    w.key("ranking").string("nilai_murni");
    w.key("right_ids").begin_array();
    for (const std::string& r : right_ids) w.string(r);
    w.end_array();
    std::map<std::string, int> per_predicate;
    std::int64_t rank = 0, previous = -1;
    w.key("rows").begin_array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        if (r.total != previous) rank = static_cast<std::int64_t>(i) + 1;  // ties share a rank
        previous = r.total;
        per_predicate[r.predicate] += 1;
        w.begin_object().key("rank");
        if (r.total >= 0) w.integer(rank);
        else w.null();  // not assessable: no rank
        w.key("source").integer(static_cast<std::int64_t>(r.source));
        w.key("region").begin_object().key("name").string(r.name).key("kind").string(r.kind).key("province").string(r.province)
            .key("code").string(r.code).end_object();
        w.key("data_year").integer(r.data_year);
        auto cents_or_null = [&](std::int64_t v) {
            if (v < 0) w.null();
            else w.number_text(format_scaled(v, 2));
        };
        w.key("total");
        cents_or_null(r.total);
        w.key("predicate").string(r.predicate);
        w.key("evidenced_total");
        cents_or_null(r.evidenced);
        w.key("nilai_murni");
        cents_or_null(r.total);
        w.key("nilai_akhir");
        cents_or_null(r.nilai_akhir);
        w.key("completeness").number_text(format_scaled(r.completeness, 2));
        w.key("rights").begin_array();
        for (std::int64_t v : r.rights) {
            if (v < 0) w.null();
            else w.number_text(format_scaled(v, 2));
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.key("predicates").begin_array();
    for (const auto& [id, count] : per_predicate) w.begin_object().key("id").string(id).key("count").integer(count).end_object();
    w.end_array();
    w.key("right_means").begin_array();
    for (std::size_t r = 0; r < right_ids.size(); ++r) {
        Fraction sum;
        std::int64_t n = 0;
        for (const Row& row : rows) {
            if (row.rights[r] >= 0) {
                sum = sum + Fraction::of(row.rights[r], 100);
                ++n;
            }
        }
        if (n == 0) w.null();
        else w.number_text(format_scaled(to_cents(sum / Fraction::of(n)), 2));
    }
    w.end_array();
    std::vector<std::string> ids = lost_order;
    std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
        const auto& x = lost.at(a);
        const auto& y = lost.at(b);
        if (x.first != y.first) return x.first > y.first;
        return x.second.compare(y.second) > 0;
    });
    w.key("most_lost").begin_array();
    for (std::size_t i = 0; i < ids.size() && i < 30; ++i) {
        const auto& entry = lost.at(ids[i]);
        std::int64_t g = 0;
        entry.second.round_half_up(4, g);
        w.begin_object().key("id").string(ids[i]).key("regions").integer(entry.first).key("total_gain")
            .number_text(format_fixed(g, 4, 2)).key("total_gain_2dp")
            .number_text(format_scaled(to_cents(lost_exact[ids[i]].overflow() ? entry.second : lost_exact[ids[i]]), 2))
            .end_object();
    }
    w.end_array();
    w.end_object();
    return w.take();
}

}  // namespace kkpham
