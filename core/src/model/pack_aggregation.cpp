// Validating a pack's aggregation: type and right weights, the total, rounding, the
// missing-answer policy and the predicates.
#include "model/pack_parser.hpp"

#include <algorithm>
#include <set>

#include "json/json_text.hpp"

namespace kkpham::pack_reading {

void PackParser::check_basis(const json& param, const std::string& path) {
    auto basis = read_.string(param, "basis", path, Need::required, 32);
    read_.string(param, "source", path, Need::optional, 2000);
    if (basis && *basis != "confirmed" && *basis != "assumed") {
        error("pack.aggregation.basis", path + ".basis",
              path + ".basis harus \"confirmed\" (dikonfirmasi sumber terbitan) atau \"assumed\" (asumsi).",
              path + ".basis must be \"confirmed\" (a published source states it) or \"assumed\".");
    }
}

void PackParser::parse_aggregation(const json& root, Pack& pack) {
    const json* agg = read_.object(root, "aggregation", "$", Need::required);
    if (agg == nullptr) return;
    const std::string ap = "$.aggregation";
    read_.unknown_keys(*agg, ap, {"type_weights", "right_weights", "total", "rounding", "missing_answer", "predicates", "note"});
    Aggregation& a = pack.aggregation;

    if (const json* tw = read_.object(*agg, "type_weights", ap, Need::required)) {
        const std::string p = ap + ".type_weights";
        read_.unknown_keys(*tw, p, {"value", "basis", "source"});
        check_basis(*tw, p);
        if (const json* v = read_.object(*tw, "value", p, Need::required)) {
            read_.unknown_keys(*v, p + ".value", {"struktur", "proses", "hasil"});
            std::int64_t sum = 0;
            for (std::size_t t = 0; t < 3; ++t) {
                auto w = read_.fixed(*v, kTypeNames[t], p + ".value", Need::required, kPointDecimals);
                if (!w) continue;
                if (*w < 0) {
                    error("pack.weight.negative", path_key(p + ".value", kTypeNames[t]), "Bobot tidak boleh negatif.",
                          "A weight must not be negative.");
                    continue;
                }
                a.type_weights[t] = *w;
                sum += *w;
            }
            if (sum == 0) {
                error("pack.weight.zero", p + ".value", "Jumlah bobot jenis indikator tidak boleh 0.",
                      "The indicator-type weights must not add up to 0.");
            }
        }
    }
    if (const json* rw = read_.object(*agg, "right_weights", ap, Need::required)) {
        const std::string p = ap + ".right_weights";
        read_.unknown_keys(*rw, p, {"value", "basis", "source"});
        check_basis(*rw, p);
        const json* v = read_.member(*rw, "value", p, Need::required);
        if (v != nullptr && v->is_string() && v->get<std::string>() == "equal") {
            a.equal_right_weights = true;
        } else if (v != nullptr && v->is_object()) {
            a.equal_right_weights = false;
            std::int64_t sum = 0;
            for (Right& r : pack.rights) {
                auto w = read_.fixed(*v, r.id, p + ".value", Need::required, kPointDecimals);
                if (!w) continue;
                if (*w < 0) {
                    error("pack.weight.negative", path_key(p + ".value", r.id), "Bobot tidak boleh negatif.",
                          "A weight must not be negative.");
                    continue;
                }
                r.weight = *w;
                sum += *w;
            }
            for (auto it = v->begin(); it != v->end(); ++it) {
                const bool known = std::any_of(pack.rights.begin(), pack.rights.end(), [&](const Right& r) { return r.id == it.key(); });
                if (!known) {
                    error("pack.weight.unknown_right", path_key(p + ".value", it.key()),
                          "Bobot diberikan untuk hak \"" + it.key() + "\" yang tidak ada di $.rights.",
                          "A weight is given for right \"" + it.key() + "\", which is not in $.rights.");
                }
            }
            if (sum == 0 && !pack.rights.empty()) {
                error("pack.weight.zero", p + ".value", "Jumlah bobot hak tidak boleh 0.", "The right weights must not add up to 0.");
            }
        } else if (v != nullptr) {
            read_.type_error(p + ".value", "\"equal\" atau objek {kode hak: bobot}", "\"equal\" or an object {right id: weight}");
        }
    }
    if (const json* total = read_.object(*agg, "total", ap, Need::required)) {
        const std::string p = ap + ".total";
        read_.unknown_keys(*total, p, {"value", "basis", "source"});
        check_basis(*total, p);
        auto v = read_.string(*total, "value", p, Need::required, 64);
        if (v && *v == "weighted_mean_of_rights") a.total = TotalFormula::weighted_mean_of_rights;
        else if (v && *v == "points_ratio") a.total = TotalFormula::points_ratio;
        else if (v) {
            error("pack.aggregation.total", p + ".value", p + ".value harus \"weighted_mean_of_rights\" atau \"points_ratio\".",
                  p + ".value must be \"weighted_mean_of_rights\" or \"points_ratio\".");
        }
    }
    if (const json* rounding = read_.object(*agg, "rounding", ap, Need::required)) {
        const std::string p = ap + ".rounding";
        read_.unknown_keys(*rounding, p, {"value", "basis", "source"});
        check_basis(*rounding, p);
        if (const json* v = read_.object(*rounding, "value", p, Need::required)) {
            auto decimals = read_.whole(*v, "decimals", p + ".value", Need::required, 0, 10);
            auto mode = read_.string(*v, "mode", p + ".value", Need::required, 32);
            if (decimals && *decimals != 2) {
                error("pack.rounding.decimals", p + ".value.decimals", "Saat ini hanya pembulatan 2 desimal yang didukung.",
                      "Only rounding to 2 decimals is supported today.");
            }
            if (mode && *mode != "half_up") {
                error("pack.rounding.mode", p + ".value.mode", "Saat ini hanya pembulatan \"half_up\" yang didukung.",
                      "Only \"half_up\" rounding is supported today.");
            }
        }
    }
    if (const json* missing = read_.object(*agg, "missing_answer", ap, Need::required)) {
        const std::string p = ap + ".missing_answer";
        read_.unknown_keys(*missing, p, {"value", "basis", "source"});
        check_basis(*missing, p);
        auto v = read_.string(*missing, "value", p, Need::required, 32);
        if (v && *v != "zero") {
            error("pack.missing_answer", p + ".value", "Saat ini hanya kebijakan \"zero\" (jawaban kosong = 0 poin) yang didukung.",
                  "Only the \"zero\" policy (an unanswered indicator scores 0) is supported today.");
        }
    }
    if (const json* preds = read_.array(*agg, "predicates", ap, Need::required)) {
        const std::string p = ap + ".predicates";
        std::set<std::string> seen;
        for (std::size_t i = 0; i < preds->size(); ++i) {
            const std::string pp = path_index(p, i);
            const json& item = (*preds)[i];
            if (!item.is_object()) {
                read_.type_error(pp, "objek", "an object");
                continue;
            }
            read_.unknown_keys(item, pp, {"id", "name", "min", "basis", "source"});
            check_basis(item, pp);
            auto id = read_.identifier(item, "id", pp, Need::required);
            auto name = read_.text(item, "name", pp, Need::required);
            auto min = read_.fixed(item, "min", pp, Need::required, 2);
            auto basis = read_.string(item, "basis", pp, Need::optional, 32);
            auto source = read_.string(item, "source", pp, Need::optional, 2000);
            if (!id || !name || !min) continue;
            if (!seen.insert(*id).second) {
                error("pack.predicate.duplicate", pp + ".id", "Kode predikat \"" + *id + "\" dipakai lebih dari sekali.",
                      "Predicate id \"" + *id + "\" is used more than once.");
                continue;
            }
            if (*min < 0 || *min > 10000) {
                error("pack.predicate.min", pp + ".min", pp + ".min harus di antara 0 dan 100.", pp + ".min must be between 0 and 100.");
                continue;
            }
            if (!a.predicates.empty() && *min >= a.predicates.back().min_cents) {
                error("pack.predicate.order", pp + ".min",
                      "Ambang predikat harus berurutan dari yang tertinggi ke terendah tanpa nilai sama (" + pp + ".min).",
                      "Predicate thresholds must go from highest to lowest with no repeats (" + pp + ".min).");
                continue;
            }
            a.predicates.push_back(Predicate{*id, *name, *min, basis && *basis == "confirmed", source.value_or("")});
        }
        if (!a.predicates.empty() && a.predicates.back().min_cents != 0) {
            error("pack.predicate.last", p, "Predikat terakhir harus berambang 0 agar setiap nilai mendapat predikat.",
                  "The last predicate must have min 0 so that every score gets a predicate.");
        }
        if (preds->empty()) error("pack.predicates.empty", p, "$.aggregation.predicates tidak boleh kosong.", "$.aggregation.predicates must not be empty.");
    }
}

}  // namespace kkpham::pack_reading
