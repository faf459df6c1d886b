// Gap analysis: the optimum against brute force, targets, efforts; the evidence plan; comparisons.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/gap.hpp"
#include "analysis/gap_cover.hpp"
#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

// Deterministic pseudo-random numbers for the test cases.
struct Lcg {
    std::uint64_t s;
    std::uint64_t next() {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return s >> 33;
    }
};

// The least effort of a subset whose gains reach `needed`, over every subset; -1 when none does.
std::int64_t brute_force_min_effort(const std::vector<kkpham::BigInt>& gains, const std::vector<std::int64_t>& efforts,
                                    const kkpham::BigInt& needed) {
    const std::size_t n = gains.size();
    std::int64_t best = -1;
    for (std::uint64_t mask = 0; mask < (1ull << n); ++mask) {
        kkpham::BigInt gain;
        std::int64_t effort = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (mask & (1ull << i)) {
                gain = gain + gains[i];
                effort += efforts[i];
            }
        }
        if (kkpham::BigInt::compare(gain, needed) >= 0 && (best < 0 || effort < best)) best = effort;
    }
    return best;
}

kkpham::BigInt big(std::uint64_t v) { return kkpham::BigInt::of(static_cast<kkpham::i128>(v)); }

// Checks min_effort_cover against brute force on one problem.
void check_cover(const std::vector<kkpham::BigInt>& gains, const std::vector<std::int64_t>& efforts,
                 const kkpham::BigInt& needed) {
    std::vector<std::size_t> chosen;
    const bool found = kkpham::min_effort_cover(gains, efforts, needed, chosen);
    const std::int64_t expected = brute_force_min_effort(gains, efforts, needed);
    REQUIRE(found == (expected >= 0));
    if (!found) return;
    kkpham::BigInt gain;
    std::int64_t effort = 0;
    for (std::size_t i : chosen) {
        gain = gain + gains[i];
        effort += efforts[i];
    }
    CHECK(kkpham::BigInt::compare(gain, needed) >= 0);
    CHECK(effort == expected);
}

kkpham::Engine load(const std::string& pack) {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file(pack)), nullptr, false)["ok"].get<bool>());
    return engine;
}

}  // namespace

TEST_CASE("min_effort_cover finds the optimum that brute force finds (300 random cases)") {
    Lcg rng{12345};
    for (int round = 0; round < 300; ++round) {
        CAPTURE(round);
        const std::size_t n = 1 + rng.next() % 14;
        std::vector<kkpham::BigInt> gains;
        std::vector<std::int64_t> efforts;
        std::uint64_t all = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t g = 1 + rng.next() % 1000;
            gains.push_back(big(g));
            efforts.push_back(static_cast<std::int64_t>(1 + rng.next() % 9));
            all += g;
        }
        check_cover(gains, efforts, big(rng.next() % (all + 200)));
    }
}

TEST_CASE("min_effort_cover is exact on gains past 128 bits: the lowest bits decide (200 random cases)") {
    // Gains 2^200 * a + b with a small and b below 2^64: sums share their top, and whether a set
    // reaches `needed` is decided 200 bits further down, where 128-bit (or double) arithmetic
    // cannot see. needed is a sum of a random subset, plus or minus one.
    Lcg rng{4242};
    kkpham::BigInt top = big(1);
    for (int i = 0; i < 200; ++i) top = top * big(2);
    for (int round = 0; round < 200; ++round) {
        CAPTURE(round);
        const std::size_t n = 2 + rng.next() % 11;
        std::vector<kkpham::BigInt> gains;
        std::vector<std::int64_t> efforts;
        kkpham::BigInt needed;
        for (std::size_t i = 0; i < n; ++i) {
            gains.push_back(top * big(1 + rng.next() % 3) + big(rng.next() << 31 | rng.next()));
            efforts.push_back(static_cast<std::int64_t>(1 + rng.next() % 6));
            if (i == 0 || rng.next() % 2 == 0) needed = needed + gains.back();
        }
        const std::uint64_t nudge = rng.next() % 3;
        if (nudge == 1) needed = needed + big(1);
        if (nudge == 2 && !needed.is_zero()) needed = needed - big(1);
        REQUIRE(needed.bits() > 200);
        check_cover(gains, efforts, needed);
    }
}

