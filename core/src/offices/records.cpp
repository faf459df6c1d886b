#include "offices/records.hpp"

#include <utility>

#include "json/json_text.hpp"
#include "model/json_fields.hpp"
#include "offices/entry.hpp"

namespace kkpham::offices {

namespace {

constexpr std::size_t kMaxRecords = 10000;    // packages or returns listed in one master
constexpr std::size_t kMaxVersions = 200;     // versions of one open conflict
constexpr std::size_t kMaxDecided = 1000;     // hashes turned down for one indicator
constexpr std::size_t kMaxNameLength = 400;   // a file name or a person's name

// Reads the fields of a tree into records, reporting each problem at its JSON path.
class Reader {
public:
    Reader(const Pack& pack, Diagnostics& d) : pack_(pack), diag_(d), fields_(d) {}

    bool ok() const { return diag_.ok(); }

    std::string id(const json& parent, std::string_view key, const std::string& path, Need need = Need::required) {
        return fields_.identifier(parent, key, path, need).value_or("");
    }

    std::string text(const json& parent, std::string_view key, const std::string& path, Need need = Need::required) {
        return fields_.string(parent, key, path, need, kMaxNameLength).value_or("");
    }

    std::string time(const json& parent, std::string_view key, const std::string& path, Need need = Need::required) {
        auto s = fields_.string(parent, key, path, need, 64);
        if (!s) return "";
        if (!time_key(*s)) {
            const std::string p = path_key(path, key);
            diag_.error("offices.time", p,
                        p + " harus waktu UTC seperti 2026-03-01T08:00:00Z (berkas ini \"" + *s + "\").",
                        p + " must be a UTC time such as 2026-03-01T08:00:00Z (this file says \"" + *s + "\").");
            return "";
        }
        return *s;
    }

    std::string hash(const json& v, const std::string& path) {
        const bool good = v.is_string() && v.get_ref<const std::string&>().size() == 64 &&
                          v.get_ref<const std::string&>().find_first_not_of("0123456789abcdef") == std::string::npos;
        if (!good) {
            fields_.type_error(path, "sidik SHA-256 (64 digit heksadesimal huruf kecil)", "a SHA-256 hash (64 lower-case hex digits)");
            return "";
        }
        return v.get<std::string>();
    }

    std::size_t office(const json& parent, std::string_view key, const std::string& path) {
        const std::string o = id(parent, key, path);
        if (o.empty()) return SIZE_MAX;
        for (std::size_t i = 0; i < pack_.offices.size(); ++i) {
            if (pack_.offices[i].id == o) return i;
        }
        const std::string p = path_key(path, key);
        diag_.error("offices.unknown_office", p,
                    "OPD \"" + o + "\" tidak ada dalam daftar OPD paket \"" + pack_.id + "\".",
                    "Office \"" + o + "\" is not in the office list of pack \"" + pack_.id + "\".");
        return SIZE_MAX;
    }

    bool indicator(const std::string& ind, const std::string& path) {
        if (pack_.find_indicator(ind) != nullptr) return true;
        diag_.error("offices.unknown_indicator", path,
                    "Indikator \"" + ind + "\" tidak ada di paket \"" + pack_.id + "\".",
                    "Indicator \"" + ind + "\" is not in pack \"" + pack_.id + "\".");
        return false;
    }

    // {"name","nip","position","contact"}: strings, each optional; a plain string is the name.
    json filled_by(const json& parent, std::string_view key, const std::string& path) {
        const json* v = fields_.member(parent, key, path, Need::optional);
        if (v == nullptr || v->is_null()) return nullptr;
        const std::string p = path_key(path, key);
        if (v->is_string()) {
            auto s = fields_.string(parent, key, path, Need::optional, kMaxNameLength);
            return s ? json{{"name", *s}} : json();
        }
        if (!v->is_object()) {
            fields_.type_error(p, "objek {\"name\", \"nip\", \"position\", \"contact\"}", "an object {\"name\", \"nip\", \"position\", \"contact\"}");
            return nullptr;
        }
        fields_.unknown_keys(*v, p, {"name", "nip", "position", "contact"});
        json out = json::object();
        for (const char* k : {"name", "nip", "position", "contact"}) {
            if (auto s = fields_.string(*v, k, p, Need::optional, kMaxNameLength); s && !s->empty()) out[k] = *s;
        }
        return out.empty() ? json() : out;
    }

