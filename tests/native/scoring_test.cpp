// Scoring rules at their boundaries, aggregation, templates and determinism.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "model/answers.hpp"
#include "kkpham/engine.hpp"
#include "model/pack.hpp"
#include "scoring/scoring.hpp"
#include "support.hpp"

using json = nlohmann::json;
using namespace kkpham::test;

namespace {

std::shared_ptr<const kkpham::Pack> load_fixture(const std::string& path) {
    auto load = kkpham::load_pack_text(read_repo_file(path));
    REQUIRE(load.pack != nullptr);
    return load.pack;
}

// Points (in whole points x 10^4) for a numeric value given in millionths.
std::int64_t points_for(const kkpham::Pack& pack, const std::string& id, std::int64_t value_millionths) {
    const kkpham::Indicator* ind = pack.find_indicator(id);
    REQUIRE(ind != nullptr);
    kkpham::Answer a;
    a.state = kkpham::AnswerState::answered;
    a.value = value_millionths;
    return kkpham::answer_points(*ind, a);
}

constexpr std::int64_t V(double whole) { return static_cast<std::int64_t>(whole * 1000000.0 + (whole >= 0 ? 0.5 : -0.5)); }
constexpr std::int64_t P(int points) { return static_cast<std::int64_t>(points) * 10000; }

}  // namespace

TEST_CASE("2013 published bands give the published points at every boundary") {
    const auto pack = load_fixture("tests/fixtures/permenkumham-25-2013.json");
    // Angka kematian ibu: <=110 -> 10; 111-140 -> 8; 141-170 -> 6; 171-200 -> 4; 201-229 -> 2; >=230 -> 0
    const std::pair<double, int> aki[] = {{0, 10}, {110, 10}, {110.5, 8}, {111, 8}, {140, 8}, {141, 6}, {170, 6},
                                          {171, 4}, {200, 4}, {201, 2}, {229, 2}, {229.9, 2}, {230, 0}, {2000, 0}};
    for (const auto& row : aki) {
        const double value = row.first;
        const int points = row.second;
        CAPTURE(value);
        CHECK(points_for(*pack, "HIDUP-1", V(value)) == P(points));
    }
    // Angka kematian bayi: <=19 -> 10; 20-23 -> 8; 24-26 -> 6; 27-29 -> 4; 30-32 -> 2; >=33 -> 0
    const std::pair<double, int> akb[] = {{19, 10}, {20, 8}, {23, 8}, {24, 6}, {26, 6}, {27, 4}, {29, 4}, {30, 2}, {32, 2}, {33, 0}};
    for (const auto& row : akb) {
        const double value = row.first;
        const int points = row.second;
        CAPTURE(value);
        CHECK(points_for(*pack, "HIDUP-2", V(value)) == P(points));
    }
    // Tutupan vegetasi: no change -> 10; <=1 % -> 8; >1-2 -> 6; >2-3 -> 4; >3-4 -> 2; >4 -> 0
    const std::pair<double, int> veg[] = {{0, 10}, {0.01, 8}, {1, 8}, {1.5, 6}, {2, 6}, {3, 4}, {4, 2}, {4.01, 0}};
    for (const auto& row : veg) {
        const double value = row.first;
        const int points = row.second;
        CAPTURE(value);
        CHECK(points_for(*pack, "HIDUP-3", V(value)) == P(points));
    }
    // 7-12 tanpa SD: <=5 -> 10; 5.1-6 -> 8; 6.1-7 -> 6; 7.1-8 -> 4; 8.1-9 -> 2; >9 -> 0
    const std::pair<double, int> sd[] = {{5, 10}, {5.1, 8}, {6, 8}, {6.1, 6}, {7, 6}, {7.1, 4}, {8, 4}, {8.1, 2}, {9, 2}, {9.1, 0}};
    for (const auto& row : sd) {
        const double value = row.first;
        const int points = row.second;
        CAPTURE(value);
        CHECK(points_for(*pack, "DIRI-1", V(value)) == P(points));
    }
    // Anak berkebutuhan khusus (higher is better): >=91 -> 10; 81-90 -> 8; ...; 51-60 -> 2; <50 -> 0
    const std::pair<double, int> abk[] = {{100, 10}, {91, 10}, {90, 8}, {81, 8}, {80, 6}, {71, 6}, {61, 4}, {60, 2}, {51, 2}, {50, 0}, {0, 0}};
    for (const auto& row : abk) {
        const double value = row.first;
        const int points = row.second;
        CAPTURE(value);
        CHECK(points_for(*pack, "DIRI-3", V(value)) == P(points));
    }
    // Air bersih: >=60 l/orang/hari -> 10; 48-59 -> 8; 36-47 -> 6
    const std::pair<double, int> air[] = {{60, 10}, {59.9, 8}, {48, 8}, {47.5, 6}, {36, 6}};
    for (const auto& row : air) {
        const double value = row.first;
        const int points = row.second;
        CAPTURE(value);
        CHECK(points_for(*pack, "SEJAHTERA-1", V(value)) == P(points));
    }
}