TEST_CASE("min_effort_cover: nothing needed takes nothing; more than everything is unreachable") {
    std::vector<std::size_t> chosen{7};
    CHECK(kkpham::min_effort_cover({big(5), big(3)}, {1, 1}, big(0), chosen));
    CHECK(chosen.empty());
    CHECK_FALSE(kkpham::min_effort_cover({big(5), big(3)}, {1, 1}, big(9), chosen));
    // `needed` wider than the table's sums.
    kkpham::BigInt huge = big(1);
    for (int i = 0; i < 300; ++i) huge = huge * big(2);
    CHECK_FALSE(kkpham::min_effort_cover({big(5), big(3)}, {1, 1}, huge, chosen));
    CHECK(kkpham::min_effort_cover({big(5), big(3)}, {1, 1}, big(8), chosen));
    CHECK(chosen == std::vector<std::size_t>{0, 1});
}

TEST_CASE("gap on real assessments: the steps reach 75, and no cheaper set exists (brute force over the open indicators)") {
    kkpham::Engine engine = load("criteria/kkpham-22-2021.json");
    const json pack = json::parse(read_repo_file("criteria/kkpham-22-2021.json"), nullptr, false);
    const json max = json::parse(engine.make_template(R"({"fill":"max"})"), nullptr, false)["answers"];
    Lcg rng{777};
    int checked = 0;
    for (int seed = 1; seed <= 40 && checked < 12; ++seed) {
        CAPTURE(seed);
        // Start from full marks and blank out 10–14 indicators, so brute force stays small.
        json answers = max;
        std::vector<std::string> ids;
        for (const json& ind : pack["indicators"]) ids.push_back(ind["id"]);
        const std::size_t open = 10 + rng.next() % 5;
        std::vector<std::string> opened;
        while (opened.size() < open) {
            const std::string& id = ids[rng.next() % ids.size()];
            if (std::find(opened.begin(), opened.end(), id) != opened.end()) continue;
            opened.push_back(id);
            answers["answers"][id]["value"] = nullptr;
            if (rng.next() % 2 == 0) answers["answers"][id]["evidence"] = json::array();
        }
        const json score = json::parse(engine.score(answers.dump()), nullptr, false);
        REQUIRE(score["ok"].get<bool>());
        // Aim a little below the maximum so that a choice is needed.
        const double target = std::min(99.0, score["total"].get<double>() + 1 + (rng.next() % 100) / 25.0);
        json options = {{"target", std::round(target * 100) / 100}};
        json effort = json::object();
        for (const std::string& id : opened) effort[id] = 1 + static_cast<int>(rng.next() % 5);
        options["effort"] = effort;
        const json gap = json::parse(engine.gap(answers.dump(), options.dump()), nullptr, false);
        REQUIRE_MESSAGE(gap["ok"].get<bool>(), gap.dump());
        // Brute force over the opened indicators with the exact (4-decimal) gains reported.
        std::vector<kkpham::BigInt> gains;
        std::vector<std::int64_t> efforts;
        for (const json& o : gap["opportunities"]) {
            gains.push_back(kkpham::BigInt::of(std::llround(o["gain"].get<double>() * 10000)));
            efforts.push_back(o["effort"].get<std::int64_t>());
        }
        REQUIRE(gains.size() <= 20);
        if (!gap["reachable"].get<bool>() || gap["already_reached"].get<bool>()) continue;
        const double needed_double = options["target"].get<double>() - 0.005 - score["total"].get<double>();
        // The engine works on exact fractions; brute force on 4-decimal gains may differ only when a
        // subset lands within rounding distance of the threshold, so compare efforts with a margin check.
        const kkpham::i128 needed = static_cast<kkpham::i128>(std::ceil(needed_double * 10000 - 1e-6));
        const auto n = static_cast<kkpham::i128>(gains.size());
        const std::int64_t brute = brute_force_min_effort(gains, efforts, kkpham::BigInt::of(needed + n));
        const std::int64_t brute_loose = brute_force_min_effort(gains, efforts, kkpham::BigInt::of(needed - n));
        const auto effort_found = gap["effort"].get<std::int64_t>();
        CHECK(effort_found >= brute_loose);
        if (brute >= 0) CHECK(effort_found <= brute);
        CHECK(gap["total"].get<double>() >= options["target"].get<double>());
        double sum = score["total"].get<double>();
        for (const json& s : gap["steps"]) sum += s["gain"].get<double>();
        CHECK(std::abs(sum - gap["total"].get<double>()) < 0.01 + 0.0001 * static_cast<double>(gap["steps"].size()));
        ++checked;
    }
    CHECK(checked >= 5);
}

