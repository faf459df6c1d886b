// The submission package (core/src/package/): safe names, the folder check, the completeness
// gate, the layout, the index, the BagIt tag files and verifying a package, tampered or not.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "kkpham/engine.hpp"
#include "package/safe_name.hpp"
#include "support.hpp"
#include "util/sha256.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

// Two rights; R1 has a struktur and a proses indicator, R2 a struktur one.
json package_pack(bool with_gate) {
    json pack = minimal_pack();
    pack["id"] = "paket-uji";
    pack["rights"] = json::parse(R"([{"id": "R1", "group": "g", "name": {"id": "Hak atas Bantuan Hukum"}},
                                      {"id": "R2", "group": "g", "name": {"id": "Hak atas Kesehatan"}}])");
    json s1 = pack["indicators"][0];
    s1["evidence"] = json::parse(R"([{"id": "perda", "document": {"id": "Salinan Perda", "en": "Copy of the Perda"}, "signer": {"id": "Kabag Hukum"}},
                                     {"id": "sk", "document": {"id": "SK"}, "signer": {"id": "Bupati"}, "required": false}])");
    json p1 = pack["indicators"][0];
    p1["id"] = "R1-P1";
    p1["type"] = "proses";
    p1["evidence"] = json::parse(R"([{"id": "dpa", "document": {"id": "DPA"}, "signer": {"id": "Kepala BPKAD"}}])");
    json r2 = pack["indicators"][0];
    r2["id"] = "R2-S1";
    r2["right"] = "R2";
    r2["evidence"] = json::parse(R"([{"id": "sk", "document": {"id": "SK Dinas"}, "signer": {"id": "Kepala Dinas"}}])");
    pack["indicators"] = json::array({s1, p1, r2});
    if (with_gate) {
        pack["gate"] = json::parse(R"({"value": {"types_per_right": ["struktur", "proses"]}, "basis": "assumed", "source": "uji"})");
    }
    return pack;
}

kkpham::Engine engine_for(const json& pack) {
    kkpham::Engine e;
    const json loaded = json::parse(e.load_pack(pack.dump()));
    REQUIRE_MESSAGE(loaded["ok"].get<bool>(), loaded.dump());
    return e;
}

std::string hash_of(const std::string& content) { return kkpham::sha256_hex(content); }

json evidence(const std::string& id, const std::string& reference, const std::string& content) {
    return {{"id", id}, {"status", "ready"}, {"reference", reference}, {"sha256", hash_of(content)}};
}

json answers_with(const kkpham::Engine& e, const json& answers) {
    const std::string sha = json::parse(e.pack_summary())["sha256"];
    return {{"format", "kkpham-answers"}, {"format_version", 1}, {"pack", {{"id", "paket-uji"}, {"version", "1"}, {"sha256", sha}}},
            {"region", {{"name", "Kabupaten Contoh"}, {"kind", "kabupaten"}, {"province", "Jawa Tengah"}, {"code", "33.06"}}},
            {"data_year", 2025}, {"assessment_year", 2026}, {"answers", answers}};
}

json file(const std::string& path, const std::string& content) {
    return {{"path", path}, {"size", content.size()}, {"sha256", hash_of(content)}};
}

json parse(const std::string& text) {
    json v = json::parse(text, nullptr, false);
    REQUIRE_FALSE(v.is_discarded());
    return v;
}

