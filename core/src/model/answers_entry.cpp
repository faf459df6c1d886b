// Reading one answer: its state, value (checked against the indicator's kind and range),
// evidence items and note; and the typed value readers every part of the answers reader uses.
#include "model/answers_reader.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "model/indicator_rule.hpp"
#include "util/exact.hpp"
#include "util/number_text.hpp"

namespace kkpham::answers_reading {

using namespace std::string_view_literals;

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

}  // namespace

std::optional<std::string> AnswersReader::string_value(std::size_t max_length) {
    if (pull_.peek() != JsonPull::Type::string) {
        wrong_type("teks", "a string");
        return std::nullopt;
    }
    std::string s;
    if (!pull_.read_string(s)) return std::nullopt;
    if (s.size() > max_length) {
        const std::string p = pull_.path();
        error("text.too_long", p, p + " terlalu panjang (" + number_id(s.size()) + " bita; paling banyak " + number_id(max_length) + ").",
              p + " is too long (" + number_en(s.size()) + " bytes; at most " + number_en(max_length) + ").");
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
            answer.evidence.reserve(ind.evidence.size());  // one allocation for the usual list
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
        // The exact fraction is scored (model/indicator_rule.hpp); `value` is its 6-decimal rounding,
        // shown in results. A `value` given as well must agree: equal to the fraction rounded half-up
        // to as many decimals as the value shows (33.33 with 1/3 agrees, 50 with 1/3 does not).
        const Fraction exact = Fraction::of(static_cast<i128>(numerator) * 100, denominator);
        std::int64_t rounded = 0;
        exact.round_half_up(kValueDecimals, rounded);
        if (has_value && answer.state == AnswerState::answered) {
            int shown = kValueDecimals;
            std::int64_t step = 1;
            while (shown > 0 && answer.value % (step * 10) == 0) {
                step *= 10;
                --shown;
            }
            std::int64_t at_shown = 0;
            exact.round_half_up(shown, at_shown);
            if (at_shown * step != answer.value) {
                const std::string v = format_fixed(answer.value, kValueDecimals, 0);
                const std::string f = format_fixed(rounded, kValueDecimals, 0);
                error("answers.fraction_mismatch", path() + ".value",
                      "Nilai " + v + " untuk " + ind.id + " tidak sama dengan pembilang/penyebutnya (" + f +
                          " %). Hapus salah satu, atau perbaiki yang salah.",
                      "The value " + v + " for " + ind.id + " does not match its numerator/denominator (" + f +
                          " %). Remove one of them, or correct the wrong one.");
                answer.state = AnswerState::unanswered;
                return;
            }
        }
        answer.has_fraction = true;
        answer.numerator = numerator;
        answer.denominator = denominator;
        answer.value = rounded;
        answer.state = AnswerState::answered;
    }
    if (answer.state == AnswerState::answered && ind.has_range &&
        (value_compare(answer, ind.range_min) < 0 || value_compare(answer, ind.range_max) > 0)) {
        const std::string lo = format_fixed(ind.range_min, kValueDecimals, 0);
        const std::string hi = format_fixed(ind.range_max, kValueDecimals, 0);
        const std::string v = format_fixed(answer.value, kValueDecimals, 0);
        error("answers.value.out_of_range", path() + ".value",
              "Nilai " + v + " untuk " + ind.id + " di luar rentang wajar " + lo + "–" + hi + " " + ind.unit +
                  ". Periksa salah ketik atau satuan.",
              "Value " + v + " for " + ind.id + " is outside the plausible range " + lo + "–" + hi + " " + ind.unit +
                  ". Check for a typing or unit mistake.");
        answer.state = AnswerState::unanswered;
        answer.has_fraction = false;
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
            } else if (key_ == "name"sv || key_ == "size"sv || key_ == "modified"sv) {
                pull_.skip_value();  // the attached file's size and time: recorded by the app, never scored
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

}  // namespace kkpham::answers_reading
