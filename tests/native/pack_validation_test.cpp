// Every pack validation rule: the error code, the JSON path, and both languages.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

struct Case {
    const char* name;
    std::function<void(json&)> mutate;
    const char* code;
    const char* path;  // "" = don't check
};

json numeric_indicator(json bands) {
    return json{{"id", "R1-H1"}, {"right", "R1"}, {"type", "hasil"}, {"text", {{"id", "Cakupan"}}},
                {"answer", {{"kind", "percent"}, {"unit", "persen"}}},
                {"scoring", {{"max_points", 100}, {"rule", "bands"}, {"bands", std::move(bands)}}},
                {"legal_basis", json::array({{{"citation", "x"}, {"verified", false}}})}};
}

json band(json lo, bool lo_inc, json hi, bool hi_inc, int points) {
    json b = {{"min", lo}, {"max", hi}, {"points", points}};
    if (!lo.is_null()) b["min_inclusive"] = lo_inc;
    if (!hi.is_null()) b["max_inclusive"] = hi_inc;
    return b;
}

}  // namespace

TEST_CASE("the minimal pack is valid and identified by the SHA-256 of its canonical JSON") {
    kkpham::Engine engine;
    const json r = json::parse(engine.load_pack(minimal_pack().dump(2)), nullptr, false);
    REQUIRE(r["ok"].get<bool>());
    CHECK(r["errors"].empty());
    CHECK(r["warnings"].empty());
    // Whitespace and key order do not change the identity; content does.
    kkpham::Engine other;
    const json compact = json::parse(other.load_pack(minimal_pack().dump()), nullptr, false);
    CHECK(compact["pack"]["sha256"] == r["pack"]["sha256"]);
    json changed = minimal_pack();
    changed["version"] = "2";
    const json c = json::parse(other.load_pack(changed.dump()), nullptr, false);
    CHECK(c["pack"]["sha256"] != r["pack"]["sha256"]);
    CHECK(r["pack"]["sha256"].get<std::string>().size() == 64);
}