TEST_CASE("gap: already reached, unreachable, the next band, basis and option errors") {
    kkpham::Engine engine = load("tests/fixtures/rounding-pack.json");
    const std::string sha = json::parse(engine.pack_summary(), nullptr, false)["sha256"];
    auto answers = [&](double a, double b) {
        json d = json::parse(read_repo_file("tests/vectors/rounding-74.995.json"), nullptr, false)["answers"];
        d["pack"]["sha256"] = sha;
        d["answers"]["A-H1"]["value"] = a;
        d["answers"]["B-H1"]["value"] = b;
        return d.dump();
    };
    const json reached = json::parse(engine.gap(answers(74.99, 75), "{}"), nullptr, false);
    CHECK(reached["already_reached"].get<bool>());  // 74.995 publishes as 75.00
    CHECK(reached["steps"].empty());
    const json low = json::parse(engine.gap(answers(40, 40), "{}"), nullptr, false);
    CHECK(low["reachable"].get<bool>());
    CHECK(low["steps"].size() == 2);  // raising one right to 100 gives (100 + 40)/2 = 70 < 75: both are needed
    CHECK(low["total"].get<double>() == 100.0);
    const json two = json::parse(engine.gap(answers(40, 40), R"({"target":70})"), nullptr, false);
    CHECK(two["steps"].size() == 1);
    CHECK(two["total"].get<double>() == 70.0);
    CHECK(low["next_band"]["target"].get<double>() == 50.0);
    const json unreachable = json::parse(engine.gap(answers(40, 40), R"({"target":100.01})"), nullptr, false);
    CHECK_FALSE(unreachable["ok"].get<bool>());
    CHECK(unreachable["errors"][0]["code"] == "gap.target");
    const json bad_effort = json::parse(engine.gap(answers(40, 40), R"({"effort":{"NOPE":2}})"), nullptr, false);
    CHECK(bad_effort["errors"][0]["code"] == "gap.effort.unknown_indicator");
    const json zero_effort = json::parse(engine.gap(answers(40, 40), R"({"effort":{"A-H1":0}})"), nullptr, false);
    CHECK(zero_effort["errors"][0]["code"] == "gap.effort.value");
    const json bad_basis = json::parse(engine.gap(answers(40, 40), R"({"basis":"wishful"})"), nullptr, false);
    CHECK(bad_basis["errors"][0]["code"] == "gap.basis");
}

TEST_CASE("gap: a target of 75 with both rights at 40 needs both raised; efforts steer the choice") {
    kkpham::Engine engine = load("tests/fixtures/rounding-pack.json");
    const std::string sha = json::parse(engine.pack_summary(), nullptr, false)["sha256"];
    json d = json::parse(read_repo_file("tests/vectors/rounding-74.995.json"), nullptr, false)["answers"];
    d["pack"]["sha256"] = sha;
    d["answers"]["A-H1"]["value"] = 60;
    d["answers"]["B-H1"]["value"] = 80;
    // Current (60 + 80)/2 = 70. Raising A gains 20, raising B gains 10: to reach 75 either works.
    const json cheap_a = json::parse(engine.gap(d.dump(), R"({"effort":{"A-H1":1,"B-H1":5}})"), nullptr, false);
    REQUIRE(cheap_a["steps"].size() == 1);
    CHECK(cheap_a["steps"][0]["id"] == "A-H1");
    const json cheap_b = json::parse(engine.gap(d.dump(), R"({"effort":{"A-H1":5,"B-H1":1}})"), nullptr, false);
    REQUIRE(cheap_b["steps"].size() == 1);
    CHECK(cheap_b["steps"][0]["id"] == "B-H1");
    CHECK(cheap_b["total"].get<double>() == 80.0);
}

