// Issue 13 (core half): exact to the last digit. Fractions past 128 bits, pack numbers judged on
// their text, the parsed-tree limit, a pack that validates scores every valid answers file, the
// published figures (2-decimal twins, points at risk, not assessable, nilai murni/akhir), and the
// CSV form's thousands separators, repeated columns, spreadsheet rows, UTF-16 and "sep=;".
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "kkpham/engine.hpp"
#include "support.hpp"
#include "util/exact.hpp"

using json = nlohmann::json;
using kkpham::Fraction;
using kkpham::i128;
using namespace kkpham::test;

namespace {

json parse(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

// Cents of a 2-decimal JSON number (exact: the result prints at most 2 decimals for these).
long long cents(const json& v) { return std::llround(v.get<double>() * 100.0); }

const char* const kCsvHeader =
    "right_id;right_group;right_name;indicator_id;type;text;answer_kind;unit;range_min;range_max;na_allowed;max_points;scoring;"
    "evidence;opd;legal_basis\n";

}  // namespace

TEST_CASE("fractions past 128 bits stay exact instead of overflowing") {
    const i128 big = static_cast<i128>(1) << 100;
    const Fraction a = Fraction::of(big, 3) * Fraction::of(big, 7);  // 2^200 / 21
    REQUIRE_FALSE(a.overflow());
    CHECK(a.is_big());
    // (2^200/21) / 2^200 * 21 = 1, back on 128 bits.
    const Fraction one = a / Fraction::of(big) / Fraction::of(big) * Fraction::of(21);
    CHECK_FALSE(one.is_big());
    CHECK(one.compare(Fraction::of(1)) == 0);
    // Sums of fractions whose denominators are large primes: 1/p + 1/q + ... - the same, is 0.
    const i128 primes[] = {1000000007, 998244353, 1000000009, 999999937, 2147483647, 4294967291LL, 68718952447LL};
    Fraction sum;
    for (i128 p : primes) sum = sum + Fraction::of(1, p * 1000003);
    CHECK(sum.is_big());
    for (i128 p : primes) sum = sum - Fraction::of(1, p * 1000003);
    CHECK(sum.is_zero());
    // Rounding a big fraction: 10^40 / (3 * 10^38) = 33.333... -> 33.33; 2/3 of it -> 22.22.
    i128 e38 = 1;
    for (int i = 0; i < 38; ++i) e38 *= 10;
    const Fraction third = Fraction::of(e38) * Fraction::of(100) / (Fraction::of(e38) * Fraction::of(3)) * Fraction::of(e38 + 1) /
                           Fraction::of(e38 + 1);
    std::int64_t v = 0;
    REQUIRE(third.round_half_up(2, v));
    CHECK(v == 3333);
    // Half-up on a big fraction: (2^130 + 2^129) / 2^130 = 1.5 -> 2; negative -1.5 -> -1.
    const Fraction h = Fraction::of(big) * Fraction::of(big) * Fraction::of(3) / (Fraction::of(big) * Fraction::of(big) * Fraction::of(2));
    REQUIRE(h.round_half_up(0, v));
    CHECK(v == 2);
    const Fraction mh = Fraction::of(0) - h;
    REQUIRE(mh.round_half_up(0, v));
    CHECK(v == -1);
    // Text form round trip, big and small.
    Fraction back;
    REQUIRE(Fraction::parse_text(a.text(), back));
    CHECK(back.compare(a) == 0);
    REQUIRE(Fraction::parse_text(Fraction::of(-9, 8).text(), back));
    CHECK(back.compare(Fraction::of(-9, 8)) == 0);
    CHECK_FALSE(Fraction::parse_text("1/0", back));
    CHECK_FALSE(Fraction::parse_text("x/2", back));
    // Past BigInt::kMaxBits it is still an overflow, reported as a value.
    Fraction huge = Fraction::of(big);
    for (int i = 0; i < 90; ++i) huge = huge * Fraction::of(big);
    CHECK(huge.overflow());
    CHECK((Fraction::of(1) / Fraction::of(0)).overflow());
}

TEST_CASE("pack numbers are judged on their text: too precise or too large is refused where it stands") {
    struct Case {
        const char* number;
        const char* code;
    };
    const Case cases[] = {{"33.3333000000000000000000001", "number.too_precise"},
                          {"1e-400", "number.too_precise"},
                          {"0.00000001", "number.too_precise"},
                          {"123456789012345678901234567890", "number.too_large"},
                          {"1e30", "number.too_large"},
                          {"10000000000", "number.too_large"}};
    for (const Case& c : cases) {
        CAPTURE(c.number);
        std::string text = minimal_pack().dump();
        const std::string from = "\"max_points\":100";
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), std::string("\"max_points\":") + c.number);
        kkpham::Engine engine;
        const json r = parse(engine.load_pack(text));
        REQUIRE_FALSE(r["ok"].get<bool>());
        CHECK(r["errors"][0]["code"] == c.code);
        CHECK(r["errors"][0]["path"] == "$.indicators[0].scoring.max_points");
        CHECK(r["errors"][0]["message"]["id"].get<std::string>().find(c.number) != std::string::npos);
        CHECK_FALSE(r["errors"][0]["message"]["en"].get<std::string>().empty());
    }
    // The same numbers written exactly still load.
    std::string ok = minimal_pack().dump();
    ok.replace(ok.find("\"max_points\":100"), 16, "\"max_points\":33.3333");
    kkpham::Engine engine;
    CHECK(parse(engine.load_pack(ok))["ok"].get<bool>());
}

