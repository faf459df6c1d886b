#include "answers.hpp"

#include <algorithm>
#include <set>

#include "exact.hpp"
#include "json_fields.hpp"
#include "json_text.hpp"

namespace kkpham {
namespace {

bool is_hex64(const std::string& s) {
    if (s.size() != 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

class AnswersParser {
public:
    AnswersParser(const Pack& pack, Diagnostics& d) : pack_(pack), diag_(d), read_(d) {}

    void parse(const json& root, Answers& out);

private:
    void parse_answer(const json& item, const std::string& path, const Indicator& ind, Answer& answer);
    void parse_value(const json& value, const std::string& path, const Indicator& ind, Answer& answer);
    void parse_evidence(const json& item, const std::string& path, Answer& answer);
    void error(std::string code, std::string path, std::string id, std::string en) {
        diag_.error(std::move(code), std::move(path), std::move(id), std::move(en));
    }

    const Pack& pack_;
    Diagnostics& diag_;
    FieldReader read_;
};

void AnswersParser::parse(const json& root, Answers& out) {
    if (!root.is_object()) {
        read_.type_error("$", "objek berkas jawaban", "an answers file object");
        return;
    }
    read_.unknown_keys(root, "$", {"format", "format_version", "pack", "region", "data_year", "assessment_year",
                                   "answers", "adjustments", "updated_at", "created_at", "note"});
    auto format = read_.string(root, "format", "$", Need::required);
    if (format && *format != "kkpham-answers") {
        error("answers.format", "$.format",
              "$.format harus \"kkpham-answers\" (berkas ini \"" + *format + "\"). Apakah ini paket kriteria, bukan berkas jawaban?",
              "$.format must be \"kkpham-answers\" (this file says \"" + *format + "\"). Is this a criteria pack rather than an answers file?");
        return;
    }
    auto version = read_.whole(root, "format_version", "$", Need::required, 1, 1000);
    if (version && *version != 1) {
        error("answers.format_version", "$.format_version",
              "Versi format jawaban " + std::to_string(*version) + " belum didukung (yang didukung: 1).",
              "Answers format version " + std::to_string(*version) + " is not supported (supported: 1).");
    }
    if (const json* pack = read_.object(root, "pack", "$", Need::required)) {
        read_.unknown_keys(*pack, "$.pack", {"id", "version", "sha256"});
        auto id = read_.string(*pack, "id", "$.pack", Need::required, 64);
        auto ver = read_.string(*pack, "version", "$.pack", Need::optional, 32);
        auto sha = read_.string(*pack, "sha256", "$.pack", Need::required, 64);
        if (id) out.pack_id = *id;
        if (ver) out.pack_version = *ver;
        if (sha) out.pack_sha256 = *sha;
        if (id && *id != pack_.id) {
            error("answers.pack_mismatch", "$.pack.id",
                  "Jawaban ini dibuat untuk paket \"" + *id + "\", bukan paket yang dipakai (\"" + pack_.id + "\").",
                  "These answers were made for pack \"" + *id + "\", not for the pack in use (\"" + pack_.id + "\").");
        } else if (sha && *sha != pack_.sha256) {
            error("answers.pack_hash", "$.pack.sha256",
                  "Sidik paket (SHA-256) pada jawaban tidak cocok dengan paket \"" + pack_.id + "\" versi " + pack_.version +
                      " yang dipakai: jawaban dibuat untuk edisi formulir yang lain. Muat paket yang sesuai atau pindahkan jawaban ke edisi ini.",
                  "The pack fingerprint (SHA-256) in the answers does not match pack \"" + pack_.id + "\" version " + pack_.version +
                      " in use: the answers were made for another edition of the form. Load the matching pack or carry the answers over to this edition.");
        }
    }
    if (const json* region = read_.object(root, "region", "$", Need::required)) {
        read_.unknown_keys(*region, "$.region", {"name", "kind", "province", "code"});
        if (auto v = read_.string(*region, "name", "$.region", Need::required, 200)) out.region.name = *v;
        if (auto v = read_.string(*region, "kind", "$.region", Need::optional, 32)) {
            if (*v != "kabupaten" && *v != "kota" && !v->empty()) {
                error("answers.region.kind", "$.region.kind", "$.region.kind harus \"kabupaten\" atau \"kota\".",
                      "$.region.kind must be \"kabupaten\" or \"kota\".");
            }
            out.region.kind = *v;
        }
        if (auto v = read_.string(*region, "province", "$.region", Need::optional, 200)) out.region.province = *v;
        if (auto v = read_.string(*region, "code", "$.region", Need::optional, 32)) out.region.code = *v;
    }
    if (auto y = read_.whole(root, "data_year", "$", Need::required, 1990, 2200)) {
        out.data_year = static_cast<int>(*y);
        if (out.data_year < pack_.data_year_from || (pack_.data_year_to != 0 && out.data_year > pack_.data_year_to)) {
            const std::string span = std::to_string(pack_.data_year_from) + "–" +
                                     (pack_.data_year_to != 0 ? std::to_string(pack_.data_year_to) : std::string("…"));
            error("answers.data_year", "$.data_year",
                  "Tahun data " + std::to_string(out.data_year) + " di luar masa berlaku paket (" + span + ").",
                  "Data year " + std::to_string(out.data_year) + " is outside the years the pack applies to (" + span + ").");
        }
    }
    if (auto y = read_.whole(root, "assessment_year", "$", Need::optional, 1990, 2200)) out.assessment_year = static_cast<int>(*y);
    if (auto u = read_.string(root, "updated_at", "$", Need::optional, 64)) out.updated_at = *u;
    if (const json* adj = read_.object(root, "adjustments", "$", Need::optional)) {
        read_.unknown_keys(*adj, "$.adjustments", {"aksi_ham_bonus", "deduction", "note"});
        for (const char* name : {"aksi_ham_bonus", "deduction"}) {
            auto v = read_.fixed(*adj, name, "$.adjustments", Need::optional, kPointDecimals);
            if (!v) continue;
            if (*v < 0 || *v > 100 * kPointScale) {
                const std::string p = path_key("$.adjustments", name);
                error("answers.adjustment.range", p, p + " harus di antara 0 dan 100.", p + " must be between 0 and 100.");
                continue;
            }
            (name[0] == 'a' ? out.aksi_ham_bonus : out.deduction) = *v;
        }
    }
    out.answers.assign(pack_.indicators.size(), Answer{});
    for (std::size_t i = 0; i < pack_.indicators.size(); ++i) out.answers[i].opd = pack_.indicators[i].opd;
    const json* answers = read_.object(root, "answers", "$", Need::required);
    if (answers == nullptr) return;
    for (auto it = answers->begin(); it != answers->end(); ++it) {
        const std::string p = path_key("$.answers", it.key());
        const auto found = pack_.indicator_index.find(it.key());
        if (found == pack_.indicator_index.end()) {
            error("answers.unknown_indicator", p,
                  "Indikator \"" + it.key() + "\" tidak ada di paket \"" + pack_.id + "\". Periksa kodenya atau paket yang dipakai.",
                  "Indicator \"" + it.key() + "\" is not in pack \"" + pack_.id + "\". Check the id or the pack in use.");
            continue;
        }
        if (!it.value().is_object()) {
            read_.type_error(p, "objek {\"value\", \"evidence\", …}", "an object {\"value\", \"evidence\", …}");
            continue;
        }
        parse_answer(it.value(), p, pack_.indicators[found->second], out.answers[found->second]);
    }
}

void AnswersParser::parse_answer(const json& item, const std::string& p, const Indicator& ind, Answer& answer) {
    read_.unknown_keys(item, p, {"value", "na", "numerator", "denominator", "evidence", "note", "opd"});
    if (auto note = read_.string(item, "note", p, Need::optional, 20000)) answer.note = *note;
    if (auto opd = read_.string(item, "opd", p, Need::optional, 200)) {
        if (!opd->empty()) {
            answer.opd = *opd;
            answer.opd_set = true;
        }
    }
    parse_evidence(item, p, answer);
    auto na = read_.boolean(item, "na", p, Need::optional);
    if (na && *na) {
        if (!ind.na_allowed) {
            error("answers.na_not_allowed", p + ".na",
                  "Indikator " + ind.id + " tidak boleh dijawab \"tidak berlaku\"; isi nilainya.",
                  "Indicator " + ind.id + " cannot be answered \"not applicable\"; enter its value.");
            return;
        }
        answer.state = AnswerState::not_applicable;
        return;
    }
    const json* num = read_.member(item, "numerator", p, Need::optional);
    const json* den = read_.member(item, "denominator", p, Need::optional);
    if ((num != nullptr && !num->is_null()) || (den != nullptr && !den->is_null())) {
        if (ind.kind != AnswerKind::percent) {
            error("answers.fraction_kind", p, "Pembilang/penyebut hanya untuk indikator persen.",
                  "numerator/denominator are only for percent indicators.");
            return;
        }
        if (num == nullptr || den == nullptr || num->is_null() || den->is_null()) {
            error("answers.fraction_incomplete", p, "Isi pembilang dan penyebut sekaligus.", "Give both numerator and denominator.");
            return;
        }
        auto n = read_.fixed_value(*num, p + ".numerator", kValueDecimals);
        auto d = read_.fixed_value(*den, p + ".denominator", kValueDecimals);
        if (!n || !d) return;
        if (*d <= 0 || *n < 0) {
            error("answers.fraction_range", p, "Penyebut harus lebih dari 0 dan pembilang tidak boleh negatif.",
                  "The denominator must be more than 0 and the numerator must not be negative.");
            return;
        }
        answer.has_fraction = true;
        answer.numerator = *n;
        answer.denominator = *d;
    }
    const json* value = read_.member(item, "value", p, Need::optional);
    if ((value == nullptr || value->is_null()) && answer.has_fraction) {
        // value = 100 × numerator / denominator, rounded half-up to 6 decimals
        Fraction pct = Fraction::of(static_cast<i128>(answer.numerator) * 100, answer.denominator);
        std::int64_t v = 0;
        pct.round_half_up(kValueDecimals, v);
        answer.value = v;
        answer.state = AnswerState::answered;
    } else if (value != nullptr && !value->is_null()) {
        parse_value(*value, p + ".value", ind, answer);
    } else {
        return;  // unanswered
    }
    if (answer.state == AnswerState::answered && ind.has_range &&
        (answer.value < ind.range_min || answer.value > ind.range_max)) {
        const std::string lo = format_fixed(ind.range_min, kValueDecimals, 0);
        const std::string hi = format_fixed(ind.range_max, kValueDecimals, 0);
        const std::string v = format_fixed(answer.value, kValueDecimals, 0);
        error("answers.value.out_of_range", p + ".value",
              "Nilai " + v + " untuk " + ind.id + " di luar rentang wajar " + lo + "–" + hi + " " + ind.unit +
                  ". Periksa salah ketik atau satuan.",
              "Value " + v + " for " + ind.id + " is outside the plausible range " + lo + "–" + hi + " " + ind.unit +
                  ". Check for a typing or unit mistake.");
        answer.state = AnswerState::unanswered;
    }
}

void AnswersParser::parse_value(const json& value, const std::string& p, const Indicator& ind, Answer& answer) {
    switch (ind.kind) {
        case AnswerKind::yes_no:
            if (!value.is_boolean()) {
                read_.type_error(p, "true (ya) atau false (tidak)", "true (yes) or false (no)");
                return;
            }
            answer.yes = value.get<bool>();
            break;
        case AnswerKind::number:
        case AnswerKind::percent:
        case AnswerKind::count: {
            if (!value.is_number()) {
                read_.type_error(p, "angka (" + ind.unit + ")", "a number (" + ind.unit + ")");
                return;
            }
            auto v = read_.fixed_value(value, p, kValueDecimals);
            if (!v) return;
            if (ind.kind == AnswerKind::count && *v % kValueScale != 0) {
                error("answers.value.not_whole", p, p + " harus bilangan bulat (" + ind.unit + ").",
                      p + " must be a whole number (" + ind.unit + ").");
                return;
            }
            answer.value = *v;
            break;
        }
        case AnswerKind::level: {
            if (!value.is_string()) {
                read_.type_error(p, "kode tingkat (teks)", "a level id (string)");
                return;
            }
            const auto& id = value.get_ref<const std::string&>();
            const auto it = std::find_if(ind.levels.begin(), ind.levels.end(), [&](const Level& l) { return l.id == id; });
            if (it == ind.levels.end()) {
                std::string ids;
                for (const Level& l : ind.levels) ids += (ids.empty() ? "" : ", ") + l.id;
                error("answers.value.unknown_level", p,
                      "Tingkat \"" + id + "\" tidak ada untuk " + ind.id + " (pilihan: " + ids + ").",
                      "Level \"" + id + "\" does not exist for " + ind.id + " (choices: " + ids + ").");
                return;
            }
            answer.level = static_cast<std::size_t>(it - ind.levels.begin());
            break;
        }
    }
    answer.state = AnswerState::answered;
}

void AnswersParser::parse_evidence(const json& item, const std::string& p, Answer& answer) {
    const json* list = read_.array(item, "evidence", p, Need::optional);
    if (list == nullptr) return;
    if (list->size() > 200) {
        error("answers.evidence.too_many", p + ".evidence", "Terlalu banyak data dukung (paling banyak 200 per indikator).",
              "Too many evidence items (at most 200 per indicator).");
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string ep = path_index(p + ".evidence", i);
        const json& e = (*list)[i];
        if (!e.is_object()) {
            read_.type_error(ep, "objek", "an object");
            continue;
        }
        read_.unknown_keys(e, ep, {"id", "status", "reference", "sha256", "date", "note", "name"});
        EvidenceItem item_out;
        auto id = read_.identifier(e, "id", ep, Need::required);
        auto status = read_.string(e, "status", ep, Need::required, 16);
        if (!id || !status) continue;
        if (*status != "ready" && *status != "missing") {
            error("answers.evidence.status", ep + ".status", ep + ".status harus \"ready\" (siap) atau \"missing\" (belum ada).",
                  ep + ".status must be \"ready\" or \"missing\".");
            continue;
        }
        if (!seen.insert(*id).second) {
            error("answers.evidence.duplicate", ep + ".id", "Data dukung \"" + *id + "\" tercatat lebih dari sekali.",
                  "Evidence \"" + *id + "\" is listed more than once.");
            continue;
        }
        item_out.id = *id;
        item_out.ready = *status == "ready";
        if (auto v = read_.string(e, "reference", ep, Need::optional, 1000)) item_out.reference = *v;
        if (auto v = read_.string(e, "note", ep, Need::optional, 4000)) item_out.note = *v;
        if (auto v = read_.string(e, "sha256", ep, Need::optional, 64)) {
            if (!v->empty() && !is_hex64(*v)) {
                error("answers.evidence.sha256", ep + ".sha256", ep + ".sha256 harus 64 digit heksadesimal.",
                      ep + ".sha256 must be 64 hexadecimal digits.");
            }
            item_out.sha256 = *v;
        }
        if (auto v = read_.string(e, "date", ep, Need::optional, 10)) {
            if (!v->empty() && !is_date(*v)) {
                error("answers.evidence.date", ep + ".date", ep + ".date harus berformat TTTT-BB-HH.",
                      ep + ".date must be YYYY-MM-DD.");
            }
            item_out.date = *v;
        }
        answer.evidence.push_back(std::move(item_out));
    }
}

}  // namespace

bool evidence_complete(const Indicator& indicator, const Answer& answer) {
    for (const EvidenceRequirement& req : indicator.evidence) {
        if (!req.required) continue;
        const auto it = std::find_if(answer.evidence.begin(), answer.evidence.end(),
                                     [&](const EvidenceItem& e) { return e.id == req.id; });
        if (it == answer.evidence.end() || !it->ready) return false;
    }
    return true;
}

std::vector<std::string> evidence_missing(const Indicator& indicator, const Answer& answer) {
    std::vector<std::string> out;
    for (const EvidenceRequirement& req : indicator.evidence) {
        if (!req.required) continue;
        const auto it = std::find_if(answer.evidence.begin(), answer.evidence.end(),
                                     [&](const EvidenceItem& e) { return e.id == req.id; });
        if (it == answer.evidence.end() || !it->ready) out.push_back(req.id);
    }
    return out;
}

AnswersLoad load_answers_text(std::string_view text, const Pack& pack) {
    AnswersLoad load;
    JsonLimits limits;
    limits.max_bytes = 8u * 1024u * 1024u;
    ParsedJson parsed = parse_json_text(text, "jawaban", "answers", limits);
    if (!parsed.ok) {
        load.diagnostics.add_error(parsed.error);
        return load;
    }
    AnswersParser parser(pack, load.diagnostics);
    parser.parse(parsed.value, load.answers);
    return load;
}

}  // namespace kkpham
