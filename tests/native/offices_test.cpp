// Offices as data (the pack's `offices` list, office ids on rights and indicators, packs without
// a list, an answer's own office) and evidence kinds (a regulation in force is valid whatever
// year it was made; a report must be of the data year).
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

json parse(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

kkpham::Engine reference() {
    kkpham::Engine engine;
    REQUIRE(parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")))["ok"].get<bool>());
    return engine;
}

json blank_answers(const kkpham::Engine& engine, const std::string& options = R"({"fill":"blank","data_year":2025})") {
    const json r = parse(engine.make_template(options));
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump().substr(0, 400));
    return r["answers"];
}

json first_error(const json& pack) {
    kkpham::Engine engine;
    const json r = parse(engine.load_pack(pack.dump()));
    REQUIRE_FALSE(r["ok"].get<bool>());
    return r["errors"][0];
}

// The minimal pack with a list of two offices, its indicator naming the first.
json pack_with_offices() {
    json p = minimal_pack();
    p["offices"] = json::parse(R"([{"id": "hukum", "name": {"id": "Bagian Hukum Sekretariat Daerah"}, "short_name": "Bagian Hukum"},
                                   {"id": "dlh", "name": {"id": "Dinas Lingkungan Hidup", "en": "Environment Office"}, "short_name": "DLH"}])");
    p["indicators"][0]["offices"] = {"hukum"};
    return p;
}

// The plan's page (office entry) holding `indicator`, or null.
const json* page_of(const json& plan, const std::string& indicator) {
    for (const json& office : plan["offices"]) {
        for (const json& item : office["items"]) {
            if (item["indicator"] == indicator) return &office;
        }
    }
    return nullptr;
}

std::vector<std::string> findings(const json& plan, const std::string& kind) {
    std::vector<std::string> out;
    for (const json& f : plan["check"]["findings"]) {
        if (f["kind"] == kind) out.push_back(f["indicator"].get<std::string>() + ":" + f["evidence"].get<std::string>());
    }
    return out;
}

// Answers `indicator` with `value` and marks one evidence item ready, with a file name and a date.
void ready(json& answers, const std::string& indicator, const json& value, const std::string& evidence, const std::string& date) {
    json& a = answers["answers"][indicator];
    a["value"] = value;
    for (json& e : a["evidence"]) {
        if (e["id"] == evidence) {
            e["status"] = "ready";
            e["reference"] = indicator + "-" + evidence + ".pdf";
            e["date"] = date;
        }
    }
}

}  // namespace

TEST_CASE("the reference pack: one list of real offices, every indicator mapped, a plan of at most 20 pages") {
    kkpham::Engine engine = reference();
    const json pack = parse(read_repo_file("criteria/kkpham-22-2021.json"));
    std::set<std::string> ids;
    for (const json& o : pack["offices"]) {
        CHECK(ids.insert(o["id"].get<std::string>()).second);
        // One office per entry: no list of names in one name.
        CHECK(o["short_name"].get<std::string>().find(',') == std::string::npos);
        CHECK(o["name"]["id"].get<std::string>().find(',') == std::string::npos);
    }
    CHECK(ids.size() >= 15);
    CHECK(ids.size() <= 25);
    std::size_t required = 0;
    for (const json& ind : pack["indicators"]) {
        CAPTURE(ind["id"].get<std::string>());
        REQUIRE(ind.contains("offices"));
        CHECK_FALSE(ind.contains("opd"));
        for (const json& o : ind["offices"]) CHECK(ids.count(o.get<std::string>()) == 1);
        for (const json& e : ind["evidence"]) {
            CHECK(e.contains("kind"));  // every item says what it is
            if (e.value("required", true)) ++required;
        }
    }

    const json plan = parse(engine.evidence_plan(blank_answers(engine).dump()));
    REQUIRE(plan["ok"].get<bool>());
    // Blank answers: every required item is missing, each listed once, on its lead office's page.
    std::size_t items = 0;
    std::set<std::string> pages;
    for (const json& office : plan["offices"]) {
        const std::string id = office["office"].get<std::string>();
        CAPTURE(id);
        CHECK(ids.count(id) == 1);
        CHECK(pages.insert(id).second);
        CHECK_FALSE(office["opd"].get<std::string>().empty());
        CHECK_FALSE(office["name"]["id"].get<std::string>().empty());
        items += office["items"].size();
    }
    CHECK(items == required);
    CHECK(plan["offices"].size() <= 20);
    CHECK(plan["offices"].size() >= 10);
    // "BKPSDM, Dinas Tenaga Kerja": BKPSDM leads, Disnaker is named beside the item.
    const json* kerja_s2 = page_of(plan, "KERJA-S2");
    REQUIRE(kerja_s2 != nullptr);
    CHECK((*kerja_s2)["office"] == "bkpsdm");
    for (const json& item : (*kerja_s2)["items"]) {
        if (item["indicator"] == "KERJA-S2") CHECK(item["opd"] == "BKPSDM, Disnaker");
    }
    // "DLH" and "Dinas Lingkungan Hidup" are one office.
    CHECK((*page_of(plan, "LING-H2"))["office"] == "dlh");
    CHECK((*page_of(plan, "LING-P1"))["name"]["id"] == "Dinas Lingkungan Hidup");
    CHECK((*page_of(plan, "LING-P1"))["opd"] == "DLH");
}

