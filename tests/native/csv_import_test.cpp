// The CSV form: separators, quoting, decimal commas, errors with line numbers, and a round trip.
#include <doctest/doctest.h>

#include <string>

#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

const char* const kHeader =
    "right_id;right_group;right_name;indicator_id;type;text;answer_kind;unit;range_min;range_max;na_allowed;max_points;scoring;"
    "evidence;opd;legal_basis\n";

// Inclusive flags of an unbounded end carry no meaning; drop them before comparing.
json normalised_scoring(json scoring) {
    if (scoring.contains("bands")) {
        for (json& band : scoring["bands"]) {
            if (band["min"].is_null()) band.erase("min_inclusive");
            if (band["max"].is_null()) band.erase("max_inclusive");
        }
    }
    return scoring;
}

json import(const std::string& csv, const std::string& options = "{}") {
    kkpham::Engine engine;
    const json r = json::parse(engine.import_csv(csv, options), nullptr, false);
    REQUIRE_FALSE(r.is_discarded());
    return r;
}

}  // namespace

TEST_CASE("a semicolon CSV with decimal commas, quotes and every rule kind becomes a valid pack") {
    const std::string csv = std::string(kHeader) +
        "R1;sipol;Hak atas Bantuan Hukum;R1-S1;S;Ada Perda bantuan hukum;yes_no;;;;;100;ya=100 | tidak=0;"
        "perda: Salinan Perda @ Kabag Hukum;Bagian Hukum;UU 16/2011 Pasal 19 ayat (2)\n"
        "R1;sipol;Hak atas Bantuan Hukum;R1-P1;proses;\"Tingkat; pelaksanaan \"\"SOP\"\"\";level;;;;;100;"
        "0:Tidak ada=0 | 1:Rancangan=33 | 2:Ditetapkan=67 | 3:Dilaksanakan=100;SOP @ Kabag Hukum | Foto @ Kepala OPD (opsional);;"
        "Permenkumham 4/2021 (?)\n"
        "R2;ekosob;Hak atas Kesehatan;R2-H1;H;Cakupan layanan;percent;persen;0;100;ya;100;linear 0=0 | 100=100;;Dinkes;PP 2/2018\n"
        "R2;ekosob;Hak atas Kesehatan;R2-H2;hasil;Kematian ibu;number;per 100.000 KH;0;2000;;10;"
        "\"bands (-inf;110]=10 | (110;140,5]=8 | (140,5;inf)=0\";;Dinkes;PP 2/2018\n";
    const json r = import(csv, R"({"id":"form-2026","version":"2026.1","status":"official"})");
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump());
    const json& pack = r["pack"];
    CHECK(pack["id"] == "form-2026");
    CHECK(pack["status"] == "official");
    CHECK(pack["rights"].size() == 2);
    CHECK(pack["indicators"].size() == 4);
    CHECK(pack["indicators"][1]["text"]["id"] == "Tingkat; pelaksanaan \"SOP\"");
    CHECK(pack["indicators"][1]["evidence"][1]["required"] == false);
    CHECK(pack["indicators"][1]["legal_basis"][0]["verified"] == false);
    CHECK(pack["indicators"][2]["answer"]["na_allowed"] == true);
    CHECK(pack["indicators"][3]["scoring"]["bands"][1]["max"].get<double>() == 140.5);
    CHECK(pack["indicators"][0]["evidence"][0]["id"] == "perda");
    CHECK(r["sha256"].get<std::string>().size() == 64);
}

TEST_CASE("comma-separated CSV with CRLF line ends and a BOM") {
    std::string header = kHeader;
    for (char& c : header) {
        if (c == ';') c = ',';
    }
    header.replace(header.size() - 1, 1, "\r\n");
    const std::string csv = "\xEF\xBB\xBF" + header +
                            "R1,sipol,Hak,R1-S1,struktur,Ada Perda,yes_no,,,,,100,ya=100,Perda @ Kabag,,UU 23/2014\r\n";
    const json r = import(csv);
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump());
    CHECK(r["pack"]["indicators"][0]["id"] == "R1-S1");
}

