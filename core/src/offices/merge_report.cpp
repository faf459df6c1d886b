#include "offices/merge_report.hpp"

#include "json/json_writer.hpp"

namespace kkpham::offices {

namespace {

void write_diagnostic(JsonWriter& w, const Diagnostic& d) {
    w.begin_object().key("code").string(d.code).key("path").string(d.path).key("line").integer(d.line).key("column").integer(d.column);
    w.key("message").begin_object().key("id").string(d.message_id).key("en").string(d.message_en).end_object().end_object();
}

void write_entry(JsonWriter& w, const json& entry) {
    if (entry.empty()) w.null();
    else w.raw(entry.dump());
}

const char* state_name(ReturnState s) {
    switch (s) {
        case ReturnState::merged: return "merged";
        case ReturnState::already_merged: return "already_merged";
        case ReturnState::duplicate: return "duplicate";
    }
    return "";
}

}  // namespace

std::string merge_result_json(const MergeOutcome& o, const std::string& master_text) {
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-merge").key("changed").boolean(o.changed);
    w.key("open_conflicts").integer(static_cast<std::int64_t>(o.open_conflicts));
    w.key("refused").integer(static_cast<std::int64_t>(o.refused->size()));
    w.key("report").begin_object().key("merged_at").string(o.merged_at).key("assessment_id").string(o.assessment_id);
    w.key("returns").begin_array();
    std::int64_t counts[3] = {0, 0, 0};
    for (std::size_t r = 0; r < o.returns->size(); ++r) {
        const Return& ret = (*o.returns)[r];
        ++counts[static_cast<int>(ret.state)];
        w.begin_object().key("file").string(ret.file).key("office").string(ret.source.office).key("package").string(ret.source.package);
        w.key("returned_at").string(ret.source.returned_at).key("filled_by").raw(ret.source.filled_by.dump());
        w.key("status").string(state_name(ret.state)).key("applied").integer(o.applied_per_return[r]).key("conflicts").integer(o.conflicts_per_return[r]);
        w.end_object();
    }
    w.end_array().key("refused").begin_array();
    for (const Refusal& r : *o.refused) {
        w.begin_object().key("file").string(r.file).key("office");
        if (r.office.empty()) w.null();
        else w.string(r.office);
        w.key("errors").begin_array();
        for (const Diagnostic& e : r.diagnostics.errors()) write_diagnostic(w, e);
        w.end_array().end_object();
    }
    w.end_array().key("applied").begin_array();
    for (const Applied& a : o.applied) {
        w.begin_object().key("indicator").string(a.indicator).key("office").string(a.source.office).key("also").begin_array();
        for (const std::string& office : a.also) w.string(office);
        w.end_array().key("package").string(a.source.package).key("file").string(a.source.file).key("returned_at").string(a.source.returned_at);
        w.key("filled_by").raw(a.source.filled_by.dump()).key("previous");
        write_entry(w, a.previous);
        w.key("answer");
        write_entry(w, a.answer);
        w.end_object();
    }
    w.end_array().key("resolved").begin_array();
    for (const Resolved& r : o.resolved) {
        w.begin_object().key("indicator").string(r.indicator).key("choice").string(r.choice).key("office");
        if (r.office.empty()) w.null();
        else w.string(r.office);
        w.key("answer");
        write_entry(w, r.answer);
        w.end_object();
    }
    w.end_array().key("ignored").begin_array();
    for (const Ignored& g : o.ignored) {
        w.begin_object().key("indicator").string(g.indicator).key("office").string(g.source.office).key("package").string(g.source.package);
        w.key("file").string(g.source.file).key("returned_at").string(g.source.returned_at).key("reason").string(g.reason).end_object();
    }
    w.end_array().key("conflicts").begin_array();
    for (const Conflict& k : o.conflicts) {
        w.begin_object().key("indicator").string(k.indicator).key("kinds").begin_array();
        for (const std::string& s : k.kinds) w.string(s);
        w.end_array().key("responsible").begin_array();
        for (const std::string& s : k.responsible) w.string(s);
        w.end_array().key("master").begin_object().key("answer");
        write_entry(w, k.master_answer);
        w.key("provenance");
        if (k.provenance) w.raw(provenance_json(*k.provenance).dump());
        else w.null();
        w.end_object().key("versions").begin_array();
        for (std::size_t v = 0; v < k.versions.size(); ++v) {
            json version = source_json(k.versions[v].source);
            version["responsible"] = static_cast<bool>(k.version_responsible[v]);
            version["answer"] = k.versions[v].answer.empty() ? json() : k.versions[v].answer;
            version["sha256"] = k.versions[v].sha256;
            w.raw(version.dump());
        }
        w.end_array().end_object();
    }
    w.end_array().key("counts").begin_object();
    w.key("returns").integer(static_cast<std::int64_t>(o.returns->size() + o.refused->size()));
    w.key("merged").integer(counts[0]).key("already_merged").integer(counts[1]).key("duplicate").integer(counts[2]);
    w.key("refused").integer(static_cast<std::int64_t>(o.refused->size())).key("applied").integer(static_cast<std::int64_t>(o.applied.size()));
    w.key("resolved").integer(static_cast<std::int64_t>(o.resolved.size())).key("conflicts").integer(static_cast<std::int64_t>(o.conflicts.size()));
    w.end_object().end_object();
    w.key("status").raw(o.status.dump());
    w.key("warnings").begin_array();
    for (const Diagnostic& e : o.warnings->warnings()) write_diagnostic(w, e);
    w.end_array();
    w.key("answers").raw(master_text);
    w.end_object();
    return w.take();
}

}  // namespace kkpham::offices