TEST_CASE("pack validation: office ids are checked where they are used") {
    CHECK(parse(kkpham::Engine().load_pack(pack_with_offices().dump()))["ok"].get<bool>());

    json p = pack_with_offices();
    p["indicators"][0]["offices"] = {"hukum", "dinas-x"};
    json e = first_error(p);
    CHECK(e["code"] == "pack.office.unknown");
    CHECK(e["path"] == "$.indicators[0].offices[1]");
    CHECK(e["message"]["id"].get<std::string>().find("dinas-x") != std::string::npos);

    p = pack_with_offices();
    p["offices"][1]["id"] = "hukum";
    e = first_error(p);
    CHECK(e["code"] == "pack.office.duplicate");
    CHECK(e["path"] == "$.offices[1].id");

    p = pack_with_offices();
    p["offices"][1]["short_name"] = "bagian  hukum";  // the other office's name, spaced and cased differently
    e = first_error(p);
    CHECK(e["code"] == "pack.office.name_clash");
    CHECK(e["path"] == "$.offices[1]");

    p = pack_with_offices();
    p["indicators"][0]["offices"] = {"hukum", "hukum"};
    CHECK(first_error(p)["code"] == "pack.office.repeated");

    p = pack_with_offices();
    p["indicators"][0]["opd"] = "Bagian Hukum";
    CHECK(first_error(p)["code"] == "pack.opd.with_offices");

    p = pack_with_offices();
    p["indicators"][0].erase("offices");
    e = first_error(p);
    CHECK(e["code"] == "pack.indicator.no_office");
    CHECK(e["path"] == "$.indicators[0].offices");
    p["rights"][0]["offices"] = {"dlh"};  // the right's office stands in
    CHECK(parse(kkpham::Engine().load_pack(p.dump()))["ok"].get<bool>());

    p = minimal_pack();
    p["indicators"][0]["offices"] = {"hukum"};
    CHECK(first_error(p)["code"] == "pack.offices.undeclared");

    p = pack_with_offices();
    p["offices"] = json::array();
    CHECK(first_error(p)["code"] == "pack.offices.empty");

    p = pack_with_offices();
    p["indicators"][0]["evidence"][0]["kind"] = "perda";
    e = first_error(p);
    CHECK(e["code"] == "pack.evidence.kind");
    CHECK(e["path"] == "$.indicators[0].evidence[0].kind");
}

TEST_CASE("packs without a list of offices still load: offices come from their free-text names") {
    for (const char* fixture : {"tests/fixtures/permenkumham-25-2013.json", "tests/fixtures/mini-pack.json"}) {
        CAPTURE(fixture);
        kkpham::Engine engine;
        REQUIRE(parse(engine.load_pack(read_repo_file(fixture)))["ok"].get<bool>());
        const json plan = parse(engine.evidence_plan(blank_answers(engine, R"({"fill":"blank"})").dump()));
        REQUIRE(plan["ok"].get<bool>());
        // They name no office: everything is on one page without an office.
        for (const json& office : plan["offices"]) {
            CHECK(office["office"] == "");
            CHECK(office["opd"] == "");
        }
    }

    // Names split at the comma, compared without case or repeated spaces: three names, two offices.
    json p = minimal_pack();
    p["rights"][0]["opd"] = "Dinas Tenaga Kerja";
    json second = p["indicators"][0];
    second["id"] = "R1-S2";
    second["opd"] = "BKPSDM,  dinas tenaga   kerja";
    p["indicators"].push_back(second);
    kkpham::Engine engine;
    REQUIRE(parse(engine.load_pack(p.dump()))["ok"].get<bool>());
    const json plan = parse(engine.evidence_plan(blank_answers(engine).dump()));
    REQUIRE(plan["offices"].size() == 2);
    CHECK(plan["offices"][0]["office"] == "dinas-tenaga-kerja");  // first named in the pack
    CHECK(plan["offices"][0]["opd"] == "Dinas Tenaga Kerja");
    CHECK(plan["offices"][0]["items"][0]["indicator"] == "R1-S1");
    CHECK(plan["offices"][1]["office"] == "bkpsdm");
    CHECK(plan["offices"][1]["items"][0]["indicator"] == "R1-S2");
    CHECK(plan["offices"][1]["items"][0]["opd"] == "BKPSDM, Dinas Tenaga Kerja");
}