    Source source(const json& v, const std::string& path) {
        Source s;
        const std::size_t o = office(v, "office", path);
        if (o != SIZE_MAX) s.office = pack_.offices[o].id;
        s.package = id(v, "package", path);
        s.file = text(v, "file", path, Need::optional);
        s.filled_by = filled_by(v, "filled_by", path);
        s.returned_at = time(v, "returned_at", path);
        return s;
    }

    const json* list(const json& parent, std::string_view key, const std::string& path, std::size_t max) {
        const json* a = fields_.array(parent, key, path, Need::optional);
        if (a != nullptr && a->size() > max) {
            const std::string p = path_key(path, key);
            diag_.error("offices.too_many", p, p + " terlalu panjang (paling banyak " + std::to_string(max) + ").",
                        p + " is too long (at most " + std::to_string(max) + ").");
            return nullptr;
        }
        return a;
    }

    const json* map(const json& parent, std::string_view key, const std::string& path) {
        return fields_.object(parent, key, path, Need::optional);
    }

    bool object(const json& v, const std::string& path) {
        if (v.is_object()) return true;
        fields_.type_error(path, "objek ({…})", "an object ({…})");
        return false;
    }

    FieldReader& fields() { return fields_; }

private:
    const Pack& pack_;
    Diagnostics& diag_;
    FieldReader fields_;
};

}  // namespace

bool read_coordination(const json& section, const Pack& pack, Coordination& out, Diagnostics& diagnostics) {
    const std::size_t errors_before = diagnostics.errors().size();
    Reader r(pack, diagnostics);
    const std::string path = "$.coordination";
    if (!r.object(section, path)) return false;
    r.fields().unknown_keys(section, path, {"assessment_id", "packages", "returns", "provenance", "pending", "decided"});
    out.assessment_id = r.id(section, "assessment_id", path, Need::optional);
    if (const json* a = r.list(section, "packages", path, kMaxRecords)) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = path_index(path_key(path, "packages"), i);
            const json& v = (*a)[i];
            if (!r.object(v, p)) continue;
            PackageRecord rec;
            rec.id = r.id(v, "id", p);
            const std::size_t o = r.office(v, "office", p);
            if (o != SIZE_MAX) rec.office = pack.offices[o].id;
            rec.made_at = r.time(v, "made_at", p);
            rec.indicators = r.fields().whole(v, "indicators", p, Need::optional, 0, 100000).value_or(0);
            out.packages.push_back(std::move(rec));
        }
    }
    if (const json* a = r.list(section, "returns", path, kMaxRecords)) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = path_index(path_key(path, "returns"), i);
            const json& v = (*a)[i];
            if (!r.object(v, p)) continue;
            ReturnRecord rec;
            rec.source = r.source(v, p);
            if (const json* h = r.fields().member(v, "sha256", p, Need::required)) rec.sha256 = r.hash(*h, path_key(p, "sha256"));
            rec.merged_at = r.time(v, "merged_at", p);
            out.returns.push_back(std::move(rec));
        }
    }
    if (const json* m = r.map(section, "provenance", path)) {
        for (auto it = m->begin(); it != m->end(); ++it) {
            const std::string p = path_key(path_key(path, "provenance"), it.key());
            if (!r.indicator(it.key(), p) || !r.object(*it, p)) continue;
            Provenance prov;
            const std::string kind = r.text(*it, "source", p);
            if (kind == "office") {
                prov.source = r.source(*it, p);
                if (const json* also = r.list(*it, "also", p, 100)) {
                    for (std::size_t i = 0; i < also->size(); ++i) {
                        const json wrapper{{"office", (*also)[i]}};
                        const std::size_t o = r.office(wrapper, "office", path_index(path_key(p, "also"), i));
                        if (o != SIZE_MAX) prov.also.push_back(pack.offices[o].id);
                    }
                }
            } else if (kind == "coordinator") {
                prov.from_office = false;
            } else if (!kind.empty()) {
                diagnostics.error("offices.provenance.source", path_key(p, "source"),
                                  path_key(p, "source") + " harus \"office\" atau \"coordinator\".",
                                  path_key(p, "source") + " must be \"office\" or \"coordinator\".");
            }
            prov.merged_at = r.time(*it, "merged_at", p);
            if (const json* h = r.fields().member(*it, "sha256", p, Need::required)) prov.sha256 = r.hash(*h, path_key(p, "sha256"));
            out.provenance.emplace(it.key(), std::move(prov));
        }
    }
    if (const json* m = r.map(section, "pending", path)) {
        for (auto it = m->begin(); it != m->end(); ++it) {
            const std::string p = path_key(path_key(path, "pending"), it.key());
            if (!r.indicator(it.key(), p)) continue;
            if (!it->is_array() || it->size() > kMaxVersions) {
                r.fields().type_error(p, "daftar versi jawaban", "a list of answer versions");
                continue;
            }
            std::vector<Version> versions;
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string vp = path_index(p, i);
                const json& v = (*it)[i];
                if (!r.object(v, vp)) continue;
                Version version;
                version.source = r.source(v, vp);
                if (const json* h = r.fields().member(v, "base", vp, Need::required)) version.base = r.hash(*h, path_key(vp, "base"));
                if (const json* a = r.fields().object(v, "answer", vp, Need::required)) version.answer = normalized_entry(*a);
                version.sha256 = entry_sha256(version.answer);  // recomputed, never trusted
                versions.push_back(std::move(version));
            }
            if (!versions.empty()) out.pending.emplace(it.key(), std::move(versions));
        }
    }
    if (const json* m = r.map(section, "decided", path)) {
        for (auto it = m->begin(); it != m->end(); ++it) {
            const std::string p = path_key(path_key(path, "decided"), it.key());
            if (!r.indicator(it.key(), p)) continue;
            if (!it->is_array() || it->size() > kMaxDecided) {
                r.fields().type_error(p, "daftar sidik SHA-256", "a list of SHA-256 hashes");
                continue;
            }
            std::vector<std::string> hashes;
            for (std::size_t i = 0; i < it->size(); ++i) hashes.push_back(r.hash((*it)[i], path_index(p, i)));
            out.decided.emplace(it.key(), std::move(hashes));
        }
    }
    return diagnostics.errors().size() == errors_before;
}

