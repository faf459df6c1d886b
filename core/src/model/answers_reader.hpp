// The answers file reader shared by model/answers_document.cpp (the file's top level: pack
// reference, region, years, adjustments) and model/answers_entry.cpp (one answer: its value,
// evidence and note). Internal to model/: load_answers_text() (model/answers.hpp) is its only user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json/diagnostic.hpp"
#include "json/json_pull.hpp"
#include "json/json_text.hpp"
#include "model/answers.hpp"
#include "model/json_fields.hpp"
#include "model/pack.hpp"
#include "util/attributes.hpp"

namespace kkpham::answers_reading {

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
    std::string_view key_;  // the key just read (JsonPull::next_key: valid until the next one)
};

}  // namespace kkpham::answers_reading