TEST_CASE("a pack whose tree would be too large is refused while reading, at a path") {
    // 2 million empty objects (6 MB of text) would be a ~220 MB tree.
    json pack = minimal_pack();
    std::string text = pack.dump();
    std::string filler = "\"description\":[";
    for (int i = 0; i < 2000000; ++i) filler += i == 0 ? "{}" : ",{}";
    filler += "],";
    text.insert(1, filler);
    kkpham::Engine engine;
    const json r = parse(engine.load_pack(text));
    REQUIRE_FALSE(r["ok"].get<bool>());
    CHECK(r["errors"][0]["code"] == "pack.too_complex");
    CHECK(r["errors"][0]["path"].get<std::string>().rfind("$.description[", 0) == 0);
}

TEST_CASE("a pack with max points 100/k scores every random valid answers file") {
    kkpham::Engine engine;
    const json loaded = parse(engine.load_pack(read_repo_file("tests/vectors/packs/points-100-over-k.json")));
    REQUIRE(loaded["ok"].get<bool>());
    const json pack = parse(read_repo_file("tests/vectors/packs/points-100-over-k.json"));
    int big = 0;
    for (int seed = 1; seed <= 150; ++seed) {
        CAPTURE(seed);
        const json t = parse(engine.make_template(R"({"fill":"random","seed":)" + std::to_string(seed) + "}"));
        REQUIRE(t["ok"].get<bool>());
        const json& answers = t["answers"];
        const json r = parse(engine.score(answers.dump()));
        REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump().substr(0, 400));
        if (!r["assessable"].get<bool>()) continue;
        // An independent computation in long double agrees to the rounding.
        long double total = 0, weight_sum = 0;
        const json& tw = pack["aggregation"]["type_weights"]["value"];
        const json& rw = pack["aggregation"]["right_weights"]["value"];
        for (const json& right : r["rights"]) {
            if (right["score"].is_null()) continue;
            long double types = 0, tws = 0;
            for (const json& ty : right["types"]) {
                if (!ty["counted"].get<bool>()) continue;
                const long double w = tw[ty["type"].get<std::string>()].get<double>();
                types += w * ty["points"].get<double>() / ty["max_points"].get<double>();
                tws += w;
            }
            const long double score = 100 * types / tws;
            CHECK(std::fabs(static_cast<double>(score) - right["score"].get<double>()) <= 0.0051);
            total += rw[right["id"].get<std::string>()].get<double>() * score;
            weight_sum += rw[right["id"].get<std::string>()].get<double>();
        }
        CHECK(std::fabs(static_cast<double>(total / weight_sum) - r["total"].get<double>()) <= 0.0051);
        // The page adds up: points at risk is the difference of the two published totals.
        CHECK(cents(r["points_at_risk"]) == cents(r["total"]) - cents(r["evidenced_total"]));
        CHECK(cents(r["published"]["nilai_murni"]) == cents(r["total"]));
        for (const json& ind : r["indicators"]) {
            const double c4 = ind["contribution"].get<double>(), c2 = ind["contribution_2dp"].get<double>();
            CHECK(std::fabs(c4 - c2) <= 0.00505);
        }
        ++big;
    }
    CHECK(big > 100);
}