bool read_scope(const json& section, const Pack& pack, Scope& out, Diagnostics& diagnostics) {
    const std::size_t errors_before = diagnostics.errors().size();
    Reader r(pack, diagnostics);
    const std::string path = "$.scope";
    if (!r.object(section, path)) return false;
    r.fields().unknown_keys(section, path, {"kind", "assessment_id", "package_id", "office", "made_at", "returned_at",
                                            "indicators", "base", "filled_by"});
    const std::string kind = r.text(section, "kind", path);
    if (!kind.empty() && kind != kScopeKind) {
        diagnostics.error("offices.scope.kind", "$.scope.kind",
                          "$.scope.kind harus \"office-package\" (berkas ini \"" + kind + "\").",
                          "$.scope.kind must be \"office-package\" (this file says \"" + kind + "\").");
    }
    out.assessment_id = r.id(section, "assessment_id", path);
    out.package_id = r.id(section, "package_id", path);
    if (const json* o = r.fields().object(section, "office", path, Need::required)) out.office = r.office(*o, "id", "$.scope.office");
    out.made_at = r.time(section, "made_at", path);
    out.returned_at = r.time(section, "returned_at", path, Need::optional);
    out.filled_by = r.filled_by(section, "filled_by", path);
    if (const json* a = r.list(section, "indicators", path, pack.indicators.size())) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = path_index("$.scope.indicators", i);
            const json& v = (*a)[i];
            if (!v.is_string()) {
                r.fields().type_error(p, "kode indikator", "an indicator id");
                continue;
            }
            const auto found = pack.indicator_index.find(v.get<std::string>());
            if (!r.indicator(v.get<std::string>(), p)) continue;
            out.indicators.push_back(found->second);
        }
    } else if (r.fields().member(section, "indicators", path, Need::required) == nullptr) {
        // reported as missing
    }
    if (const json* m = r.fields().object(section, "base", path, Need::required)) {
        for (auto it = m->begin(); it != m->end(); ++it) {
            const std::string p = path_key("$.scope.base", it.key());
            if (!r.indicator(it.key(), p)) continue;
            out.base.emplace(it.key(), r.hash(*it, p));
        }
    }
    return diagnostics.errors().size() == errors_before;
}

