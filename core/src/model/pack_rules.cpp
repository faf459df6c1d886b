// Validating each indicator's scoring rule (binary, levels, bands, linear): points within
// max_points, bands that neither overlap nor leave gaps, and full points that an answer in the
// plausible range can earn.
#include "model/pack_parser.hpp"

#include <algorithm>

#include "json/json_text.hpp"
#include "model/answers.hpp"
#include "model/indicator_rule.hpp"

namespace kkpham::pack_reading {

bool PackParser::parse_scoring(const json& item, const std::string& p, Indicator& ind) {
    const json* scoring = read_.object(item, "scoring", p, Need::required);
    if (scoring == nullptr) return false;
    const std::string sp = p + ".scoring";
    read_.unknown_keys(*scoring, sp, {"max_points", "rule", "points_yes", "points_no", "points", "bands", "from", "to", "note"});
    auto max_points = read_.fixed(*scoring, "max_points", sp, Need::required, kPointDecimals);
    auto rule = read_.string(*scoring, "rule", sp, Need::required, 32);
    if (!max_points || !rule) return false;
    if (*max_points <= 0 || *max_points > 1000000 * kPointScale) {
        error("pack.scoring.max_points", sp + ".max_points", sp + ".max_points harus lebih dari 0 (dan paling banyak 1.000.000).",
              sp + ".max_points must be more than 0 (and at most 1,000,000).");
        return false;
    }
    ind.max_points = *max_points;
    auto check_points = [&](std::int64_t pts, const std::string& path) {
        if (pts < 0 || pts > ind.max_points) {
            error("pack.scoring.points_range", path,
                  path + " (" + num(pts, kPointDecimals) + ") harus di antara 0 dan max_points (" + num(ind.max_points, kPointDecimals) + ").",
                  path + " (" + num(pts, kPointDecimals) + ") must be between 0 and max_points (" + num(ind.max_points, kPointDecimals) + ").");
            return false;
        }
        return true;
    };
    auto kind_mismatch = [&](std::string_view needed_id, std::string_view needed_en) {
        error("pack.scoring.rule_kind", sp + ".rule",
              "Aturan \"" + *rule + "\" tidak cocok dengan jenis jawaban \"" + std::string(answer_kind_name(ind.kind)) +
                  "\"; aturan ini memerlukan " + std::string(needed_id) + ".",
              "Rule \"" + *rule + "\" does not fit answer kind \"" + std::string(answer_kind_name(ind.kind)) +
                  "\"; this rule needs " + std::string(needed_en) + ".");
        return false;
    };
    const bool numeric = ind.kind == AnswerKind::number || ind.kind == AnswerKind::percent || ind.kind == AnswerKind::count;
    if (*rule == "binary") {
        ind.rule = Rule::binary;
        if (ind.kind != AnswerKind::yes_no) return kind_mismatch("jawaban ya/tidak (yes_no)", "a yes/no answer (yes_no)");
        auto yes = read_.fixed(*scoring, "points_yes", sp, Need::optional, kPointDecimals);
        auto no = read_.fixed(*scoring, "points_no", sp, Need::optional, kPointDecimals);
        ind.points_yes = yes.value_or(ind.max_points);
        ind.points_no = no.value_or(0);
        // Check both, so both problems are reported at once.
        const bool yes_ok = check_points(ind.points_yes, sp + ".points_yes");
        const bool no_ok = check_points(ind.points_no, sp + ".points_no");
        const bool ok = yes_ok && no_ok;
        if (ok && std::max(ind.points_yes, ind.points_no) != ind.max_points) {
            error("pack.scoring.unreachable_max", sp, "Tidak ada jawaban yang mencapai max_points; samakan max_points dengan poin tertinggi.",
                  "No answer reaches max_points; set max_points to the highest points.");
            return false;
        }
        return ok;
    }
    if (*rule == "levels") {
        ind.rule = Rule::levels;
        if (ind.kind != AnswerKind::level) return kind_mismatch("jawaban bertingkat (level)", "a level answer");
        const json* points = read_.object(*scoring, "points", sp, Need::required);
        if (points == nullptr) return false;
        bool ok = true;
        std::int64_t best = 0;
        for (Level& level : ind.levels) {
            auto pts = read_.fixed(*points, level.id, sp + ".points", Need::required, kPointDecimals);
            if (!pts || !check_points(*pts, path_key(sp + ".points", level.id))) {
                ok = false;
                continue;
            }
            level.points = *pts;
            best = std::max(best, *pts);
        }
        for (auto it = points->begin(); it != points->end(); ++it) {
            const bool known = std::any_of(ind.levels.begin(), ind.levels.end(), [&](const Level& l) { return l.id == it.key(); });
            if (!known) {
                error("pack.scoring.unknown_level", path_key(sp + ".points", it.key()),
                      "Poin diberikan untuk tingkat \"" + it.key() + "\" yang tidak ada di answer.levels.",
                      "Points are given for level \"" + it.key() + "\", which is not in answer.levels.");
                ok = false;
            }
        }
        if (ok && best != ind.max_points) {
            error("pack.scoring.unreachable_max", sp, "Tidak ada tingkat yang mencapai max_points; samakan max_points dengan poin tertinggi.",
                  "No level reaches max_points; set max_points to the highest level's points.");
            return false;
        }
        return ok;
    }
    if (*rule == "bands") {
        ind.rule = Rule::bands;
        if (!numeric) return kind_mismatch("jawaban angka (number, percent, count)", "a numeric answer (number, percent, count)");
        return parse_bands(*scoring, sp, ind);
    }
    if (*rule == "linear") {
        ind.rule = Rule::linear;
        if (!numeric) return kind_mismatch("jawaban angka (number, percent, count)", "a numeric answer (number, percent, count)");
        const json* from = read_.object(*scoring, "from", sp, Need::required);
        const json* to = read_.object(*scoring, "to", sp, Need::required);
        if (from == nullptr || to == nullptr) return false;
        read_.unknown_keys(*from, sp + ".from", {"value", "points"});
        read_.unknown_keys(*to, sp + ".to", {"value", "points"});
        auto fv = read_.fixed(*from, "value", sp + ".from", Need::required, kValueDecimals);
        auto fp = read_.fixed(*from, "points", sp + ".from", Need::required, kPointDecimals);
        auto tv = read_.fixed(*to, "value", sp + ".to", Need::required, kValueDecimals);
        auto tp = read_.fixed(*to, "points", sp + ".to", Need::required, kPointDecimals);
        if (!fv || !fp || !tv || !tp) return false;
        if (!check_points(*fp, sp + ".from.points") || !check_points(*tp, sp + ".to.points")) return false;
        if (*fv == *tv) {
            error("pack.scoring.linear_flat", sp, "Nilai from.value dan to.value tidak boleh sama.",
                  "from.value and to.value must differ.");
            return false;
        }
        if (std::max(*fp, *tp) != ind.max_points) {
            error("pack.scoring.unreachable_max", sp, "Garis linear tidak mencapai max_points; samakan max_points dengan poin tertinggi.",
                  "The line never reaches max_points; set max_points to the highest points.");
            return false;
        }
        ind.linear_from_value = *fv;
        ind.linear_from_points = *fp;
        ind.linear_to_value = *tv;
        ind.linear_to_points = *tp;
        return true;
    }
    error("pack.scoring.rule", sp + ".rule",
          sp + ".rule harus salah satu dari binary, levels, bands, linear (tertulis \"" + *rule + "\").",
          sp + ".rule must be one of binary, levels, bands, linear (found \"" + *rule + "\").");
    return false;
}

namespace {

// Orders band lower ends: an unbounded end first; at equal values an inclusive end first.
bool lower_before(const Band& a, const Band& b) {
    if (!a.has_min || !b.has_min) return !a.has_min && b.has_min;
    if (a.min != b.min) return a.min < b.min;
    return a.min_inclusive && !b.min_inclusive;
}

std::string band_text(const Band& b) {
    std::string s;
    if (b.has_min) {
        s += b.min_inclusive ? '[' : '(';
        s += format_fixed(b.min, kValueDecimals, 0);
    } else {
        s += "(-∞";
    }
    s += ", ";
    if (b.has_max) {
        s += format_fixed(b.max, kValueDecimals, 0);
        s += b.max_inclusive ? ']' : ')';
    } else {
        s += "∞)";
    }
    return s;
}

}  // namespace

bool PackParser::parse_bands(const json& scoring, const std::string& sp, Indicator& ind) {
    const json* bands = read_.array(scoring, "bands", sp, Need::required);
    if (bands == nullptr) return false;
    if (bands->empty() || bands->size() > 100) {
        error("pack.bands.count", sp + ".bands", "Aturan pita (bands) memerlukan 1 sampai 100 pita.",
              "A bands rule needs 1 to 100 bands.");
        return false;
    }
    bool ok = true;
    std::int64_t best = 0;
    for (std::size_t i = 0; i < bands->size(); ++i) {
        const std::string bp = path_index(sp + ".bands", i);
        const json& b = (*bands)[i];
        if (!b.is_object()) {
            read_.type_error(bp, "objek", "an object");
            ok = false;
            continue;
        }
        read_.unknown_keys(b, bp, {"min", "max", "min_inclusive", "max_inclusive", "points", "label"});
        Band band;
        for (const char* end : {"min", "max"}) {
            const json* v = read_.member(b, end, bp, Need::required);
            if (v == nullptr) {
                ok = false;
                continue;
            }
            if (v->is_null()) continue;
            auto f = read_.fixed_value(*v, path_key(bp, end), kValueDecimals);
            if (!f) {
                ok = false;
                continue;
            }
            if (end[1] == 'i') {
                band.has_min = true;
                band.min = *f;
            } else {
                band.has_max = true;
                band.max = *f;
            }
        }
        auto mi = read_.boolean(b, "min_inclusive", bp, band.has_min ? Need::required : Need::optional);
        auto ma = read_.boolean(b, "max_inclusive", bp, band.has_max ? Need::required : Need::optional);
        auto pts = read_.fixed(b, "points", bp, Need::required, kPointDecimals);
        if ((band.has_min && !mi) || (band.has_max && !ma) || !pts) {
            ok = false;
            continue;
        }
        band.min_inclusive = band.has_min && *mi;
        band.max_inclusive = band.has_max && *ma;
        band.points = *pts;
        if (*pts < 0 || *pts > ind.max_points) {
            error("pack.scoring.points_range", bp + ".points",
                  bp + ".points harus di antara 0 dan max_points (" + num(ind.max_points, kPointDecimals) + ").",
                  bp + ".points must be between 0 and max_points (" + num(ind.max_points, kPointDecimals) + ").");
            ok = false;
            continue;
        }
        if (band.has_min && band.has_max &&
            (band.min > band.max || (band.min == band.max && !(band.min_inclusive && band.max_inclusive)))) {
            error("pack.band.empty", bp, "Pita " + band_text(band) + " kosong: batas bawah harus di bawah batas atas.",
                  "Band " + band_text(band) + " is empty: its lower end must be below its upper end.");
            ok = false;
            continue;
        }
        best = std::max(best, band.points);
        band.source_index = i;
        ind.bands.push_back(band);
    }
    if (!ok) return false;
    std::stable_sort(ind.bands.begin(), ind.bands.end(), lower_before);
    for (std::size_t i = 0; i + 1 < ind.bands.size(); ++i) {
        const Band& a = ind.bands[i];
        const Band& b = ind.bands[i + 1];
        const std::string where = sp + ".bands";
        if (!a.has_max || !b.has_min) {
            error("pack.band.overlap", where, "Pita " + band_text(a) + " dan " + band_text(b) + " tumpang tindih.",
                  "Bands " + band_text(a) + " and " + band_text(b) + " overlap.");
            return false;
        }
        if (a.max > b.min || (a.max == b.min && a.max_inclusive && b.min_inclusive)) {
            error("pack.band.overlap", where,
                  "Pita " + band_text(a) + " dan " + band_text(b) + " tumpang tindih: sebuah nilai hanya boleh masuk satu pita.",
                  "Bands " + band_text(a) + " and " + band_text(b) + " overlap: a value must fall in exactly one band.");
            return false;
        }
        if (a.max < b.min || (a.max == b.min && !a.max_inclusive && !b.min_inclusive)) {
            error("pack.band.gap", where,
                  "Ada celah antara pita " + band_text(a) + " dan " + band_text(b) + ": nilai di antaranya tidak mendapat poin. "
                  "Jadikan salah satu batas inklusif.",
                  "There is a gap between bands " + band_text(a) + " and " + band_text(b) + ": values in between get no points. "
                  "Make one of the ends inclusive.");
            return false;
        }
    }
    const Band& first = ind.bands.front();
    const Band& last = ind.bands.back();
    const bool covers_low = !first.has_min || first.min < ind.range_min || (first.min == ind.range_min && first.min_inclusive);
    const bool covers_high = !last.has_max || last.max > ind.range_max || (last.max == ind.range_max && last.max_inclusive);
    if (!covers_low || !covers_high) {
        error("pack.band.coverage", sp + ".bands",
              "Pita tidak mencakup seluruh rentang jawaban [" + format_fixed(ind.range_min, kValueDecimals, 0) + ", " +
                  format_fixed(ind.range_max, kValueDecimals, 0) + "].",
              "The bands do not cover the whole answer range [" + format_fixed(ind.range_min, kValueDecimals, 0) + ", " +
                  format_fixed(ind.range_max, kValueDecimals, 0) + "].");
        return false;
    }
    if (best != ind.max_points) {
        error("pack.scoring.unreachable_max", sp, "Tidak ada pita yang mencapai max_points; samakan max_points dengan poin tertinggi.",
              "No band reaches max_points; set max_points to the highest band's points.");
        return false;
    }
    return true;
}

// A numeric rule whose full points lie outside the plausible range (or between two whole numbers
// of a count) can never be earned: the pack would make 100 unreachable.
void PackParser::check_max_reachable(const std::string& p, const Indicator& ind) {
    if (ind.kind != AnswerKind::number && ind.kind != AnswerKind::percent && ind.kind != AnswerKind::count) return;
    Answer probe;
    probe.state = AnswerState::answered;
    probe.value = best_value(ind);
    if (answer_points(ind, probe) == ind.max_points) return;
    error("pack.scoring.unreachable_max", p + ".scoring",
          "Poin penuh indikator " + ind.id + " tidak dapat dicapai oleh jawaban mana pun di rentang wajar" +
              (ind.kind == AnswerKind::count ? " (jumlah harus bilangan bulat)" : "") + ". Sesuaikan pita/garis atau rentangnya.",
          "No answer within the plausible range" + std::string(ind.kind == AnswerKind::count ? " (counts are whole numbers)" : "") +
              " earns indicator " + ind.id + "'s full points. Adjust the bands/line or the range.");
}

}  // namespace kkpham::pack_reading
