// The result document stays ASCII when the answers and the pack are: a single non-ASCII character
// of the engine's own (a U+2212 minus in the nilai akhir formula did it) makes the browser decode
// every result on its slow path into a two-byte string, a fifth of a score call in wasm.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "kkpham/engine.hpp"
#include "support.hpp"

namespace {

bool ascii(const std::string& s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("result: the engine's own text in a score result is ASCII") {
    kkpham::Engine engine;
    const std::string pack = kkpham::test::read_repo_file("criteria/kkpham-22-2021.json");
    REQUIRE(nlohmann::json::parse(engine.load_pack(pack))["ok"].get<bool>());
    for (const char* fill : {"blank", "max", "random"}) {
        const nlohmann::json t = nlohmann::json::parse(engine.make_template(std::string(R"({"fill":")") + fill + R"(","seed":7})"));
        REQUIRE(t["ok"].get<bool>());
        // The reference pack's text (names, offices) is not ASCII everywhere: keep only the ids and values.
        const std::string answers = t["answers"].dump(-1, ' ', true);  // ensure_ascii: \u escapes for the pack's text
        REQUIRE(ascii(answers));
        const std::string result = engine.score(answers);
        CHECK(nlohmann::json::parse(result)["total"].is_number());
        CHECK_MESSAGE(ascii(result), "a non-ASCII byte in the result of a '", fill, "' template: ", result.substr(0, 200));
    }
}
