#include "answers.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "exact.hpp"
#include "json_fields.hpp"
#include "json_pull.hpp"
#include "json_text.hpp"

namespace kkpham {
namespace {

using namespace std::string_view_literals;

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


// Reads an answers file in one pass, straight into Answers, checking it against the pack.
class AnswersReader {
public:
    AnswersReader(std::string_view text, const Pack& pack, Diagnostics& d)
        : pack_(pack), diag_(d), fields_(d), pull_(text, "jawaban", "answers") {}

    void read(Answers& out);

private:
    // Typed values at the current position. A wrong type is reported (with the path) and skipped.
    std::optional<std::string> string_value(std::size_t max_length);
    std::optional<bool> boolean_value();
    std::optional<std::int64_t> whole_value(std::int64_t min, std::int64_t max);
    std::optional<std::int64_t> fixed_value(int decimals);
    bool null_next() { return pull_.peek() == JsonPull::Type::null && pull_.read_null(); }
    KKPHAM_COLD bool wrong_type(std::string_view id, std::string_view en) {
        fields_.type_error(pull_.path(), id, en);
        return pull_.skip_value();
    }
    KKPHAM_COLD void unknown_key() {
        const std::string p = pull_.path();
        diag_.warning("field.unknown", p, "Kolom " + p + " tidak dikenal dan diabaikan (salah ketik?).",
                      "Field " + p + " is not known and is ignored (a typo?).");
        pull_.skip_value();
    }
    KKPHAM_COLD void missing(const std::string& object_path, std::string_view key) {
        const std::string p = path_key(object_path, key);
        diag_.error("field.missing", p, "Kolom wajib " + p + " tidak ada.", "Required field " + p + " is missing.");
    }
    KKPHAM_COLD void error(std::string code, std::string path, std::string id, std::string en) {
        diag_.error(std::move(code), std::move(path), std::move(id), std::move(en));
    }

    void read_pack_ref(Answers& out);
    void read_region(Answers& out);
    void read_adjustments(Answers& out);
    void read_answers(Answers& out);
    void read_answer(const Indicator& ind, Answer& answer);
    void read_value(const Indicator& ind, Answer& answer);
    void read_evidence(Answer& answer);

