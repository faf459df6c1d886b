#include "pack.hpp"

#include <algorithm>
#include <set>

#include "answers.hpp"
#include "answers_template.hpp"
#include "exact.hpp"
#include "scoring.hpp"
#include "json_fields.hpp"
#include "json_text.hpp"
#include "sha256.hpp"

namespace kkpham {

std::string_view answer_kind_name(AnswerKind k) {
    switch (k) {
        case AnswerKind::yes_no: return "yes_no";
        case AnswerKind::number: return "number";
        case AnswerKind::percent: return "percent";
        case AnswerKind::count: return "count";
        case AnswerKind::level: return "level";
    }
    return "";
}

std::string_view rule_name(Rule r) {
    switch (r) {
        case Rule::binary: return "binary";
        case Rule::levels: return "levels";
        case Rule::bands: return "bands";
        case Rule::linear: return "linear";
    }
    return "";
}

const Indicator* Pack::find_indicator(std::string_view id) const {
    const auto it = indicator_index.find(std::string(id));
    return it == indicator_index.end() ? nullptr : &indicators[it->second];
}

std::string canonical_json(const nlohmann::json& document) { return document.dump(); }

namespace {

std::string num(std::int64_t fixed, int decimals) { return format_fixed(fixed, decimals, 0); }

class PackParser {
public:
    explicit PackParser(Diagnostics& d) : diag_(d), read_(d) {}

    void parse(const json& root, Pack& pack);

private:
    void parse_header(const json& root, Pack& pack);
    void parse_groups(const json& root, Pack& pack);
    void parse_rights(const json& root, Pack& pack);
    void parse_indicators(const json& root, Pack& pack);
    bool parse_indicator(const json& item, const std::string& path, const Pack& pack, Indicator& ind);
    bool parse_answer(const json& item, const std::string& path, Indicator& ind);
    bool parse_scoring(const json& item, const std::string& path, Indicator& ind);
    bool parse_bands(const json& scoring, const std::string& sp, Indicator& ind);
    void parse_evidence(const json& item, const std::string& path, Indicator& ind);
    void parse_legal_basis(const json& item, const std::string& path, Indicator& ind);
    void parse_aggregation(const json& root, Pack& pack);
    void check_max_reachable(const std::string& path, const Indicator& ind);
    void check_basis(const json& param, const std::string& path);

    void error(std::string code, std::string path, std::string id, std::string en) {
        diag_.error(std::move(code), std::move(path), std::move(id), std::move(en));
    }

