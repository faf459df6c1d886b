// Splitting a master assessment into office packages (core/src/offices/split.cpp).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "offices/entry.hpp"
#include "offices_support.hpp"

using namespace kkpham::test::offices;

TEST_CASE("split: one package per office with only its indicators, pre-filled, tied to the master") {
    Bench b;
    const json master = b.master();
    const json r = b.split(master, {{"made_at", "2026-03-01T08:00:00Z"}});
    REQUIRE_MESSAGE(r.value("ok", false), r.dump());
    // bkpsdm answers for nothing: no package for it.
    REQUIRE(r["packages"].size() == 3);
    std::set<std::string> names;
    for (const json& p : r["packages"]) {
        const json& pkg = p["package"];
        const std::string office = p["office"]["id"];
        names.insert(p["file_name"].get<std::string>());
        CHECK(pkg["format"] == "kkpham-answers");
        CHECK(pkg["region"] == master["region"]);
        CHECK(pkg["data_year"] == 2025);
        CHECK(pkg["pack"]["sha256"] == b.sha256);
        const json& scope = pkg["scope"];
        CHECK(scope["kind"] == "office-package");
        CHECK(scope["office"]["id"] == office);
        CHECK(scope["made_at"] == "2026-03-01T08:00:00Z");
        CHECK(scope["assessment_id"] == r["assessment_id"]);
        CHECK(scope["package_id"] == p["package_id"]);
        // Every answer in the package is one of its indicators, as the master held it.
        for (auto it = pkg["answers"].begin(); it != pkg["answers"].end(); ++it) {
            CHECK(std::find(scope["indicators"].begin(), scope["indicators"].end(), it.key()) != scope["indicators"].end());
            CHECK(*it == master["answers"][it.key()]);
        }
        // The base of each indicator is the hash of what it was pre-filled with.
        for (const json& id : scope["indicators"]) {
            const json entry = master["answers"].contains(id.get<std::string>()) ? master["answers"][id.get<std::string>()] : json::object();
            CHECK(scope["base"][id.get<std::string>()] == kkpham::offices::entry_sha256(kkpham::offices::normalized_entry(entry)));
        }
        // A package is a valid answers file of the pack: it validates and scores.
        const json v = b.call(b.engine.validate_answers(pkg.dump()));
        CHECK_MESSAGE(v["ok"].get<bool>(), v.dump());
        CHECK(v["warnings"].empty());
    }
    const json& packages = r["packages"];
    auto indicators_of = [&](const std::string& office) {
        for (const json& p : packages) {
            if (p["office"]["id"] == office) return p["package"]["scope"]["indicators"];
        }
        return json();
    };
    CHECK(indicators_of("hukum") == json::array({"A-S1", "B-P1"}));
    CHECK(indicators_of("dinkes") == json::array({"A-P1", "A-H1", "B-H1"}));
    CHECK(indicators_of("dp3a") == json::array({"A-H1", "A-H2"}));  // the shared indicator goes to both
    CHECK(names == std::set<std::string>{"Bagian-Hukum-Setda.kkpham.json", "Dinkes.kkpham.json", "DP3A.kkpham.json"});
    // The master records the packages made (for the dashboard) and keeps its answers.
    const json& m = r["master"];
    CHECK(m["answers"] == master["answers"]);
    CHECK(m["coordination"]["assessment_id"] == r["assessment_id"]);
    CHECK(m["coordination"]["packages"].size() == 3);
    const json dinkes = status_of(r, "dinkes");
    REQUIRE(dinkes.is_object());
    CHECK(dinkes["indicators"] == 3);
    CHECK(dinkes["answered"] == 2);  // A-P1, A-H1 answered; B-H1 blank
    CHECK(dinkes["package"]["made_at"] == "2026-03-01T08:00:00Z");
    CHECK(dinkes["returned"].is_null());
    CHECK(status_of(r, "bkpsdm").is_null());
}

TEST_CASE("split: the same master and time give the same packages; the assessment id is stable") {
    Bench b;
    const json master = b.master();
    const json options = {{"made_at", "2026-03-01T08:00:00Z"}};
    CHECK(b.engine.split(master.dump(), options.dump()) == b.engine.split(master.dump(), options.dump()));
    const json first = b.split(master, options);
    // Splitting the recorded master again keeps its assessment id; another time gives other package ids.
    const json again = b.split(first["master"], {{"made_at", "2026-03-02T08:00:00Z"}});
    REQUIRE(again["ok"].get<bool>());
    CHECK(again["assessment_id"] == first["assessment_id"]);
    CHECK(again["packages"][0]["package_id"] != first["packages"][0]["package_id"]);
    CHECK(again["master"]["coordination"]["packages"].size() == 6);
    // An explicit assessment id is used for a master without one, and refused when it has another.
    const json named = b.split(master, {{"made_at", "2026-03-01T08:00:00Z"}, {"assessment_id", "penilaian-2025"}});
    REQUIRE(named["ok"].get<bool>());
    CHECK(named["packages"][0]["package"]["scope"]["assessment_id"] == "penilaian-2025");
    const json clash = b.split(named["master"], {{"made_at", "2026-03-01T08:00:00Z"}, {"assessment_id", "lain"}});
    CHECK_FALSE(clash["ok"].get<bool>());
    CHECK(clash["errors"][0]["code"] == "split.assessment_id");
}

