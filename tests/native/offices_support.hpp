// Helpers for the split/merge doctest files: a small pack with offices (one shared indicator),
// a master assessment for it, and the engine calls with their results parsed.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kkpham/engine.hpp"
#include "support.hpp"

namespace kkpham::test::offices {

using json = nlohmann::json;

// tests/fixtures/mini-pack.json with four offices: hukum (A-S1, B-P1), dinkes (A-P1, A-H1, B-H1),
// dp3a (A-H1, A-H2): A-H1 is shared by dinkes (lead) and dp3a; bkpsdm answers for nothing.
inline json offices_pack() {
    json pack = json::parse(read_repo_file("tests/fixtures/mini-pack.json"), nullptr, false);
    REQUIRE_FALSE(pack.is_discarded());
    pack["offices"] = json::parse(R"([
      {"id": "hukum", "name": {"id": "Bagian Hukum Sekretariat Daerah"}, "short_name": "Bagian Hukum Setda"},
      {"id": "dinkes", "name": {"id": "Dinas Kesehatan"}, "short_name": "Dinkes"},
      {"id": "dp3a", "name": {"id": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"}, "short_name": "DP3A"},
      {"id": "bkpsdm", "name": {"id": "Badan Kepegawaian"}, "short_name": "BKPSDM"}])");
    const std::pair<const char*, std::vector<std::string>> owners[] = {
        {"A-S1", {"hukum"}}, {"A-P1", {"dinkes"}}, {"A-H1", {"dinkes", "dp3a"}},
        {"A-H2", {"dp3a"}},  {"B-P1", {"hukum"}},  {"B-H1", {"dinkes"}}};
    for (json& ind : pack["indicators"]) {
        for (const auto& [id, offices] : owners) {
            if (ind["id"] == id) ind["offices"] = offices;
        }
    }
    return pack;
}

struct Bench {
    Engine engine;
    std::string sha256;

    Bench() : Bench(offices_pack()) {}
    explicit Bench(const json& pack) {
        const json r = json::parse(engine.load_pack(pack.dump()), nullptr, false);
        REQUIRE_MESSAGE(r.value("ok", false), r.dump());
        sha256 = r["pack"]["sha256"].get<std::string>();
    }

    // A master: A-S1 yes, A-P1 "1", A-H1 40 %, A-H2 20, B-P1 blank, B-H1 blank.
    json master() const {
        json m = json::parse(R"({"format": "kkpham-answers", "format_version": 1,
          "pack": {"id": "mini-test", "version": "1", "sha256": ""},
          "region": {"name": "Kabupaten Uji", "kind": "kabupaten", "province": "Jawa Tengah", "code": "33.99"},
          "data_year": 2025, "assessment_year": 2026,
          "answers": {
            "A-S1": {"value": true, "evidence": [{"id": "sk", "status": "ready", "reference": "sk.pdf"}]},
            "A-P1": {"value": "1"},
            "A-H1": {"value": 40},
            "A-H2": {"value": 20}},
          "updated_at": "2026-02-01T00:00:00Z"})");
        m["pack"]["sha256"] = sha256;
        return m;
    }

    json call(const std::string& text) const {
        json r = json::parse(text, nullptr, false);
        REQUIRE_FALSE(r.is_discarded());
        return r;
    }

    json split(const json& master, const json& options) const { return call(engine.split(master.dump(), options.dump())); }

    // Every package of a split at `made_at`, by office id.
    json packages(const json& master, const std::string& made_at = "2026-03-01T08:00:00Z") const {
        const json r = split(master, {{"made_at", made_at}});
        REQUIRE_MESSAGE(r.value("ok", false), r.dump());
        json out = json::object();
        for (const json& p : r["packages"]) out[p["office"]["id"].get<std::string>()] = p["package"];
        return out;
    }

    // A returned package: scope.returned_at and filled_by set.
    static json returned(json package, const std::string& at, const std::string& who = "Petugas") {
        package["scope"]["returned_at"] = at;
        package["scope"]["filled_by"] = {{"name", who}};
        return package;
    }

    std::string merge_raw(const json& master, const std::vector<std::pair<std::string, json>>& returns, const json& options) const {
        json list = json::array();
        for (const auto& [file, doc] : returns) list.push_back({{"file", file}, {"text", doc.is_string() ? doc.get<std::string>() : doc.dump()}});
        return engine.merge(master.dump(), list.dump(), options.dump());
    }
    json merge(const json& master, const std::vector<std::pair<std::string, json>>& returns, const json& options = {{"merged_at", "2026-03-10T00:00:00Z"}}) const {
        return call(merge_raw(master, returns, options));
    }
    json merged_ok(const json& master, const std::vector<std::pair<std::string, json>>& returns,
                   const json& options = {{"merged_at", "2026-03-10T00:00:00Z"}}) const {
        json r = merge(master, returns, options);
        REQUIRE_MESSAGE(r.value("ok", false), r.dump());
        return r;
    }
};

// The conflict listed for `indicator` in a merge result, or null.
inline json conflict_of(const json& result, const std::string& indicator) {
    for (const json& c : result["report"]["conflicts"]) {
        if (c["indicator"] == indicator) return c;
    }
    return nullptr;
}

inline json status_of(const json& result, const std::string& office) {
    for (const json& s : result["status"]) {
        if (s["office"]["id"] == office) return s;
    }
    return nullptr;
}

}  // namespace kkpham::test::offices