    Diagnostics& diag_;
    FieldReader read_;
};

void PackParser::parse(const json& root, Pack& pack) {
    if (!root.is_object()) {
        read_.type_error("$", "objek paket kriteria", "a criteria pack object");
        return;
    }
    read_.unknown_keys(root, "$",
                       {"format", "format_version", "id", "version", "title", "regulation", "status", "notice",
                        "data_years", "groups", "rights", "indicators", "aggregation", "description"});
    parse_header(root, pack);
    parse_groups(root, pack);
    parse_rights(root, pack);
    parse_indicators(root, pack);
    parse_aggregation(root, pack);
}

void PackParser::parse_header(const json& root, Pack& pack) {
    auto format = read_.string(root, "format", "$", Need::required);
    if (format && *format != "kkpham-pack") {
        error("pack.format", "$.format",
              "$.format harus \"kkpham-pack\" (berkas ini \"" + *format + "\"). Apakah ini berkas jawaban, bukan paket kriteria?",
              "$.format must be \"kkpham-pack\" (this file says \"" + *format + "\"). Is this an answers file rather than a criteria pack?");
    }
    auto version = read_.whole(root, "format_version", "$", Need::required, 1, 1000);
    if (version && *version != 1) {
        error("pack.format_version", "$.format_version",
              "Versi format paket " + std::to_string(*version) + " belum didukung (yang didukung: 1). Perbarui kkpham.",
              "Pack format version " + std::to_string(*version) + " is not supported (supported: 1). Update kkpham.");
    }
    if (auto id = read_.string(root, "id", "$", Need::required, 64)) {
        bool ok = !id->empty() && id->size() <= 64;
        for (std::size_t i = 0; ok && i < id->size(); ++i) {
            const char c = (*id)[i];
            const bool lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            ok = i == 0 ? lower : (lower || c == '.' || c == '_' || c == '-');
        }
        if (!ok) {
            error("pack.id", "$.id", "$.id harus huruf kecil, angka, '.', '_' atau '-', diawali huruf/angka.",
                  "$.id must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
        } else {
            pack.id = *id;
        }
    }
    if (auto v = read_.string(root, "version", "$", Need::required, 32)) {
        if (v->empty()) error("pack.version", "$.version", "$.version tidak boleh kosong.", "$.version must not be empty.");
        pack.version = *v;
    }
    if (auto t = read_.text(root, "title", "$", Need::required)) pack.title = *t;
    if (auto r = read_.string(root, "regulation", "$", Need::required, 200)) pack.regulation = *r;
    if (auto s = read_.string(root, "status", "$", Need::required, 32)) {
        if (*s != "reference" && *s != "official") {
            error("pack.status", "$.status", "$.status harus \"reference\" (rujukan) atau \"official\" (resmi).",
                  "$.status must be \"reference\" or \"official\".");
        }
        pack.status = *s;
    }
    const Need notice_need = pack.status == "reference" ? Need::required : Need::optional;
    if (auto n = read_.text(root, "notice", "$", notice_need)) pack.notice = *n;
    if (const json* years = read_.object(root, "data_years", "$", Need::required)) {
        read_.unknown_keys(*years, "$.data_years", {"from", "to"});
        auto from = read_.whole(*years, "from", "$.data_years", Need::required, 1990, 2200);
        if (from) pack.data_year_from = static_cast<int>(*from);
        const json* to = read_.member(*years, "to", "$.data_years", Need::optional);
        if (to != nullptr && !to->is_null()) {
            auto t = read_.whole(*years, "to", "$.data_years", Need::required, 1990, 2200);
            if (t) {
                pack.data_year_to = static_cast<int>(*t);
                if (from && *t < *from) {
                    error("pack.data_years", "$.data_years.to", "$.data_years.to tidak boleh lebih kecil dari $.data_years.from.",
                          "$.data_years.to must not be smaller than $.data_years.from.");
                }
            }
        }
    }
}

void PackParser::parse_groups(const json& root, Pack& pack) {
    const json* groups = read_.array(root, "groups", "$", Need::required);
    if (groups == nullptr) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < groups->size(); ++i) {
        const std::string p = path_index("$.groups", i);
        const json& g = (*groups)[i];
        if (!g.is_object()) {
            read_.type_error(p, "objek", "an object");
            continue;
        }
        read_.unknown_keys(g, p, {"id", "name"});
        Group group;
        auto id = read_.identifier(g, "id", p, Need::required);
        auto name = read_.text(g, "name", p, Need::required);
        if (!id || !name) continue;
        if (!seen.insert(*id).second) {
            error("pack.group.duplicate", p + ".id", "Kode kelompok \"" + *id + "\" dipakai lebih dari sekali.",
                  "Group id \"" + *id + "\" is used more than once.");
            continue;
        }
        group.id = *id;
        group.name = *name;
        pack.groups.push_back(std::move(group));
    }
    if (groups->empty()) error("pack.groups.empty", "$.groups", "$.groups tidak boleh kosong.", "$.groups must not be empty.");
}

void PackParser::parse_rights(const json& root, Pack& pack) {
    const json* rights = read_.array(root, "rights", "$", Need::required);
    if (rights == nullptr) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < rights->size(); ++i) {
        const std::string p = path_index("$.rights", i);
        const json& r = (*rights)[i];
        if (!r.is_object()) {
            read_.type_error(p, "objek", "an object");
            continue;
        }
        read_.unknown_keys(r, p, {"id", "group", "name", "opd", "description"});
        auto id = read_.identifier(r, "id", p, Need::required);
        auto group = read_.string(r, "group", p, Need::required, 64);
        auto name = read_.text(r, "name", p, Need::required);
        auto opd = read_.string(r, "opd", p, Need::optional, 200);
        if (!id || !group || !name) continue;
        if (!seen.insert(*id).second) {
            error("pack.right.duplicate", p + ".id", "Kode hak \"" + *id + "\" dipakai lebih dari sekali.",
                  "Right id \"" + *id + "\" is used more than once.");
            continue;
        }
        Right right;
        right.id = *id;
        right.name = *name;
        if (opd) right.opd = *opd;
        const auto g = std::find_if(pack.groups.begin(), pack.groups.end(), [&](const Group& x) { return x.id == *group; });
        if (g == pack.groups.end()) {
            error("pack.right.group", p + ".group",
                  "Hak \"" + *id + "\" merujuk kelompok \"" + *group + "\" yang tidak ada di $.groups.",
                  "Right \"" + *id + "\" refers to group \"" + *group + "\", which is not in $.groups.");
            continue;
        }
        right.group = static_cast<std::size_t>(g - pack.groups.begin());
        right.weight = kPointScale;
        pack.rights.push_back(std::move(right));
    }
    if (rights->empty()) error("pack.rights.empty", "$.rights", "$.rights tidak boleh kosong.", "$.rights must not be empty.");
}

void PackParser::parse_indicators(const json& root, Pack& pack) {
    const json* list = read_.array(root, "indicators", "$", Need::required);
    if (list == nullptr) return;
    if (list->size() > 5000) {
        error("pack.indicators.too_many", "$.indicators", "Paket memuat lebih dari 5.000 indikator.",
              "The pack has more than 5,000 indicators.");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string p = path_index("$.indicators", i);
        const json& item = (*list)[i];
        if (!item.is_object()) {
            read_.type_error(p, "objek", "an object");
            continue;
        }
        Indicator ind;
        if (!parse_indicator(item, p, pack, ind)) continue;
        if (pack.indicator_index.count(ind.id) != 0) {
            error("pack.indicator.duplicate", p + ".id", "Kode indikator \"" + ind.id + "\" dipakai lebih dari sekali.",
                  "Indicator id \"" + ind.id + "\" is used more than once.");
            continue;
        }
        pack.indicator_index.emplace(ind.id, pack.indicators.size());
        pack.indicators.push_back(std::move(ind));
    }
    if (list->empty()) {
        error("pack.indicators.empty", "$.indicators", "$.indicators tidak boleh kosong.", "$.indicators must not be empty.");
    }
    for (std::size_t r = 0; r < pack.rights.size(); ++r) {
        const bool used = std::any_of(pack.indicators.begin(), pack.indicators.end(),
                                      [&](const Indicator& x) { return x.right == r; });
        if (!used && diag_.ok()) {
            error("pack.right.no_indicators", path_index("$.rights", r),
                  "Hak \"" + pack.rights[r].id + "\" tidak memiliki indikator; nilainya tidak dapat dihitung.",
                  "Right \"" + pack.rights[r].id + "\" has no indicators, so it cannot be scored.");
        }
    }
}

bool PackParser::parse_indicator(const json& item, const std::string& p, const Pack& pack, Indicator& ind) {
    read_.unknown_keys(item, p, {"id", "right", "type", "text", "help", "answer", "scoring", "evidence", "opd",
                                 "legal_basis", "source_ref", "shared_with"});
    const std::size_t errors_before = diag_.errors().size();
    auto id = read_.identifier(item, "id", p, Need::required);
    if (id) ind.id = *id;
    if (auto right = read_.string(item, "right", p, Need::required, 64)) {
        const auto r = std::find_if(pack.rights.begin(), pack.rights.end(), [&](const Right& x) { return x.id == *right; });
        if (r == pack.rights.end()) {
            error("pack.indicator.right", p + ".right",
                  "Indikator " + ind.id + " merujuk hak \"" + *right + "\" yang tidak ada di $.rights.",
                  "Indicator " + ind.id + " refers to right \"" + *right + "\", which is not in $.rights.");
        } else {
            ind.right = static_cast<std::size_t>(r - pack.rights.begin());
        }
    }
    if (auto type = read_.string(item, "type", p, Need::required, 32)) {
        const auto t = std::find(kTypeNames.begin(), kTypeNames.end(), *type);
        if (t == kTypeNames.end()) {
            error("pack.indicator.type", p + ".type",
                  p + ".type harus \"struktur\", \"proses\" atau \"hasil\" (tertulis \"" + *type + "\").",
                  p + ".type must be \"struktur\", \"proses\" or \"hasil\" (found \"" + *type + "\").");
        } else {
            ind.type = static_cast<IndicatorType>(t - kTypeNames.begin());
        }
    }
    if (auto t = read_.text(item, "text", p, Need::required)) ind.text = *t;
    if (auto h = read_.text(item, "help", p, Need::optional)) ind.help = *h;
    if (auto o = read_.string(item, "opd", p, Need::optional, 200)) ind.opd = *o;
    if (ind.opd.empty() && ind.right < pack.rights.size()) ind.opd = pack.rights[ind.right].opd;
    const bool answer_ok = parse_answer(item, p, ind);
    if (answer_ok && parse_scoring(item, p, ind)) check_max_reachable(p, ind);
    parse_evidence(item, p, ind);
    parse_legal_basis(item, p, ind);
    return diag_.errors().size() == errors_before && id.has_value();
}

bool PackParser::parse_answer(const json& item, const std::string& p, Indicator& ind) {
    const json* answer = read_.object(item, "answer", p, Need::required);
    if (answer == nullptr) return false;
    const std::string ap = p + ".answer";
    read_.unknown_keys(*answer, ap, {"kind", "unit", "range", "levels", "na_allowed", "na_label", "denominator_hint"});
    auto kind = read_.string(*answer, "kind", ap, Need::required, 32);
    if (!kind) return false;
    if (*kind == "yes_no") ind.kind = AnswerKind::yes_no;
    else if (*kind == "number") ind.kind = AnswerKind::number;
    else if (*kind == "percent") ind.kind = AnswerKind::percent;
    else if (*kind == "count") ind.kind = AnswerKind::count;
    else if (*kind == "level") ind.kind = AnswerKind::level;
    else {
        error("pack.answer.kind", ap + ".kind",
              ap + ".kind harus salah satu dari yes_no, number, percent, count, level (tertulis \"" + *kind + "\").",
              ap + ".kind must be one of yes_no, number, percent, count, level (found \"" + *kind + "\").");
        return false;
    }
    if (auto na = read_.boolean(*answer, "na_allowed", ap, Need::optional)) ind.na_allowed = *na;
    const bool numeric = ind.kind == AnswerKind::number || ind.kind == AnswerKind::percent || ind.kind == AnswerKind::count;
    auto unit = read_.string(*answer, "unit", ap, numeric ? Need::required : Need::optional, 100);
    if (unit) {
        ind.unit = *unit;
        if (numeric && unit->empty()) {
            error("pack.answer.unit", ap + ".unit",
                  "Indikator " + ind.id + " berupa angka, jadi satuannya (" + ap + ".unit) wajib diisi, mis. \"persen\" atau \"desa/kelurahan\".",
                  "Indicator " + ind.id + " is numeric, so its unit (" + ap + ".unit) is required, e.g. \"persen\" or \"desa/kelurahan\".");
        }
    }
    if (numeric) {
        const json* range = read_.object(*answer, "range", ap,
                                         ind.kind == AnswerKind::percent ? Need::optional : Need::required);
        if (range != nullptr) {
            const std::string rp = ap + ".range";
            read_.unknown_keys(*range, rp, {"min", "max"});
            auto mn = read_.fixed(*range, "min", rp, Need::required, kValueDecimals);
            auto mx = read_.fixed(*range, "max", rp, Need::required, kValueDecimals);
            if (!mn || !mx) return false;
            if (*mn >= *mx) {
                error("pack.answer.range", rp, rp + ".min harus lebih kecil dari " + rp + ".max.",
                      rp + ".min must be smaller than " + rp + ".max.");
                return false;
            }
            if (ind.kind == AnswerKind::count && (*mn < 0 || *mn % kValueScale != 0 || *mx % kValueScale != 0)) {
                error("pack.answer.range", rp, "Rentang jumlah (count) harus bilangan bulat ≥ 0.",
                      "A count range must be whole numbers ≥ 0.");
                return false;
            }
            ind.has_range = true;
            ind.range_min = *mn;
            ind.range_max = *mx;
        } else if (ind.kind == AnswerKind::percent) {
            ind.has_range = true;
            ind.range_min = 0;
            ind.range_max = 100 * kValueScale;
        } else {
            return false;
        }
    }
    if (ind.kind == AnswerKind::level) {
        const json* levels = read_.array(*answer, "levels", ap, Need::required);
        if (levels == nullptr) return false;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < levels->size(); ++i) {
            const std::string lp = path_index(ap + ".levels", i);
            const json& l = (*levels)[i];
            if (!l.is_object()) {
                read_.type_error(lp, "objek {\"id\", \"label\"}", "an object {\"id\", \"label\"}");
                return false;
            }
            read_.unknown_keys(l, lp, {"id", "label"});
            auto id = read_.identifier(l, "id", lp, Need::required);
            auto label = read_.text(l, "label", lp, Need::required);
            if (!id || !label) return false;
            if (!seen.insert(*id).second) {
                error("pack.level.duplicate", lp + ".id", "Kode tingkat \"" + *id + "\" dipakai lebih dari sekali.",
                      "Level id \"" + *id + "\" is used more than once.");
                return false;
            }
            ind.levels.push_back(Level{*id, *label, 0});
        }
        if (ind.levels.size() < 2) {
            error("pack.levels.too_few", ap + ".levels", "Jawaban bertingkat memerlukan paling sedikit 2 tingkat.",
                  "A level answer needs at least 2 levels.");
            return false;
        }
    }
    return true;
}

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