TEST_CASE("an answer may give an indicator to another office of the pack, named by id or by name") {
    kkpham::Engine engine = reference();
    json answers = blank_answers(engine);
    answers["answers"]["KERJA-P1"]["opd"] = "dlh";
    answers["answers"]["KERJA-P2"]["opd"] = "dinas  lingkungan hidup";
    answers["answers"]["KERJA-P4"]["opd"] = "Diskominfo (PPID Utama), Bappeda";  // an alias, then a short name
    const json plan = parse(engine.evidence_plan(answers.dump()));
    REQUIRE(plan["ok"].get<bool>());
    CHECK((*page_of(plan, "KERJA-P1"))["office"] == "dlh");
    CHECK((*page_of(plan, "KERJA-P2"))["office"] == "dlh");
    CHECK((*page_of(plan, "KERJA-P4"))["office"] == "diskominfo");
    CHECK((*page_of(plan, "KERJA-P3"))["office"] == "disnaker");
    const json valid = parse(engine.validate_answers(answers.dump()));
    CHECK(valid["ok"].get<bool>());
    CHECK(valid["warnings"].empty());

    // A name that is none of the pack's offices: a warning at the answer's opd; the pack's office stands.
    answers["answers"]["KERJA-P1"]["opd"] = "Dinas Pariwisata";
    const json warned = parse(engine.validate_answers(answers.dump()));
    CHECK(warned["ok"].get<bool>());
    REQUIRE(warned["warnings"].size() == 1);
    CHECK(warned["warnings"][0]["code"] == "answers.opd.unknown");
    CHECK(warned["warnings"][0]["path"] == "$.answers['KERJA-P1'].opd");
    CHECK(warned["warnings"][0]["message"]["id"].get<std::string>().find("Dinas Pariwisata") != std::string::npos);
    CHECK((*page_of(parse(engine.evidence_plan(answers.dump())), "KERJA-P1"))["office"] == "disnaker");
    // The result shows the office as the pack names it.
    const json result = parse(engine.score(answers.dump()));
    REQUIRE(result["ok"].get<bool>());
    for (const json& ind : result["indicators"]) {
        if (ind["id"] == "KERJA-P2") CHECK(ind["opd"] == "DLH");
        if (ind["id"] == "KERJA-P1") CHECK(ind["opd"] == "Disnaker");
    }
}

TEST_CASE("a regulation in force is valid evidence whatever year it was made; a report must be of the data year") {
    kkpham::Engine engine = reference();
    json answers = blank_answers(engine);
    REQUIRE(answers["data_year"] == 2025);
    ready(answers, "BANKUM-S1", "3", "perda", "2023-03-01");      // Perda of 2023: in force in 2025
    ready(answers, "BANKUM-S2", "2", "perkada", "2026-01-15");    // Perbup made after the data year
    ready(answers, "BANKUM-P2", 2, "pks", "2022-06-01");          // an agreement in force
    ready(answers, "BANKUM-P1", "2", "dpa", "2023-01-05");        // the DPA: a report of another year
    ready(answers, "BANKUM-P1", "2", "lra", "2025-12-31");        // a report of the data year
    const json plan = parse(engine.evidence_plan(answers.dump()));
    REQUIRE(plan["ok"].get<bool>());
    const std::vector<std::string> outside = findings(plan, "evidence_outside_year");
    CHECK(outside == std::vector<std::string>{"BANKUM-S2:perkada", "BANKUM-P1:dpa"});
    for (const json& f : plan["check"]["findings"]) {
        if (f["evidence"] == "perkada") CHECK(f["message"]["id"].get<std::string>().find("setelah tahun data 2025") != std::string::npos);
        if (f["evidence"] == "dpa") CHECK(f["message"]["id"].get<std::string>().find("di luar tahun data 2025") != std::string::npos);
    }

    // The same items in a pack that does not say their kind: all are reports (the strict rule).
    json pack = parse(read_repo_file("criteria/kkpham-22-2021.json"));
    for (json& ind : pack["indicators"]) {
        for (json& e : ind["evidence"]) e.erase("kind");
    }
    kkpham::Engine old;
    REQUIRE(parse(old.load_pack(pack.dump()))["ok"].get<bool>());
    answers["pack"]["sha256"] = parse(old.pack_summary())["sha256"];
    const json strict = parse(old.evidence_plan(answers.dump()));
    REQUIRE(strict["ok"].get<bool>());
    CHECK(findings(strict, "evidence_outside_year") ==
          std::vector<std::string>{"BANKUM-S1:perda", "BANKUM-S2:perkada", "BANKUM-P1:dpa", "BANKUM-P2:pks"});
    // Items carry their kind in the plan.
    for (const json& office : plan["offices"]) {
        for (const json& item : office["items"]) {
            if (item["indicator"] == "BANKUM-S3" && item["evidence"] == "sk") CHECK(item["kind"] == "regulation");
            if (item["indicator"] == "BANKUM-H1" && item["evidence"] == "register") CHECK(item["kind"] == "report");
        }
    }
}

