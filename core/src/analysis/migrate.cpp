#include "analysis/migrate.hpp"

#include <map>
#include <set>

#include "model/answers.hpp"
#include "util/exact.hpp"
#include "model/json_fields.hpp"
#include "json/json_text.hpp"
#include "json/json_writer.hpp"

namespace kkpham {
namespace {

std::string failure(const Diagnostics& d) { return failure_json(d); }

// The indicator id an error path points into ("$.answers['X'].value" -> "X"), or "".
std::string indicator_of(const std::string& path) {
    const std::string prefix = "$.answers";
    if (path.rfind(prefix, 0) != 0 || path.size() <= prefix.size()) return "";
    std::size_t at = prefix.size();
    if (path[at] == '.') {
        const std::size_t end = path.find_first_of(".[", at + 1);
        return path.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    }
    if (path.compare(at, 2, "['") == 0) {
        std::string id;
        for (std::size_t i = at + 2; i < path.size(); ++i) {
            if (path[i] == '\\' && i + 1 < path.size()) {
                id += path[++i];
            } else if (path[i] == '\'') {
                return id;
            } else {
                id += path[i];
            }
        }
    }
    return "";
}

}  // namespace

std::string migrate_answers_json(const Pack& pack, std::string_view old_answers, std::string_view mapping_json) {
    Diagnostics diag;
    ParsedJson old = parse_json_text(old_answers, "jawaban lama", "previous answers");
    if (!old.ok) {
        diag.add_error(old.error);
        return failure(diag);
    }
    FieldReader read(diag);
    if (!old.value.is_object()) {
        read.type_error("$", "objek berkas jawaban", "an answers file object");
        return failure(diag);
    }
    const json* old_answers_map = read.object(old.value, "answers", "$", Need::required);
    if (old_answers_map == nullptr) return failure(diag);
    json mapping = json::object();
    if (!mapping_json.empty()) {
        ParsedJson m = parse_json_text(mapping_json, "pemetaan", "mapping");
        if (!m.ok) {
            diag.add_error(m.error);
            return failure(diag);
        }
        if (!m.value.is_object()) {
            read.type_error("$", "objek {kode lama: kode baru}", "an object {old id: new id}");
            return failure(diag);
        }
        for (auto it = m.value.begin(); it != m.value.end(); ++it) {
            if (!it->is_null() && !it->is_string()) {
                read.type_error(path_key("$", it.key()), "kode indikator baru atau null", "a new indicator id or null");
            } else if (it->is_string() && pack.find_indicator(it->get<std::string>()) == nullptr) {
                diag.error("migrate.unknown_target", path_key("$", it.key()),
                           "Indikator tujuan \"" + it->get<std::string>() + "\" tidak ada di paket \"" + pack.id + "\".",
                           "Target indicator \"" + it->get<std::string>() + "\" is not in pack \"" + pack.id + "\".");
            }
        }
        if (!diag.ok()) return failure(diag);
        mapping = std::move(m.value);
    }

    json doc = old.value;
    doc["format"] = "kkpham-answers";
    doc["format_version"] = 1;
    doc["pack"] = {{"id", pack.id}, {"version", pack.version}, {"sha256", pack.sha256}};
    json carried = json::object();
    struct Left {
        std::string old_id, new_id, id, en;
    };
    std::vector<Left> not_carried;
    std::map<std::string, std::string> origin;  // new id -> old id
    for (auto it = old_answers_map->begin(); it != old_answers_map->end(); ++it) {
        std::string target = it.key();
        if (auto m = mapping.find(it.key()); m != mapping.end()) {
            if (m->is_null()) {
                not_carried.push_back({it.key(), "", "Dibuang menurut pemetaan.", "Dropped by the mapping."});
                continue;
            }
            target = m->get<std::string>();
        }
        if (pack.find_indicator(target) == nullptr) {
            not_carried.push_back({it.key(), "", "Tidak ada indikator dengan kode ini di edisi baru; tambahkan ke pemetaan.",
                                   "No indicator with this id in the new edition; add it to the mapping."});
            continue;
        }
        if (carried.contains(target)) {
            not_carried.push_back({it.key(), target, "Indikator tujuan sudah menerima jawaban lain.",
                                   "The target indicator already received another answer."});
            continue;
        }
        carried[target] = it.value();
        origin[target] = it.key();
    }
    doc["answers"] = carried;
    // Validate against the new pack; drop entries that do not fit and try again until the answers
    // are valid. Each round drops at least one answer (or stops with the error), so the loop ends;
    // several rounds are needed because one validation reports a bounded number of errors.
    for (;;) {
        AnswersLoad load = load_answers_text(doc.dump(), pack);
        if (load.diagnostics.ok()) break;
        bool dropped = false;
        for (const Diagnostic& e : load.diagnostics.errors()) {
            const std::string id = indicator_of(e.path);
            if (id.empty() || !doc["answers"].contains(id)) continue;
            not_carried.push_back({origin[id], id, e.message_id, e.message_en});
            doc["answers"].erase(id);
            dropped = true;
        }
        if (!dropped) {
            // A problem outside the answers (e.g. the data year): report it as it is.
            for (const Diagnostic& e : load.diagnostics.errors()) diag.add_error(e);
            return failure(diag);
        }
    }
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("answers").raw(doc.dump());
    w.key("report").begin_object().key("carried").begin_array();
    for (auto it = doc["answers"].begin(); it != doc["answers"].end(); ++it) {
        w.begin_object().key("from").string(origin[it.key()]).key("to").string(it.key()).end_object();
    }
    w.end_array().key("not_carried").begin_array();
    for (const Left& l : not_carried) {
        w.begin_object().key("from").string(l.old_id).key("to").string(l.new_id).key("reason").begin_object()
            .key("id").string(l.id).key("en").string(l.en).end_object().end_object();
    }
    w.end_array().key("new").begin_array();
    for (const Indicator& ind : pack.indicators) {
        if (!doc["answers"].contains(ind.id)) w.string(ind.id);
    }
    w.end_array().end_object().end_object();
    return w.take();
}

std::string year_over_year_json(std::string_view previous_result, std::string_view current_result) {
    Diagnostics diag;
    JsonLimits limits;
    ParsedJson before = parse_json_text(previous_result, "hasil tahun lalu", "previous result", limits);
    ParsedJson after = parse_json_text(current_result, "hasil tahun ini", "current result", limits);
    if (!before.ok) diag.add_error(before.error);
    if (!after.ok) diag.add_error(after.error);
    if (!diag.ok()) return failure(diag);
    FieldReader read(diag);
    for (const json* r : {&before.value, &after.value}) {
        // Only well-formed result documents are read further (every access below relies on it).
        const bool shaped = r->is_object() && r->contains("format") && (*r)["format"] == "kkpham-result" &&
                            r->contains("pack") && (*r)["pack"].is_object() && r->contains("total") &&
                            r->contains("evidenced_total") && r->contains("data_year");
        if (!shaped) {
            diag.error("yoy.not_a_result", "$.format", "Berkas bukan hasil penilaian kkpham (format kkpham-result).",
                       "The file is not a kkpham result (format kkpham-result).");
        }
    }
    if (!diag.ok()) return failure(diag);
    auto cents = [&](const json& v) -> std::optional<std::int64_t> {
        if (!v.is_number()) return std::nullopt;
        const FixedResult f = to_fixed(v, 4);
        if (f.error) return std::nullopt;
        return f.value;
    };
    auto delta = [&](JsonWriter& w, const char* key, const json& a, const json& b) {
        auto x = cents(a), y = cents(b);
        w.key(key);
        if (x && y) w.number_text(format_fixed(*y - *x, 4, 2));
        else w.null();
    };
    const json& a = before.value;
    const json& b = after.value;
    auto text_of = [](const json& object, const char* key) {
        const auto it = object.find(key);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-year-over-year").key("format_version").integer(1);
    for (const json* r : {&a, &b}) {
        w.key(r == &a ? "previous" : "current").begin_object().key("data_year").raw((*r)["data_year"].dump())
            .key("total").raw((*r)["total"].dump())
            .key("pack").string(text_of((*r)["pack"], "id") + " " + text_of((*r)["pack"], "version")).end_object();
    }
    w.key("same_pack").boolean(text_of(a["pack"], "sha256") == text_of(b["pack"], "sha256"));
    delta(w, "total_change", a["total"], b["total"]);
    delta(w, "evidenced_change", a["evidenced_total"], b["evidenced_total"]);
    auto by_id = [](const json& list) {
        std::map<std::string, const json*> m;
        if (list.is_array()) {
            for (const json& e : list) {
                if (e.is_object() && e.contains("id") && e["id"].is_string()) m[e["id"].get<std::string>()] = &e;
            }
        }
        return m;
    };
    for (const char* list : {"rights", "indicators"}) {
        // Keep the lists alive: by_id stores pointers into them.
        const json empty = json::array();
        const json& prev_list = a.contains(list) ? a[list] : empty;
        const json& curr_list = b.contains(list) ? b[list] : empty;
        const auto prev = by_id(prev_list);
        const auto curr = by_id(curr_list);
        const char* field = list[0] == 'r' ? "score" : "points";
        std::set<std::string> ids;
        for (const auto& [id, _] : prev) ids.insert(id);
        for (const auto& [id, _] : curr) ids.insert(id);
        w.key(list).begin_array();
        for (const std::string& id : ids) {
            const auto p = prev.find(id);
            const auto c = curr.find(id);
            w.begin_object().key("id").string(id);
            auto field_of = [&](const json* entry) {
                const auto it = entry->find(field);
                return it != entry->end() && it->is_number() ? it->dump() : std::string("null");
            };
            w.key("previous").raw(p != prev.end() ? field_of(p->second) : "null");
            w.key("current").raw(c != curr.end() ? field_of(c->second) : "null");
            if (p != prev.end() && c != curr.end() && p->second->contains(field) && c->second->contains(field)) {
                delta(w, "change", (*p->second)[field], (*c->second)[field]);
            } else {
                w.key("change").null();
            }
            w.key("status").string(p == prev.end() ? "new" : c == curr.end() ? "removed" : "both");
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
    return w.take();
}

}  // namespace kkpham
