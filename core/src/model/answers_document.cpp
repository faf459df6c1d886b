// Reading an answers file's top level: format, the pack it answers, region, years, adjustments,
// and the list of answers (each read by model/answers_entry.cpp).
#include "model/answers_reader.hpp"

#include <algorithm>
#include <utility>

#include "util/exact.hpp"

namespace kkpham::answers_reading {

using namespace std::string_view_literals;

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
        } else if (key_ == "coordination"sv || key_ == "scope"sv || key_ == "created_at"sv || key_ == "note"sv ||
                   key_ == "signatures"sv) {
            // Kept, never scored. "coordination" and "scope" are the offices' work (core/src/offices/,
            // docs/answers-format.md "Offices"): a master's provenance and conflicts, an office package's
            // scope, read by split and merge. "signatures" is the report's signature block.
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
    std::string_view key;
    std::string id;
    std::vector<bool> seen(pack_.indicators.size(), false);
    while (pull_.next_key(key, false)) {
        id.assign(key);
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

}  // namespace kkpham::answers_reading