TEST_CASE("evidence plan groups missing evidence by office, and the check lists what would lose points") {
    kkpham::Engine engine = load("tests/fixtures/mini-pack.json");
    const std::string sha = json::parse(engine.pack_summary(), nullptr, false)["sha256"];
    json d = json::parse(read_repo_file("tests/vectors/mini-mixed.json"), nullptr, false)["answers"];
    d["pack"]["sha256"] = sha;
    d["answers"]["A-H1"]["evidence"][0]["date"] = "2019-05-01";
    d["answers"]["A-H1"]["evidence"][0]["reference"] = "";
    d["answers"]["A-S1"]["opd"] = "Bagian Hukum";
    const json plan = json::parse(engine.evidence_plan(d.dump()), nullptr, false);
    REQUIRE(plan["ok"].get<bool>());
    // A-P1 lacks "sk" (office: the pack default, empty -> ""), B-P1 has none required.
    bool found_p1 = false;
    for (const json& office : plan["offices"]) {
        for (const json& item : office["items"]) {
            if (item["indicator"] == "A-P1") {
                found_p1 = true;
                CHECK(item["evidence"] == "sk");
                CHECK(item["signer"]["id"] == "Sekretaris Daerah");
            }
        }
    }
    CHECK(found_p1);
    std::vector<std::string> kinds;
    for (const json& f : plan["check"]["findings"]) kinds.push_back(f["kind"].get<std::string>() + ":" + f["indicator"].get<std::string>());
    CHECK(std::find(kinds.begin(), kinds.end(), "unevidenced:A-P1") != kinds.end());
    CHECK(std::find(kinds.begin(), kinds.end(), "evidence_outside_year:A-H1") != kinds.end());
    CHECK(plan["check"]["points_at_risk"].get<double>() == 10.05);
}

TEST_CASE("compare ranks regencies, counts predicates and finds the indicators most often lost") {
    kkpham::Engine engine = load("criteria/kkpham-22-2021.json");
    std::string summaries = "[";
    for (int seed = 1; seed <= 30; ++seed) {
        const json t = json::parse(engine.make_template(R"({"fill":"random","seed":)" + std::to_string(seed) +
                                                         R"(,"region":{"name":"Kab )" + std::to_string(seed) + R"("}})"),
                                   nullptr, false);
        const std::string s = engine.summary(t["answers"].dump());
        REQUIRE(s.find("\"kkpham-summary\"") != std::string::npos);
        summaries += (seed > 1 ? "," : "") + s;
    }
    const json max = json::parse(engine.make_template(R"({"fill":"max","region":{"name":"Kota Teladan"}})"), nullptr, false);
    // Appended piece by piece: `"," + std::string` trips GCC 12's -Wrestrict false positive.
    summaries += ',';
    summaries += engine.summary(max["answers"].dump());
    summaries += ']';
    const json c = json::parse(kkpham::Engine::compare(summaries), nullptr, false);
    REQUIRE(c["ok"].get<bool>());
    CHECK(c["count"] == 31);
    CHECK(c["rows"][0]["region"]["name"] == "Kota Teladan");
    CHECK(c["rows"][0]["rank"] == 1);
    for (std::size_t i = 1; i < c["rows"].size(); ++i) CHECK(c["rows"][i - 1]["total"].get<double>() >= c["rows"][i]["total"].get<double>());
    int counted = 0;
    for (const json& p : c["predicates"]) counted += p["count"].get<int>();
    CHECK(counted == 31);
    CHECK(c["right_ids"].size() == 10);
    REQUIRE(c["most_lost"].size() >= 1);
    CHECK(c["most_lost"][0]["regions"].get<int>() <= 30);
    CHECK(c["most_lost"][0]["regions"].get<int>() >= c["most_lost"].back()["regions"].get<int>());
    // Mixing packs is refused.
    kkpham::Engine mini = load("tests/fixtures/mini-pack.json");
    const json m = json::parse(mini.make_template("{}"), nullptr, false);
    std::string mixed = "[";
    mixed += engine.summary(max["answers"].dump());
    mixed += ',';
    mixed += mini.summary(m["answers"].dump());
    mixed += ']';
    const json bad = json::parse(kkpham::Engine::compare(mixed), nullptr, false);
    CHECK_FALSE(bad["ok"].get<bool>());
    CHECK(bad["errors"][0]["code"] == "compare.mixed_packs");
    CHECK_FALSE(json::parse(kkpham::Engine::compare("{"), nullptr, false)["ok"].get<bool>());
}

