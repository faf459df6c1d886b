// Hostile and malformed files: each gets a clear, located error — never a crash or a hang.
#include <doctest/doctest.h>

#include <string>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

json load(kkpham::Engine& engine, const std::string& text) {
    const json r = json::parse(engine.load_pack(text), nullptr, false);
    REQUIRE_FALSE(r.is_discarded());
    return r;
}

std::string first_code(const json& r) {
    REQUIRE_FALSE(r["ok"].get<bool>());
    REQUIRE(r["errors"].size() >= 1);
    const json& e = r["errors"][0];
    CHECK_FALSE(e["message"]["id"].get<std::string>().empty());
    CHECK_FALSE(e["message"]["en"].get<std::string>().empty());
    return e["code"].get<std::string>();
}

}  // namespace

TEST_CASE("packs that are not JSON, truncated, empty or in the wrong encoding") {
    kkpham::Engine engine;
    CHECK(first_code(load(engine, "hello")) == "json.syntax");
    CHECK(first_code(load(engine, "")) == "file.empty");
    CHECK(first_code(load(engine, "   \n ")) == "file.empty");
    const json truncated = load(engine, "{\n  \"format\": \"kkpham-pack\",\n  \"rights\": [");
    CHECK(first_code(truncated) == "json.truncated");
    CHECK(truncated["errors"][0]["line"].get<int>() == 3);
    CHECK(first_code(load(engine, std::string("\xFF\xFE{\0}\0", 6))) == "file.utf16");
    CHECK(first_code(load(engine, "{\"title\": \"\xC3\x28\"}")) == "json.invalid_utf8");
    CHECK(first_code(load(engine, "{\"a\": 1e999}")) == "json.number_overflow");
    CHECK(first_code(load(engine, "{\"a\": 1, \"a\": 2}")) == "json.duplicate_key");
    CHECK(first_code(load(engine, "[1, 2] trailing")) == "json.syntax");
    CHECK_FALSE(engine.has_pack());  // nothing was loaded by any of them
}

TEST_CASE("a UTF-8 byte order mark is accepted") {
    kkpham::Engine engine;
    const std::string pack = "\xEF\xBB\xBF" + minimal_pack().dump();
    CHECK(load(engine, pack)["ok"].get<bool>());
}

TEST_CASE("a million levels of nesting are refused quickly, without deep recursion") {
    kkpham::Engine engine;
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    const json r = load(engine, deep);
    CHECK(first_code(r) == "json.too_deep");
    const std::string deep_objects = [] {
        std::string s;
        for (int i = 0; i < 100000; ++i) s += "{\"a\":";
        s += "1";
        s += std::string(100000, '}');
        return s;
    }();
    CHECK(first_code(load(engine, deep_objects)) == "json.too_deep");
}

TEST_CASE("a 100 MB file is refused by size before parsing") {
    kkpham::Engine engine;
    std::string huge(100u * 1024u * 1024u, ' ');
    huge[0] = '[';
    huge.back() = ']';
    CHECK(first_code(load(engine, huge)) == "file.too_large");
}

TEST_CASE("duplicate keys are reported with their path") {
    kkpham::Engine engine;
    const json r = load(engine, R"({"rights": [{"id": "A", "id": "B"}]})");
    CHECK(first_code(r) == "json.duplicate_key");
    CHECK(r["errors"][0]["path"] == "$.rights[0].id");
}

TEST_CASE("wrong types anywhere give a type error with the JSON path, and the old pack is kept") {
    kkpham::Engine engine;
    REQUIRE(load(engine, minimal_pack().dump())["ok"].get<bool>());
    const std::string before = engine.pack_summary();
    json pack = minimal_pack();
    pack["indicators"][0]["scoring"]["max_points"] = "100";
    const json r = load(engine, pack.dump());
    CHECK(first_code(r) == "type.mismatch");
    CHECK(r["errors"][0]["path"] == "$.indicators[0].scoring.max_points");
    CHECK(engine.pack_summary() == before);
    json not_object = json::array({1, 2, 3});
    CHECK(first_code(load(engine, not_object.dump())) == "type.mismatch");
    CHECK(engine.pack_summary() == before);
}

