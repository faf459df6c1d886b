// Merging returned office packages (core/src/offices/merge.cpp): provenance, conflicts,
// resolutions, refusals, order and repetition.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "offices_support.hpp"

using namespace kkpham::test::offices;

namespace {

const json kAt = {{"merged_at", "2026-03-10T00:00:00Z"}};

json without_coordination(json doc) {
    doc.erase("coordination");
    return doc;
}

}  // namespace

TEST_CASE("merge: an office's change is applied with its provenance; the score ignores provenance") {
    Bench b;
    const json master = b.master();
    const json pkgs = b.packages(master);
    json dinkes = Bench::returned(pkgs["dinkes"], "2026-03-05T09:00:00Z", "Dr. Sari");
    dinkes["answers"]["A-P1"]["value"] = "3";                                                  // changed a pre-filled answer
    dinkes["answers"]["B-H1"] = {{"value", 80}, {"evidence", {{{"id", "sk"}, {"status", "ready"}, {"reference", "rekap.pdf"}}}}};
    const json r = b.merged_ok(master, {{"Dinkes.kkpham.json", dinkes}});
    CHECK(r["changed"] == true);
    CHECK(r["open_conflicts"] == 0);
    const json& m = r["answers"];
    CHECK(m["answers"]["A-P1"]["value"] == "3");
    CHECK(m["answers"]["B-H1"]["value"] == 80);
    CHECK(m["answers"]["A-S1"] == master["answers"]["A-S1"]);  // other offices' answers untouched
    CHECK(m["updated_at"] == "2026-03-10T00:00:00Z");
    const json& prov = m["coordination"]["provenance"]["A-P1"];
    CHECK(prov["source"] == "office");
    CHECK(prov["office"] == "dinkes");
    CHECK(prov["file"] == "Dinkes.kkpham.json");
    CHECK(prov["filled_by"]["name"] == "Dr. Sari");
    CHECK(prov["returned_at"] == "2026-03-05T09:00:00Z");
    CHECK(prov["merged_at"] == "2026-03-10T00:00:00Z");
    // The report lists each applied answer with the one it replaced (never silent).
    REQUIRE(r["report"]["applied"].size() == 2);
    CHECK(r["report"]["applied"][0]["indicator"] == "A-P1");
    CHECK(r["report"]["applied"][0]["previous"]["value"] == "1");
    CHECK(r["report"]["applied"][1]["previous"].is_null());
    CHECK(r["report"]["returns"][0]["status"] == "merged");
    CHECK(r["report"]["returns"][0]["applied"] == 2);
    // Same score with and without the coordination record.
    json scored = b.call(b.engine.score(m.dump()));
    json bare = b.call(b.engine.score(without_coordination(m).dump()));
    REQUIRE(scored["ok"].get<bool>());
    CHECK(scored["total"] == bare["total"]);
    CHECK(scored["indicators"] == bare["indicators"]);
    const json v = b.call(b.engine.validate_answers(m.dump()));
    CHECK(v["ok"].get<bool>());
    CHECK(v["warnings"].empty());
    // Dashboard: dinkes returned, all 3 answered, its one required evidence item of B-H1 ready.
    const json s = status_of(r, "dinkes");
    CHECK(s["returned"]["returned_at"] == "2026-03-05T09:00:00Z");
    CHECK(s["returned"]["filled_by"]["name"] == "Dr. Sari");
    CHECK(s["answered"] == 3);
    CHECK(s["evidence"]["ready"] == 1);
    CHECK(s["evidence"]["required"] == 3);
    CHECK(status_of(r, "hukum")["returned"].is_null());
}

TEST_CASE("merge: an untouched return changes no answer; the same return merged twice changes nothing") {
    Bench b;
    const json master = b.master();
    const json pkgs = b.packages(master);
    json hukum = Bench::returned(pkgs["hukum"], "2026-03-04T00:00:00Z");
    // The app opened a row (placeholder evidence) but the office changed nothing.
    hukum["answers"]["B-P1"] = {{"value", nullptr}, {"evidence", json::array()}, {"note", ""}};
    const json r1 = b.merged_ok(master, {{"hukum.json", hukum}});
    CHECK(r1["report"]["applied"].empty());
    CHECK(r1["answers"]["answers"] == master["answers"]);
    CHECK(r1["answers"]["coordination"]["returns"].size() == 1);
    // Again, with another merge time: byte for byte the same master, and the return is known.
    const json r2 = b.merged_ok(r1["answers"], {{"hukum.json", hukum}}, {{"merged_at", "2026-03-11T00:00:00Z"}});
    CHECK(r2["changed"] == false);
    CHECK(r2["answers"].dump() == r1["answers"].dump());
    CHECK(r2["report"]["returns"][0]["status"] == "already_merged");
    // The same file given twice in one call is merged once.
    const json r3 = b.merged_ok(master, {{"a.json", hukum}, {"b.json", hukum}});
    CHECK(r3["report"]["counts"]["duplicate"] == 1);
    CHECK(r3["answers"]["coordination"]["returns"].size() == 1);
}