    const Pack& pack_;
    Diagnostics& diag_;
    FieldReader fields_;
    JsonPull pull_;
    std::string key_;
};

std::optional<std::string> AnswersReader::string_value(std::size_t max_length) {
    if (pull_.peek() != JsonPull::Type::string) {
        wrong_type("teks", "a string");
        return std::nullopt;
    }
    std::string s;
    if (!pull_.read_string(s)) return std::nullopt;
    if (s.size() > max_length) {
        const std::string p = pull_.path();
        error("text.too_long", p, p + " terlalu panjang (" + std::to_string(s.size()) + " bita; paling banyak " + std::to_string(max_length) + ").",
              p + " is too long (" + std::to_string(s.size()) + " bytes; at most " + std::to_string(max_length) + ").");
        return std::nullopt;
    }
    return s;
}

std::optional<bool> AnswersReader::boolean_value() {
    if (pull_.peek() != JsonPull::Type::boolean) {
        wrong_type("true atau false", "true or false");
        return std::nullopt;
    }
    bool b = false;
    if (!pull_.read_boolean(b)) return std::nullopt;
    return b;
}

std::optional<std::int64_t> AnswersReader::fixed_value(int decimals) {
    if (pull_.peek() != JsonPull::Type::number) {
        wrong_type("angka", "a number");
        return std::nullopt;
    }
    std::string_view token;
    if (!pull_.read_number(token)) return std::nullopt;
    const FixedResult r = fixed_from_json_number(token, decimals);
    if (r.error) {
        fields_.fixed_error(*r.error, pull_.path(), decimals);
        return std::nullopt;
    }
    return r.value;
}

std::optional<std::int64_t> AnswersReader::whole_value(std::int64_t min, std::int64_t max) {
    if (pull_.peek() != JsonPull::Type::number) {
        wrong_type("bilangan bulat", "a whole number");
        return std::nullopt;
    }
    std::string_view token;
    if (!pull_.read_number(token)) return std::nullopt;
    const bool whole = token.find_first_of(".eE") == std::string_view::npos;
    const FixedResult r = fixed_from_json_number(token, 0);
    const std::string p = pull_.path();
    if (!whole) {
        fields_.type_error(p, "bilangan bulat", "a whole number");
        return std::nullopt;
    }
    if (r.error || r.value < min || r.value > max) {
        error("number.out_of_range", p, p + " harus di antara " + std::to_string(min) + " dan " + std::to_string(max) + ".",
              p + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
        return std::nullopt;
    }
    return r.value;
}

void AnswersReader::read(Answers& out) {
    out.answers.assign(pack_.indicators.size(), Answer{});
    if (pull_.peek() != JsonPull::Type::object) {
        // Not JSON at all is reported before "JSON, but not an answers file".
        if (pull_.skip_value() && pull_.finish()) {
            fields_.type_error("$", "objek berkas jawaban", "an answers file object");
        } else {
            diag_.add_error(pull_.error());
        }
        return;
    }
    pull_.enter_object();
    bool seen_format = false, seen_version = false, seen_pack = false, seen_region = false, seen_year = false, seen_answers = false;
    std::string format;
    while (pull_.next_key(key_)) {
        if (key_ == "format"sv) {
            seen_format = true;
            if (auto v = string_value(64)) format = std::move(*v);
            if (!format.empty() && format != "kkpham-answers") {
                error("answers.format", "$.format",
                      "$.format harus \"kkpham-answers\" (berkas ini \"" + format + "\"). Apakah ini paket kriteria, bukan berkas jawaban?",
                      "$.format must be \"kkpham-answers\" (this file says \"" + format + "\"). Is this a criteria pack rather than an answers file?");
                return;  // the rest would only produce noise
            }
        } else if (key_ == "format_version"sv) {
            seen_version = true;
            auto v = whole_value(1, 1000);
            if (v && *v != 1) {
                error("answers.format_version", "$.format_version",
                      "Versi format jawaban " + std::to_string(*v) + " belum didukung (yang didukung: 1).",
                      "Answers format version " + std::to_string(*v) + " is not supported (supported: 1).");
            }
        } else if (key_ == "pack"sv) {
            seen_pack = true;
            read_pack_ref(out);
        } else if (key_ == "region"sv) {
            seen_region = true;
            read_region(out);
        } else if (key_ == "data_year"sv) {
            seen_year = true;
            if (auto y = whole_value(1990, 2200)) {
                out.data_year = static_cast<int>(*y);
                if (out.data_year < pack_.data_year_from || (pack_.data_year_to != 0 && out.data_year > pack_.data_year_to)) {
                    const std::string span = std::to_string(pack_.data_year_from) + "–" +
                                             (pack_.data_year_to != 0 ? std::to_string(pack_.data_year_to) : std::string("…"));
                    error("answers.data_year", "$.data_year",
                          "Tahun data " + std::to_string(out.data_year) + " di luar masa berlaku paket (" + span + ").",
                          "Data year " + std::to_string(out.data_year) + " is outside the years the pack applies to (" + span + ").");
                }
            }
        } else if (key_ == "assessment_year"sv) {
            if (!null_next()) {
                if (auto y = whole_value(1990, 2200)) out.assessment_year = static_cast<int>(*y);
            }
        } else if (key_ == "updated_at"sv) {
            if (auto u = string_value(64)) out.updated_at = std::move(*u);
        } else if (key_ == "adjustments"sv) {
            read_adjustments(out);
        } else if (key_ == "answers"sv) {
            seen_answers = true;
            read_answers(out);
        } else if (key_ == "created_at"sv || key_ == "note"sv) {
            pull_.skip_value();
        } else {
            unknown_key();
        }
        if (pull_.failed()) break;
    }
    if (!pull_.failed()) pull_.finish();
    if (pull_.failed()) {
        diag_.add_error(pull_.error());
        return;
    }
    if (!seen_format) missing("$", "format");
    if (!seen_version) missing("$", "format_version");
    if (!seen_pack) missing("$", "pack");
    if (!seen_region) missing("$", "region");
    if (!seen_year) missing("$", "data_year");
    if (!seen_answers) missing("$", "answers");
}

void AnswersReader::read_pack_ref(Answers& out) {
    if (pull_.peek() != JsonPull::Type::object) {
        wrong_type("objek ({…})", "an object ({…})");
        return;
    }
    pull_.enter_object();
    bool seen_id = false, seen_sha = false;
    while (pull_.next_key(key_)) {
        if (key_ == "id"sv) {
            seen_id = true;
            if (auto v = string_value(64)) out.pack_id = std::move(*v);
        } else if (key_ == "version"sv) {
            if (auto v = string_value(32)) out.pack_version = std::move(*v);
        } else if (key_ == "sha256"sv) {
            seen_sha = true;
            if (auto v = string_value(64)) out.pack_sha256 = std::move(*v);
        } else {
            unknown_key();
        }
    }
    if (pull_.failed()) return;
    if (!seen_id) missing("$.pack", "id");
    if (!seen_sha) missing("$.pack", "sha256");
    if (seen_id && out.pack_id != pack_.id) {
        error("answers.pack_mismatch", "$.pack.id",
              "Jawaban ini dibuat untuk paket \"" + out.pack_id + "\", bukan paket yang dipakai (\"" + pack_.id + "\").",
              "These answers were made for pack \"" + out.pack_id + "\", not for the pack in use (\"" + pack_.id + "\").");
    } else if (seen_sha && out.pack_sha256 != pack_.sha256) {
        error("answers.pack_hash", "$.pack.sha256",
              "Sidik paket (SHA-256) pada jawaban tidak cocok dengan paket \"" + pack_.id + "\" versi " + pack_.version +
                  " yang dipakai: jawaban dibuat untuk edisi formulir yang lain. Muat paket yang sesuai atau pindahkan jawaban ke edisi ini.",
              "The pack fingerprint (SHA-256) in the answers does not match pack \"" + pack_.id + "\" version " + pack_.version +
                  " in use: the answers were made for another edition of the form. Load the matching pack or carry the answers over to this edition.");
    }
}

void AnswersReader::read_region(Answers& out) {
    if (pull_.peek() != JsonPull::Type::object) {
        wrong_type("objek ({…})", "an object ({…})");
        return;
    }
    pull_.enter_object();
    bool seen_name = false;
    while (pull_.next_key(key_)) {
        if (key_ == "name"sv) {
            seen_name = true;
            if (auto v = string_value(200)) out.region.name = std::move(*v);
        } else if (key_ == "kind"sv) {
            if (auto v = string_value(32)) {
                if (*v != "kabupaten" && *v != "kota" && !v->empty()) {
                    error("answers.region.kind", "$.region.kind", "$.region.kind harus \"kabupaten\" atau \"kota\".",
                          "$.region.kind must be \"kabupaten\" or \"kota\".");
                }
                out.region.kind = std::move(*v);
            }
        } else if (key_ == "province"sv) {
            if (auto v = string_value(200)) out.region.province = std::move(*v);
        } else if (key_ == "code"sv) {
            if (auto v = string_value(32)) out.region.code = std::move(*v);
        } else {
            unknown_key();
        }
    }
    if (!pull_.failed() && !seen_name) missing("$.region", "name");
}

void AnswersReader::read_adjustments(Answers& out) {
    if (null_next()) return;
    if (pull_.peek() != JsonPull::Type::object) {
        wrong_type("objek ({…})", "an object ({…})");
        return;
    }
    pull_.enter_object();
    while (pull_.next_key(key_)) {
        if (key_ == "aksi_ham_bonus"sv || key_ == "deduction"sv) {
            const bool bonus = key_ == "aksi_ham_bonus"sv;
            auto v = fixed_value(kPointDecimals);
            if (!v) continue;
            if (*v < 0 || *v > 100 * kPointScale) {
                const std::string p = pull_.path();
                error("answers.adjustment.range", p, p + " harus di antara 0 dan 100.", p + " must be between 0 and 100.");
                continue;
            }
            (bonus ? out.aksi_ham_bonus : out.deduction) = *v;
        } else if (key_ == "note"sv) {
            pull_.skip_value();
        } else {
            unknown_key();
        }
    }
}

void AnswersReader::read_answers(Answers& out) {
    if (pull_.peek() != JsonPull::Type::object) {
        wrong_type("objek ({…})", "an object ({…})");
        return;
    }
    pull_.enter_object();
    std::string id;
    std::vector<bool> seen(pack_.indicators.size(), false);
    while (pull_.next_key(id, false)) {
        const auto found = pack_.indicator_index.find(id);
        if (found == pack_.indicator_index.end()) {
            const std::string p = pull_.path();
            error("answers.unknown_indicator", p,
                  "Indikator \"" + id + "\" tidak ada di paket \"" + pack_.id + "\". Periksa kodenya atau paket yang dipakai.",
                  "Indicator \"" + id + "\" is not in pack \"" + pack_.id + "\". Check the id or the pack in use.");
            pull_.skip_value();
            continue;
        }
        if (seen[found->second]) {
            pull_.duplicate_key(id);
            return;
        }
        seen[found->second] = true;
        if (pull_.peek() != JsonPull::Type::object) {
            wrong_type("objek {\"value\", \"evidence\", …}", "an object {\"value\", \"evidence\", …}");
            continue;
        }
        read_answer(pack_.indicators[found->second], out.answers[found->second]);
    }
}

void AnswersReader::read_answer(const Indicator& ind, Answer& answer) {
    pull_.enter_object();
    bool na = false, has_value = false, has_num = false, has_den = false;
    std::int64_t numerator = 0, denominator = 0;
    bool bad_fraction = false;
    while (pull_.next_key(key_)) {
        if (key_ == "value"sv) {
            if (null_next()) continue;
            has_value = true;
            read_value(ind, answer);
        } else if (key_ == "na"sv) {
            if (auto v = boolean_value()) na = *v;
        } else if (key_ == "numerator"sv || key_ == "denominator"sv) {
            const bool is_num = key_ == "numerator"sv;
            if (null_next()) continue;
            auto v = fixed_value(kValueDecimals);
            if (!v) {
                bad_fraction = true;
                continue;
            }
            (is_num ? numerator : denominator) = *v;
            (is_num ? has_num : has_den) = true;
        } else if (key_ == "evidence"sv) {
            read_evidence(answer);
        } else if (key_ == "note"sv) {
            if (auto v = string_value(20000)) answer.note = std::move(*v);
        } else if (key_ == "opd"sv) {
            if (auto v = string_value(200)) {
                if (!v->empty()) {
                    answer.opd = std::move(*v);
                    answer.opd_set = true;
                }
            }
        } else {
            unknown_key();
        }
    }
    if (pull_.failed()) return;
    const auto path = [&] { return pull_.path(); };  // the answer object itself; built only for messages
    if (na) {
        if (!ind.na_allowed) {
            error("answers.na_not_allowed", path() + ".na", "Indikator " + ind.id + " tidak boleh dijawab \"tidak berlaku\"; isi nilainya.",
                  "Indicator " + ind.id + " cannot be answered \"not applicable\"; enter its value.");
            answer.state = AnswerState::unanswered;
            return;
        }
        answer.state = AnswerState::not_applicable;
        return;
    }
    if (bad_fraction) return;
    if (has_num || has_den) {
        if (ind.kind != AnswerKind::percent) {
            error("answers.fraction_kind", path(), "Pembilang/penyebut hanya untuk indikator persen.",
                  "numerator/denominator are only for percent indicators.");
            answer.state = AnswerState::unanswered;
            return;
        }
        if (!has_num || !has_den) {
            error("answers.fraction_incomplete", path(), "Isi pembilang dan penyebut sekaligus.", "Give both numerator and denominator.");
            answer.state = AnswerState::unanswered;
            return;
        }
        if (denominator <= 0 || numerator < 0) {
            error("answers.fraction_range", path(), "Penyebut harus lebih dari 0 dan pembilang tidak boleh negatif.",
                  "The denominator must be more than 0 and the numerator must not be negative.");
            answer.state = AnswerState::unanswered;
            return;
        }
        answer.has_fraction = true;
        answer.numerator = numerator;
        answer.denominator = denominator;
        if (!has_value) {
            // value = 100 × numerator / denominator, rounded half-up to 6 decimals
            std::int64_t v = 0;
            Fraction::of(static_cast<i128>(numerator) * 100, denominator).round_half_up(kValueDecimals, v);
            answer.value = v;
            answer.state = AnswerState::answered;
        }
    }
    if (answer.state == AnswerState::answered && ind.has_range && (answer.value < ind.range_min || answer.value > ind.range_max)) {
        const std::string lo = format_fixed(ind.range_min, kValueDecimals, 0);
        const std::string hi = format_fixed(ind.range_max, kValueDecimals, 0);
        const std::string v = format_fixed(answer.value, kValueDecimals, 0);
        error("answers.value.out_of_range", path() + ".value",
              "Nilai " + v + " untuk " + ind.id + " di luar rentang wajar " + lo + "–" + hi + " " + ind.unit +
                  ". Periksa salah ketik atau satuan.",
              "Value " + v + " for " + ind.id + " is outside the plausible range " + lo + "–" + hi + " " + ind.unit +
                  ". Check for a typing or unit mistake.");
        answer.state = AnswerState::unanswered;
    }
}

void AnswersReader::read_value(const Indicator& ind, Answer& answer) {
    switch (ind.kind) {
        case AnswerKind::yes_no: {
            if (pull_.peek() != JsonPull::Type::boolean) {
                wrong_type("true (ya) atau false (tidak)", "true (yes) or false (no)");
                return;
            }
            bool b = false;
            if (!pull_.read_boolean(b)) return;
            answer.yes = b;
            break;
        }
        case AnswerKind::number:
        case AnswerKind::percent:
        case AnswerKind::count: {
            if (pull_.peek() != JsonPull::Type::number) {
                wrong_type("angka (" + ind.unit + ")", "a number (" + ind.unit + ")");
                return;
            }
            auto v = fixed_value(kValueDecimals);
            if (!v) return;
            if (ind.kind == AnswerKind::count && *v % kValueScale != 0) {
                const std::string p = pull_.path();
                error("answers.value.not_whole", p, p + " harus bilangan bulat (" + ind.unit + ").",
                      p + " must be a whole number (" + ind.unit + ").");
                return;
            }
            answer.value = *v;
            break;
        }
        case AnswerKind::level: {
            if (pull_.peek() != JsonPull::Type::string) {
                wrong_type("kode tingkat (teks)", "a level id (string)");
                return;
            }
            std::string id;
            if (!pull_.read_string(id)) return;
            const auto it = std::find_if(ind.levels.begin(), ind.levels.end(), [&](const Level& l) { return l.id == id; });
            if (it == ind.levels.end()) {
                std::string ids;
                for (const Level& l : ind.levels) ids += (ids.empty() ? "" : ", ") + l.id;
                const std::string p = pull_.path();
                error("answers.value.unknown_level", p, "Tingkat \"" + id + "\" tidak ada untuk " + ind.id + " (pilihan: " + ids + ").",
                      "Level \"" + id + "\" does not exist for " + ind.id + " (choices: " + ids + ").");
                return;
            }
            answer.level = static_cast<std::size_t>(it - ind.levels.begin());
            break;
        }
    }
    answer.state = AnswerState::answered;
}

void AnswersReader::read_evidence(Answer& answer) {
    if (pull_.peek() != JsonPull::Type::array) {
        wrong_type("daftar ([…])", "a list ([…])");
        return;
    }
    pull_.enter_array();
    std::size_t count = 0;
    while (pull_.next_element()) {
        if (++count > 200) {
            const std::string p = pull_.path();
            error("answers.evidence.too_many", p, "Terlalu banyak data dukung (paling banyak 200 per indikator).",
                  "Too many evidence items (at most 200 per indicator).");
            pull_.skip_value();
            continue;
        }
        if (pull_.peek() != JsonPull::Type::object) {
            wrong_type("objek", "an object");
            continue;
        }
        pull_.enter_object();
        EvidenceItem item;
        bool has_id = false, has_status = false, valid = true;
        while (pull_.next_key(key_)) {
            if (key_ == "id"sv) {
                auto v = string_value(64);
                if (v && is_identifier(*v)) {
                    item.id = std::move(*v);
                    has_id = true;
                } else if (v) {
                    const std::string p = pull_.path();
                    error("id.invalid", p, p + " (\"" + *v + "\") bukan kode yang sah.", p + " (\"" + *v + "\") is not a valid id.");
                    valid = false;
                } else {
                    valid = false;
                }
            } else if (key_ == "status"sv) {
                auto v = string_value(16);
                if (v && (*v == "ready" || *v == "missing")) {
                    item.ready = *v == "ready";
                    has_status = true;
                } else {
                    if (v) {
                        const std::string p = pull_.path();
                        error("answers.evidence.status", p, p + " harus \"ready\" (siap) atau \"missing\" (belum ada).",
                              p + " must be \"ready\" or \"missing\".");
                    }
                    valid = false;
                }
            } else if (key_ == "reference"sv) {
                if (auto v = string_value(1000)) item.reference = std::move(*v);
            } else if (key_ == "note"sv) {
                if (auto v = string_value(4000)) item.note = std::move(*v);
            } else if (key_ == "sha256"sv) {
                if (auto v = string_value(64)) {
                    if (!v->empty() && !is_hex64(*v)) {
                        const std::string p = pull_.path();
                        error("answers.evidence.sha256", p, p + " harus 64 digit heksadesimal.", p + " must be 64 hexadecimal digits.");
                    }
                    item.sha256 = std::move(*v);
                }
            } else if (key_ == "date"sv) {
                if (auto v = string_value(10)) {
                    if (!v->empty() && !is_date(*v)) {
                        const std::string p = pull_.path();
                        error("answers.evidence.date", p, p + " harus berformat TTTT-BB-HH.", p + " must be YYYY-MM-DD.");
                    }
                    item.date = std::move(*v);
                }
            } else if (key_ == "name"sv) {
                pull_.skip_value();
            } else {
                unknown_key();
            }
        }
        if (pull_.failed()) return;
        if (!has_id) {
            missing(pull_.path(), "id");
            continue;
        }
        if (!has_status) {
            if (valid) missing(pull_.path(), "status");
            continue;
        }
        const bool duplicate = std::any_of(answer.evidence.begin(), answer.evidence.end(),
                                           [&](const EvidenceItem& e) { return e.id == item.id; });
        if (duplicate) {
            error("answers.evidence.duplicate", pull_.path() + ".id", "Data dukung \"" + item.id + "\" tercatat lebih dari sekali.",
                  "Evidence \"" + item.id + "\" is listed more than once.");
            continue;
        }
        answer.evidence.push_back(std::move(item));
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
    for_each_missing_evidence(indicator, answer, [&](const std::string& id) { out.push_back(id); });
    return out;
}

AnswersLoad load_answers_text(std::string_view text, const Pack& pack) {
    AnswersLoad load;
    if (auto problem = check_envelope(text, "jawaban", "answers", 8u * 1024u * 1024u)) {
        load.diagnostics.add_error(std::move(*problem));
        return load;
    }
    AnswersReader reader(text, pack, load.diagnostics);
    reader.read(load.answers);
    return load;
}

}  // namespace kkpham
