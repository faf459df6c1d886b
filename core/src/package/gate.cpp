#include "package/gate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "model/indicator_rule.hpp"

namespace kkpham {
namespace {

std::string document_name(const Pack& pack, std::size_t indicator, const std::string& evidence) {
    for (const EvidenceRequirement& r : pack.indicators[indicator].evidence) {
        if (r.id == evidence) return r.document.id;
    }
    return evidence;
}

std::string document_name_en(const Pack& pack, std::size_t indicator, const std::string& evidence) {
    for (const EvidenceRequirement& r : pack.indicators[indicator].evidence) {
        if (r.id == evidence) return r.document.en.empty() ? r.document.id : r.document.en;
    }
    return evidence;
}

bool has_answer(const Answer& a) { return a.state != AnswerState::unanswered; }

}  // namespace

GateResult evaluate_gate(const Pack& pack, const Answers& answers, const EvidenceCheck* check) {
    GateResult gate;
    gate.checked = check != nullptr;
    gate.rules = read_gate_rules(pack.document, nullptr);
    auto reason = [&](std::string kind, std::size_t ind, std::string evidence, std::string id, std::string en) {
        const Indicator& i = pack.indicators[ind];
        gate.reasons.push_back({std::move(kind), i.id, pack.rights[i.right].id, std::move(evidence), std::move(id), std::move(en)});
    };
    // 1. Required evidence of answered indicators: found (or found under another name) and unchanged.
    if (check != nullptr) {
        for (const EvidenceCheckItem& item : check->items) {
            if (!item.needed) continue;
            // The indicator's code, then the document by its name (the item's id is in "evidence").
            const std::string& code = pack.indicators[item.indicator].id;
            const std::string doc = document_name(pack, item.indicator, item.evidence);
            const std::string doc_en = document_name_en(pack, item.indicator, item.evidence);
            switch (item.status) {
                case EvidenceStatus::found:
                case EvidenceStatus::renamed: break;
                case EvidenceStatus::changed:
                    reason("evidence_changed", item.indicator, item.evidence,
                           code + ": " + doc + " berubah sejak dirujuk (isi berkas \"" + item.file_name + "\" lain).",
                           code + ": " + doc_en + " changed since it was referenced (file \"" + item.file_name + "\" has other content).");
                    break;
                case EvidenceStatus::missing:
                    reason("evidence_missing", item.indicator, item.evidence,
                           code + ": " + doc + " tidak ditemukan" + (item.reference.empty() ? "." : " (\"" + item.reference + "\")."),
                           code + ": " + doc_en + " is missing" + (item.reference.empty() ? "." : " (\"" + item.reference + "\")."));
                    break;
                case EvidenceStatus::not_attached:
                    reason("evidence_not_attached", item.indicator, item.evidence,
                           code + ": " + doc + " belum dilampirkan.", code + ": " + doc_en + " is not attached yet.");
                    break;
            }
        }
    } else {
        for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
            const Answer& a = answers.answers[i];
            if (a.state != AnswerState::answered || answer_points(pack.indicators[i], a) <= 0) continue;
            for_each_missing_evidence(pack.indicators[i], a, [&](const std::string& id) {
                const std::string& code = pack.indicators[i].id;
                reason("evidence_not_ready", i, id, code + ": " + document_name(pack, i, id) + " belum ditandai siap.",
                       code + ": " + document_name_en(pack, i, id) + " is not marked ready.");
            });
        }
    }
    // 2. Every right answered, 3. the pack's answer types per right, 4. every indicator answered.
    for (std::size_t r = 0; r < pack.rights.size(); ++r) {
        bool any = false;
        std::array<bool, 3> present{}, answered{};
        std::size_t first = SIZE_MAX;
        for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
            const Indicator& ind = pack.indicators[i];
            if (ind.right != r) continue;
            if (first == SIZE_MAX) first = i;
            const auto t = static_cast<std::size_t>(ind.type);
            present[t] = true;
            if (has_answer(answers.answers[i])) any = answered[t] = true;
        }
        if (first == SIZE_MAX) continue;
        const Right& right = pack.rights[r];
        const std::string name_en = right.name.en.empty() ? right.name.id : right.name.en;
        auto right_reason = [&](std::string kind, std::string id, std::string en) {
            gate.reasons.push_back({std::move(kind), "", right.id, "", std::move(id), std::move(en)});
        };
        if (!any) {
            right_reason("right_unanswered", right.id + ": " + right.name.id + " belum dijawab sama sekali.",
                         right.id + ": " + name_en + " has no answer at all.");
            continue;
        }
        for (IndicatorType type : gate.rules.types_per_right) {
            const auto t = static_cast<std::size_t>(type);
            if (!present[t] || answered[t]) continue;
            const std::string tn(kTypeNames[t]);
            right_reason("right_type_unanswered", right.id + ": " + right.name.id + " belum punya jawaban indikator " + tn + ".",
                         right.id + ": " + name_en + " has no " + tn + " indicator answered.");
        }
    }
    if (gate.rules.all_answered) {
        for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
            if (has_answer(answers.answers[i])) continue;
            reason("indicator_unanswered", i, "", pack.indicators[i].id + ": belum dijawab.", pack.indicators[i].id + ": not answered.");
        }
    }
    gate.complete = gate.reasons.empty();
    return gate;
}

void write_gate(JsonWriter& w, const GateResult& gate) {
    w.begin_object().key("complete").boolean(gate.complete).key("evidence_basis").string(gate.checked ? "checked" : "marked");
    w.key("rules").begin_object().key("required_evidence").boolean(true).key("every_right_answered").boolean(true)
        .key("types_per_right").begin_array();
    for (IndicatorType t : gate.rules.types_per_right) w.string(kTypeNames[static_cast<std::size_t>(t)]);
    w.end_array().key("all_answered").boolean(gate.rules.all_answered).key("declared").boolean(gate.rules.declared)
        .key("basis").string(gate.rules.basis).key("source").string(gate.rules.source).end_object();
    w.key("reasons").begin_array();
    for (const GateReason& r : gate.reasons) {
        w.begin_object().key("kind").string(r.kind).key("indicator").string(r.indicator).key("right").string(r.right)
            .key("evidence").string(r.evidence).key("message").begin_object().key("id").string(r.id).key("en").string(r.en)
            .end_object().end_object();
    }
    w.end_array().end_object();
}

}  // namespace kkpham