TEST_CASE("merge: a master changed after the split conflicts with the office's change and keeps its answer") {
    Bench b;
    json master = b.master();
    const json pkgs = b.packages(master);
    master["answers"]["A-P1"]["value"] = "2";  // the coordinator changed it after the split
    json dinkes = Bench::returned(pkgs["dinkes"], "2026-03-05T00:00:00Z");
    dinkes["answers"]["A-P1"]["value"] = "3";
    const std::vector<std::pair<std::string, json>> returns = {{"Dinkes.kkpham.json", dinkes}};
    const json r = b.merged_ok(master, returns);
    CHECK(r["open_conflicts"] == 1);
    const json c = conflict_of(r, "A-P1");
    REQUIRE(c.is_object());
    CHECK(c["kinds"] == json::array({"master_differs"}));
    CHECK(c["master"]["answer"]["value"] == "2");
    CHECK(c["versions"].size() == 1);
    CHECK(c["versions"][0]["office"] == "dinkes");
    CHECK(c["versions"][0]["answer"]["value"] == "3");
    CHECK(c["versions"][0]["responsible"] == true);
    CHECK(r["answers"]["answers"]["A-P1"]["value"] == "2");  // the master keeps its value
    CHECK(r["answers"]["coordination"]["pending"]["A-P1"].size() == 1);
    CHECK(status_of(r, "dinkes")["conflicts"] == 1);
    // Merging the same return again lists the same conflict and changes nothing.
    const json again = b.merged_ok(r["answers"], returns, {{"merged_at", "2026-03-12T00:00:00Z"}});
    CHECK(again["changed"] == false);
    CHECK(again["answers"].dump() == r["answers"].dump());
    CHECK(again["open_conflicts"] == 1);

    SUBCASE("resolved by the office's version") {
        const json done = b.merged_ok(r["answers"], {}, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"A-P1", "dinkes"}}}});
        CHECK(done["open_conflicts"] == 0);
        CHECK(done["answers"]["answers"]["A-P1"]["value"] == "3");
        CHECK(done["answers"]["coordination"]["provenance"]["A-P1"]["office"] == "dinkes");
        CHECK(done["report"]["resolved"][0]["choice"] == "office");
        // The returns merged again afterwards raise nothing.
        const json later = b.merged_ok(done["answers"], returns, {{"merged_at", "2026-03-13T00:00:00Z"}});
        CHECK(later["open_conflicts"] == 0);
        CHECK(later["changed"] == false);
    }
    SUBCASE("resolved by the master: the version is turned down and not raised again") {
        const json done = b.merged_ok(master, returns, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"A-P1", "master"}}}});
        CHECK(done["open_conflicts"] == 0);
        CHECK(done["answers"]["answers"]["A-P1"]["value"] == "2");
        CHECK(done["answers"]["coordination"]["decided"]["A-P1"].size() == 1);
        json fresh = dinkes;  // the same answer in a new copy of the package is not raised again either
        fresh["scope"]["returned_at"] = "2026-03-20T00:00:00Z";
        const json later = b.merged_ok(done["answers"], {{"Dinkes-2.kkpham.json", fresh}}, {{"merged_at", "2026-03-21T00:00:00Z"}});
        CHECK(later["open_conflicts"] == 0);
        CHECK(later["report"]["ignored"][0]["reason"] == "decided");
    }
    SUBCASE("resolved with a value of the coordinator's own") {
        const json done = b.merged_ok(r["answers"], {}, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"A-P1", {{"value", "0"}}}}}});
        CHECK(done["answers"]["answers"]["A-P1"]["value"] == "0");
        CHECK(done["answers"]["coordination"]["provenance"]["A-P1"]["source"] == "coordinator");
        CHECK(done["open_conflicts"] == 0);
    }
    SUBCASE("resolutions that cannot be applied fail the whole call") {
        const json unknown = b.merge(r["answers"], {}, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"A-P1", "dp3a"}}}});
        CHECK_FALSE(unknown["ok"].get<bool>());
        CHECK(unknown["errors"][0]["code"] == "merge.resolution_unknown");
        CHECK(unknown["errors"][0]["path"] == "$.resolutions['A-P1']");
        const json invalid = b.merge(r["answers"], {}, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"A-P1", {{"value", "9"}}}}}});
        CHECK_FALSE(invalid["ok"].get<bool>());
        CHECK(invalid["errors"][0]["code"] == "merge.invalid_result");
        const json no_indicator = b.merge(r["answers"], {}, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"ZZ-9", "master"}}}});
        CHECK(no_indicator["errors"][0]["code"] == "merge.resolution_indicator");
        // No open conflict on A-S1: the resolution is ignored with a warning.
        const json idle = b.merged_ok(r["answers"], {}, {{"merged_at", "2026-03-12T00:00:00Z"}, {"resolutions", {{"A-S1", "master"}}}});
        CHECK(idle["warnings"][0]["code"] == "merge.nothing_to_resolve");
        CHECK(idle["open_conflicts"] == 1);
    }
}