TEST_CASE("linear rules are clamped, rounded half-up to 4 decimals, and may run downhill") {
    const auto pack = load_fixture("tests/fixtures/mini-pack.json");
    // A-H1: 0 -> 0 points, 100 -> 100 points
    CHECK(points_for(*pack, "A-H1", V(0)) == 0);
    CHECK(points_for(*pack, "A-H1", V(55.55)) == 555500);
    CHECK(points_for(*pack, "A-H1", V(100)) == P(100));
    // A-H2 (stunting): 40 -> 0 points, 14 -> 100 points, lower is better, clamped outside
    CHECK(points_for(*pack, "A-H2", V(45)) == 0);
    CHECK(points_for(*pack, "A-H2", V(40)) == 0);
    CHECK(points_for(*pack, "A-H2", V(27)) == P(50));
    CHECK(points_for(*pack, "A-H2", V(20.5)) == P(75));
    CHECK(points_for(*pack, "A-H2", V(20.18)) == 762308);  // 76.230769… -> 76.2308
    CHECK(points_for(*pack, "A-H2", V(14)) == P(100));
    CHECK(points_for(*pack, "A-H2", V(3)) == P(100));
}

TEST_CASE("bands with inclusive and exclusive ends") {
    const auto pack = load_fixture("tests/fixtures/mini-pack.json");
    // B-P1 (count): (-inf, 0] -> 0; (0, 3) -> 5; [3, inf) -> 10
    CHECK(points_for(*pack, "B-P1", V(0)) == 0);
    CHECK(points_for(*pack, "B-P1", V(1)) == P(5));
    CHECK(points_for(*pack, "B-P1", V(2)) == P(5));
    CHECK(points_for(*pack, "B-P1", V(3)) == P(10));
    // B-H1: [90, inf) -> 100; [75, 90) -> 75; [50, 75) -> 50; (-inf, 50) -> 0
    CHECK(points_for(*pack, "B-H1", V(90)) == P(100));
    CHECK(points_for(*pack, "B-H1", V(89.999999)) == P(75));
    CHECK(points_for(*pack, "B-H1", V(75)) == P(75));
    CHECK(points_for(*pack, "B-H1", V(74.99)) == P(50));
    CHECK(points_for(*pack, "B-H1", V(49.99)) == 0);
}

