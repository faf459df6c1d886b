#include "model/answers.hpp"

#include <algorithm>
#include <utility>

#include "json/json_text.hpp"
#include "model/answers_reader.hpp"

namespace kkpham {

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
    answers_reading::AnswersReader reader(text, pack, load.diagnostics);
    reader.read(load.answers);
    if (load.diagnostics.ok()) resolve_answer_offices(pack, load.answers, load.diagnostics);
    return load;
}

}  // namespace kkpham