TEST_CASE("compare ranks by nilai murni, shows nilai akhir, and puts a file that cannot be assessed last without a rank") {
    kkpham::Engine engine;
    REQUIRE(parse(engine.load_pack(read_repo_file("tests/fixtures/mini-pack.json")))["ok"].get<bool>());
    const std::string sha = parse(engine.pack_summary())["sha256"].get<std::string>();
    auto answers = [&](const std::string& region, const json& entries, double bonus) {
        return json{{"format", "kkpham-answers"}, {"format_version", 1},
                    {"pack", {{"id", "mini-test"}, {"version", "1"}, {"sha256", sha}}},
                    {"region", {{"name", region}, {"kind", "kabupaten"}, {"province", "P"}, {"code", "1"}}},
                    {"data_year", 2025}, {"assessment_year", 2026}, {"answers", entries},
                    {"adjustments", {{"aksi_ham_bonus", bonus}, {"deduction", 0}}}, {"updated_at", "2026-01-01T00:00:00Z"}}
            .dump();
    };
    // A: 5.00 murni + 50 -> 55.00 akhir; B: 10.00 murni + 0 -> 10.00: B ranks first on nilai murni.
    const std::string a = engine.summary(answers("A", {{"A-S1", {{"value", true}}}}, 50));
    const std::string b = engine.summary(answers("B", {{"A-S1", {{"value", true}}}, {"B-P1", {{"value", 3}}}}, 0));
    CHECK(parse(a)["nilai_akhir"] == 55.0);
    const json c = parse(kkpham::Engine::compare("[" + a + "," + b + "]"));
    REQUIRE(c["ok"].get<bool>());
    CHECK(c["ranking"] == "nilai_murni");
    CHECK(c["rows"][0]["region"]["name"] == "B");
    CHECK(c["rows"][1]["nilai_akhir"] == 55.0);
    CHECK(c["rows"][1]["nilai_murni"] == 5.0);
    // A summary whose total is null (not assessable) ranks last with no rank.
    json na = parse(a);
    na["total"] = nullptr;
    na["evidenced_total"] = nullptr;
    na["nilai_akhir"] = nullptr;
    na["predicate"] = "not_assessable";
    na["region"]["name"] = "C";
    const json c2 = parse(kkpham::Engine::compare(std::string("[").append(na.dump()).append(",").append(a).append("]")));
    REQUIRE_MESSAGE(c2["ok"].get<bool>(), c2.dump());
    CHECK(c2["rows"][1]["region"]["name"] == "C");
    CHECK(c2["rows"][1]["rank"].is_null());
    CHECK(c2["rows"][1]["total"].is_null());
    CHECK(c2["rows"][0]["rank"] == 1);
    // The most-lost table gives an exact 2-decimal twin of the summed gains.
    for (const json& lost : c["most_lost"]) CHECK(lost.contains("total_gain_2dp"));
}

