// The Excel workbook, without Excel (core/src/forms/workbook_*): the layout of an assessment and
// of an office package, and reading a filled workbook's cells back. The cases are the shared
// vectors tests/vectors/workbook/cases.json, which tests/web/workbook.test.mjs runs through a real
// .xlsx written and re-read by ExcelJS.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using kkpham::Engine;
using kkpham::test::partial_mismatch;
using kkpham::test::read_repo_file;

namespace {

struct Fixture {
    Engine engine;
    json vectors;
    json answers;

    Fixture() {
        vectors = json::parse(read_repo_file("tests/vectors/workbook/cases.json"));
        REQUIRE(json::parse(engine.load_pack(read_repo_file(vectors["pack"].get<std::string>())))["ok"] == true);
        const json made = json::parse(engine.make_template(vectors["template"].dump()));
        REQUIRE(made["ok"] == true);
        answers = made["answers"];
    }

    json layout(const json& doc) const { return json::parse(engine.workbook_layout(doc.dump())); }
};

// The cells a spreadsheet would hold for a layout, as the adapter dumps them.
json dump_of(const json& layout) {
    json sheets = json::object();
    for (const json& sheet : layout["sheets"]) {
        json cells = json::object();
        for (const json& c : sheet["cells"]) {
            if (c.contains("n")) cells[c["ref"].get<std::string>()] = {{"t", "n"}, {"v", c["n"]}};
            else if (!c["s"].get<std::string>().empty()) cells[c["ref"].get<std::string>()] = {{"t", "s"}, {"v", c["s"]}};
        }
        sheets[sheet["name"].get<std::string>()] = cells;
    }
    return {{"sheets", sheets}};
}

void apply_edits(json& dump, const json& edits) {
    for (auto it = edits.begin(); it != edits.end(); ++it) {
        const std::string where = it.key();
        const auto bang = where.find('!');
        const std::string sheet = where.substr(0, bang), ref = where.substr(bang + 1);
        if (it->is_null()) dump["sheets"][sheet].erase(ref);
        else dump["sheets"][sheet][ref] = *it;
    }
}

const json* find_cell(const json& layout, const std::string& sheet, const std::string& ref) {
    for (const json& s : layout["sheets"]) {
        if (s["name"] != sheet) continue;
        for (const json& c : s["cells"]) {
            if (c["ref"] == ref) return &c;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("workbook layout: cover, one row per indicator and evidence item, open answer cells with validation") {
    Fixture f;
    const json layout = f.layout(f.answers);
    REQUIRE_MESSAGE(layout["ok"] == true, layout.dump());
    CHECK(layout["kind"] == "assessment");
    REQUIRE(layout["sheets"].size() == 4);
    CHECK(layout["sheets"][0]["name"] == "Sampul");
    CHECK(layout["sheets"][1]["name"] == "Isian");
    CHECK(layout["sheets"][2]["state"] == "hidden");
    CHECK(layout["sheets"][3]["state"] == "veryHidden");
    const json& form = layout["sheets"][1];
    CHECK(form["print"]["paper"] == "A4");
    CHECK(form["print"]["orientation"] == "landscape");
    CHECK(form["print"]["title_rows"] == "1:1");
    CHECK(form["columns"][0]["hidden"] == true);
    // The answer cell of every indicator is open and validated; its code cell is locked.
    int answer_cells = 0;
    for (const json& c : form["cells"]) {
        const std::string ref = c["ref"];
        if (ref[0] == 'G' && ref != "G1") {
            CHECK(c.value("open", false));
            ++answer_cells;
        }
        if (ref[0] == 'B') CHECK_FALSE(c.value("open", false));
    }
    CHECK(answer_cells == 120);
    for (const json& v : form["validations"]) {
        if (v["ref"].get<std::string>()[0] != 'G') continue;
        CHECK((v["type"] == "list" || v["type"] == "decimal" || v["type"] == "whole"));
    }
    // A number answer is written as a number (Excel's validation and sums work on it), a level as
    // its label: BANKUM-P4 (percent) is on row 22, BANKUM-S1 (level) on row 2.
    const json* percent = find_cell(layout, "Isian", "G22");
    REQUIRE(percent != nullptr);
    CHECK((*percent)["n"] == "40.45");
    CHECK_FALSE(percent->contains("s"));
    const json* level = find_cell(layout, "Isian", "G2");
    REQUIRE(level != nullptr);
    CHECK((*level)["s"] == "Tidak ada");
    // Free-text open cells are kept as text (an 18-digit NIP is no number to Excel).
    const json* note = find_cell(layout, "Isian", "L2");
    REQUIRE(note != nullptr);
    CHECK((*note)["style"] == "answer-text");
    // The pack and its hash are on the cover.
    const json* sha = find_cell(layout, "Sampul", "B7");
    REQUIRE(sha != nullptr);
    CHECK((*sha)["s"].get<std::string>().size() == 64);
}

TEST_CASE("workbook read: the untouched workbook gives the same answers, byte for byte") {
    Fixture f;
    const json layout = f.layout(f.answers);
    const json r = json::parse(f.engine.read_workbook(dump_of(layout).dump(), "{}"));
    REQUIRE_MESSAGE(r["ok"] == true, r.dump());
    CHECK(r["changed"].empty());
    CHECK(r["answers"] == f.answers);
    CHECK(f.engine.score(r["answers"].dump()) == f.engine.score(f.answers.dump()));
}

TEST_CASE("workbook read: the shared vectors") {
    Fixture f;
    const json layout = f.layout(f.answers);
    for (const json& c : f.vectors["cases"]) {
        CAPTURE(c["name"].get<std::string>());
        json dump = dump_of(layout);
        apply_edits(dump, c["edits"]);
        const json r = json::parse(f.engine.read_workbook(dump.dump(), R"({"updated_at":"2026-02-01T00:00:00Z"})"));
        if (c["ok"] == true) {
            REQUIRE_MESSAGE(r["ok"] == true, r.dump());
            CHECK(r["changed"] == c["changed"]);
            const std::string mismatch = partial_mismatch(c["answers"], r["answers"]["answers"]);
            CHECK_MESSAGE(mismatch.empty(), mismatch);
            if (!c["changed"].empty()) CHECK(r["answers"]["updated_at"] == "2026-02-01T00:00:00Z");
        } else {
            REQUIRE_MESSAGE(r["ok"] == false, r.dump());
            CHECK(r["errors"][0]["code"] == c["error"]["code"]);
            CHECK(r["errors"][0]["path"] == c["error"]["cell"]);
            const std::string message = r["errors"][0]["message"]["id"];
            CHECK_MESSAGE(message.find(c["error"]["cell"].get<std::string>()) != std::string::npos, message);
            CHECK_MESSAGE(message.find(c["error"]["message_contains"].get<std::string>()) != std::string::npos, message);
        }
    }
}

TEST_CASE("workbook read: another pack edition and a foreign workbook are refused, naming where") {
    Fixture f;
    const json layout = f.layout(f.answers);
    json dump = dump_of(layout);
    dump["sheets"]["kkpham"]["B5"]["v"] = std::string(64, 'a');
    json r = json::parse(f.engine.read_workbook(dump.dump(), "{}"));
    REQUIRE(r["ok"] == false);
    CHECK(r["errors"][0]["code"] == "workbook.other_edition");
    CHECK(r["errors"][0]["path"] == "Sampul!B7");

    dump = dump_of(layout);
    dump["sheets"]["kkpham"]["B3"]["v"] = "another-pack";
    r = json::parse(f.engine.read_workbook(dump.dump(), "{}"));
    REQUIRE(r["ok"] == false);
    CHECK(r["errors"][0]["code"] == "workbook.other_pack");
    CHECK(r["errors"][0]["path"] == "Sampul!B6");

    const json foreign = {{"sheets", {{"Sheet1", {{"A1", {{"t", "s"}, {"v", "Nama"}}}}}}}};
    r = json::parse(f.engine.read_workbook(foreign.dump(), "{}"));
    REQUIRE(r["ok"] == false);
    CHECK(r["errors"][0]["code"] == "workbook.foreign");

    // The hidden answers cut off: damaged, never half-read.
    dump = dump_of(layout);
    std::string chunk = dump["sheets"]["kkpham"]["A10"]["v"];
    dump["sheets"]["kkpham"]["A10"]["v"] = chunk.substr(0, chunk.size() / 2);
    r = json::parse(f.engine.read_workbook(dump.dump(), "{}"));
    REQUIRE(r["ok"] == false);
    CHECK(r["errors"][0]["code"] == "workbook.damaged");
}

TEST_CASE("workbook of an office package: only its indicators, who filled it in, its return time") {
    Fixture f;
    const json split = json::parse(f.engine.split(f.answers.dump(), R"({"made_at":"2026-03-01T08:00:00Z","office":"dinkes"})"));
    REQUIRE_MESSAGE(split["ok"] == true, split.dump());
    const json package = split["packages"][0]["package"];
    const json layout = f.layout(package);
    REQUIRE_MESSAGE(layout["ok"] == true, layout.dump());
    CHECK(layout["kind"] == "office-package");
    std::size_t rows = 0;
    for (const json& c : layout["sheets"][1]["cells"]) {
        const std::string ref = c["ref"];
        if (ref[0] == 'G' && ref != "G1") ++rows;
    }
    CHECK(rows == package["scope"]["indicators"].size());
    json dump = dump_of(layout);
    dump["sheets"]["Sampul"]["B17"] = {{"t", "s"}, {"v", "Siti Aminah"}};
    dump["sheets"]["Sampul"]["B18"] = {{"t", "n"}, {"v", "198001012005012001"}};
    const json r = json::parse(f.engine.read_workbook(dump.dump(), R"({"returned_at":"2026-03-09T10:30:00Z"})"));
    REQUIRE_MESSAGE(r["ok"] == true, r.dump());
    CHECK(r["kind"] == "office-package");
    CHECK(r["answers"]["scope"]["filled_by"]["name"] == "Siti Aminah");
    CHECK(r["answers"]["scope"]["filled_by"]["nip"] == "198001012005012001");
    CHECK(r["answers"]["scope"]["returned_at"] == "2026-03-09T10:30:00Z");
    CHECK(r["answers"]["scope"]["package_id"] == package["scope"]["package_id"]);
    // It merges back like any return.
    const json returns = json::array({{{"file", "Dinkes.xlsx"}, {"text", r["answers"].dump()}}});
    const json merged = json::parse(f.engine.merge(split["master"].dump(), returns.dump(), R"({"merged_at":"2026-03-10T00:00:00Z"})"));
    REQUIRE_MESSAGE(merged["ok"] == true, merged.dump());
    CHECK(merged["refused"] == 0);
}