TEST_CASE("gap on the pack with max points 100/k: validate, score and gap all compute; the plan reaches the target "
          "and no cheaper set of the open indicators does (each subset scored by the engine)") {
    // Its exact totals have denominators past 128 bits: gap said gap.too_complex before the solver
    // took integers of any size.
    kkpham::Engine engine = load("tests/vectors/packs/points-100-over-k.json");
    const json pack = json::parse(read_repo_file("tests/vectors/packs/points-100-over-k.json"), nullptr, false);
    const json max = json::parse(engine.make_template(R"({"fill":"max"})"), nullptr, false)["answers"];
    std::vector<std::string> ids;
    for (const json& ind : pack["indicators"]) ids.push_back(ind["id"]);
    Lcg rng{100};
    int checked = 0;
    for (int round = 0; round < 4; ++round) {
        CAPTURE(round);
        // Full marks, then 8 indicators blanked (one of each right's 100/k ladder at least).
        json answers = max;
        std::vector<std::string> opened;
        while (opened.size() < 8) {
            const std::string& id = ids[rng.next() % ids.size()];
            if (std::find(opened.begin(), opened.end(), id) != opened.end()) continue;
            opened.push_back(id);
            answers["answers"][id]["value"] = nullptr;
        }
        REQUIRE(json::parse(engine.validate_answers(answers.dump()), nullptr, false)["ok"].get<bool>());
        const json score = json::parse(engine.score(answers.dump()), nullptr, false);
        REQUIRE(score["ok"].get<bool>());
        const double total = score["total"].get<double>();
        const double target = std::round(std::min(100.0, total + 0.5 + static_cast<double>(rng.next() % 300) / 100.0) * 100) / 100;
        json effort = json::object();
        for (const std::string& id : opened) effort[id] = 1 + static_cast<int>(rng.next() % 4);
        const json options = {{"target", target}, {"effort", effort}};
        const json gap = json::parse(engine.gap(answers.dump(), options.dump()), nullptr, false);
        REQUIRE_MESSAGE(gap["ok"].get<bool>(), gap.dump().substr(0, 400));
        CHECK(gap["current"] == score["total"]);
        CHECK(gap["opportunities"].size() == opened.size());
        REQUIRE(gap["reachable"].get<bool>());
        REQUIRE_FALSE(gap["already_reached"].get<bool>());
        // Published total of the answers with a subset of the open indicators back at full marks.
        auto total_with = [&](const std::vector<std::string>& raised) {
            json a = answers;
            for (const std::string& id : raised) a["answers"][id] = max["answers"][id];
            const json r = json::parse(engine.score(a.dump()), nullptr, false);
            REQUIRE(r["ok"].get<bool>());
            return std::llround(r["total"].get<double>() * 100);
        };
        const auto target_cents = std::llround(target * 100);
        std::vector<std::string> steps;
        for (const json& s : gap["steps"]) steps.push_back(s["id"]);
        CHECK(total_with(steps) >= target_cents);
        CHECK(std::llround(gap["total"].get<double>() * 100) == total_with(steps));
        const auto plan_effort = gap["effort"].get<std::int64_t>();
        for (std::uint32_t mask = 0; mask < (1u << opened.size()); ++mask) {
            std::vector<std::string> raised;
            std::int64_t e = 0;
            for (std::size_t i = 0; i < opened.size(); ++i) {
                if (mask & (1u << i)) {
                    raised.push_back(opened[i]);
                    e += effort[opened[i]].get<std::int64_t>();
                }
            }
            if (e >= plan_effort) continue;
            CAPTURE(mask);
            CHECK(total_with(raised) < target_cents);
        }
        ++checked;
    }
    CHECK(checked == 4);
}