TEST_CASE("templates: max scores 100.00 Peduli, blank 0.00 with completeness 0, random is valid and reproducible") {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    auto score_template = [&](const std::string& options) {
        const json t = json::parse(engine.make_template(options), nullptr, false);
        REQUIRE(t["ok"].get<bool>());
        const json r = json::parse(engine.score(t["answers"].dump()), nullptr, false);
        REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump().substr(0, 400));
        return r;
    };
    const json max = score_template(R"({"fill":"max"})");
    CHECK(max["total"].get<double>() == 100.0);
    CHECK(max["predicate"]["id"] == "peduli");
    CHECK(max["evidenced_total"].get<double>() == 100.0);
    for (const json& right : max["rights"]) CHECK(right["score"].get<double>() == 100.0);
    const json blank = score_template(R"({"fill":"blank"})");
    CHECK(blank["total"].get<double>() == 0.0);
    CHECK(blank["completeness"].get<double>() == 0.0);
    for (int seed = 1; seed <= 50; ++seed) {
        CAPTURE(seed);
        const std::string options = R"({"fill":"random","seed":)" + std::to_string(seed) + "}";
        const json a = score_template(options);
        const json b = score_template(options);
        CHECK(a == b);
        const double total = a["total"].get<double>();
        CHECK(total >= 0.0);
        CHECK(total <= 100.0);
        CHECK(a["evidenced_total"].get<double>() <= total);
        CHECK(a["points_at_risk"].get<double>() >= 0.0);
    }
}

TEST_CASE("templates: options an answers file cannot hold are refused with the reader's path; data year 2200 stays scoreable") {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    auto first_error = [&](const std::string& options) {
        const json t = json::parse(engine.make_template(options), nullptr, false);
        REQUIRE(t.is_object());
        CHECK_FALSE(t["ok"].get<bool>());
        REQUIRE(!t["errors"].empty());
        return t["errors"][0];
    };
    CHECK(first_error(R"({"region":{"name":"Provinsi Contoh","kind":"provinsi"}})")["path"] == "$.region.kind");
    CHECK(first_error(R"({"data_year":1995})")["path"] == "$.data_year");  // before the pack's years (2021-)
    CHECK(first_error(R"({"region":{"name":")" + std::string(201, 'x') + R"("}})")["path"] == "$.region.name");
    // The most distant year the pack allows: the assessment year stays within 1990-2200.
    const json t = json::parse(engine.make_template(R"({"fill":"max","data_year":2200})"), nullptr, false);
    REQUIRE_MESSAGE(t["ok"].get<bool>(), t.dump().substr(0, 300));
    CHECK(t["answers"]["assessment_year"] == 2200);
    const json r = json::parse(engine.score(t["answers"].dump()), nullptr, false);
    CHECK(r["ok"].get<bool>());
    CHECK(r["total"].get<double>() == 100.0);
}

TEST_CASE("the total equals the weighted mean of the published right scores' exact values") {
    // Cross-check the aggregation with an independent computation in doubles (within the rounding of the published figures).
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    for (int seed = 100; seed < 120; ++seed) {
        const json t = json::parse(engine.make_template(R"({"fill":"random","seed":)" + std::to_string(seed) + "}"), nullptr, false);
        const json r = json::parse(engine.score(t["answers"].dump()), nullptr, false);
        double sum = 0;
        for (const json& right : r["rights"]) sum += right["score"].get<double>();
        // each right score and the total are rounded to 0.01, so they may differ by up to 0.01
        CHECK(std::abs(sum / 10.0 - r["total"].get<double>()) <= 0.0101);
        // and each right from its type shares
        for (const json& right : r["rights"]) {
            double weighted = 0, weights = 0;
            for (const json& type : right["types"]) {
                if (!type["counted"].get<bool>()) continue;
                weighted += type["weight"].get<double>() * type["points"].get<double>() / type["max_points"].get<double>();
                weights += type["weight"].get<double>();
            }
            CHECK(std::abs(100.0 * weighted / weights - right["score"].get<double>()) <= 0.0051);
        }
    }
}

TEST_CASE("points at risk equal the claimed minus the evidenced total as published") {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    for (int seed = 1; seed <= 10; ++seed) {
        const json t = json::parse(engine.make_template(R"({"fill":"random","seed":)" + std::to_string(seed) + "}"), nullptr, false);
        const json r = json::parse(engine.score(t["answers"].dump()), nullptr, false);
        const long claimed = std::lround(r["total"].get<double>() * 100);
        const long evidenced = std::lround(r["evidenced_total"].get<double>() * 100);
        CHECK(std::lround(r["points_at_risk"].get<double>() * 100) == claimed - evidenced);
    }
}

