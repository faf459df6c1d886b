// The shared vectors that carry "expected_plan" (tests/vectors/README.md): the evidence plan of
// their answers checked natively (and, as this suite is also built to wasm, under node).
// tests/wasm/plan-vectors.test.mjs checks the same through the JS facade.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

TEST_CASE("shared vectors: the evidence plan of every vector with expected_plan") {
    const json index = json::parse(read_repo_file("tests/vectors/index.json"), nullptr, false);
    REQUIRE(index.is_array());
    int checked = 0;
    for (const json& n : index) {
        const std::string name = n.get<std::string>();
        const json v = json::parse(read_repo_file("tests/vectors/" + name + ".json"), nullptr, false);
        REQUIRE_FALSE(v.is_discarded());
        if (!v.contains("expected_plan")) continue;
        CAPTURE(name);
        ++checked;
        kkpham::Engine engine;
        const json loaded = json::parse(engine.load_pack(read_repo_file(v["pack"].get<std::string>())), nullptr, false);
        REQUIRE(loaded["ok"].get<bool>());
        json answers = v["answers"];
        if (answers["pack"]["sha256"] == "@pack") answers["pack"]["sha256"] = loaded["pack"]["sha256"];
        const json plan = json::parse(engine.evidence_plan(answers.dump()), nullptr, false);
        REQUIRE_MESSAGE(plan["ok"].get<bool>(), plan.dump().substr(0, 600));
        const json& expected = v["expected_plan"];
        if (expected.contains("max_offices")) CHECK(plan["offices"].size() <= expected["max_offices"].get<std::size_t>());
        if (expected.contains("findings")) {
            for (const auto& entry : expected["findings"].items()) {
                const std::string kind = entry.key();
                const json& list = entry.value();
                std::vector<std::string> got, want;
                for (const json& f : plan["check"]["findings"]) {
                    if (f["kind"] == kind) got.push_back(f["indicator"].get<std::string>() + ":" + f["evidence"].get<std::string>());
                }
                for (const json& w : list) want.push_back(w.get<std::string>());
                CAPTURE(kind);
                CHECK(got == want);
            }
        }
        if (expected.contains("office_of")) {
            for (const auto& entry : expected["office_of"].items()) {
                const std::string indicator = entry.key();
                const json& office = entry.value();
                std::string page = "(none)";
                for (const json& o : plan["offices"]) {
                    for (const json& item : o["items"]) {
                        if (item["indicator"] == indicator) page = o["office"].get<std::string>();
                    }
                }
                CAPTURE(indicator);
                CHECK(page == office.get<std::string>());
            }
        }
    }
    CHECK(checked >= 1);
}
