// An answer's `opd` read as offices of the pack (see resolve_answer_offices in model/answers.hpp).
#include <algorithm>

#include "json/json_text.hpp"
#include "model/answers.hpp"

namespace kkpham {

void resolve_answer_offices(const Pack& pack, Answers& answers, Diagnostics& diagnostics) {
    for (std::size_t i = 0; i < answers.answers.size() && i < pack.indicators.size(); ++i) {
        Answer& a = answers.answers[i];
        if (!a.opd_set) continue;
        const Indicator& ind = pack.indicators[i];
        if (!ind.opd_offices.empty() && a.opd == ind.opd) {
            // The pack's own text (what templates and packages write): read once at load.
            a.offices = ind.opd_offices;
            if (ind.opd_offices != ind.offices) a.opd = office_names(pack, a.offices);
            continue;
        }
        auto [offices, unknown] = read_office_text(pack, a.opd);
        if (unknown.empty() && !offices.empty()) {
            a.offices = std::move(offices);
            a.opd = office_names(pack, a.offices);
            continue;
        }
        if (!pack.offices_declared) {
            // A pack without a list of offices: any name is the answer's own office, as written.
            a.offices.clear();
            continue;
        }
        std::string names;
        for (const std::string& n : unknown) names += (names.empty() ? "\"" : ", \"") + n + "\"";
        const std::string kept = offices.empty() ? ind.opd : office_names(pack, offices);
        diagnostics.warning("answers.opd.unknown", path_key(path_key("$.answers", ind.id), "opd"),
                            "OPD " + names + " pada indikator " + ind.id + " tidak ada dalam daftar OPD paket kriteria; dipakai: " +
                                (kept.empty() ? "-" : kept) + ".",
                            "Office " + names + " of indicator " + ind.id + " is not in the criteria pack's list of offices; used: " +
                                (kept.empty() ? "-" : kept) + ".");
        if (offices.empty()) {
            a.opd_set = false;
            a.opd.clear();
            a.offices.clear();
        } else {
            a.offices = std::move(offices);
            a.opd = office_names(pack, a.offices);
        }
    }
}

}  // namespace kkpham