TEST_CASE("the CSV form: an offices column read against the list, and evidence kinds") {
    kkpham::Engine base = reference();
    const std::string header =
        "right_id;right_group;right_name;indicator_id;type;text;answer_kind;max_points;scoring;evidence;offices;legal_basis\n";
    const std::string row_start = "SP1_BANKUM;sipol;Hak atas Bantuan Hukum;";
    const std::string csv = header +
        row_start + "X-S1;S;Ada Perda;yes_no;100;ya=100;perda: Salinan Perda @ Kabag Hukum [peraturan] | "
                    "lap: Laporan @ Kabag Hukum [laporan] (opsional) | pks: PKS @ Kabag Hukum (opsional) [perjanjian];"
                    "Dinas Lingkungan Hidup | bkpsdm , Disnaker;UU 1/2000\n" +
        row_start + "X-S2;S;Ada SK;yes_no;100;ya=100;sk: SK @ Kabag Hukum;Dinas Pariwisata;UU 1/2000\n" +
        row_start + "X-S3;S;Ada SOP;yes_no;100;ya=100;sop: SOP @ Kabag Hukum;;UU 1/2000\n";
    const json r = parse(base.import_csv(csv, "{}"));
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump().substr(0, 600));
    const json& inds = r["pack"]["indicators"];
    CHECK(inds[0]["offices"] == json({"dlh", "bkpsdm", "disnaker"}));
    CHECK(inds[0]["evidence"][0]["kind"] == "regulation");
    CHECK(inds[0]["evidence"][1]["kind"] == "report");
    CHECK(inds[0]["evidence"][1]["required"] == false);
    CHECK(inds[0]["evidence"][2]["kind"] == "agreement");
    CHECK(inds[0]["evidence"][2]["required"] == false);
    // A name the list lacks becomes a new office, with a warning naming the line.
    CHECK(inds[1]["offices"] == json({"dinas-pariwisata"}));
    const json& offices = r["pack"]["offices"];
    CHECK(offices.back()["id"] == "dinas-pariwisata");
    CHECK(offices.back()["short_name"] == "Dinas Pariwisata");
    bool warned = false;
    for (const json& w : r["warnings"]) warned = warned || (w["code"] == "csv.office.new" && w["path"] == "line 3, offices");
    CHECK(warned);
    // An empty cell: the right's offices from the base pack.
    CHECK_FALSE(inds[2].contains("offices"));
    for (const json& right : r["pack"]["rights"]) {
        if (right["id"] == "SP1_BANKUM") CHECK(right["offices"] == json({"hukum"}));
    }

    // An unknown kind tag is an error on its line.
    const json bad = parse(base.import_csv(header + row_start + "X-S1;S;Ada Perda;yes_no;100;ya=100;perda: Perda @ Kabag [undang];;UU 1/2000\n", "{}"));
    REQUIRE_FALSE(bad["ok"].get<bool>());
    CHECK(bad["errors"][0]["line"] == 2);
    CHECK(bad["errors"][0]["message"]["id"].get<std::string>().find("[peraturan]") != std::string::npos);

    // The list can be given in the options instead; without any list the older opd column stays free text.
    const json listed = parse(base.import_csv(header + row_start + "X-S1;S;Ada Perda;yes_no;100;ya=100;;HK;UU 1/2000\n",
                                              R"({"offices":[{"id":"hk","name":{"id":"Bagian Hukum"},"short_name":"HK"}]})"));
    REQUIRE_MESSAGE(listed["ok"].get<bool>(), listed.dump().substr(0, 600));
    CHECK(listed["pack"]["offices"].size() == 1);
    CHECK(listed["pack"]["indicators"][0]["offices"] == json({"hk"}));
    kkpham::Engine plain;
    const json free_text = parse(plain.import_csv(
        "right_id;right_group;right_name;indicator_id;type;text;answer_kind;max_points;scoring;opd;legal_basis\n"
        "R1;sipol;Hak;R1-S1;S;Ada;yes_no;100;ya=100;BKPSDM, Dinas Tenaga Kerja;UU 1/2000\n", "{}"));
    REQUIRE_MESSAGE(free_text["ok"].get<bool>(), free_text.dump().substr(0, 600));
    CHECK_FALSE(free_text["pack"].contains("offices"));
    CHECK(free_text["pack"]["indicators"][0]["opd"] == "BKPSDM, Dinas Tenaga Kerja");
}
