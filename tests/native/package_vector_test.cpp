// The shared package vector (tests/fixtures/package-vector.json): the same inputs give the same
// folder check, gate and package layout wherever the engine runs.
#include <doctest/doctest.h>

#include <string>

#include "kkpham/engine.hpp"
#include "support.hpp"
#include "util/sha256.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

TEST_CASE("package vector: folder check, gate and layout") {
    const json vec = json::parse(read_repo_file("tests/fixtures/package-vector.json"));
    kkpham::Engine e;
    const json loaded = json::parse(e.load_pack(vec["pack"].dump()));
    REQUIRE(loaded["ok"].get<bool>());
    json answers = vec["answers"];
    answers["pack"]["sha256"] = loaded["pack"]["sha256"];
    json files = json::array();
    for (auto it = vec["files"].begin(); it != vec["files"].end(); ++it) {
        const std::string content = it.value();
        files.push_back({{"path", it.key()}, {"size", content.size()}, {"sha256", kkpham::sha256_hex(content)}});
    }
    const json request = {{"files", files}, {"answers_name", vec["answers_name"]}, {"bagging_date", vec["bagging_date"]}};
    const json p = json::parse(e.package(answers.dump(), request.dump()));
    REQUIRE_MESSAGE(p["ok"].get<bool>(), p.dump());
    const json& expect = vec["expect"];
    CHECK(p["root"] == expect["root"]);
    CHECK(p["complete"] == expect["complete"]);
    json paths = json::array();
    for (const json& entry : p["entries"]) paths.push_back(entry["path"]);
    CHECK(paths == expect["paths"]);
    REQUIRE(p["evidence"]["items"].size() == expect["status"].size());
    for (std::size_t i = 0; i < expect["status"].size(); ++i) {
        const json& want = expect["status"][i];
        const json& got = p["evidence"]["items"][i];
        CHECK(got["indicator"] == want[0]);
        CHECK(got["evidence"] == want[1]);
        CHECK(got["status"] == want[2]);
        CHECK((got["file"].is_null() ? json() : got["file"]["path"]) == want[3]);
    }
    json unreferenced = json::array();
    for (const json& f : p["evidence"]["unreferenced"]) unreferenced.push_back(f["path"]);
    CHECK(unreferenced == expect["unreferenced"]);
    json reasons = json::array();
    for (const json& r : p["gate"]["reasons"]) reasons.push_back({r["kind"], r["indicator"], r["evidence"]});
    CHECK(reasons == expect["gate_reasons"]);
    // The folder check alone says the same.
    const json check = json::parse(e.evidence_check(answers.dump(), json({{"files", files}}).dump()));
    CHECK(check["evidence"] == p["evidence"]);
    CHECK(check["gate"] == p["gate"]);
}
