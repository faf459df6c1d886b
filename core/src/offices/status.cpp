#include "offices/status.hpp"

#include <algorithm>

#include "offices/entry.hpp"

namespace kkpham::offices {

json office_status(const Pack& pack, const Master& master) {
    json out = json::array();
    for (std::size_t o = 0; o < pack.offices.size(); ++o) {
        const Office& office = pack.offices[o];
        std::int64_t indicators = 0, answered = 0, ready = 0, required = 0, conflicts = 0;
        for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
            const Indicator& ind = pack.indicators[i];
            const Answer& a = master.answers.answers[i];
            const bool mine = office_responsible(ind, a, o);
            if (mine) {
                ++indicators;
                if (a.state != AnswerState::unanswered) ++answered;
                for (const EvidenceRequirement& req : ind.evidence) {
                    if (!req.required) continue;
                    ++required;
                    for (const EvidenceItem& e : a.evidence) {
                        if (e.id == req.id) {
                            if (e.ready) ++ready;
                            break;
                        }
                    }
                }
            }
            const auto pending = master.coordination.pending.find(ind.id);
            if (pending == master.coordination.pending.end()) continue;
            const bool returned_one = std::any_of(pending->second.begin(), pending->second.end(),
                                                  [&](const Version& v) { return v.source.office == office.id; });
            if (mine || returned_one) ++conflicts;
        }
        const PackageRecord* package = nullptr;
        for (const PackageRecord& p : master.coordination.packages) {
            if (p.office == office.id && (package == nullptr || time_key(p.made_at).value_or("") >= time_key(package->made_at).value_or(""))) package = &p;
        }
        const ReturnRecord* latest = nullptr;
        std::int64_t returns = 0;
        for (const ReturnRecord& r : master.coordination.returns) {
            if (r.source.office != office.id) continue;
            ++returns;
            if (latest == nullptr || time_key(r.source.returned_at).value_or("") >= time_key(latest->source.returned_at).value_or("")) latest = &r;
        }
        if (indicators == 0 && package == nullptr && returns == 0) continue;
        json row = json::object();
        row["office"] = office_json(office);
        row["indicators"] = indicators;
        row["package"] = package == nullptr ? json() : json{{"id", package->id}, {"made_at", package->made_at}};
        row["returned"] = latest == nullptr ? json()
                                            : json{{"returned_at", latest->source.returned_at},
                                                   {"merged_at", latest->merged_at},
                                                   {"file", latest->source.file},
                                                   {"filled_by", latest->source.filled_by},
                                                   {"package", latest->source.package}};
        row["returns"] = returns;
        row["answered"] = answered;
        row["evidence"] = json{{"ready", ready}, {"required", required}};
        row["conflicts"] = conflicts;
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace kkpham::offices