TEST_CASE("merge: two offices answering a shared indicator differently conflict, in any order") {
    Bench b;
    const json master = b.master();
    const json pkgs = b.packages(master);
    json dinkes = Bench::returned(pkgs["dinkes"], "2026-03-05T00:00:00Z");
    json dp3a = Bench::returned(pkgs["dp3a"], "2026-03-06T00:00:00Z");
    dinkes["answers"]["A-H1"]["value"] = 55;
    dp3a["answers"]["A-H1"]["value"] = 60;
    dp3a["answers"]["A-H2"]["value"] = 18;
    const json r = b.merged_ok(master, {{"Dinkes.kkpham.json", dinkes}, {"DP3A.kkpham.json", dp3a}});
    const json c = conflict_of(r, "A-H1");
    REQUIRE(c.is_object());
    CHECK(c["kinds"] == json::array({"returns_disagree"}));
    CHECK(c["responsible"] == json::array({"dinkes", "dp3a"}));
    REQUIRE(c["versions"].size() == 2);
    CHECK(c["versions"][0]["office"] == "dinkes");
    CHECK(c["versions"][1]["answer"]["value"] == 60);
    CHECK(r["answers"]["answers"]["A-H1"]["value"] == 40);   // the master keeps its answer
    CHECK(r["answers"]["answers"]["A-H2"]["value"] == 18);   // DP3A's own indicator is applied
    // The other order gives the same bytes.
    const std::string forward = b.merge_raw(master, {{"Dinkes.kkpham.json", dinkes}, {"DP3A.kkpham.json", dp3a}}, kAt);
    const std::string backward = b.merge_raw(master, {{"DP3A.kkpham.json", dp3a}, {"Dinkes.kkpham.json", dinkes}}, kAt);
    CHECK(forward == backward);
    // Both agree: applied once, with the lead office and the other one recorded.
    dp3a["answers"]["A-H1"]["value"] = 55;
    const json agree = b.merged_ok(master, {{"DP3A.kkpham.json", dp3a}, {"Dinkes.kkpham.json", dinkes}});
    CHECK(agree["open_conflicts"] == 0);
    CHECK(agree["answers"]["answers"]["A-H1"]["value"] == 55);
    CHECK(agree["answers"]["coordination"]["provenance"]["A-H1"]["office"] == "dinkes");
    CHECK(agree["answers"]["coordination"]["provenance"]["A-H1"]["also"] == json::array({"dp3a"}));
}

TEST_CASE("merge: an answer from an office not responsible is flagged and applied only when chosen") {
    Bench b;
    const json master = b.master();
    const json pkgs = b.packages(master);
    json dinkes = Bench::returned(pkgs["dinkes"], "2026-03-05T00:00:00Z");
    dinkes["answers"]["B-P1"] = {{"value", 4}};  // hukum's indicator
    const json r = b.merged_ok(master, {{"Dinkes.kkpham.json", dinkes}});
    const json c = conflict_of(r, "B-P1");
    REQUIRE(c.is_object());
    CHECK(c["kinds"] == json::array({"not_responsible"}));
    CHECK(c["versions"][0]["responsible"] == false);
    CHECK_FALSE(r["answers"]["answers"].contains("B-P1"));
    const json chosen = b.merged_ok(r["answers"], {}, {{"merged_at", "2026-03-11T00:00:00Z"}, {"resolutions", {{"B-P1", "dinkes"}}}});
    CHECK(chosen["answers"]["answers"]["B-P1"]["value"] == 4);
    CHECK(chosen["answers"]["coordination"]["provenance"]["B-P1"]["office"] == "dinkes");
}

