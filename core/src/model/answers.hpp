// One regency's answers to a criteria pack (see docs/answers-format.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.hpp"
#include "model/pack.hpp"

namespace kkpham {

struct EvidenceItem {
    std::string id;
    bool ready = false;
    std::string reference, sha256, date, note;
};

enum class AnswerState { unanswered, answered, not_applicable };

struct Answer {
    AnswerState state = AnswerState::unanswered;
    bool yes = false;                 // yes_no
    std::int64_t value = 0;           // numeric answers, millionths
    std::size_t level = 0;            // level answers: index into Indicator::levels
    bool has_fraction = false;        // percent given as numerator/denominator
    std::int64_t numerator = 0, denominator = 0;  // millionths
    std::vector<EvidenceItem> evidence;
    std::string note;
    std::string opd;       // set only when the answer overrides the pack's office: the offices' short names
    bool opd_set = false;
    // The pack offices the answer assigns the indicator to (from `opd`: ids or names). Empty with
    // opd_set: a name that is not one of the pack's offices (accepted only by a pack without a list).
    std::vector<std::size_t> offices;
};

struct Region {
    std::string name, kind, province, code;
};

struct Answers {
    std::string pack_id, pack_version, pack_sha256;
    Region region;
    int data_year = 0, assessment_year = 0;
    std::vector<Answer> answers;  // parallel to Pack::indicators
    std::int64_t aksi_ham_bonus = 0, deduction = 0;  // ten-thousandths
    std::string updated_at;
};

struct AnswersLoad {
    Answers answers;
    Diagnostics diagnostics;
};

// Parses answers JSON text and validates it against `pack`.
AnswersLoad load_answers_text(std::string_view text, const Pack& pack);

// The office responsible for an answer: its own, or the pack's default.
inline const std::string& responsible_opd(const Indicator& indicator, const Answer& answer) {
    return answer.opd_set ? answer.opd : indicator.opd;
}
// The pack offices responsible for an answer (the first leads): its own, or the indicator's.
inline const std::vector<std::size_t>& responsible_offices(const Indicator& indicator, const Answer& answer) {
    return answer.opd_set ? answer.offices : indicator.offices;
}

// Reads each answer's `opd` as offices of the pack (model/answers_offices.cpp): an office id, short
// name, full name or alias, or several separated by ',', ';' or '|'. With a pack that declares its
// offices, a name that is none of them is a warning and is left out (the pack's offices then stand).
void resolve_answer_offices(const Pack& pack, Answers& answers, Diagnostics& diagnostics);

// True when every required evidence item of the indicator is marked ready.
bool evidence_complete(const Indicator& indicator, const Answer& answer);
// Ids of the required evidence items that are not marked ready.
std::vector<std::string> evidence_missing(const Indicator& indicator, const Answer& answer);
// The same ids, in the same order, handed to `f` one by one (no vector, no copies).
template <class F>
void for_each_missing_evidence(const Indicator& indicator, const Answer& answer, F&& f) {
    for (const EvidenceRequirement& req : indicator.evidence) {
        if (!req.required) continue;
        bool ready = false;
        for (const EvidenceItem& e : answer.evidence) {
            if (e.id == req.id) {
                ready = e.ready;
                break;
            }
        }
        if (!ready) f(req.id);
    }
}

}  // namespace kkpham
