// The merge rules, per indicator (docs/answers-format.md "Merging returns" states them for users):
//
//   candidates  the versions pending in the master (open conflicts of earlier merges) and those of
//               the returns given now; per office only its latest return's (by return time) count.
//   set aside   a version older than the office's return the master already holds (superseded),
//               the very version the master holds, one its office did not change from the package
//               (its base) unless the master still holds that office's earlier return, one equal to
//               the master's answer, and one the coordinator turned down before (decided).
//   applied     what is left is one answer, from offices responsible for the indicator, and the
//               master may take it: the master is empty, or still holds what the package was made
//               with (the base), or still holds this office's earlier return.
//   conflict    anything else: kept in $.coordination.pending with each version, listed side by
//               side with the master's answer; the master keeps its answer until a resolution.
//
// Everything is decided per indicator from the set of versions, never from the order of the files.
#include "offices/merge.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "json/json_text.hpp"
#include "json/json_writer.hpp"
#include "model/json_fields.hpp"
#include "offices/entry.hpp"
#include "offices/master.hpp"
#include "offices/records.hpp"
#include "offices/returns.hpp"
#include "offices/merge_report.hpp"
#include "offices/status.hpp"

namespace kkpham::offices {

namespace {

std::string key(const std::string& time) { return time_key(time).value_or(""); }

struct Candidate {
    Version version;
    int from = -1;  // index of the return given now; -1: pending in the master
};

struct Options {
    std::string merged_at;
    json resolutions = json::object();
};

bool read_options(const Pack& pack, std::string_view text, Options& out, Diagnostics& d) {
    const std::optional<json> options = read_options_object(
        text, "opsi penggabungan", "merge options", "objek {\"merged_at\", \"resolutions\"}",
        "an object {\"merged_at\", \"resolutions\"}", {"merged_at", "resolutions"}, d);
    if (!options) return false;
    const json& o = *options;
    FieldReader read(d);
    out.merged_at = read_options_time(o, "merged_at", "merge.merged_at", d);
    if (const json* r = read.object(o, "resolutions", "$", Need::optional)) {
        for (auto it = r->begin(); it != r->end(); ++it) {
            const std::string p = path_key("$.resolutions", it.key());
            if (pack.find_indicator(it.key()) == nullptr) {
                d.error("merge.resolution_indicator", p, "Indikator \"" + it.key() + "\" tidak ada di paket \"" + pack.id + "\".",
                        "Indicator \"" + it.key() + "\" is not in pack \"" + pack.id + "\".");
            } else if (!it->is_string() && !it->is_object()) {
                read.type_error(p, "\"master\", kode OPD, kode paket, atau jawaban {\"value\", …}",
                                "\"master\", an office id, a package id, or an answer {\"value\", …}");
            }
        }
        out.resolutions = *r;
    }
    return d.ok();
}

void nothing_to_resolve(Diagnostics& d, const std::string& id) {
    d.warning("merge.nothing_to_resolve", path_key("$.resolutions", id),
              "Indikator " + id + " tidak mempunyai konflik terbuka; penyelesaiannya diabaikan.",
              "Indicator " + id + " has no open conflict; its resolution is ignored.");
}

void add_decided(Coordination& c, const std::string& id, const std::string& hash) {
    std::vector<std::string>& list = c.decided[id];
    if (std::find(list.begin(), list.end(), hash) == list.end()) list.push_back(hash);
    std::sort(list.begin(), list.end());
}

}  // namespace

std::string merge_json(const Pack& pack, std::string_view master_text, std::string_view returns_text, std::string_view options_text) {
    Diagnostics d;
    Options options;
    if (!read_options(pack, options_text, options, d)) return failure_json(d);
    Master master;
    if (!read_master(pack, master_text, master, d)) return failure_json(d);
    std::vector<Return> returns;
    std::vector<Refusal> refused;
    if (!read_returns(pack, master, returns_text, returns, refused, d)) return failure_json(d);

    const bool had_coordination = master.doc.contains("coordination") && !master.doc["coordination"].is_null();
    Coordination& c = master.coordination;
    c.assessment_id = master.assessment_id;
    if (!master.doc["answers"].is_object()) master.doc["answers"] = json::object();
    json& answers = master.doc["answers"];
    const json original = master.doc;

    // The versions the returns given now hold, per indicator.
    std::vector<std::vector<Candidate>> fresh(pack.indicators.size());
    for (std::size_t r = 0; r < returns.size(); ++r) {
        const Return& ret = returns[r];
        if (ret.state != ReturnState::merged) continue;
        std::vector<std::size_t> covered = ret.scope.indicators;
        if (auto a = ret.doc.find("answers"); a != ret.doc.end() && a->is_object()) {
            for (auto it = a->begin(); it != a->end(); ++it) {
                if (auto found = pack.indicator_index.find(it.key()); found != pack.indicator_index.end()) covered.push_back(found->second);
            }
        }
        std::sort(covered.begin(), covered.end());
        covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
        for (const std::size_t i : covered) {
            const std::string& id = pack.indicators[i].id;
            Candidate cand;
            cand.from = static_cast<int>(r);
            cand.version.source = ret.source;
            const auto base = ret.scope.base.find(id);
            cand.version.base = base == ret.scope.base.end() ? empty_entry_sha256() : base->second;
            json entry = json::object();
            if (auto a = ret.doc.find("answers"); a != ret.doc.end()) {
                if (auto e = a->find(id); e != a->end()) entry = *e;
            }
            cand.version.answer = normalized_entry(entry);
            cand.version.sha256 = entry_sha256(cand.version.answer);
            fresh[i].push_back(std::move(cand));
        }
    }

    std::vector<Applied> applied;
    std::vector<Resolved> resolved;
    std::vector<Ignored> ignored;
    std::vector<Conflict> conflicts;
    std::vector<std::int64_t> applied_per_return(returns.size(), 0), conflicts_per_return(returns.size(), 0);

    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const Indicator& ind = pack.indicators[i];
        const std::string& id = ind.id;
        const Answer& master_answer = master.answers.answers[i];
        const std::vector<std::size_t>& responsible = responsible_office_indices(ind, master_answer);
        auto office_index = [&](const std::string& office) {
            for (std::size_t o = 0; o < pack.offices.size(); ++o) {
                if (pack.offices[o].id == office) return o;
            }
            return SIZE_MAX;
        };
        auto is_responsible = [&](const std::string& office) { return office_responsible(ind, master_answer, office_index(office)); };
        auto lead_rank = [&](const std::string& office) {
            const auto it = std::find(responsible.begin(), responsible.end(), office_index(office));
            return static_cast<std::size_t>(it - responsible.begin());
        };

        const json m_entry = master_entry(master, id);
        const std::string m = entry_sha256(m_entry);
        const auto prov_it = c.provenance.find(id);
        const Provenance* prov = prov_it == c.provenance.end() ? nullptr : &prov_it->second;
        const auto decided_it = c.decided.find(id);

        std::vector<Candidate> cands = std::move(fresh[i]);
        if (auto p = c.pending.find(id); p != c.pending.end()) {
            for (const Version& v : p->second) cands.push_back({v, -1});
        }
        const auto resolution = options.resolutions.find(id);
        if (cands.empty()) {
            if (resolution != options.resolutions.end()) nothing_to_resolve(d, id);
            continue;
        }
        std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
            const Source& x = a.version.source;
            const Source& y = b.version.source;
            return std::make_tuple(x.office, key(x.returned_at), a.version.sha256, x.package, x.file, a.from) <
                   std::make_tuple(y.office, key(y.returned_at), b.version.sha256, y.package, y.file, b.from);
        });
        // One version per office, package, time and content; per office only the latest time.
        std::vector<Candidate> kept;
        for (Candidate& cand : cands) {
            const Source& s = cand.version.source;
            if (!kept.empty()) {
                const Candidate& last = kept.back();
                const Source& t = last.version.source;
                if (t.office == s.office && t.package == s.package && key(t.returned_at) == key(s.returned_at) &&
                    last.version.sha256 == cand.version.sha256) {
                    continue;
                }
            }
            kept.push_back(std::move(cand));
        }
        std::vector<Candidate> latest;
        for (std::size_t k = 0; k < kept.size(); ++k) {
            const Source& s = kept[k].version.source;
            bool newer_exists = false;
            for (const Candidate& other : kept) {
                if (other.version.source.office == s.office && key(other.version.source.returned_at) > key(s.returned_at)) newer_exists = true;
            }
            if (newer_exists) {
                if (kept[k].from >= 0) ignored.push_back({id, s, "superseded"});
                continue;
            }
            latest.push_back(kept[k]);
        }

        auto holds_earlier_of = [&](const Version& v) {
            return prov != nullptr && prov->from_office && prov->source.office == v.source.office && prov->sha256 == m &&
                   key(v.source.returned_at) > key(prov->source.returned_at);
        };
        std::vector<Candidate> open;
        for (Candidate& cand : latest) {
            const Version& v = cand.version;
            if (prov != nullptr && prov->from_office && prov->source.office == v.source.office) {
                const std::string tv = key(v.source.returned_at), tp = key(prov->source.returned_at);
                if (tv < tp) {
                    if (cand.from >= 0) ignored.push_back({id, v.source, "superseded"});
                    continue;
                }
                if (tv == tp && v.sha256 == prov->sha256) continue;  // the master holds exactly this
            }
            if (v.sha256 == v.base && !holds_earlier_of(v)) continue;  // the office left it as the package had it
            if (v.sha256 == m) continue;                                // agrees with the master
            if (decided_it != c.decided.end() &&
                std::find(decided_it->second.begin(), decided_it->second.end(), v.sha256) != decided_it->second.end()) {
                if (cand.from >= 0) ignored.push_back({id, v.source, "decided"});
                continue;
            }
            open.push_back(std::move(cand));
        }

        auto take = [&](const Version& v, bool from_office, std::vector<std::string> also) {
            Provenance p;
            p.from_office = from_office;
            if (from_office) p.source = v.source;
            p.also = std::move(also);
            p.merged_at = options.merged_at;
            p.sha256 = v.sha256;
            if (v.answer.empty()) answers.erase(id);
            else answers[id] = v.answer;
            c.provenance[id] = std::move(p);
            c.pending.erase(id);
        };

        if (resolution != options.resolutions.end()) {
            if (open.empty()) {
                nothing_to_resolve(d, id);
                c.pending.erase(id);
                continue;
            }
            if (resolution->is_object()) {
                Version chosen;
                chosen.answer = normalized_entry(*resolution);
                chosen.sha256 = entry_sha256(chosen.answer);
                for (const Candidate& cand : open) {
                    if (cand.version.sha256 != chosen.sha256) add_decided(c, id, cand.version.sha256);
                }
                take(chosen, false, {});
                resolved.push_back({id, "value", "", chosen.answer});
                continue;
            }
            const std::string choice = resolution->is_string() ? resolution->get<std::string>() : std::string();
            if (choice == "master") {
                for (const Candidate& cand : open) add_decided(c, id, cand.version.sha256);
                c.pending.erase(id);
                resolved.push_back({id, "master", "", m_entry});
                continue;
            }
            std::vector<const Candidate*> named;
            std::set<std::string> contents;
            std::string choices = "master";
            for (const Candidate& cand : open) {
                choices += ", " + cand.version.source.office;
                if (cand.version.source.office == choice || cand.version.source.package == choice) {
                    named.push_back(&cand);
                    contents.insert(cand.version.sha256);
                }
            }
            if (named.empty() || contents.size() > 1) {
                d.error(named.empty() ? "merge.resolution_unknown" : "merge.resolution_ambiguous", path_key("$.resolutions", id),
                        "Pilihan \"" + choice + "\" untuk " + id + (named.empty() ? " tidak ada di antara versi yang bertentangan"
                                                                                    : " menunjuk beberapa versi yang berbeda; pakai kode paket") +
                            " (pilihan: " + choices + ", atau jawaban {\"value\": …}).",
                        "Choice \"" + choice + "\" for " + id + (named.empty() ? " is not one of the conflicting versions"
                                                                               : " names several different versions; use a package id") +
                            " (choices: " + choices + ", or an answer {\"value\": …}).");
                continue;
            }
            const Version chosen = named.front()->version;
            for (const Candidate& cand : open) {
                if (cand.version.sha256 != chosen.sha256) add_decided(c, id, cand.version.sha256);
            }
            take(chosen, true, {});
            resolved.push_back({id, "office", chosen.source.office, chosen.answer});
            continue;
        }
        if (open.empty()) {
            c.pending.erase(id);
            continue;
        }

        std::set<std::string> distinct;
        bool all_responsible = true, any_responsible = false, any_replaceable = false;
        for (const Candidate& cand : open) {
            const Version& v = cand.version;
            distinct.insert(v.sha256);
            if (!is_responsible(v.source.office)) {
                all_responsible = false;
                continue;
            }
            any_responsible = true;
            if (m_entry.empty() || m == v.base || holds_earlier_of(v)) any_replaceable = true;
        }
        if (distinct.size() == 1 && all_responsible && any_replaceable) {
            const Candidate* lead = &open.front();
            for (const Candidate& cand : open) {
                if (lead_rank(cand.version.source.office) < lead_rank(lead->version.source.office)) lead = &cand;
            }
            std::vector<std::string> also;
            for (const Candidate& cand : open) {
                if (cand.version.source.office != lead->version.source.office) also.push_back(cand.version.source.office);
            }
            also.erase(std::unique(also.begin(), also.end()), also.end());
            applied.push_back({id, lead->version.source, also, m_entry, lead->version.answer});
            for (const Candidate& cand : open) {
                if (cand.from >= 0) ++applied_per_return[static_cast<std::size_t>(cand.from)];
            }
            take(lead->version, true, std::move(also));
            continue;
        }
        Conflict conflict;
        conflict.indicator = id;
        if (!all_responsible) conflict.kinds.emplace_back("not_responsible");
        if (distinct.size() > 1) conflict.kinds.emplace_back("returns_disagree");
        if (!m_entry.empty() && any_responsible && !any_replaceable) conflict.kinds.emplace_back("master_differs");
        for (const std::size_t o : responsible) conflict.responsible.push_back(pack.offices[o].id);
        conflict.master_answer = m_entry;
        if (prov != nullptr) conflict.provenance = *prov;
        std::vector<Version> pending;
        for (const Candidate& cand : open) {
            pending.push_back(cand.version);
            conflict.versions.push_back(cand.version);
            conflict.version_responsible.push_back(is_responsible(cand.version.source.office));
            if (cand.from >= 0) ++conflicts_per_return[static_cast<std::size_t>(cand.from)];
        }
        c.pending[id] = std::move(pending);
        conflicts.push_back(std::move(conflict));
    }
    if (!d.ok()) return failure_json(d);

    for (const Return& r : returns) {
        if (r.state == ReturnState::merged) c.returns.push_back({r.source, r.sha256, options.merged_at});
    }
    const bool coordination_used = had_coordination || !c.packages.empty() || !c.returns.empty() || !c.provenance.empty() ||
                                   !c.pending.empty() || !c.decided.empty();
    if (coordination_used) master.doc["coordination"] = coordination_json(c);
    const bool changed = master.doc != original;
    if (changed) master.doc["updated_at"] = options.merged_at;
    const std::string master_text_out = master.doc.dump();

    // The new master must read as a valid answers file (a resolution's own value is checked here).
    Master result;
    Diagnostics check;
    if (!read_master(pack, master_text_out, result, check)) {
        Diagnostics out;
        out.error("merge.invalid_result", "$.resolutions",
                  "Hasil penggabungan bukan berkas jawaban yang sah; periksa jawaban yang diketik pada penyelesaian konflik.",
                  "The merged result is not a valid answers file; check the answers typed in the conflict resolutions.");
        for (const Diagnostic& e : check.errors()) out.add_error(e);
        return failure_json(out);
    }

    MergeOutcome outcome;
    outcome.merged_at = options.merged_at;
    outcome.assessment_id = master.assessment_id;
    outcome.changed = changed;
    outcome.open_conflicts = c.pending.size();
    outcome.returns = &returns;
    outcome.refused = &refused;
    outcome.applied = std::move(applied);
    outcome.resolved = std::move(resolved);
    outcome.ignored = std::move(ignored);
    outcome.conflicts = std::move(conflicts);
    outcome.applied_per_return = std::move(applied_per_return);
    outcome.conflicts_per_return = std::move(conflicts_per_return);
    outcome.status = office_status(pack, result);
    outcome.warnings = &d;
    return merge_result_json(outcome, master_text_out);
}

}  // namespace kkpham::offices
