// Reading a criteria pack: the header, groups, rights and indicators (answer kind, evidence,
// legal basis). Each indicator's scoring rule is read in model/pack_rules.cpp, the aggregation
// in model/pack_aggregation.cpp.
#include "model/pack_parser.hpp"

#include <algorithm>
#include <set>

#include "json/json_text.hpp"
#include "model/pack_gate.hpp"

namespace kkpham::pack_reading {

void PackParser::parse(const json& root, Pack& pack) {
    if (!root.is_object()) {
        read_.type_error("$", "objek paket kriteria", "a criteria pack object");
        return;
    }
    read_.unknown_keys(root, "$",
                       {"format", "format_version", "id", "version", "title", "regulation", "status", "notice",
                        "data_years", "groups", "offices", "rights", "indicators", "aggregation", "gate", "description"});
    parse_header(root, pack);
    parse_groups(root, pack);
    parse_offices(root, pack);
    parse_rights(root, pack);
    parse_indicators(root, pack);
    parse_aggregation(root, pack);
    read_gate_rules(root, &diag_);  // model/pack_gate.cpp
    // Once every office is known: what an answer repeating an indicator's `opd` names.
    for (Indicator& ind : pack.indicators) {
        OfficeText read = read_office_text(pack, ind.opd);
        if (read.unknown.empty()) ind.opd_offices = std::move(read.offices);
    }
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
        read_.unknown_keys(r, p, {"id", "group", "name", "opd", "offices", "description"});
        auto id = read_.identifier(r, "id", p, Need::required);
        auto group = read_.string(r, "group", p, Need::required, 64);
        auto name = read_.text(r, "name", p, Need::required);
        if (!id || !group || !name) continue;
        if (!seen.insert(*id).second) {
            error("pack.right.duplicate", p + ".id", "Kode hak \"" + *id + "\" dipakai lebih dari sekali.",
                  "Right id \"" + *id + "\" is used more than once.");
            continue;
        }
        Right right;
        right.id = *id;
        right.name = *name;
        parse_office_refs(r, p, "Hak \"" + *id + "\"", pack, right.offices);
        right.opd = office_names(pack, right.offices);
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

bool PackParser::parse_indicator(const json& item, const std::string& p, Pack& pack, Indicator& ind) {
    read_.unknown_keys(item, p, {"id", "right", "type", "text", "help", "answer", "scoring", "evidence", "opd", "offices",
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
    parse_office_refs(item, p, "Indikator " + ind.id, pack, ind.offices);
    if (ind.offices.empty() && ind.right < pack.rights.size()) ind.offices = pack.rights[ind.right].offices;
    if (ind.offices.empty() && pack.offices_declared && diag_.errors().size() == errors_before) {
        error("pack.indicator.no_office", p + ".offices",
              "Indikator " + ind.id + " belum menyebut OPD penanggung jawab: isi \"offices\" (kode dari $.offices) pada indikator atau haknya.",
              "Indicator " + ind.id + " names no responsible office: fill in \"offices\" (ids from $.offices) on the indicator or its right.");
    }
    ind.opd = office_names(pack, ind.offices);
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
        read_.unknown_keys(e, ep, {"id", "document", "signer", "required", "kind", "note"});
        auto id = read_.identifier(e, "id", ep, Need::required);
        auto doc = read_.text(e, "document", ep, Need::required);
        auto signer = read_.text(e, "signer", ep, Need::required);
        auto required = read_.boolean(e, "required", ep, Need::optional);
        EvidenceKind kind = EvidenceKind::report;
        if (auto k = read_.string(e, "kind", ep, Need::optional, 32)) {
            const auto name = std::find(kEvidenceKindNames.begin(), kEvidenceKindNames.end(), *k);
            if (name == kEvidenceKindNames.end()) {
                error("pack.evidence.kind", ep + ".kind",
                      ep + ".kind harus \"regulation\" (peraturan/keputusan yang berlaku), \"agreement\" (perjanjian/sertifikat yang berlaku) atau \"report\" (data/laporan tahun data); tertulis \"" + *k + "\".",
                      ep + ".kind must be \"regulation\", \"agreement\" or \"report\" (found \"" + *k + "\").");
                continue;
            }
            kind = static_cast<EvidenceKind>(name - kEvidenceKindNames.begin());
        }
        if (!id || !doc || !signer) continue;
        if (!seen.insert(*id).second) {
            error("pack.evidence.duplicate", ep + ".id", "Kode data dukung \"" + *id + "\" dipakai lebih dari sekali pada indikator ini.",
                  "Evidence id \"" + *id + "\" is used more than once in this indicator.");
            continue;
        }
        ind.evidence.push_back(EvidenceRequirement{*id, *doc, *signer, required.value_or(true), kind});
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

}  // namespace kkpham::pack_reading