TEST_CASE("the result prints every score with exactly two decimals") {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("tests/fixtures/mini-pack.json")), nullptr, false)["ok"].get<bool>());
    const json t = json::parse(engine.make_template(R"({"fill":"random","seed":7})"), nullptr, false);
    const std::string raw = engine.score(t["answers"].dump());
    for (const char* key : {"\"total\":", "\"evidenced_total\":", "\"completeness\":", "\"points_at_risk\":"}) {
        const auto at = raw.find(key);
        REQUIRE(at != std::string::npos);
        const std::string number = raw.substr(at + std::strlen(key), raw.find_first_of(",}", at) - at - std::strlen(key));
        CAPTURE(number);
        REQUIRE(number.find('.') != std::string::npos);
        CHECK(number.size() - number.find('.') - 1 == 2);
    }
}

TEST_CASE("explain names the rule, the band and the missing evidence") {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("tests/fixtures/mini-pack.json")), nullptr, false)["ok"].get<bool>());
    const json pack_summary = json::parse(engine.pack_summary(), nullptr, false);
    json answers = json::parse(read_repo_file("tests/vectors/mini-mixed.json"), nullptr, false)["answers"];
    answers["pack"]["sha256"] = pack_summary["sha256"];
    const json r = json::parse(engine.explain(answers.dump(), "B-H1"), nullptr, false);
    REQUIRE(r["ok"].get<bool>());
    CHECK(r["indicator"]["points"].get<double>() == 75.0);
    CHECK(r["indicator"]["explanation"]["en"].get<std::string>().find("[75, 90)") != std::string::npos);
    CHECK(r["indicator"]["explanation"]["id"].get<std::string>().find("89,99") != std::string::npos);
    const json p = json::parse(engine.explain(answers.dump(), "A-P1"), nullptr, false);
    CHECK(p["indicator"]["explanation"]["en"].get<std::string>().find("evidence is not ready (sk)") != std::string::npos);
    CHECK(p["indicator"]["evidence"][0]["status"] == "missing");
    const json unknown = json::parse(engine.explain(answers.dump(), "NOPE"), nullptr, false);
    CHECK_FALSE(unknown["ok"].get<bool>());
    CHECK(unknown["errors"][0]["code"] == "explain.unknown_indicator");
}

TEST_CASE("an answers file's signature block is kept by the app and ignored by scoring, without a warning") {
    kkpham::Engine engine;
    REQUIRE(json::parse(engine.load_pack(read_repo_file("criteria/kkpham-22-2021.json")), nullptr, false)["ok"].get<bool>());
    const json t = json::parse(engine.make_template(R"({"fill":"max","data_year":2025})"), nullptr, false);
    REQUIRE(t["ok"].get<bool>());
    json signed_answers = t["answers"];
    signed_answers["signatures"] = {
        {"approved", {{"title", "Sekretaris Daerah"}, {"name", "Dr. Contoh, M.Si."}, {"nip", "197001011990031001"}}},
        {"prepared", {{"name", "Budi"}, {"nip", "198501012010011001"}, {"place", "Contoh"}, {"date", "2026-02-01"}}}};
    const json v = json::parse(engine.validate_answers(signed_answers.dump()), nullptr, false);
    CHECK(v["ok"].get<bool>());
    CHECK(v.value("warnings", json::array()).empty());
    const json plain = json::parse(engine.score(t["answers"].dump()), nullptr, false);
    const json with = json::parse(engine.score(signed_answers.dump()), nullptr, false);
    REQUIRE(with["ok"].get<bool>());
    CHECK(with["total"] == plain["total"]);
    // Another unknown top-level field still warns (a typo is named).
    signed_answers["signature"] = "x";
    const json typo = json::parse(engine.validate_answers(signed_answers.dump()), nullptr, false);
    REQUIRE(!typo["warnings"].empty());
    CHECK(typo["warnings"][0]["path"] == "$.signature");
}