TEST_CASE("hostile answers never crash the engine and leave it usable") {
    kkpham::Engine engine;
    REQUIRE(load(engine, minimal_pack().dump())["ok"].get<bool>());
    const char* cases[] = {"", "null", "[]", "\"text\"", "{", "{\"format\":\"kkpham-answers\",\"answers\":[]}",
                           "{\"answers\": {\"R1-S1\": {\"value\": {\"nested\": true}}}}", "\xC3\x28",
                           "{\"format\":\"kkpham-pack\"}"};
    for (const char* text : cases) {
        CAPTURE(text);
        const json r = json::parse(engine.score(text), nullptr, false);
        REQUIRE_FALSE(r.is_discarded());
        CHECK_FALSE(r["ok"].get<bool>());
        CHECK(r["errors"].size() >= 1);
    }
    const json t = json::parse(engine.make_template(R"({"fill":"max"})"), nullptr, false);
    const json scored = json::parse(engine.score(t["answers"].dump()), nullptr, false);
    CHECK(scored["ok"].get<bool>());
    CHECK(scored["total"].get<double>() == 100.0);
}

TEST_CASE("mistaking an answers file for a pack (and back) says so") {
    kkpham::Engine engine;
    REQUIRE(load(engine, minimal_pack().dump())["ok"].get<bool>());
    const json t = json::parse(engine.make_template("{}"), nullptr, false);
    const json as_pack = load(engine, t["answers"].dump());
    CHECK(first_code(as_pack) == "pack.format");
    const json as_answers = json::parse(engine.score(minimal_pack().dump()), nullptr, false);
    CHECK(first_code(as_answers) == "answers.format");
}

// The answers parser reads a plain key as a view into the text and decodes only a key with an
// escape or a multi-byte character: both spellings must mean the same key, in scoring and in the
// duplicate check (including past the first 16 keys of an object, where the check uses a set).
TEST_CASE("answer keys written with escapes are the same keys, and duplicates in any spelling are found") {
    kkpham::Engine engine;
    REQUIRE(load(engine, minimal_pack().dump())["ok"].get<bool>());
    const json t = json::parse(engine.make_template(R"({"fill":"max"})"), nullptr, false);
    const std::string plain = t["answers"].dump();
    auto replaced = [](std::string text, const std::string& from, const std::string& to) {
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
        return text;
    };
    const std::string escaped = replaced(replaced(plain, "\"value\":", "\"\\u0076alue\":"), "\"evidence\":", "\"evid\\u0065nce\":");
    REQUIRE(escaped != plain);
    const std::string scored = engine.score(plain);
    CHECK(json::parse(scored)["total"].get<double>() == 100.0);
    CHECK(engine.score(escaped) == scored);  // byte for byte

    // The same key twice, once escaped: a duplicate, named with its decoded text and path.
    const std::string twice = replaced(plain, "\"value\":", "\"value\":true,\"\\u0076alue\":");
    REQUIRE(twice != plain);
    const json d = json::parse(engine.score(twice));
    CHECK(first_code(d) == "json.duplicate_key");
    CHECK(d["errors"][0]["path"] == "$.answers['R1-S1'].value");
    CHECK(d["errors"][0]["message"]["en"].get<std::string>().find("\"value\"") != std::string::npos);

    // The escaped spelling first, another escaped key between (it reuses the decoding buffer), then
    // the plain one: still found.
    const std::string first = replaced(plain, "\"value\":", "\"\\u0076alue\":true,\"\\u0078tra\":0,\"value\":");
    REQUIRE(first != plain);
    const json d2 = json::parse(engine.score(first));
    CHECK(first_code(d2) == "json.duplicate_key");
    CHECK(d2["errors"][0]["path"] == "$.answers['R1-S1'].value");

    // Past 16 keys: unknown keys are warnings, the 21st repeats the 4th (escaped).
    const std::string item = "{\"id\":\"perda\",";
    REQUIRE(plain.find(item) != std::string::npos);
    std::string many = item;
    for (int k = 0; k < 20; ++k) many += "\"k" + std::to_string(k) + "\":0,";
    const json ok_many = json::parse(engine.score(replaced(plain, item, many)));
    CHECK(ok_many["ok"].get<bool>());
    CHECK(ok_many["total"].get<double>() == 100.0);
    const json dup_many = json::parse(engine.score(replaced(plain, item, many + "\"\\u006b3\":1,")));
    CHECK(first_code(dup_many) == "json.duplicate_key");
    CHECK(dup_many["errors"][0]["path"] == "$.answers['R1-S1'].evidence[0].k3");

    // A key with a multi-byte character, unescaped and escaped: the same (unknown) key, twice.
    const std::string note = item + "\"cat\xC3\xA1tan\":\"\",";
    const json one = json::parse(engine.score(replaced(plain, item, note)));
    CHECK(one["ok"].get<bool>());
    const json two = json::parse(engine.score(replaced(plain, item, note + "\"cat\\u00e1tan\":1,")));
    CHECK(first_code(two) == "json.duplicate_key");
    CHECK(two["errors"][0]["path"] == "$.answers['R1-S1'].evidence[0]['cat\xC3\xA1tan']");
}