TEST_CASE("merge: a later return of the same office replaces its earlier one where the master still holds it") {
    Bench b;
    json master = b.master();
    const json pkgs = b.packages(master);
    json first = Bench::returned(pkgs["dp3a"], "2026-03-05T00:00:00Z");
    first["answers"]["A-H2"]["value"] = 18;
    first["answers"]["A-H1"]["value"] = 45;
    json second = first;
    second["scope"]["returned_at"] = "2026-03-07T00:00:00Z";
    second["answers"]["A-H2"]["value"] = 16;  // changed again
    second["answers"]["A-H1"]["value"] = 40;  // back to what the package had

    SUBCASE("one call: only the latest counts, in any order") {
        const json r = b.merged_ok(master, {{"first.json", first}, {"second.json", second}});
        CHECK(r["answers"]["answers"]["A-H2"]["value"] == 16);
        CHECK(r["answers"]["answers"]["A-H1"]["value"] == 40);
        CHECK(r["open_conflicts"] == 0);
        CHECK(b.merge_raw(master, {{"second.json", second}, {"first.json", first}}, kAt) ==
              b.merge_raw(master, {{"first.json", first}, {"second.json", second}}, kAt));
    }
    SUBCASE("two calls: the later return replaces the earlier, also back to the pre-filled answer") {
        const json r1 = b.merged_ok(master, {{"first.json", first}});
        CHECK(r1["answers"]["answers"]["A-H1"]["value"] == 45);
        const json r2 = b.merged_ok(r1["answers"], {{"second.json", second}}, {{"merged_at", "2026-03-11T00:00:00Z"}});
        CHECK(r2["answers"]["answers"]["A-H2"]["value"] == 16);
        CHECK(r2["answers"]["answers"]["A-H1"]["value"] == 40);
        CHECK(r2["answers"]["coordination"]["provenance"]["A-H2"]["returned_at"] == "2026-03-07T00:00:00Z");
        CHECK(r2["open_conflicts"] == 0);
        // The earlier return arriving afterwards is superseded.
        json late = first;
        late["note"] = "copy";  // other content: not recognised as already merged
        const json r3 = b.merged_ok(r2["answers"], {{"first-copy.json", late}}, {{"merged_at", "2026-03-12T00:00:00Z"}});
        CHECK(r3["answers"]["answers"] == r2["answers"]["answers"]);
        CHECK(r3["report"]["ignored"].size() == 2);
        CHECK(r3["report"]["ignored"][0]["reason"] == "superseded");
    }
    SUBCASE("the coordinator's own edit after the first return is not replaced silently") {
        const json r1 = b.merged_ok(master, {{"first.json", first}});
        json edited = r1["answers"];
        edited["answers"]["A-H2"]["value"] = 17;
        const json r2 = b.merged_ok(edited, {{"second.json", second}}, {{"merged_at", "2026-03-11T00:00:00Z"}});
        CHECK(r2["answers"]["answers"]["A-H2"]["value"] == 17);
        CHECK(conflict_of(r2, "A-H2")["kinds"] == json::array({"master_differs"}));
    }
}

