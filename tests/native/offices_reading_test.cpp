// Engine::offices: the pack's offices and what each answer's `opd` names, as the engine reads them
// (the web app's state/offices.js asks this instead of reading offices itself).
#include <doctest/doctest.h>

#include <string>

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

// The minimal pack with a second right and three more indicators, each answered yes/no.
json two_right_pack() {
    json p = minimal_pack();
    p["rights"].push_back(json::parse(R"({"id": "R2", "group": "g", "name": {"id": "Hak 2"}})"));
    json ind = p["indicators"][0];
    for (const char* id : {"R1-S2", "R2-S1", "R2-S2"}) {
        ind["id"] = id;
        ind["right"] = std::string(id).substr(0, 2);
        p["indicators"].push_back(ind);
    }
    return p;
}

kkpham::Engine loaded(const json& pack) {
    kkpham::Engine engine;
    const json r = parse(engine.load_pack(pack.dump()));
    REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump());
    return engine;
}

json with_opd(std::initializer_list<std::pair<const char*, const char*>> opd) {
    json a = json::parse(R"({"format": "kkpham-answers", "format_version": 1, "answers": {}})");
    for (const auto& [id, text] : opd) a["answers"][id]["opd"] = text;
    return a;
}

std::string ids(const json& list) {
    std::string out;
    for (const json& id : list) {
        if (!out.empty()) out += ',';
        out.append(id.get<std::string>());
    }
    return out;
}

}  // namespace

TEST_CASE("offices: a pack with a list — known, unknown, mixed and separator-holding names") {
    json p = two_right_pack();
    p["offices"] = json::parse(R"([
      {"id": "hukum", "name": {"id": "Bagian Hukum Sekretariat Daerah"}, "short_name": "Bagian Hukum"},
      {"id": "dlh", "name": {"id": "Dinas Lingkungan Hidup", "en": "Environment Office"}, "short_name": "DLH",
       "aliases": ["Dinas LH"]},
      {"id": "kominfo", "name": {"id": "Dinas Komunikasi, Informatika; dan Persandian"}, "short_name": "Diskominfo"}])");
    p["rights"][0]["offices"] = {"hukum"};
    p["rights"][1]["offices"] = {"dlh"};
    p["indicators"][1]["offices"] = {"kominfo", "dlh"};
    const kkpham::Engine engine = loaded(p);

    const json blank = parse(engine.offices(with_opd({}).dump()));
    REQUIRE(blank["ok"] == true);
    CHECK(blank["format"] == "kkpham-offices");
    CHECK(blank["declared"] == true);
    REQUIRE(blank["offices"].size() == 3);
    CHECK(blank["offices"][1] == json::parse(R"({"id": "dlh", "short_name": "DLH", "aliases": ["Dinas LH"],
                                                 "name": {"id": "Dinas Lingkungan Hidup", "en": "Environment Office"}})"));
    CHECK(blank["offices"][0]["name"]["en"] == "Bagian Hukum Sekretariat Daerah");  // no English name: the Indonesian
    CHECK(ids(blank["rights"]["R1"]) == "hukum");
    CHECK(ids(blank["rights"]["R2"]) == "dlh");
    CHECK(ids(blank["indicators"]["R1-S1"]["pack"]) == "hukum");  // its right's
    CHECK(ids(blank["indicators"]["R1-S2"]["pack"]) == "kominfo,dlh");  // its own, the first leads
    CHECK(blank["indicators"]["R1-S1"] ==
          json::parse(R"({"pack": ["hukum"], "offices": ["hukum"], "typed": "", "unknown": []})"));
    CHECK(blank["errors"].empty());

    const json r = parse(engine.offices(with_opd({{"R1-S1", " dinas  LINGKUNGAN hidup "},  // a full name, spaces and case aside
                                                  {"R1-S2", "dlh; Bagian Hukum | dinas lh"},  // parts, one office twice
                                                  {"R2-S1", "Dinas Komunikasi, Informatika; dan Persandian"},  // whole text first
                                                  {"R2-S2", "Dinas Pariwisata, hukum"}}).dump()));  // mixed
    const json& inds = r["indicators"];
    CHECK(ids(inds["R1-S1"]["offices"]) == "dlh");
    CHECK(inds["R1-S1"]["typed"] == " dinas  LINGKUNGAN hidup ");
    CHECK(inds["R1-S1"]["unknown"].empty());
    CHECK(ids(inds["R1-S2"]["offices"]) == "dlh,hukum");
    CHECK(ids(inds["R2-S1"]["offices"]) == "kominfo");
    CHECK(ids(inds["R2-S2"]["offices"]) == "hukum");  // an unknown name leaves the known ones
    CHECK(inds["R2-S2"]["unknown"] == json::array({"Dinas Pariwisata"}));
    CHECK(ids(inds["R2-S2"]["pack"]) == "dlh");
    CHECK_FALSE(inds["R2-S2"].contains("own"));

    // Only unknown names: the pack's offices stand, the names are listed.
    const json u = parse(engine.offices(with_opd({{"R2-S1", "Dinas Pariwisata | Dinas Perhubungan"}, {"R1-S1", "  "}}).dump()));
    CHECK(ids(u["indicators"]["R2-S1"]["offices"]) == "dlh");
    CHECK(u["indicators"]["R2-S1"]["unknown"] == json::array({"Dinas Pariwisata", "Dinas Perhubungan"}));
    CHECK(u["indicators"]["R1-S1"]["typed"] == "");  // only spaces: no office of its own
    CHECK(ids(u["indicators"]["R1-S1"]["offices"]) == "hukum");
}

