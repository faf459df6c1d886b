// Shared helpers of the libFuzzer harnesses in tests/fuzz/ (not a harness itself).
//
// The harnesses use only the public API (kkpham/engine.hpp) and check, besides "no crash, no
// sanitizer report", the promises the API makes: every reply is a JSON object with a boolean
// "ok"; a failure carries at least one error with a code, a JSON path and a message in both
// Bahasa Indonesia and English. A broken promise aborts with a message, which libFuzzer records
// as a finding like any crash.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kkpham/engine.hpp"

#ifndef KKPHAM_SOURCE_DIR
#error "build with -DKKPHAM_SOURCE_DIR=\"/path/to/repository\" (tests/fuzz/run.sh does)"
#endif

namespace kkpham_fuzz {

using json = nlohmann::json;

[[noreturn]] inline void fail(std::string_view what, std::string_view detail) {
    const std::size_t n = std::min<std::size_t>(detail.size(), 4000);
    std::fprintf(stderr, "\n*** kkpham fuzz invariant violated: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(n), detail.data());
    std::abort();
}

inline std::string read_source_file(const std::string& relative) {
    const std::string path = std::string(KKPHAM_SOURCE_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read a fixture", path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The packs the answers/template/explain harnesses score against (loaded once per process).
inline const std::vector<const char*>& pack_files() {
    static const std::vector<const char*> files = {
        "criteria/kkpham-22-2021.json",           // the reference pack: 120 indicators, every answer kind
        "tests/fixtures/mini-pack.json",          // every rule kind in a few indicators, N/A allowed
        "tests/fixtures/permenkumham-25-2013.json",  // the 2013 rule: points_ratio, bands
        "tests/fixtures/rounding-pack.json",      // half-up rounding edge cases
        "tests/vectors/packs/points-100-over-k.json",  // max points 100/k: exact sums past 128 bits
    };
    return files;
}

struct LoadedPack {
    kkpham::Engine engine;
    json document;                        // the pack file itself
    std::vector<std::string> indicator_ids;
    int data_year_from = 0, data_year_to = 0;  // to == 0: open-ended
};

inline std::vector<LoadedPack>& loaded_packs() {
    static std::vector<LoadedPack> packs = [] {
        std::vector<LoadedPack> out;
        for (const char* f : pack_files()) {
            LoadedPack p;
            const std::string text = read_source_file(f);
            const std::string reply = p.engine.load_pack(text);
            if (!p.engine.has_pack()) fail("a shipped pack does not load", reply);
            p.document = json::parse(text, nullptr, false);
            if (p.document.is_discarded()) fail("a shipped pack is not JSON", f);
            for (const auto& ind : p.document["indicators"]) p.indicator_ids.push_back(ind["id"].get<std::string>());
            const auto& years = p.document["data_years"];
            p.data_year_from = years["from"].get<int>();
            p.data_year_to = years["to"].is_number_integer() ? years["to"].get<int>() : 0;
            out.push_back(std::move(p));
        }
        return out;
    }();
    return packs;
}

// The pack an input is meant for: the first non-reference pack whose id appears in it (quoted),
// else the reference pack. One engine per input keeps the harnesses fast (the reference pack
// alone costs milliseconds per call under ASan), and a mutation of the id switches packs.
inline LoadedPack& pack_for(std::string_view text) {
    auto& packs = loaded_packs();
    for (std::size_t i = 1; i < packs.size(); ++i) {
        const std::string quoted = "\"" + packs[i].document["id"].get<std::string>() + "\"";
        if (text.find(quoted) != std::string_view::npos) return packs[i];
    }
    return packs[0];
}

inline bool is_nonempty_string(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() && !it->get_ref<const std::string&>().empty();
}

inline bool is_string(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string();
}

// Checks one diagnostic: {"code","path","line","column","message":{"id","en"}}.
inline void check_diagnostic(std::string_view where, const json& d, const std::string& reply) {
    if (!d.is_object() || !is_nonempty_string(d, "code") || !is_string(d, "path")) {
        fail(std::string(where) + ": a diagnostic without code or path", reply);
    }
    const auto m = d.find("message");
    if (m == d.end() || !m->is_object() || !is_nonempty_string(*m, "id") || !is_nonempty_string(*m, "en")) {
        fail(std::string(where) + ": a diagnostic without both messages (id, en)", reply);
    }
    for (const char* k : {"line", "column"}) {
        const auto it = d.find(k);
        if (it == d.end() || !it->is_number_integer() || it->get<long long>() < 0) {
            fail(std::string(where) + ": a diagnostic without a line/column >= 0", reply);
        }
    }
}

// Parses an engine reply and checks the contract every entry point shares. Returns the document.
// `success_format`: an entry point whose success document has no "ok" but this "format" (summary()
// returns a bare "kkpham-summary"); the returned document then gets "ok": true.
inline json check_reply(std::string_view where, const std::string& reply, const char* success_format = nullptr) {
    json doc = json::parse(reply, nullptr, false);
    if (doc.is_discarded()) fail(std::string(where) + ": the reply is not valid JSON (or not UTF-8)", reply);
    if (!doc.is_object()) fail(std::string(where) + ": the reply is not a JSON object", reply);
    if (success_format != nullptr && !doc.contains("ok") && is_string(doc, "format") && doc["format"] == success_format) {
        doc["ok"] = true;
    }
    const auto ok = doc.find("ok");
    if (ok == doc.end() || !ok->is_boolean()) fail(std::string(where) + ": the reply has no boolean \"ok\"", reply);
    const auto errors = doc.find("errors");
    if (!ok->get<bool>()) {
        if (errors == doc.end() || !errors->is_array() || errors->empty()) {
            fail(std::string(where) + ": a failure without errors", reply);
        }
    }
    if (errors != doc.end()) {
        if (!errors->is_array()) fail(std::string(where) + ": \"errors\" is not an array", reply);
        if (ok->get<bool>() && !errors->empty()) fail(std::string(where) + ": ok with errors", reply);
        for (const auto& e : *errors) check_diagnostic(where, e, reply);
    }
    if (const auto w = doc.find("warnings"); w != doc.end()) {
        if (!w->is_array()) fail(std::string(where) + ": \"warnings\" is not an array", reply);
        for (const auto& e : *w) check_diagnostic(where, e, reply);
    }
    return doc;
}

inline bool ok_of(const json& doc) { return doc["ok"].get<bool>(); }

inline std::string first_code(const json& doc) {
    const auto e = doc.find("errors");
    if (e == doc.end() || !e->is_array() || e->empty()) return "";
    return (*e)[0]["code"].get<std::string>();
}

// A published score: a number in [0, 100].
inline double score_of(const json& doc, const char* key, const std::string& reply) {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_number()) fail(std::string("result without a numeric ") + key, reply);
    const double v = it->get<double>();
    if (!(v >= 0.0 && v <= 100.0)) fail(std::string("result ") + key + " outside 0..100", reply);
    return v;
}

// Cents of a result number (printed with at most 4 decimals).
inline long long cents_of(const json& v) { return std::llround(v.get<double>() * 100.0); }

// Checks a successful score result; returns its total (-1 when it is not assessable).
inline double check_result(const json& doc, const std::string& reply) {
    if (!is_string(doc, "format") || doc["format"] != "kkpham-result") fail("result without format kkpham-result", reply);
    const auto assessable = doc.find("assessable");
    if (assessable == doc.end() || !assessable->is_boolean()) fail("result without a boolean assessable", reply);
    score_of(doc, "completeness", reply);
    const auto rights = doc.find("rights");
    if (rights == doc.end() || !rights->is_array() || rights->empty()) fail("result without rights", reply);
    for (const auto& r : *rights) {
        const auto s = r.find("score");
        if (s == r.end()) fail("a right without score", reply);
        if (!s->is_null() && !(s->is_number() && s->get<double>() >= 0.0 && s->get<double>() <= 100.0)) {
            fail("a right score outside 0..100", reply);
        }
        for (const auto& ty : r["types"]) {
            if (ty["counted"].is_boolean() && !ty["counted"].get<bool>() && !ty["share"].is_null()) fail("a type that does not count has a share", reply);
        }
    }
    if (!assessable->get<bool>()) {
        // Not assessable: the totals are null and the predicate says so, never 0.00.
        for (const char* k : {"total", "evidenced_total", "points_at_risk"}) {
            if (!doc[k].is_null()) fail(std::string("a result that is not assessable has a ") + k, reply);
        }
        if (doc["predicate"]["id"] != "not_assessable") fail("a result that is not assessable has a predicate", reply);
        return -1.0;
    }
    const double total = score_of(doc, "total", reply);
    const double evidenced = score_of(doc, "evidenced_total", reply);
    if (evidenced > total + 1e-9) fail("evidenced_total above total", reply);
    // The page adds up: points at risk is the difference of the two published totals.
    if (cents_of(doc["points_at_risk"]) != cents_of(doc["total"]) - cents_of(doc["evidenced_total"])) {
        fail("points_at_risk is not total - evidenced_total", reply);
    }
    const json& published = doc["published"];
    if (!published.is_object() || published["nilai_murni"] != doc["total"]) fail("published.nilai_murni is not the total", reply);
    score_of(published, "nilai_akhir", reply);
    if (published["nilai_akhir"] != doc["adjustments"]["adjusted_total"]) fail("nilai_akhir is not adjusted_total", reply);
    // Each 2-decimal twin is its 4-decimal figure rounded once from the exact value: within 0.005 of it.
    for (const auto& ind : doc["indicators"]) {
        for (const char* k : {"contribution", "max_contribution", "gain"}) {
            const auto four = ind.find(k);
            const auto two = ind.find(std::string(k) + "_2dp");
            if (four == ind.end() || two == ind.end() || !four->is_number() || !two->is_number()) fail(std::string("an indicator without ") + k + "_2dp", reply);
            if (std::fabs(four->get<double>() - two->get<double>()) > 0.00505) fail(std::string(k) + "_2dp is not the 2-decimal rounding", reply);
        }
    }
    return total;
}

}  // namespace kkpham_fuzz