TEST_CASE("merge: returns for another region, year, pack or assessment, and malformed ones, are refused; the rest merge") {
    Bench b;
    const json master = b.master();
    const json pkgs = b.packages(master);
    json good = Bench::returned(pkgs["dinkes"], "2026-03-05T00:00:00Z");
    good["answers"]["A-P1"]["value"] = "3";
    auto refused_code = [&](const json& bad, const char* code, const char* path) {
        const json r = b.merged_ok(master, {{"bad.kkpham.json", bad}, {"Dinkes.kkpham.json", good}});
        CHECK(r["refused"] == 1);
        REQUIRE(r["report"]["refused"].size() == 1);
        const json& e = r["report"]["refused"][0]["errors"][0];
        CHECK(r["report"]["refused"][0]["file"] == "bad.kkpham.json");
        CHECK(e["code"] == code);
        CHECK(e["path"] == path);
        CHECK_FALSE(e["message"]["id"].get<std::string>().empty());
        CHECK_FALSE(e["message"]["en"].get<std::string>().empty());
        CHECK(r["answers"]["answers"]["A-P1"]["value"] == "3");  // the good return still merged
        return r;
    };
    json other_region = Bench::returned(pkgs["hukum"], "2026-03-05T00:00:00Z");
    other_region["region"]["name"] = "Kabupaten Lain";
    const json r = refused_code(other_region, "merge.other_region", "$.region");
    CHECK(r["report"]["refused"][0]["office"] == "hukum");
    CHECK(r["report"]["refused"][0]["errors"][0]["message"]["id"].get<std::string>().find("Kabupaten Lain") != std::string::npos);
    // Located in the return's text (a one-line dump here): the column of "region".
    const std::string text = other_region.dump();
    CHECK(r["report"]["refused"][0]["errors"][0]["line"] == 1);
    CHECK(r["report"]["refused"][0]["errors"][0]["column"] == static_cast<int>(text.find("\"region\"")) + 1);
    json other_year = Bench::returned(pkgs["hukum"], "2026-03-05T00:00:00Z");
    other_year["data_year"] = 2024;
    refused_code(other_year, "merge.other_year", "$.data_year");
    json other_pack = Bench::returned(pkgs["hukum"], "2026-03-05T00:00:00Z");
    other_pack["pack"]["sha256"] = std::string(64, 'a');
    refused_code(other_pack, "answers.pack_hash", "$.pack.sha256");
    json other_master = Bench::returned(pkgs["hukum"], "2026-03-05T00:00:00Z");
    other_master["scope"]["assessment_id"] = "a0000000000000000";
    refused_code(other_master, "merge.other_assessment", "$.scope.assessment_id");
    json plain = master;
    refused_code(plain, "merge.not_a_package", "$");
    json bad_scope = Bench::returned(pkgs["hukum"], "2026-03-05T00:00:00Z");
    bad_scope["scope"]["office"]["id"] = "dinsos";
    refused_code(bad_scope, "offices.unknown_office", "$.scope.office.id");
    json bad_time = Bench::returned(pkgs["hukum"], "2026-03-05");
    refused_code(bad_time, "offices.time", "$.scope.returned_at");
    json bad_value = Bench::returned(pkgs["hukum"], "2026-03-05T00:00:00Z");
    bad_value["answers"]["B-P1"] = {{"value", 2.5}};  // a count must be whole
    refused_code(bad_value, "answers.value.not_whole", "$.answers['B-P1'].value");
    // Not JSON at all: located by line and column in that file.
    const json broken = b.merged_ok(master, {{"broken.json", std::string("{\"format\": \"kkpham-answers\",\n  \"pack\": ")}});
    REQUIRE(broken["report"]["refused"].size() == 1);
    bool located = false;
    for (const json& e : broken["report"]["refused"][0]["errors"]) {
        if (e["code"] == "json.truncated") located = e["line"] == 2 && e["column"] == 11;
    }
    CHECK(located);
    // A malformed list of returns, or options without a time, fail the call.
    CHECK(b.call(b.engine.merge(master.dump(), R"([{"file": 3}])", kAt.dump()))["errors"][0]["code"] == "merge.returns");
    CHECK(b.call(b.engine.merge(master.dump(), "[]", "{}"))["errors"][0]["path"] == "$.merged_at");
}

TEST_CASE("merge: a master whose coordination record is damaged is refused with the place named; nothing is merged") {
    Bench b;
    const json master = b.master();
    const json pkgs = b.packages(master);
    json dinkes = Bench::returned(pkgs["dinkes"], "2026-03-05T00:00:00Z");
    dinkes["answers"]["A-P1"]["value"] = "3";
    const json merged = b.merged_ok(master, {{"Dinkes.kkpham.json", dinkes}});
    auto refused = [&](json damaged, const char* code, const char* path) {
        const json r = b.merge(damaged, {{"Dinkes.kkpham.json", dinkes}});
        REQUIRE_FALSE(r["ok"].get<bool>());
        CHECK(r["errors"][0]["code"] == code);
        CHECK(r["errors"][0]["path"] == path);
    };
    json a = merged["answers"];
    a["coordination"]["provenance"]["A-P1"]["office"] = "dinsos";
    refused(a, "offices.unknown_office", "$.coordination.provenance['A-P1'].office");
    json c = merged["answers"];
    c["coordination"]["pending"]["ZZ-1"] = json::array();
    refused(c, "offices.unknown_indicator", "$.coordination.pending['ZZ-1']");
    json d = merged["answers"];
    d["coordination"]["returns"][0]["sha256"] = "xyz";
    refused(d, "type.mismatch", "$.coordination.returns[0].sha256");
    json e = merged["answers"];
    e["coordination"]["provenance"]["A-P1"]["merged_at"] = "kemarin";
    refused(e, "offices.time", "$.coordination.provenance['A-P1'].merged_at");
}