json source_json(const Source& s) {
    return json{{"office", s.office}, {"package", s.package}, {"file", s.file}, {"filled_by", s.filled_by}, {"returned_at", s.returned_at}};
}

json provenance_json(const Provenance& p) {
    json out = p.from_office ? source_json(p.source) : json::object();
    out["source"] = p.from_office ? "office" : "coordinator";
    if (!p.also.empty()) out["also"] = p.also;
    out["merged_at"] = p.merged_at;
    out["sha256"] = p.sha256;
    return out;
}

json version_json(const Version& v) {
    json out = source_json(v.source);
    out["base"] = v.base;
    out["answer"] = v.answer;
    out["sha256"] = v.sha256;
    return out;
}

json coordination_json(const Coordination& c) {
    json out = json::object();
    out["assessment_id"] = c.assessment_id;
    json packages = json::array();
    for (const PackageRecord& p : c.packages) {
        packages.push_back({{"id", p.id}, {"office", p.office}, {"made_at", p.made_at}, {"indicators", p.indicators}});
    }
    out["packages"] = std::move(packages);
    json returns = json::array();
    for (const ReturnRecord& r : c.returns) {
        json rec = source_json(r.source);
        rec["sha256"] = r.sha256;
        rec["merged_at"] = r.merged_at;
        returns.push_back(std::move(rec));
    }
    out["returns"] = std::move(returns);
    json provenance = json::object();
    for (const auto& [id, p] : c.provenance) provenance[id] = provenance_json(p);
    out["provenance"] = std::move(provenance);
    json pending = json::object();
    for (const auto& [id, versions] : c.pending) {
        json list = json::array();
        for (const Version& v : versions) list.push_back(version_json(v));
        pending[id] = std::move(list);
    }
    out["pending"] = std::move(pending);
    json decided = json::object();
    for (const auto& [id, hashes] : c.decided) decided[id] = hashes;
    out["decided"] = std::move(decided);
    return out;
}

json scope_json(const Pack& pack, const Scope& s) {
    json out = json::object();
    out["kind"] = std::string(kScopeKind);
    out["assessment_id"] = s.assessment_id;
    out["package_id"] = s.package_id;
    out["office"] = office_json(pack.offices[s.office]);
    out["made_at"] = s.made_at;
    json indicators = json::array();
    for (const std::size_t i : s.indicators) indicators.push_back(pack.indicators[i].id);
    out["indicators"] = std::move(indicators);
    json base = json::object();
    for (const auto& [id, hash] : s.base) base[id] = hash;
    out["base"] = std::move(base);
    out["filled_by"] = s.filled_by;
    if (!s.returned_at.empty()) out["returned_at"] = s.returned_at;
    return out;
}

}  // namespace kkpham::offices
