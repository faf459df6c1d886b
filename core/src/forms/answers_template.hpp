// Generated answers files: blank forms, full-marks examples and reproducible
// random assessments (for demos, workshops, tests and benchmarks).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model/answers.hpp"
#include "model/indicator_rule.hpp"  // best_value
#include "model/pack.hpp"

namespace kkpham {

enum class TemplateFill { blank, max, random };

struct TemplateOptions {
    TemplateFill fill = TemplateFill::blank;
    std::uint64_t seed = 1;
    bool complete = false;  // random: answer every indicator (no blanks, no N/A)
    Region region{"Kabupaten Contoh", "kabupaten", "", ""};
    int data_year = 0;        // 0: the latest sensible year for the pack
    int assessment_year = 0;  // 0: data_year + 1
    std::string updated_at;
};

nlohmann::json make_answers_template(const Pack& pack, const TemplateOptions& options);

}  // namespace kkpham
