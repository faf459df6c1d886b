#include "analysis/evidence_plan.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "json/json_writer.hpp"

namespace kkpham {
namespace {

void text(JsonWriter& w, const Text& t) {
    w.begin_object().key("id").string(t.id).key("en").string(t.en.empty() ? t.id : t.en).end_object();
}

void score4(JsonWriter& w, const Fraction& f) {
    std::int64_t v = 0;
    f.round_half_up(4, v);
    w.number_text(format_fixed(v, 4, 2));
}

// Where an item of the plan goes: a pack office (in the pack's order), then offices named only by
// an answer (by name; packs without a list of offices), then items with no office.
using OfficeKey = std::tuple<int, std::size_t, std::string>;

OfficeKey office_key_of(const Indicator& ind, const Answer& a) {
    if (a.opd_set && a.offices.empty()) return {1, 0, a.opd};
    const std::vector<std::size_t>& offices = responsible_offices(ind, a);
    if (!offices.empty()) return {0, offices.front(), ""};
    return {2, 0, ""};
}

const EvidenceRequirement* requirement(const Indicator& ind, const std::string& id) {
    for (const EvidenceRequirement& r : ind.evidence) {
        if (r.id == id) return &r;
    }
    return nullptr;
}

struct Finding {
    std::string kind;
    std::size_t indicator;
    Fraction at_risk;
    std::string detail;  // e.g. the evidence id
    std::string message_id, message_en;
};

}  // namespace

std::string evidence_plan_json(const Pack& pack, const Answers& answers, const ScoreResult& score) {
    // 1. Missing required evidence, grouped by the lead responsible office (then pack order).
    struct Item {
        std::size_t indicator;
        const EvidenceRequirement* evidence;
    };
    std::map<OfficeKey, std::vector<Item>> offices;
    std::vector<Finding> findings;
    const std::string year = std::to_string(answers.data_year);
    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const Indicator& ind = pack.indicators[i];
        const Answer& a = answers.answers[i];
        const IndicatorScore& s = score.indicators[i];
        if (s.state == AnswerState::not_applicable) continue;
        for (const EvidenceRequirement& req : ind.evidence) {
            if (!req.required) continue;
            const auto it = std::find_if(a.evidence.begin(), a.evidence.end(), [&](const EvidenceItem& e) { return e.id == req.id; });
            if (it == a.evidence.end() || !it->ready) offices[office_key_of(ind, a)].push_back(Item{i, &req});
        }
        // 2. The pre-submission check.
        if (s.state == AnswerState::unanswered) {
            findings.push_back({"unanswered", i, Fraction::of(0), "",
                                "Belum dijawab: dihitung 0 poin. Isi jawabannya atau tandai tidak berlaku bila memang diizinkan.",
                                "Not answered: it scores 0. Answer it, or mark it not applicable where that is allowed."});
            continue;
        }
        if (s.points > 0 && !s.evidence_complete) {
            findings.push_back({"unevidenced", i, s.contribution, "",
                                "Poin diklaim tetapi data dukung wajib belum siap: poin ini dapat hilang saat verifikasi Kanwil.",
                                "Points are claimed but the required evidence is not ready: they can be lost in the Kanwil's verification."});
        }
        for (const EvidenceItem& e : a.evidence) {
            if (!e.ready) continue;
            if (e.reference.empty() && e.sha256.empty()) {
                findings.push_back({"evidence_without_reference", i, Fraction::of(0), e.id,
                                    "Data dukung \"" + e.id + "\" ditandai siap tetapi tanpa nama berkas atau sidik SHA-256.",
                                    "Evidence \"" + e.id + "\" is marked ready but has no file name or SHA-256."});
            }
            if (e.date.size() < 4) continue;
            // A report must be of the data year; a regulation or agreement counts while in force, so
            // only one made after the data year is out of place (it did not hold in that year).
            const EvidenceRequirement* req = requirement(ind, e.id);
            const EvidenceKind kind = req != nullptr ? req->kind : EvidenceKind::report;
            const std::string dated = e.date.substr(0, 4);
            if (kind == EvidenceKind::report && dated != year) {
                findings.push_back({"evidence_outside_year", i, s.contribution, e.id,
                                    "Data dukung \"" + e.id + "\" bertanggal " + e.date + ", di luar tahun data " + year +
                                        ": data atau laporan harus dari tahun data.",
                                    "Evidence \"" + e.id + "\" is dated " + e.date + ", outside the data year " + year +
                                        ": a data report must be of the data year."});
            } else if (kind != EvidenceKind::report && dated > year) {
                const bool regulation = kind == EvidenceKind::regulation;
                findings.push_back({"evidence_outside_year", i, s.contribution, e.id,
                                    "Data dukung \"" + e.id + "\" bertanggal " + e.date + ", setelah tahun data " + year + ": " +
                                        (regulation ? "peraturan" : "perjanjian") + " ini belum berlaku pada tahun data.",
                                    "Evidence \"" + e.id + "\" is dated " + e.date + ", after the data year " + year + ": this " +
                                        (regulation ? "regulation" : "agreement") + " was not yet in force in the data year."});
            }
        }
    }

    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-plan").key("format_version").integer(1);
    w.key("region").begin_object().key("name").string(answers.region.name).key("kind").string(answers.region.kind)
        .key("province").string(answers.region.province).key("code").string(answers.region.code).end_object();
    w.key("data_year").integer(answers.data_year);
    w.key("pack").begin_object().key("id").string(pack.id).key("version").string(pack.version).key("sha256").string(pack.sha256)
        .key("status").string(pack.status).end_object();
    w.key("offices").begin_array();
    for (const auto& [key, items] : offices) {
        Fraction risk;
        std::size_t last = SIZE_MAX;
        for (const Item& item : items) {
            if (item.indicator != last && score.indicators[item.indicator].points > 0) risk = risk + score.indicators[item.indicator].contribution;
            last = item.indicator;
        }
        const auto& [rank, index, name] = key;
        const Office* office = rank == 0 && index < pack.offices.size() ? &pack.offices[index] : nullptr;
        w.begin_object().key("office").string(office != nullptr ? office->id : "")
            .key("opd").string(office != nullptr ? office->short_name : name).key("name");
        text(w, office != nullptr ? office->name : Text{name, ""});
        w.key("points_at_risk");
        score4(w, risk);
        w.key("items").begin_array();
        for (const Item& item : items) {
            const Indicator& ind = pack.indicators[item.indicator];
            w.begin_object().key("indicator").string(ind.id).key("right").string(pack.rights[ind.right].id)
                .key("type").string(kTypeNames[static_cast<std::size_t>(ind.type)]).key("text");
            text(w, ind.text);
            w.key("opd").string(responsible_opd(ind, answers.answers[item.indicator]));
            w.key("evidence").string(item.evidence->id)
                .key("kind").string(kEvidenceKindNames[static_cast<std::size_t>(item.evidence->kind)]).key("document");
            text(w, item.evidence->document);
            w.key("signer");
            text(w, item.evidence->signer);
            w.key("claimed_points").number_text(format_fixed(score.indicators[item.indicator].points, kPointDecimals, 2));
            w.end_object();
        }
        w.end_array().end_object();
    }
    w.end_array();
    Fraction total_risk;
    for (const Finding& f : findings) {
        if (f.kind == "unevidenced") total_risk = total_risk + f.at_risk;
    }
    w.key("check").begin_object().key("points_at_risk");
    score4(w, total_risk);
    w.key("findings").begin_array();
    for (const Finding& f : findings) {
        const Indicator& ind = pack.indicators[f.indicator];
        w.begin_object().key("kind").string(f.kind).key("indicator").string(ind.id).key("evidence").string(f.detail)
            .key("points_at_risk");
        score4(w, f.at_risk);
        w.key("message").begin_object().key("id").string(f.message_id).key("en").string(f.message_en).end_object();
        w.end_object();
    }
    w.end_array().end_object();
    w.end_object();
    return w.take();
}

}  // namespace kkpham