TEST_CASE("CSV errors name the line and column, in both languages") {
    struct Case {
        const char* name;
        std::string csv;
        const char* code;
        int line;
    };
    const std::string row_ok = "R1;sipol;Hak;R1-S1;S;Ada;yes_no;;;;;100;ya=100;;;UU\n";
    const Case cases[] = {
        {"missing column", "right_id;indicator_id\nR1;X\n", "csv.missing_column", 0},
        {"only a header", kHeader, "csv.empty", 0},
        {"stray quote", std::string(kHeader) + "R1;sipol;Ha\"k;R1-S1;S;Ada;yes_no;;;;;100;ya=100;;;UU\n", "csv.stray_quote", 2},
        {"unterminated quote", std::string(kHeader) + row_ok + "R1;sipol;\"Hak;R1-S2\n", "csv.unterminated_quote", 3},
        {"bad number", std::string(kHeader) + "R1;sipol;Hak;R1-S1;S;Ada;count;desa;0;sepuluh;;100;linear 0=0 | 10=100;;;UU\n",
         "csv.value", 2},
        {"required cell empty", std::string(kHeader) + "R1;sipol;Hak;R1-S1;S;;yes_no;;;;;100;ya=100;;;UU\n", "csv.value", 2},
        {"bad level syntax", std::string(kHeader) + "R1;sipol;Hak;R1-P1;P;Ada;level;;;;;100;Tidak ada | Ada;;;UU\n", "csv.value", 2},
        {"overlapping bands (pack rule, mapped to the CSV line)",
         std::string(kHeader) + row_ok + "R1;sipol;Hak;R1-H1;H;Angka;number;kasus;0;100;;10;\"bands (-inf;50]=10 | [40;inf)=0\";;;UU\n",
         "pack.band.overlap", 3},
        {"UTF-8 and Windows-1252 mixed", std::string(kHeader) + "R1;sipol;H\xC3\xA9k \xE9;R1-S1;S;Ada;yes_no;;;;;100;ya=100;;;UU\n",
         "csv.encoding", 2},
        {"UTF-16 cut off (odd length)", std::string("\xFF\xFEr\0i", 5), "file.utf16", 0},
        {"evidence without signer", std::string(kHeader) + "R1;sipol;Hak;R1-S1;S;Ada;yes_no;;;;;100;ya=100;Perda;;UU\n", "csv.value", 2},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.name));
        const json r = import(c.csv);
        REQUIRE_FALSE(r["ok"].get<bool>());
        const json& e = r["errors"][0];
        CHECK(e["code"] == c.code);
        if (c.line > 0) {
            CHECK(e["line"] == c.line);
            CHECK(e["message"]["id"].get<std::string>().find("aris " + std::to_string(c.line)) != std::string::npos);
            CHECK(e["message"]["en"].get<std::string>().find("ine " + std::to_string(c.line)) != std::string::npos);
        }
    }
}

TEST_CASE("the shipped CSV form imports to the shipped pack's indicators, and scores identically") {
    kkpham::Engine base;
    REQUIRE(json::parse(base.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    const json imported = json::parse(base.import_csv(read_repo_file("criteria/kkpham-22-2021.csv"), "{}"), nullptr, false);
    REQUIRE_MESSAGE(imported["ok"].get<bool>(), imported.dump().substr(0, 600));
    const json original = json::parse(read_repo_file("criteria/kkpham-22-2021.json"), nullptr, false);
    REQUIRE(imported["pack"]["indicators"].size() == original["indicators"].size());
    for (std::size_t i = 0; i < original["indicators"].size(); ++i) {
        const json& a = original["indicators"][i];
        const json& b = imported["pack"]["indicators"][i];
        CAPTURE(a["id"].get<std::string>());
        CHECK(a["id"] == b["id"]);
        CHECK(a["right"] == b["right"]);
        CHECK(a["type"] == b["type"]);
        CHECK(a["text"]["id"] == b["text"]["id"]);
        CHECK(a["answer"]["kind"] == b["answer"]["kind"]);
        CHECK(a["answer"].value("unit", "") == b["answer"].value("unit", ""));
        CHECK(normalised_scoring(a["scoring"]) == normalised_scoring(b["scoring"]));
        CHECK(a["evidence"].size() == b["evidence"].size());
    }
    // The same answers (re-pinned to the imported pack) score the same.
    kkpham::Engine copy;
    REQUIRE(json::parse(copy.load_pack(imported["pack"].dump()), nullptr, false)["ok"].get<bool>());
    for (int seed = 1; seed <= 5; ++seed) {
        json answers = json::parse(base.make_template(R"({"fill":"random","seed":)" + std::to_string(seed) + "}"), nullptr, false)["answers"];
        const json a = json::parse(base.score(answers.dump()), nullptr, false);
        answers["pack"]["sha256"] = imported["sha256"];
        const json b = json::parse(copy.score(answers.dump()), nullptr, false);
        REQUIRE(b["ok"].get<bool>());
        CHECK(a["total"] == b["total"]);
        CHECK(a["evidenced_total"] == b["evidenced_total"]);
    }
}

TEST_CASE("the CSV template has every documented column") {
    const std::string header = read_repo_file("criteria/template.csv");
    for (const char* column : {"right_id", "right_group", "right_name", "indicator_id", "type", "text", "answer_kind", "unit",
                               "range_min", "range_max", "na_allowed", "max_points", "scoring", "evidence", "offices", "legal_basis"}) {
        CAPTURE(column);
        CHECK(header.find(column) != std::string::npos);
    }
}