const json* item(const json& doc, const std::string& indicator, const std::string& evidence_id) {
    for (const json& i : doc["evidence"]["items"]) {
        if (i["indicator"] == indicator && i["evidence"] == evidence_id) return &i;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("package names: safe on Windows, one component, bounded") {
    using kkpham::safe_component;
    CHECK(safe_component("CON", 100) == "_CON");
    CHECK(safe_component("con.txt", 100) == "_con.txt");
    CHECK(safe_component("COM1.pdf", 100) == "_COM1.pdf");
    CHECK(safe_component("lpt9", 100) == "_lpt9");
    CHECK(safe_component("console.pdf", 100) == "console.pdf");
    CHECK(safe_component("a<b>c:d\"e/f\\g|h?i*j%k", 100) == "a_b_c_d_e_f_g_h_i_j_k");
    CHECK(safe_component("..", 100) == "_");
    CHECK(safe_component(".", 100) == "_");
    CHECK(safe_component("", 100) == "_");
    CHECK(safe_component("../../etc/passwd", 100) == ".._.._etc_passwd");  // one component, not ".."
    CHECK(safe_component("C:\\Windows\\x.pdf", 100) == "C__Windows_x.pdf");
    CHECK(safe_component("laporan. . ", 100) == "laporan");
    CHECK(safe_component("  spasi.pdf", 100) == "spasi.pdf");
    CHECK(safe_component("baris\nbaru\r\t.pdf", 100) == "baris_baru__.pdf");
    CHECK(safe_component("evil\u202Efdp.exe", 100) == "evil_fdp.exe");
    CHECK(safe_component(std::string("bad\xff\xfe.pdf"), 100) == "bad__.pdf");
    CHECK(safe_component("Perda Nomor 5 Tahun 2021.pdf", 100) == "Perda Nomor 5 Tahun 2021.pdf");
    // Cut on a character, the extension kept; never longer than the limit (+1 for a device name).
    const std::string long_name = std::string(300, 'a') + "\xC3\xA9" + ".pdf";
    const std::string cut = safe_component(long_name, 50);
    CHECK(cut.size() <= 50);
    CHECK(cut.substr(cut.size() - 4) == ".pdf");
    const std::string accents = safe_component(std::string(40, '\xC3') , 20);  // invalid bytes only
    CHECK(accents.size() <= 20);
    CHECK(safe_component("CONxxxxxxxxxxxx.abcd", 9) == "_CON.abcd");
    CHECK(kkpham::ascii_slug("Hak atas Bantuan Hukum", 40) == "hak-atas-bantuan-hukum");
    CHECK(kkpham::ascii_slug("  --  ", 40) == "x");
}

TEST_CASE("folder check: found, renamed, changed, missing, not attached, unreferenced") {
    kkpham::Engine e = engine_for(package_pack(true));
    const json answers = answers_with(e, {{"R1-S1", {{"value", true}, {"evidence", json::array({evidence("perda", "perda.pdf", "PERDA"),
                                                                                           evidence("sk", "sk-bupati.pdf", "SK")})}}},
                                       {"R1-P1", {{"value", true}, {"evidence", json::array({evidence("dpa", "dpa.pdf", "DPA")})}}},
                                       {"R2-S1", {{"value", true}}}});
    const json files = {{"files", json::array({file("sub/perda.pdf", "PERDA"), file("salinan-sk.pdf", "SK"),
                                               file("dpa.pdf", "DPA versi baru"), file("catatan.txt", "lain")})}};
    const json doc = parse(e.evidence_check(answers.dump(), files.dump()));
    REQUIRE_MESSAGE(doc["ok"].get<bool>(), doc.dump());
    CHECK((*item(doc, "R1-S1", "perda"))["status"] == "found");
    CHECK((*item(doc, "R1-S1", "perda"))["file"]["path"] == "sub/perda.pdf");
    CHECK((*item(doc, "R1-S1", "sk"))["status"] == "renamed");
    CHECK((*item(doc, "R1-P1", "dpa"))["status"] == "changed");
    CHECK((*item(doc, "R2-S1", "sk"))["status"] == "not_attached");
    REQUIRE(doc["evidence"]["unreferenced"].size() == 1);
    CHECK(doc["evidence"]["unreferenced"][0]["path"] == "catatan.txt");
    // Missing: the file is gone.
    const json none = {{"files", json::array({file("sub/perda.pdf", "PERDA")})}};
    const json gone = parse(e.evidence_check(answers.dump(), none.dump()));
    CHECK((*item(gone, "R1-P1", "dpa"))["status"] == "missing");
    // A hostile file list is refused with the JSON path.
    const json bad = parse(e.evidence_check(answers.dump(), R"({"files":[{"path":"a","size":-1,"sha256":"xyz"}]})"));
    CHECK_FALSE(bad["ok"].get<bool>());
    CHECK(bad["errors"][0]["path"].get<std::string>().rfind("$.files[0]", 0) == 0);
}

TEST_CASE("completeness gate: reasons name the indicator and evidence; the pack's own rules") {
    kkpham::Engine strict = engine_for(package_pack(true));
    const json answers = answers_with(strict, {{"R1-S1", {{"value", true}, {"evidence", json::array({evidence("perda", "perda.pdf", "PERDA")})}}}});
    const json files = {{"files", json::array({file("perda.pdf", "PERDA")})}};
    const json gate = parse(strict.gate(answers.dump(), files.dump()))["gate"];
    CHECK_FALSE(gate["complete"].get<bool>());
    CHECK(gate["evidence_basis"] == "checked");
    CHECK(gate["rules"]["basis"] == "assumed");
    std::set<std::string> kinds;
    for (const json& r : gate["reasons"]) kinds.insert(r["kind"].get<std::string>() + ":" + r["right"].get<std::string>());
    CHECK(kinds == std::set<std::string>{"right_type_unanswered:R1", "right_unanswered:R2"});
    // Without the pack's rule only the built-in ones apply.
    kkpham::Engine plain = engine_for(package_pack(false));
    const json answers_plain = answers_with(plain, answers["answers"]);
    const json relaxed = parse(plain.gate(answers_plain.dump(), files.dump()))["gate"];
    REQUIRE(relaxed["reasons"].size() == 1);
    CHECK(relaxed["reasons"][0]["kind"] == "right_unanswered");
    // Required evidence not found: the reason carries indicator and evidence id as data, and its
    // message names the indicator's code and the document by its name (not the pack's id), in both languages.
    const json empty = {{"files", json::array()}};
    const json missing = parse(plain.gate(answers_plain.dump(), empty.dump()))["gate"];
    bool named = false;
    for (const json& r : missing["reasons"]) {
        if (r["kind"] == "evidence_missing") {
            named = r["indicator"] == "R1-S1" && r["evidence"] == "perda" &&
                    r["message"]["id"].get<std::string>().rfind("R1-S1: ", 0) == 0 &&
                    r["message"]["id"].get<std::string>().find("perda:") == std::string::npos &&
                    r["message"]["en"].get<std::string>().rfind("R1-S1: Copy of the Perda", 0) == 0 &&
                    r["message"]["en"].get<std::string>().find("Copy of the Perda") != std::string::npos;
        }
    }
    CHECK(named);
    // Without files the answers' own marks count.
    const json marked = parse(plain.gate(answers_plain.dump(), ""))["gate"];
    CHECK(marked["evidence_basis"] == "marked");
    // Every right answered with its evidence (a "no" claims nothing, so needs none): complete.
    const json full = answers_with(strict, {{"R1-S1", {{"value", true}, {"evidence", json::array({evidence("perda", "perda.pdf", "PERDA")})}}},
                                    {"R1-P1", {{"value", false}}},
                                    {"R2-S1", {{"value", false}}}});
    CHECK(parse(strict.gate(full.dump(), files.dump()))["gate"]["complete"].get<bool>());
}

TEST_CASE("pack gate section: validated when the pack loads") {
    json pack = package_pack(true);
    pack["gate"]["value"]["types_per_right"] = json::array({"struktur", "keluaran", "struktur"});
    pack["gate"]["basis"] = "maybe";
    kkpham::Engine e;
    const json loaded = parse(e.load_pack(pack.dump()));
    CHECK_FALSE(loaded["ok"].get<bool>());
    std::set<std::string> codes;
    for (const json& d : loaded["errors"]) codes.insert(d["code"].get<std::string>());
    CHECK(codes.count("pack.gate.type"));
    CHECK(codes.count("pack.gate.type_repeated"));
    CHECK(codes.count("pack.gate.basis"));
}

namespace {

struct Built {
    json package;
    std::map<std::string, std::string> contents;  // evidence path in the caller's folder -> content
};

// A complete package: every evidence item found.
Built build(kkpham::Engine& e, const json& answers, const std::map<std::string, std::string>& folder) {
    json files = json::array();
    for (const auto& [path, content] : folder) files.push_back(file(path, content));
    const json request = {{"files", files}, {"answers_name", "jawaban.kkpham.json"}, {"bagging_date", "2026-12-07"}};
    Built b{parse(e.package(answers.dump(), request.dump())), folder};
    REQUIRE_MESSAGE(b.package["ok"].get<bool>(), b.package.dump());
    return b;
}

// The package as a verifier receives it: every file's path, size and hash; tag and form texts.
json listing_of(const Built& b) {
    json files = json::array(), texts = json::object();
    for (const json& entry : b.package["entries"]) {
        const std::string path = entry["path"];
        std::string content = entry.contains("content") ? entry["content"].get<std::string>() : b.contents.at(entry["file"].get<std::string>());
        files.push_back(file(path, content));
        if (path.find('/') == std::string::npos || path.rfind("data/00-formulir/", 0) == 0) texts[path] = content;
    }
    return {{"files", files}, {"texts", texts}};
}

std::set<std::string> problem_kinds(const json& v) {
    std::set<std::string> kinds;
    for (const json& p : v["problems"]) kinds.insert(p["kind"].get<std::string>());
    return kinds;
}

}  // namespace

TEST_CASE("package: layout, index and BagIt tag files") {
    kkpham::Engine e = engine_for(package_pack(true));
    const json answers = answers_with(e,
        {{"R1-S1", {{"value", true}, {"evidence", json::array({evidence("perda", "=HYPERLINK(\"x\").pdf", "PERDA"),
                                                               evidence("sk", "<script>alert(1)</script>.pdf", "SK")})}}},
         {"R1-P1", {{"value", true}, {"evidence", json::array({evidence("dpa", "CON.pdf", "DPA"), evidence("DPA", "con.PDF", "DPA2")})}}},
         {"R2-S1", {{"value", true}, {"evidence", json::array({evidence("sk", std::string(300, 'n') + ".pdf", "SK2"),
                                                               evidence("lamp", "lampiran.pdf", "L1"), evidence("LAMP", "LAMPIRAN.pdf", "L2")})}}}});
    const Built b = build(e, answers, {{"=HYPERLINK(\"x\").pdf", "PERDA"}, {"<script>alert(1)</script>.pdf", "SK"}, {"CON.pdf", "DPA"},
                                       {"con.PDF", "DPA2"}, {std::string(300, 'n') + ".pdf", "SK2"}, {"lampiran.pdf", "L1"},
                                       {"LAMPIRAN.pdf", "L2"}});
    const json& p = b.package;
    CHECK(p["root"] == "KKPHAM-kabupaten-contoh-2025");
    CHECK(p["complete"].get<bool>());
    std::map<std::string, json> entries;
    std::set<std::string> folded;
    for (const json& entry : p["entries"]) {
        const std::string path = entry["path"];
        entries[path] = entry;
        // Safe: relative, no "..", no reserved character, whole path within 240 bytes with the root.
        CHECK(path.find("..") == std::string::npos);
        CHECK(path[0] != '/');
        CHECK(path.find_first_of("<>:\"\\|?*%\r\n") == std::string::npos);
        CHECK(p["root"].get<std::string>().size() + 1 + path.size() <= 240);
        std::string f = path;
        for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK_MESSAGE(folded.insert(f).second, "two paths differ only in case: " << path);
        if (entry.contains("content")) CHECK(entry["sha256"] == hash_of(entry["content"].get<std::string>()));
    }
    CHECK(p["entries"][0]["path"] == "bagit.txt");
    CHECK(entries.count("data/00-formulir/jawaban.kkpham.json"));
    CHECK(entries.count("data/00-formulir/hasil-penilaian.json"));
    CHECK(entries.count("data/01-hak-atas-bantuan-hukum/R1-P1/dpa - CON.pdf"));  // "dpa - CON" is not a device name
    CHECK(entries.count("data/01-hak-atas-bantuan-hukum/R1-P1/DPA - con (2).PDF"));  // "dpa - CON.pdf" on Windows
    // Names that differ only in case get a number, in item order.
    CHECK(entries.count("data/02-hak-atas-kesehatan/R2-S1/lamp - lampiran.pdf"));
    CHECK(entries.count("data/02-hak-atas-kesehatan/R2-S1/LAMP - LAMPIRAN (2).pdf"));
    // A long name is cut, its extension kept.
    bool long_cut = false;
    for (const auto& [path, entry] : entries) {
        if (path.rfind("data/02-hak-atas-kesehatan/R2-S1/sk - nnnn", 0) == 0) long_cut = path.substr(path.size() - 4) == ".pdf";
    }
    CHECK(long_cut);
    // BagIt (RFC 8493): the declaration, a manifest line per payload file, tag manifest, Oxum.
    CHECK(entries["bagit.txt"]["content"] == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    const std::string manifest = entries["manifest-sha256.txt"]["content"];
    std::int64_t octets = 0, streams = 0;
    for (const auto& [path, entry] : entries) {
        if (path.rfind("data/", 0) != 0) continue;
        octets += entry["size"].get<std::int64_t>();
        ++streams;
        CHECK(manifest.find(entry["sha256"].get<std::string>() + "  " + path + "\n") != std::string::npos);
    }
    CHECK(static_cast<std::int64_t>(std::count(manifest.begin(), manifest.end(), '\n')) == streams);
    const std::string info = entries["bag-info.txt"]["content"];
    CHECK(info.find("Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(streams) + "\n") != std::string::npos);
    CHECK(info.find("Bagging-Date: 2026-12-07\n") != std::string::npos);
    CHECK(info.find("KKPHAM-Pack-SHA256: ") != std::string::npos);
    const std::string tags = entries["tagmanifest-sha256.txt"]["content"];
    for (const char* t : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}) {
        CHECK(tags.find(hash_of(entries[t]["content"].get<std::string>()) + "  " + t + "\n") != std::string::npos);
    }
    CHECK(tags.find("tagmanifest") == std::string::npos);
    // The index: no spreadsheet formula, no live HTML.
    const std::string csv = entries["data/DAFTAR-DATA-DUKUNG.csv"]["content"];
    CHECK(csv.find(",=") == std::string::npos);
    CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\").pdf\"") != std::string::npos);
    const std::string html = entries["data/DAFTAR-DATA-DUKUNG.html"]["content"];
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("R1-S1/sk - script_.pdf") != std::string::npos);  // a reference's last path component
    // Same inputs, same bytes.
    CHECK(build(e, answers, b.contents).package.dump() == p.dump());
}

TEST_CASE("verify: an intact package, then each kind of tampering") {
    kkpham::Engine e = engine_for(package_pack(false));
    const json answers = answers_with(e, {{"R1-S1", {{"value", true}, {"evidence", json::array({evidence("perda", "perda.pdf", "PERDA")})}}},
                                       {"R1-P1", {{"value", true}, {"evidence", json::array({evidence("dpa", "dpa.pdf", "DPA")})}}},
                                       {"R2-S1", {{"value", true}, {"evidence", json::array({evidence("sk", "sk.pdf", "SK")})}}}});
    const Built b = build(e, answers, {{"perda.pdf", "PERDA"}, {"dpa.pdf", "DPA"}, {"sk.pdf", "SK"}});
    const json listing = listing_of(b);
    const json ok = parse(e.verify_package(listing.dump()));
    REQUIRE_MESSAGE(ok["ok"].get<bool>(), ok.dump());
    CHECK_MESSAGE(ok["intact"].get<bool>(), ok["problems"].dump());
    CHECK(ok["complete"].get<bool>());
    CHECK(ok["score"]["total"].get<double>() == doctest::Approx(100.0));
    CHECK(ok["checked"]["files"].get<int>() == static_cast<int>(listing["files"].size()) - 1);  // all but the tag manifest

    const std::string perda = "data/01-hak-atas-bantuan-hukum/R1-S1/perda - perda.pdf";
    auto with = [&](auto change) {
        json l = listing;
        change(l);
        return parse(e.verify_package(l.dump()));
    };
    SUBCASE("a file swapped") {
        const json v = with([&](json& l) {
            for (json& f : l["files"]) {
                if (f["path"] == perda) f = file(perda, "PERDA PALSU");
            }
        });
        CHECK_FALSE(v["intact"].get<bool>());
        CHECK(problem_kinds(v).count("payload_changed"));
        CHECK(problem_kinds(v).count("oxum_mismatch"));
        CHECK_FALSE(v["complete"].get<bool>());  // the evidence item is now "changed"
    }
    SUBCASE("a file removed") {
        const json v = with([&](json& l) {
            json kept = json::array();
            for (const json& f : l["files"]) {
                if (f["path"] != perda) kept.push_back(f);
            }
            l["files"] = kept;
        });
        CHECK(problem_kinds(v).count("payload_removed"));
        CHECK_FALSE(v["complete"].get<bool>());
    }
    SUBCASE("a file added") {
        const json v = with([&](json& l) { l["files"].push_back(file("data/01-hak-atas-bantuan-hukum/R1-S1/tambahan.pdf", "X")); });
        CHECK(problem_kinds(v).count("payload_added"));
        CHECK(problem_kinds(v).count("evidence_unexpected"));
    }
    SUBCASE("the answers file edited after packing") {
        const std::string path = "data/00-formulir/jawaban.kkpham.json";
        json edited = answers;
        edited["answers"]["R2-S1"]["value"] = false;
        const json v = with([&](json& l) {
            l["texts"][path] = edited.dump();
            for (json& f : l["files"]) {
                if (f["path"] == path) f = file(path, edited.dump());
            }
        });
        CHECK(problem_kinds(v).count("answers_changed"));
        CHECK(problem_kinds(v).count("result_mismatch"));
        CHECK(v["score"]["total"].get<double>() < 100.0);
    }
    SUBCASE("the manifest rewritten to hide a swap") {
        const json v = with([&](json& l) {
            std::string m = l["texts"]["manifest-sha256.txt"];
            const std::string old_hash = hash_of("PERDA");
            m.replace(m.find(old_hash), old_hash.size(), hash_of("PALSU"));
            l["texts"]["manifest-sha256.txt"] = m;
            for (json& f : l["files"]) {
                if (f["path"] == "manifest-sha256.txt") f = file("manifest-sha256.txt", m);
                if (f["path"] == perda) f = file(perda, "PALSU");
            }
        });
        CHECK(problem_kinds(v).count("tag_changed"));
        CHECK_FALSE(v["complete"].get<bool>());  // the Perda no longer matches the answers' hash
    }
    SUBCASE("no bagit.txt") {
        const json v = with([&](json& l) { l["texts"].erase("bagit.txt"); });
        CHECK(problem_kinds(v).count("tag_missing"));
    }
}