TEST_CASE("each validation rule reports its code and path") {
    const Case cases[] = {
        {"wrong format", [](json& p) { p["format"] = "other"; }, "pack.format", "$.format"},
        {"future format version", [](json& p) { p["format_version"] = 2; }, "pack.format_version", "$.format_version"},
        {"bad pack id", [](json& p) { p["id"] = "Bad Id"; }, "pack.id", "$.id"},
        {"missing title", [](json& p) { p.erase("title"); }, "field.missing", "$.title"},
        {"bad status", [](json& p) { p["status"] = "draft"; }, "pack.status", "$.status"},
        {"reference pack without notice", [](json& p) { p.erase("notice"); }, "field.missing", "$.notice"},
        {"years reversed", [](json& p) { p["data_years"] = {{"from", 2025}, {"to", 2020}}; }, "pack.data_years", "$.data_years.to"},
        {"duplicate group", [](json& p) { p["groups"].push_back(p["groups"][0]); }, "pack.group.duplicate", "$.groups[1].id"},
        {"right in unknown group", [](json& p) { p["rights"][0]["group"] = "nope"; }, "pack.right.group", "$.rights[0].group"},
        {"duplicate right", [](json& p) { p["rights"].push_back(p["rights"][0]); }, "pack.right.duplicate", "$.rights[1].id"},
        {"right without indicators",
         [](json& p) { p["rights"].push_back({{"id", "R2"}, {"group", "g"}, {"name", {{"id", "Hak 2"}}}}); },
         "pack.right.no_indicators", "$.rights[1]"},
        {"duplicate indicator", [](json& p) { p["indicators"].push_back(p["indicators"][0]); }, "pack.indicator.duplicate",
         "$.indicators[1].id"},
        {"indicator in unknown right", [](json& p) { p["indicators"][0]["right"] = "R9"; }, "pack.indicator.right",
         "$.indicators[0].right"},
        {"unknown type", [](json& p) { p["indicators"][0]["type"] = "output"; }, "pack.indicator.type", "$.indicators[0].type"},
        {"invalid indicator id", [](json& p) { p["indicators"][0]["id"] = "has space"; }, "id.invalid", "$.indicators[0].id"},
        {"empty text", [](json& p) { p["indicators"][0]["text"] = {{"id", ""}}; }, "text.empty", "$.indicators[0].text.id"},
        {"unknown answer kind", [](json& p) { p["indicators"][0]["answer"]["kind"] = "date"; }, "pack.answer.kind",
         "$.indicators[0].answer.kind"},
        {"number without unit",
         [](json& p) {
             p["indicators"][0]["answer"] = {{"kind", "number"}, {"range", {{"min", 0}, {"max", 10}}}};
             p["indicators"][0]["scoring"] = {{"max_points", 100}, {"rule", "linear"}, {"from", {{"value", 0}, {"points", 0}}},
                                              {"to", {{"value", 10}, {"points", 100}}}};
         },
         "field.missing", "$.indicators[0].answer.unit"},
        {"number without range",
         [](json& p) { p["indicators"][0]["answer"] = {{"kind", "count"}, {"unit", "desa"}}; }, "field.missing",
         "$.indicators[0].answer.range"},
        {"range min above max",
         [](json& p) { p["indicators"][0]["answer"] = {{"kind", "count"}, {"unit", "desa"}, {"range", {{"min", 5}, {"max", 1}}}}; },
         "pack.answer.range", "$.indicators[0].answer.range"},
        {"rule does not fit kind", [](json& p) { p["indicators"][0]["scoring"]["rule"] = "levels"; }, "pack.scoring.rule_kind",
         "$.indicators[0].scoring.rule"},
        {"unknown rule", [](json& p) { p["indicators"][0]["scoring"]["rule"] = "magic"; }, "pack.scoring.rule",
         "$.indicators[0].scoring.rule"},
        {"zero max points", [](json& p) { p["indicators"][0]["scoring"]["max_points"] = 0; }, "pack.scoring.max_points",
         "$.indicators[0].scoring.max_points"},
        {"points above max", [](json& p) { p["indicators"][0]["scoring"]["points_yes"] = 150; }, "pack.scoring.points_range",
         "$.indicators[0].scoring.points_yes"},
        {"max points unreachable", [](json& p) { p["indicators"][0]["scoring"]["points_yes"] = 50; },
         "pack.scoring.unreachable_max", "$.indicators[0].scoring"},
        {"too precise points", [](json& p) { p["indicators"][0]["scoring"]["max_points"] = 33.333333; }, "number.too_precise",
         "$.indicators[0].scoring.max_points"},
        {"levels: too few",
         [](json& p) {
             p["indicators"][0]["answer"] = {{"kind", "level"}, {"levels", json::array({{{"id", "0"}, {"label", {{"id", "Tidak"}}}}})}};
             p["indicators"][0]["scoring"] = {{"max_points", 100}, {"rule", "levels"}, {"points", {{"0", 100}}}};
         },
         "pack.levels.too_few", "$.indicators[0].answer.levels"},
        {"levels: points for an unknown level",
         [](json& p) {
             p["indicators"][0]["answer"] = {{"kind", "level"},
                                             {"levels", json::array({{{"id", "0"}, {"label", {{"id", "Tidak"}}}},
                                                                     {{"id", "1"}, {"label", {{"id", "Ya"}}}}})}};
             p["indicators"][0]["scoring"] = {{"max_points", 100}, {"rule", "levels"}, {"points", {{"0", 0}, {"1", 100}, {"2", 50}}}};
         },
         "pack.scoring.unknown_level", "$.indicators[0].scoring.points['2']"},
        {"levels: a level without points",
         [](json& p) {
             p["indicators"][0]["answer"] = {{"kind", "level"},
                                             {"levels", json::array({{{"id", "0"}, {"label", {{"id", "Tidak"}}}},
                                                                     {{"id", "1"}, {"label", {{"id", "Ya"}}}}})}};
             p["indicators"][0]["scoring"] = {{"max_points", 100}, {"rule", "levels"}, {"points", {{"1", 100}}}};
         },
         "field.missing", "$.indicators[0].scoring.points['0']"},
        {"bands overlap",
         [](json& p) {
             p["indicators"][0] = numeric_indicator({band(nullptr, false, 50, true, 0), band(40, true, nullptr, false, 100)});
         },
         "pack.band.overlap", "$.indicators[0].scoring.bands"},
        {"bands touch with both ends inclusive",
         [](json& p) {
             p["indicators"][0] = numeric_indicator({band(nullptr, false, 50, true, 0), band(50, true, nullptr, false, 100)});
         },
         "pack.band.overlap", "$.indicators[0].scoring.bands"},
        {"gap between bands",
         [](json& p) {
             p["indicators"][0] = numeric_indicator({band(nullptr, false, 50, true, 0), band(51, true, nullptr, false, 100)});
         },
         "pack.band.gap", "$.indicators[0].scoring.bands"},
        {"gap at a point (both ends exclusive)",
         [](json& p) {
             p["indicators"][0] = numeric_indicator({band(nullptr, false, 50, false, 0), band(50, false, nullptr, false, 100)});
         },
         "pack.band.gap", "$.indicators[0].scoring.bands"},
        {"bands do not cover the range",
         [](json& p) { p["indicators"][0] = numeric_indicator({band(10, true, 50, false, 0), band(50, true, 100, true, 100)}); },
         "pack.band.coverage", "$.indicators[0].scoring.bands"},
        {"empty band",
         [](json& p) { p["indicators"][0] = numeric_indicator({band(60, true, 50, false, 0), band(50, true, nullptr, false, 100)}); },
         "pack.band.empty", "$.indicators[0].scoring.bands[0]"},
        {"linear with equal ends",
         [](json& p) {
             p["indicators"][0]["answer"] = {{"kind", "percent"}, {"unit", "persen"}};
             p["indicators"][0]["scoring"] = {{"max_points", 100}, {"rule", "linear"}, {"from", {{"value", 5}, {"points", 0}}},
                                              {"to", {{"value", 5}, {"points", 100}}}};
         },
         "pack.scoring.linear_flat", "$.indicators[0].scoring"},
        {"duplicate evidence id", [](json& p) { p["indicators"][0]["evidence"].push_back(p["indicators"][0]["evidence"][0]); },
         "pack.evidence.duplicate", "$.indicators[0].evidence[1].id"},
        {"evidence without signer", [](json& p) { p["indicators"][0]["evidence"][0].erase("signer"); }, "field.missing",
         "$.indicators[0].evidence[0].signer"},
        {"no legal basis", [](json& p) { p["indicators"][0]["legal_basis"] = json::array(); }, "pack.legal_basis.empty",
         "$.indicators[0].legal_basis"},
        {"negative type weight", [](json& p) { p["aggregation"]["type_weights"]["value"]["proses"] = -1; },
         "pack.weight.negative", "$.aggregation.type_weights.value.proses"},
        {"type weights add up to zero",
         [](json& p) { p["aggregation"]["type_weights"]["value"] = {{"struktur", 0}, {"proses", 0}, {"hasil", 0}}; },
         "pack.weight.zero", "$.aggregation.type_weights.value"},
        {"right weight for an unknown right",
         [](json& p) { p["aggregation"]["right_weights"]["value"] = {{"R1", 1}, {"R9", 1}}; }, "pack.weight.unknown_right",
         "$.aggregation.right_weights.value.R9"},
        {"right weight missing", [](json& p) { p["aggregation"]["right_weights"]["value"] = json::object(); }, "field.missing",
         "$.aggregation.right_weights.value.R1"},
        {"unknown total formula", [](json& p) { p["aggregation"]["total"]["value"] = "median"; }, "pack.aggregation.total",
         "$.aggregation.total.value"},
        {"unsupported rounding", [](json& p) { p["aggregation"]["rounding"]["value"]["decimals"] = 3; }, "pack.rounding.decimals",
         "$.aggregation.rounding.value.decimals"},
        {"unsupported rounding mode", [](json& p) { p["aggregation"]["rounding"]["value"]["mode"] = "bankers"; },
         "pack.rounding.mode", "$.aggregation.rounding.value.mode"},
        {"unsupported missing-answer policy", [](json& p) { p["aggregation"]["missing_answer"]["value"] = "renormalise"; },
         "pack.missing_answer", "$.aggregation.missing_answer.value"},
        {"basis neither confirmed nor assumed", [](json& p) { p["aggregation"]["total"]["basis"] = "maybe"; },
         "pack.aggregation.basis", "$.aggregation.total.basis"},
        {"thresholds out of order",
         [](json& p) {
             p["aggregation"]["predicates"] = json::array({{{"id", "a"}, {"name", {{"id", "A"}}}, {"min", 50}, {"basis", "assumed"}},
                                                           {{"id", "b"}, {"name", {{"id", "B"}}}, {"min", 75}, {"basis", "assumed"}},
                                                           {{"id", "c"}, {"name", {{"id", "C"}}}, {"min", 0}, {"basis", "assumed"}}});
         },
         "pack.predicate.order", "$.aggregation.predicates[1].min"},
        {"last threshold not zero", [](json& p) { p["aggregation"]["predicates"][1]["min"] = 10; }, "pack.predicate.last",
         "$.aggregation.predicates"},
        {"threshold above 100", [](json& p) { p["aggregation"]["predicates"][0]["min"] = 175; }, "pack.predicate.min",
         "$.aggregation.predicates[0].min"},
        {"duplicate predicate", [](json& p) { p["aggregation"]["predicates"][1]["id"] = "peduli"; }, "pack.predicate.duplicate",
         "$.aggregation.predicates[1].id"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        json pack = minimal_pack();
        c.mutate(pack);
        kkpham::Engine engine;
        const json r = json::parse(engine.load_pack(pack.dump()), nullptr, false);
        REQUIRE_FALSE(r.is_discarded());
        REQUIRE_FALSE(r["ok"].get<bool>());
        bool found = false;
        for (const json& e : r["errors"]) {
            if (e["code"] == c.code && (std::string(c.path).empty() || e["path"] == c.path)) {
                found = true;
                CHECK_FALSE(e["message"]["id"].get<std::string>().empty());
                CHECK_FALSE(e["message"]["en"].get<std::string>().empty());
                CHECK(e["message"]["id"] != e["message"]["en"]);
            }
        }
        CHECK_MESSAGE(found, r["errors"].dump());
        CHECK_FALSE(engine.has_pack());
    }
}

TEST_CASE("unknown keys are warnings (likely typos), not errors") {
    json pack = minimal_pack();
    pack["indicators"][0]["scoring"]["max_point"] = 10;
    kkpham::Engine engine;
    const json r = json::parse(engine.load_pack(pack.dump()), nullptr, false);
    REQUIRE(r["ok"].get<bool>());
    REQUIRE(r["warnings"].size() == 1);
    CHECK(r["warnings"][0]["code"] == "field.unknown");
    CHECK(r["warnings"][0]["path"] == "$.indicators[0].scoring.max_point");
}

TEST_CASE("the shipped reference pack: 10 rights, 120 indicators, typed, unitised, evidenced, with legal bases") {
    const json pack = json::parse(read_repo_file("criteria/kkpham-22-2021.json"), nullptr, false);
    kkpham::Engine engine;
    const json r = json::parse(engine.load_pack(pack.dump()), nullptr, false);
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump().substr(0, 500));
    CHECK(r["warnings"].empty());
    CHECK(r["pack"]["status"] == "reference");
    CHECK(r["pack"]["right_count"] == 10);
    CHECK(r["pack"]["indicator_count"] == 120);
    CHECK(pack["notice"]["id"].get<std::string>().find("BUKAN") != std::string::npos);
    int per_right_type[10][3] = {};
    for (const json& ind : pack["indicators"]) {
        CAPTURE(ind["id"].get<std::string>());
        int right = -1;
        for (std::size_t i = 0; i < pack["rights"].size(); ++i) {
            if (pack["rights"][i]["id"] == ind["right"]) right = static_cast<int>(i);
        }
        REQUIRE(right >= 0);
        const std::string type = ind["type"];
        per_right_type[right][type == "struktur" ? 0 : type == "proses" ? 1 : 2]++;
        const std::string kind = ind["answer"]["kind"];
        if (kind == "number" || kind == "percent" || kind == "count") CHECK_FALSE(ind["answer"]["unit"].get<std::string>().empty());
        CHECK(ind["evidence"].size() >= 1);
        CHECK(ind["legal_basis"].size() >= 1);
        CHECK_FALSE(ind["text"]["en"].get<std::string>().empty());
    }
    for (auto& right : per_right_type) {
        for (int count : right) CHECK(count >= 1);
    }
    const json& groups = pack["groups"];
    CHECK(groups.size() == 2);
}