void PackParser::parse_evidence(const json& item, const std::string& p, Indicator& ind) {
    const json* list = read_.array(item, "evidence", p, Need::optional);
    if (list == nullptr) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string ep = path_index(p + ".evidence", i);
        const json& e = (*list)[i];
        if (!e.is_object()) {
            read_.type_error(ep, "objek", "an object");
            continue;
        }
        read_.unknown_keys(e, ep, {"id", "document", "signer", "required", "note"});
        auto id = read_.identifier(e, "id", ep, Need::required);
        auto doc = read_.text(e, "document", ep, Need::required);
        auto signer = read_.text(e, "signer", ep, Need::required);
        auto required = read_.boolean(e, "required", ep, Need::optional);
        if (!id || !doc || !signer) continue;
        if (!seen.insert(*id).second) {
            error("pack.evidence.duplicate", ep + ".id", "Kode data dukung \"" + *id + "\" dipakai lebih dari sekali pada indikator ini.",
                  "Evidence id \"" + *id + "\" is used more than once in this indicator.");
            continue;
        }
        ind.evidence.push_back(EvidenceRequirement{*id, *doc, *signer, required.value_or(true)});
    }
}

void PackParser::parse_legal_basis(const json& item, const std::string& p, Indicator& ind) {
    const json* list = read_.array(item, "legal_basis", p, Need::required);
    if (list == nullptr) return;
    if (list->empty()) {
        error("pack.legal_basis.empty", p + ".legal_basis", "Setiap indikator memerlukan paling sedikit satu dasar hukum.",
              "Every indicator needs at least one legal basis.");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string lp = path_index(p + ".legal_basis", i);
        const json& l = (*list)[i];
        if (!l.is_object()) {
            read_.type_error(lp, "objek {\"citation\", \"verified\"}", "an object {\"citation\", \"verified\"}");
            continue;
        }
        read_.unknown_keys(l, lp, {"citation", "verified", "note", "url"});
        auto citation = read_.string(l, "citation", lp, Need::required, 500);
        auto verified = read_.boolean(l, "verified", lp, Need::required);
        auto note = read_.string(l, "note", lp, Need::optional, 2000);
        if (!citation || !verified) continue;
        ind.legal_basis.push_back(LegalBasis{*citation, *verified, note.value_or("")});
    }
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

}  // namespace

PackLoad load_pack_document(nlohmann::json document) {
    PackLoad load;
    auto pack = std::make_shared<Pack>();
    PackParser parser(load.diagnostics);
    parser.parse(document, *pack);
    if (!load.diagnostics.ok()) return load;
    pack->document = std::move(document);
    pack->sha256 = sha256_hex(canonical_json(pack->document));
    load.pack = std::move(pack);
    return load;
}

PackLoad load_pack_text(std::string_view text) {
    ParsedJson parsed = parse_json_text(text, "paket kriteria", "criteria pack");
    if (!parsed.ok) {
        PackLoad load;
        load.diagnostics.add_error(parsed.error);
        return load;
    }
    return load_pack_document(std::move(parsed.value));
}

}  // namespace kkpham