TEST_CASE("split: one office, and what is refused") {
    Bench b;
    const json master = b.master();
    const json one = b.split(master, {{"made_at", "2026-03-01T08:00:00Z"}, {"office", "dp3a"}, {"package_id", "dp3a-1"}});
    REQUIRE_MESSAGE(one["ok"].get<bool>(), one.dump());
    REQUIRE(one["packages"].size() == 1);
    CHECK(one["packages"][0]["package"]["scope"]["package_id"] == "dp3a-1");

    auto code = [&](const json& master_doc, const json& options) {
        const json r = b.split(master_doc, options);
        REQUIRE_FALSE(r["ok"].get<bool>());
        return std::make_pair(r["errors"][0]["code"].get<std::string>(), r["errors"][0]["path"].get<std::string>());
    };
    CHECK(code(master, json::object()) == std::make_pair(std::string("field.missing"), std::string("$.made_at")));
    CHECK(code(master, {{"made_at", "1 Maret 2026"}}) == std::make_pair(std::string("split.made_at"), std::string("$.made_at")));
    CHECK(code(master, {{"made_at", "2026-03-01T08:00:00Z"}, {"office", "dinsos"}}).first == "split.unknown_office");
    CHECK(code(master, {{"made_at", "2026-03-01T08:00:00Z"}, {"office", "bkpsdm"}}).first == "split.no_indicators");
    CHECK(code(master, {{"made_at", "2026-03-01T08:00:00Z"}, {"package_id", "x"}}).first == "split.package_id");
    // An office package is not a master.
    const json package = b.packages(master)["dinkes"];
    CHECK(code(package, {{"made_at", "2026-03-01T08:00:00Z"}}).first == "offices.master_is_package");
    // A master that is not valid for the pack is refused with the answers reader's own diagnostic.
    json bad = master;
    bad["answers"]["A-H2"]["value"] = 5000;
    CHECK(code(bad, {{"made_at", "2026-03-01T08:00:00Z"}}).first == "answers.value.out_of_range");
}

TEST_CASE("split: an answer's own office moves the indicator to that office's package") {
    Bench b;
    json master = b.master();
    master["answers"]["A-H2"]["opd"] = "Dinkes";  // A-H2 is DP3A's in the pack
    const json packages = b.packages(master);
    auto has = [](const json& pkg, const char* id) {
        const json& list = pkg["scope"]["indicators"];
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    CHECK(has(packages["dinkes"], "A-H2"));
    CHECK_FALSE(has(packages["dp3a"], "A-H2"));
}

TEST_CASE("offices: file names for packages are safe, unique without case, never a device name") {
    std::vector<std::string> taken;
    kkpham::Office o;
    o.id = "hukum";
    o.short_name = "Bagian Hukum / Setda";
    CHECK(kkpham::offices::package_file_name(o, taken) == "Bagian-Hukum-Setda.kkpham.json");
    o.short_name = "bagian hukum setda";
    CHECK(kkpham::offices::package_file_name(o, taken) == "bagian-hukum-setda-2.kkpham.json");
    o.short_name = "../..";
    o.id = "x1";
    CHECK(kkpham::offices::package_file_name(o, taken) == "x1.kkpham.json");
    o.short_name = "Con";
    CHECK(kkpham::offices::package_file_name(o, taken) == "Con-opd.kkpham.json");
    o.short_name = "Dinas Kesehatan (Dinkes) \xE2\x80\x94 Bidang P2P";
    CHECK(kkpham::offices::package_file_name(o, taken) == "Dinas-Kesehatan-Dinkes-Bidang-P2P.kkpham.json");
}

TEST_CASE("offices: answers are compared by content, times by their instant") {
    using kkpham::offices::normalized_entry;
    using kkpham::offices::time_key;
    // What carries no answer is dropped: the app's placeholder evidence rows, na:false, empty note.
    CHECK(normalized_entry(json::parse(R"({"value":null,"na":false,"note":"","evidence":[{"id":"sk","status":"missing"}]})")) == json::object());
    CHECK(normalized_entry(json::parse(R"({"value":2,"evidence":[{"id":"sk","status":"missing","reference":"a.pdf"}]})")) ==
          json::parse(R"({"value":2,"evidence":[{"id":"sk","status":"missing","reference":"a.pdf"}]})"));
    CHECK(normalized_entry(nullptr) == json::object());
    REQUIRE(time_key("2026-03-01T08:00:00Z"));
    CHECK(*time_key("2026-03-01T08:00:00Z") < *time_key("2026-03-01T08:00:00.5Z"));
    CHECK(*time_key("2026-03-01T08:00:00.500Z") == *time_key("2026-03-01T08:00:00.5Z"));
    CHECK_FALSE(time_key("2026-03-01 08:00:00"));
    CHECK_FALSE(time_key("2026-13-01T08:00:00Z"));
    CHECK_FALSE(time_key("2026-03-01T08:00:00+07:00"));
}