TEST_CASE("CSV numbers with a thousands separator are refused, never read as decimals") {
    kkpham::Engine engine;
    for (const char* number : {"5.000", "1.000", "1.000.000", "1.234,5", "12,500"}) {
        CAPTURE(number);
        const std::string csv = std::string(kCsvHeader) + "R1;sipol;Hak;R1-H1;H;Jumlah;count;kegiatan;0;" + number +
                                ";;100;linear 0=0 | 10=100;;;UU 1/2000\n";
        const json r = parse(engine.import_csv(csv, "{}"));
        REQUIRE_FALSE(r["ok"].get<bool>());
        CHECK(r["errors"][0]["code"] == "csv.value");
        CHECK(r["errors"][0]["message"]["id"].get<std::string>().find("ribuan") != std::string::npos);
    }
    // In the scoring cell too ("1.000=100").
    const std::string csv = std::string(kCsvHeader) +
                            "R1;sipol;Hak;R1-H1;H;Jumlah;count;kegiatan;0;5000;;100;linear 0=0 | 1.000=100;;;UU 1/2000\n";
    CHECK(parse(engine.import_csv(csv, "{}"))["errors"][0]["code"] == "csv.value");
    // Plain decimals still read: 12,5 and 0,125 and 1000.
    const std::string fine = std::string(kCsvHeader) +
                             "R1;sipol;Hak;R1-H1;H;Jumlah;number;x;0,125;1000;;12,5;linear 0=0 | 1000=12,5;;;UU 1/2000\n";
    const json ok = parse(engine.import_csv(fine, "{}"));
    REQUIRE_MESSAGE(ok["ok"].get<bool>(), ok.dump());
    CHECK(ok["pack"]["indicators"][0]["scoring"]["max_points"].get<double>() == 12.5);
}

TEST_CASE("CSV: a repeated column, an error inside a multi-line cell, UTF-16 without BOM, Excel's sep=; line") {
    kkpham::Engine engine;
    const std::string row = "R1;sipol;Hak;R1-S1;S;Ada Perda;yes_no;;;;;100;ya=100 | tidak=0;;;UU 1/2000\n";
    // The same column twice.
    const std::string dup = "right_id;right_group;right_name;indicator_id;type;text;answer_kind;unit;range_min;range_max;"
                            "na_allowed;max_points;scoring;evidence;opd;legal_basis;max_points\n" +
                            row.substr(0, row.size() - 1) + ";50\n";
    const json d = parse(engine.import_csv(dup, "{}"));
    REQUIRE_FALSE(d["ok"].get<bool>());
    CHECK(d["errors"][0]["code"] == "csv.duplicate_column");
    // Row 3 of the spreadsheet starts on text line 5: the message names row 3 (and the text line).
    const std::string multi = std::string(kCsvHeader) +
                              "R1;sipol;Hak;R1-S1;S;\"Ada Perda\nbaris dua\nbaris tiga\";yes_no;;;;;100;ya=100 | tidak=0;;;UU 1/2000\n"
                              "R1;sipol;Hak;R1-S2;S;Ada SOP;yes_no;;;;;seratus;ya=100 | tidak=0;;;UU 1/2000\n";
    const json m = parse(engine.import_csv(multi, "{}"));
    REQUIRE_FALSE(m["ok"].get<bool>());
    CHECK(m["errors"][0]["message"]["id"].get<std::string>().rfind("Baris 3,", 0) == 0);
    const std::string stray = std::string(kCsvHeader) + "R1;sipol;Hak;R1-S1;S;\"Ada\nPerda\";yes_no;;;;;100;ya=100 | tidak=0;;;UU\n"
                                                        "R1;sipol;Hak;R1-S2;S;Ada \"SOP\";yes_no\n";
    const json s = parse(engine.import_csv(stray, "{}"));
    REQUIRE_FALSE(s["ok"].get<bool>());
    CHECK(s["errors"][0]["message"]["id"].get<std::string>().rfind("Baris 3 (baris teks 4)", 0) == 0);
    // UTF-16 LE without a BOM (mostly-ASCII text, a NUL after every letter) is read as UTF-16.
    std::string utf16;
    for (char c : std::string(kCsvHeader) + row) {
        utf16 += c;
        utf16 += '\0';
    }
    const json u = parse(engine.import_csv(utf16, "{}"));
    REQUIRE_MESSAGE(u["ok"].get<bool>(), u.dump());
    CHECK(u["encoding"] == "utf-16le");
    // Excel's "sep=;" first line is read as the separator, not as a header.
    const json x = parse(engine.import_csv("sep=;\r\n" + std::string(kCsvHeader) + row, "{}"));
    REQUIRE_MESSAGE(x["ok"].get<bool>(), x.dump());
    CHECK(x["pack"]["indicators"][0]["id"] == "R1-S1");
}
