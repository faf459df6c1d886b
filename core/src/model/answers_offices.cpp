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
        std::vector<std::size_t> offices;
        std::vector<std::string> unknown;
        // The whole text first: an office name may itself hold a separator.
        if (const std::size_t whole = pack.find_office(a.opd); whole != SIZE_MAX) {
            offices.push_back(whole);
        } else {
            for (const std::string& name : split_office_names(a.opd)) {
                const std::size_t o = pack.find_office(name);
                if (o == SIZE_MAX) unknown.push_back(name);
                else if (std::find(offices.begin(), offices.end(), o) == offices.end()) offices.push_back(o);
            }
        }
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