TEST_CASE("offices: a pack without a list — offices from the opd names, an answer's own office as typed") {
    json p = two_right_pack();
    p["rights"][0]["opd"] = "Bagian Hukum";
    p["indicators"][1]["opd"] = "Dinas Lingkungan Hidup, BAGIAN  hukum";
    p["indicators"][2]["opd"] = "Dinas Lingkungan-Hidup";  // the same derived id: made unique
    const kkpham::Engine engine = loaded(p);

    const json blank = parse(engine.offices(""));  // an empty text is refused: the pack's part still comes
    REQUIRE(blank["ok"] == true);
    CHECK(blank["declared"] == false);
    CHECK_FALSE(blank["errors"].empty());
    REQUIRE(blank["offices"].size() == 3);
    CHECK(blank["offices"][0] == json::parse(R"({"id": "bagian-hukum", "short_name": "Bagian Hukum", "aliases": [],
                                                 "name": {"id": "Bagian Hukum", "en": "Bagian Hukum"}})"));
    CHECK(blank["offices"][1]["id"] == "dinas-lingkungan-hidup");
    CHECK(blank["offices"][2]["id"] == "dinas-lingkungan-hidup-2");
    CHECK(ids(blank["rights"]["R1"]) == "bagian-hukum");
    CHECK(blank["rights"]["R2"].empty());
    CHECK(ids(blank["indicators"]["R1-S2"]["pack"]) == "dinas-lingkungan-hidup,bagian-hukum");
    CHECK(ids(blank["indicators"]["R2-S2"]["pack"]).empty());

    const json r = parse(engine.offices(with_opd({{"R1-S1", "dinas lingkungan hidup"},  // a pack name
                                                  {"R1-S2", "bagian-hukum"},  // a derived id
                                                  {"R2-S1", " Dinas  Pariwisata "},  // unknown: its own office
                                                  {"R2-S2", "Bagian Hukum, Dinas Pariwisata"}}).dump()));  // mixed: as typed
    const json& inds = r["indicators"];
    CHECK(r["errors"].empty());
    CHECK(ids(inds["R1-S1"]["offices"]) == "dinas-lingkungan-hidup");
    CHECK(ids(inds["R1-S2"]["offices"]) == "bagian-hukum");
    CHECK(ids(inds["R2-S1"]["offices"]) == "~dinas pariwisata");
    CHECK(inds["R2-S1"]["unknown"].empty());
    CHECK(inds["R2-S1"]["typed"] == " Dinas  Pariwisata ");
    CHECK(inds["R2-S1"]["own"] == json::parse(R"({"id": "~dinas pariwisata", "short_name": "Dinas  Pariwisata", "aliases": [],
                                                  "name": {"id": "Dinas  Pariwisata", "en": "Dinas  Pariwisata"}})"));
    CHECK(ids(inds["R2-S2"]["offices"]) == "~bagian hukum, dinas pariwisata");
    CHECK(inds["R2-S2"]["own"]["short_name"] == "Bagian Hukum, Dinas Pariwisata");
}

TEST_CASE("offices: a refused answers file still gives the pack's part; no pack is refused") {
    json p = two_right_pack();
    p["rights"][0]["opd"] = "Bagian Hukum";
    const kkpham::Engine engine = loaded(p);
    for (const char* text : {"{\"answers\": {", "[1, 2]", "{\"answers\": [\"R1-S1\"]}", "\xff\xfe"}) {
        CAPTURE(text);
        const json r = parse(engine.offices(text));
        REQUIRE(r["ok"] == true);
        REQUIRE_FALSE(r["errors"].empty());
        CHECK(r["errors"][0].contains("message"));
        CHECK(ids(r["rights"]["R1"]) == "bagian-hukum");
        CHECK(r["indicators"]["R1-S1"] ==
              json::parse(R"({"pack": ["bagian-hukum"], "offices": ["bagian-hukum"], "typed": "", "unknown": []})"));
    }
    // Other fields the answers reader would refuse do not matter here: only `opd` is read.
    json a = with_opd({{"R1-S1", "Dinas Pariwisata"}});
    a["answers"]["R1-S1"]["value"] = "banyak";
    a["answers"]["R1-S2"] = "not an entry";
    const json r = parse(engine.offices(a.dump()));
    CHECK(r["errors"].empty());
    CHECK(ids(r["indicators"]["R1-S1"]["offices"]) == "~dinas pariwisata");

    const kkpham::Engine none;
    const json n = parse(none.offices("{}"));
    CHECK(n["ok"] == false);
    CHECK(n["errors"][0]["code"] == "engine.no_pack");
}
