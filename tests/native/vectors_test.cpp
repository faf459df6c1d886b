// Runs every shared vector in tests/vectors/ (the wasm node tests run the same files).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

// The vector list is kept in tests/vectors/index.json so the wasm build (no directory listing
// without a filesystem layer) and the native build read the same set.
std::vector<std::string> vector_names() {
    const json index = json::parse(read_repo_file("tests/vectors/index.json"), nullptr, false);
    REQUIRE(index.is_array());
    std::vector<std::string> names;
    for (const auto& n : index) names.push_back(n.get<std::string>());
    return names;
}

}  // namespace

TEST_CASE("shared vectors: every case gives its expected result or error") {
    const auto names = vector_names();
    REQUIRE(names.size() >= 20);
    for (const std::string& name : names) {
        CAPTURE(name);
        const json v = json::parse(read_repo_file("tests/vectors/" + name + ".json"), nullptr, false);
        REQUIRE_FALSE(v.is_discarded());
        kkpham::Engine engine;
        const json loaded = json::parse(engine.load_pack(read_repo_file(v["pack"].get<std::string>())), nullptr, false);
        REQUIRE_MESSAGE(loaded["ok"].get<bool>(), loaded.dump());
        const std::string sha = loaded["pack"]["sha256"].get<std::string>();
        std::string answers;
        if (v.contains("answers_text")) {
            answers = v["answers_text"].get<std::string>();
        } else if (v.contains("answers_template")) {
            const json t = json::parse(engine.make_template(v["answers_template"].dump()), nullptr, false);
            REQUIRE(t["ok"].get<bool>());
            answers = t["answers"].dump();
        } else {
            json a = v["answers"];
            if (a["pack"]["sha256"] == "@pack") a["pack"]["sha256"] = sha;
            answers = a.dump();
        }
        const std::string raw = engine.score(answers);
        const json result = json::parse(raw, nullptr, false);
        REQUIRE_FALSE(result.is_discarded());
        if (v.contains("expected_error")) {
            REQUIRE_MESSAGE(!result["ok"].get<bool>(), raw.substr(0, 300));
            const json& first = result["errors"][0];
            CHECK(first["code"] == v["expected_error"]["code"]);
            if (v["expected_error"].contains("path")) CHECK(first["path"] == v["expected_error"]["path"]);
            CHECK_FALSE(first["message"]["id"].get<std::string>().empty());
            CHECK_FALSE(first["message"]["en"].get<std::string>().empty());
        } else {
            REQUIRE_MESSAGE(result["ok"].get<bool>(), raw.substr(0, 600));
            const std::string mismatch = partial_mismatch(v["expected"], result);
            CHECK_MESSAGE(mismatch.empty(), mismatch);
        }
    }
}

TEST_CASE("shared vectors: the index lists every vector file") {
    // Guards against a vector silently left out of index.json.
    const auto names = vector_names();
    for (const std::string& name : names) {
        CAPTURE(name);
        CHECK_FALSE(read_repo_file("tests/vectors/" + name + ".json").empty());
    }
}
