// Carrying answers to a new pack edition, and the change from one year to the next.
#include <doctest/doctest.h>

#include <string>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

kkpham::Engine load(const json& pack) {
    kkpham::Engine engine;
    const json r = json::parse(engine.load_pack(pack.dump()), nullptr, false);
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump());
    return engine;
}

}  // namespace

TEST_CASE("migrate: renamed, dropped, incompatible and new indicators are each handled and reported") {
    const json old_pack = json::parse(read_repo_file("tests/fixtures/mini-pack.json"), nullptr, false);
    kkpham::Engine old_engine = load(old_pack);
    json answers = json::parse(read_repo_file("tests/vectors/mini-mixed.json"), nullptr, false)["answers"];
    answers["pack"]["sha256"] = json::parse(old_engine.pack_summary(), nullptr, false)["sha256"];

    // The new edition: A-S1 renamed to A-S1b, B-P1 removed, A-P1's levels changed ("2" no longer exists),
    // and a brand-new indicator A-S2.
    json new_pack = old_pack;
    new_pack["version"] = "2";
    new_pack["indicators"][0]["id"] = "A-S1b";
    json& levels = new_pack["indicators"][1]["answer"]["levels"];
    levels = json::array({{{"id", "0"}, {"label", {{"id", "Tidak"}}}}, {{"id", "1"}, {"label", {{"id", "Ya"}}}}});
    new_pack["indicators"][1]["scoring"]["points"] = {{"0", 0}, {"1", 100}};
    new_pack["indicators"].erase(4);  // B-P1
    json added = new_pack["indicators"][0];
    added["id"] = "A-S2";
    new_pack["indicators"].push_back(added);
    kkpham::Engine engine = load(new_pack);

    const json r = json::parse(engine.migrate(answers.dump(), R"({"A-S1":"A-S1b"})"), nullptr, false);
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump());
    const json& report = r["report"];
    auto has = [](const json& list, const std::string& key, const std::string& value) {
        for (const json& e : list) {
            if (e.is_string() ? e == value : e[key] == value) return true;
        }
        return false;
    };
    CHECK(has(report["carried"], "to", "A-S1b"));
    CHECK(has(report["carried"], "to", "A-H1"));
    CHECK(has(report["not_carried"], "from", "B-P1"));  // no such indicator any more
    CHECK(has(report["not_carried"], "from", "A-P1"));  // level "2" does not exist in the new edition
    CHECK(has(report["new"], "", "A-S2"));
    CHECK(has(report["new"], "", "A-P1"));
    // The migrated file is pinned to the new pack and scores.
    const json scored = json::parse(engine.score(r["answers"].dump()), nullptr, false);
    REQUIRE(scored["ok"].get<bool>());
    CHECK(r["answers"]["pack"]["version"] == "2");
    // A mapping to an indicator that does not exist is refused.
    const json bad = json::parse(engine.migrate(answers.dump(), R"({"A-S1":"NOPE"})"), nullptr, false);
    CHECK_FALSE(bad["ok"].get<bool>());
    CHECK(bad["errors"][0]["code"] == "migrate.unknown_target");
    CHECK_FALSE(json::parse(engine.migrate("{", "{}"), nullptr, false)["ok"].get<bool>());
}

TEST_CASE("migrate drops invalid answers until the rest is valid, however many rounds that takes (fuzz finding F4)") {
    // As tests/fuzz/regressions/migrate/more-than-8-rounds-of-invalid-answers.txt: more than 8
    // answers with over 200 errors each (one validation reports at most 200), here 12 answers with
    // 67 evidence items that are wrong three ways each, on the reference pack.
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    const json t = json::parse(engine.make_template(R"({"fill":"max","seed":1})"), nullptr, false);
    REQUIRE(t["ok"].get<bool>());
    json answers = t["answers"];
    json bad_evidence = json::array();
    for (int i = 0; i < 67; ++i) {
        std::string id = std::to_string(i);
        id.insert(0, 1, 'e');  // not "e" + to_string(i): g++ 12 warns -Wrestrict on it (a false positive)
        bad_evidence.push_back({{"id", id}, {"status", "lost"}, {"sha256", "xyz"}, {"date", "yesterday"}});
    }
    int spoiled = 0;
    for (auto it = answers["answers"].begin(); it != answers["answers"].end() && spoiled < 12; ++it, ++spoiled) {
        (*it)["evidence"] = bad_evidence;
    }
    REQUIRE(spoiled == 12);
    const json m = json::parse(engine.migrate(answers.dump(), ""), nullptr, false);
    REQUIRE(m.is_object());
    REQUIRE_MESSAGE(m["ok"].get<bool>(), m.dump().substr(0, 400));
    const json scored = json::parse(engine.score(m["answers"].dump()), nullptr, false);
    CHECK_MESSAGE(scored["ok"].get<bool>(), scored.dump().substr(0, 400));
    CHECK(m["report"]["not_carried"].size() == 12);
    CHECK(m["report"]["carried"].size() == answers["answers"].size() - 12);
}

TEST_CASE("year over year: change per right and indicator, new and removed indicators") {
    const json pack = json::parse(read_repo_file("criteria/kkpham-22-2021.json"), nullptr, false);
    kkpham::Engine engine = load(pack);
    json last = json::parse(engine.make_template(R"({"fill":"random","seed":11,"data_year":2024})"), nullptr, false)["answers"];
    json now = json::parse(engine.make_template(R"({"fill":"max","data_year":2025})"), nullptr, false)["answers"];
    const std::string a = engine.score(last.dump());
    const std::string b = engine.score(now.dump());
    const json y = json::parse(kkpham::Engine::year_over_year(a, b), nullptr, false);
    REQUIRE_MESSAGE(y["ok"].get<bool>(), y.dump());
    const json ra = json::parse(a, nullptr, false), rb = json::parse(b, nullptr, false);
    CHECK(std::abs(y["total_change"].get<double>() - (rb["total"].get<double>() - ra["total"].get<double>())) < 1e-9);
    CHECK(y["same_pack"].get<bool>());
    CHECK(y["rights"].size() == 10);
    CHECK(y["indicators"].size() == 120);
    for (const json& r : y["rights"]) CHECK(r["change"].get<double>() >= 0.0);
    const json bad = json::parse(kkpham::Engine::year_over_year("{}", b), nullptr, false);
    CHECK_FALSE(bad["ok"].get<bool>());
    CHECK(bad["errors"][0]["code"] == "yoy.not_a_result");
}
