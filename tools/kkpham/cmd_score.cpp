// kkpham score | explain
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "cli_json.hpp"
#include "cli_text.hpp"
#include "pack_cache.hpp"
#include "kkpham/engine.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

struct Lang {
    bool id = true;
    const char* operator()(const char* in_id, const char* in_en) const { return id ? in_id : in_en; }
    std::string text(const json& t) const {
        if (!t.is_object()) return "";
        return t.value(id ? "id" : "en", t.value("id", ""));
    }
};

// A bar of `width` cells for a score 0-100 (hundredths), rounded half-up.
std::string bar(std::int64_t score_cents, int width) {
    const std::int64_t filled = (score_cents * width + 5000) / 10000;
    std::string s;
    for (int i = 0; i < width; ++i) s += i < filled ? "█" : "·";
    return s;
}

std::int64_t cents_or_zero(const json& v) { return cents(v).value_or(0); }

std::string str(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

// A 4-decimal result figure's exact 2-decimal twin (`<key>_2dp`), so it is rounded once, not twice.
const json& twin(const json& object, const std::string& key) {
    const auto it = object.find(key + "_2dp");
    return it != object.end() ? *it : object[key];
}

void print_detail(const json& r, const Lang& L) {
    const auto& region = r["region"];
    std::printf("%s: %s (%s, %s) — %s %lld → %s %lld\n", L("Daerah", "Region"), term(str(region["name"])).c_str(), term(str(region["kind"])).c_str(),
                term(str(region["province"])).c_str(), L("data", "data"), static_cast<long long>(r["data_year"].get<std::int64_t>()),
                L("penilaian", "assessed"), static_cast<long long>(r.value("assessment_year", std::int64_t{0})));
    std::printf("%s: %s %s (%s), sha256 %.12s…\n", L("Paket", "Pack"), term(str(r["pack"]["id"])).c_str(), term(str(r["pack"]["version"])).c_str(),
                term(str(r["pack"]["status"])).c_str(), term(str(r["pack"]["sha256"])).c_str());
    if (r["pack"]["status"] != "official") std::printf("! %s\n", term(L.text(r["pack"]["notice"])).c_str());
    const auto label = [](const char* text) { return pad(text, 34); };
    std::printf("\n%s %7s  %s\n", label(L("NILAI MURNI (perkiraan sendiri)", "RAW SCORE (self-estimate)")).c_str(), num(r["total"]).c_str(),
                term(L.text(r["predicate"]["name"])).c_str());
    if (!r["next_predicate"].is_null()) {
        std::printf("%s %7s  → %s\n", label(L("Kurang untuk predikat berikutnya", "Short of the next predicate")).c_str(),
                    num(r["next_predicate"]["distance"]).c_str(), term(L.text(r["next_predicate"]["name"])).c_str());
    }
    std::printf("%s %7s  %s\n", label(L("Nilai dengan data dukung lengkap", "Score with complete evidence")).c_str(),
                num(r["evidenced_total"]).c_str(), term(L.text(r["evidenced_predicate"]["name"])).c_str());
    std::printf("%s %7s\n", label(L("Poin berisiko (data dukung kurang)", "Points at risk (missing evidence)")).c_str(),
                num(r["points_at_risk"]).c_str());
    std::printf("%s %6s%%  (%lld/%lld %s, %lld %s)\n", label(L("Kelengkapan jawaban", "Completeness")).c_str(), num(r["completeness"]).c_str(),
                static_cast<long long>(r["answered"].get<std::int64_t>() + r["not_applicable"].get<std::int64_t>()),
                static_cast<long long>(r["indicator_count"].get<std::int64_t>()), L("terjawab", "answered"),
                static_cast<long long>(r["not_applicable"].get<std::int64_t>()), L("tidak berlaku", "not applicable"));
    const auto& adj = r["adjustments"];
    // The nilai akhir next to the nilai murni: min(100, murni + Aksi HAM − deduction), an assumed formula.
    std::printf("%s %7s  (%s +%s −%s, %s)\n", label(L("NILAI AKHIR (dugaan)", "FINAL SCORE (assumed)")).c_str(),
                num(adj["adjusted_total"]).c_str(), L("murni", "raw"), num(adj["aksi_ham_bonus"]).c_str(), num(adj["deduction"]).c_str(),
                L("maks. 100; peringkat nasional memakai nilai murni", "at most 100; national ranking uses the raw score"));
    std::printf("\n");
    for (const auto& g : r["groups"]) {
        std::printf("%s %7s\n", pad(term(L.text(g["name"])), 52).c_str(), num(g["score"]).c_str());
        for (const auto& right : r["rights"]) {
            if (right["group"] != g["id"]) continue;
            std::printf("  %s %7s %s  %s %s\n", pad(term(L.text(right["name"])), 50).c_str(), num(right["score"]).c_str(),
                        bar(cents_or_zero(right["score"]), 20).c_str(), num(right["evidenced_score"]).c_str(), L("terverifikasi", "evidenced"));
        }
    }
    int lost = 0;
    for (const auto& ind : r["indicators"]) lost += cents_or_zero(ind["gain"]) > 0 ? 1 : 0;
    std::printf("\n%d %s `kkpham explain FILE ID`.\n", lost,
                L("indikator belum bernilai penuh; lihat rinciannya dengan", "indicators are below full points; see why with"));
}

void print_table_row(const std::string& file, const json& r) {
    std::printf("%s %s %7s %s %7s %7s %6s\n", column_tail(term(file), 28).c_str(), column(term(str(r["region"]["name"])), 24).c_str(),
                num(r["total"]).c_str(), column(term(str(r["predicate"]["name"]["id"])), 18).c_str(), num(r["evidenced_total"]).c_str(),
                num(r["points_at_risk"]).c_str(), num(r["completeness"]).c_str());
}

// The CSV table of `score --format csv`: one header, one row per file, every file of one pack.
std::string csv_header(const json& doc) {
    std::string out = "file,region,kind,province,code,data_year,total,predicate,evidenced_total,points_at_risk,completeness";
    for (const auto& right : doc["rights"]) {
        out += ',';
        out += csv_text(str(right["id"]));
    }
    return out + ",pack_id,pack_sha256\n";
}

std::string csv_row(const std::string& file, const json& doc) {
    const auto& region = doc["region"];
    std::string out = csv_text(file) + "," + csv_text(str(region["name"])) + "," + csv_text(str(region["kind"])) + "," +
                      csv_text(str(region["province"])) + "," + csv_text(str(region["code"])) + "," +
                      std::to_string(doc["data_year"].get<std::int64_t>()) + "," + num(doc["total"]) + "," +
                      csv_text(str(doc["predicate"]["id"])) + "," + num(doc["evidenced_total"]) + "," + num(doc["points_at_risk"]) + "," +
                      num(doc["completeness"]);
    for (const auto& right : doc["rights"]) {
        out += ',';
        out += num(right["score"]);
    }
    return out + "," + csv_text(str(doc["pack"]["id"])) + "," + csv_text(str(doc["pack"]["sha256"])) + "\n";
}

}  // namespace

int cmd_score(const Args& args, const char* argv0) {
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json" && format != "csv") return usage_error("--format: text|json|csv");
    const std::string lang = args.get("--lang", "id");
    if (lang != "id" && lang != "en") return usage_error("--lang: id|en");
    if (args.positional.empty()) return usage_error("score memerlukan berkas jawaban / score needs answers files");
    Lang L;
    L.id = lang == "id";
    PackCache cache(argv0);
    int status = kOk;
    std::vector<std::pair<std::string, json>> rows;
    std::string json_out;
    const bool many = args.positional.size() > 1;
    if (format == "json" && many) json_out = "[";
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        const std::string& file = args.positional[i];
        std::string result;
        Problem problem;
        auto text = read_input(file, InputKind::answers, problem);
        Engine* engine = text ? cache.engine_for(args.get("--pack"), *text, problem) : nullptr;
        if (engine == nullptr) {
            print_problem(file, problem);
            result = problem_json(problem);
            status = kFileFailed;
        } else {
            result = engine->score(*text);
        }
        const auto doc = read_result(result);
        const bool ok = doc && doc->value("ok", false);
        if (!ok && engine != nullptr) {
            print_errors(file, result);
            status = kFileFailed;
        }
        if (format == "json") {
            if (many && i > 0) json_out += ",";
            json_out += result;
            continue;
        }
        if (ok) rows.emplace_back(file, *doc);
    }
    if (format == "json") {
        if (many) json_out += "]";
        std::printf("%s\n", json_out.c_str());
        return status;
    }
    if (format == "csv") {
        // One table has one set of right columns: files scored with different packs cannot share it.
        for (const auto& [file, doc] : rows) {
            if (doc["pack"]["sha256"] == rows.front().second["pack"]["sha256"]) continue;
            std::fprintf(stderr,
                         "kkpham: %s (%s %s) dan / and %s (%s %s) memakai paket yang berbeda; satu tabel CSV hanya untuk satu paket: "
                         "jalankan score --format csv sekali per paket. / use different packs; one CSV table holds one pack: run "
                         "score --format csv once per pack.\n",
                         term(rows.front().first).c_str(), term(str(rows.front().second["pack"]["id"])).c_str(),
                         term(str(rows.front().second["pack"]["version"])).c_str(), term(file).c_str(), term(str(doc["pack"]["id"])).c_str(),
                         term(str(doc["pack"]["version"])).c_str());
            return kUsage;
        }
        std::string out;
        if (!rows.empty()) out = csv_header(rows.front().second);
        for (const auto& [file, doc] : rows) out += csv_row(file, doc);
        std::fwrite(out.data(), 1, out.size(), stdout);
        return status;
    }
    if (!many && rows.size() == 1) {
        print_detail(rows[0].second, L);
    } else if (!rows.empty()) {
        std::printf("%s %s %7s %s %7s %7s %6s\n", column(L("berkas", "file"), 28).c_str(), column(L("daerah", "region"), 24).c_str(),
                    L("nilai", "score"), column(L("predikat", "predicate"), 18).c_str(), L("terbukti", "evid."), L("risiko", "risk"),
                    L("lengkap", "compl."));
        for (const auto& [file, doc] : rows) print_table_row(file, doc);
    }
    return status;
}

int cmd_explain(const Args& args, const char* argv0) {
    if (args.positional.size() != 2) return usage_error("explain memerlukan ANSWERS dan INDICATOR / explain needs ANSWERS and INDICATOR");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    Lang L;
    L.id = args.get("--lang", "id") != "en";
    const std::string& file = args.positional[0];
    Problem problem;
    auto text = read_input(file, InputKind::answers, problem);
    PackCache cache(argv0);
    Engine* engine = text ? cache.engine_for(args.get("--pack"), *text, problem) : nullptr;
    if (engine == nullptr) {
        print_problem(file, problem);
        return kFileFailed;
    }
    const std::string result = engine->explain(*text, args.positional[1]);
    const auto doc = read_result(result);
    if (!doc || !doc->value("ok", false)) {
        print_errors(file, result);
        return kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return kOk;
    }
    const auto& ind = (*doc)["indicator"];
    std::printf("%s [%s, %s]\n%s\n\n", term(str(ind["id"])).c_str(), term(str(ind["right"])).c_str(), term(str(ind["type"])).c_str(),
                term(L.text(ind["text"]), true).c_str());
    std::printf("%s\n\n", term(L.text(ind["explanation"]), true).c_str());
    const auto label = [](const char* t) { return pad(t, 22); };
    std::printf("%s %s / %s\n", label(L("Poin", "Points")).c_str(), num(ind["points"]).c_str(), num(ind["max_points"]).c_str());
    std::printf("%s %s (%s %s)\n", label(L("Sumbangan ke total", "Adds to the total")).c_str(), num(twin(ind, "contribution")).c_str(),
                L("maks.", "max."), num(twin(ind, "max_contribution")).c_str());
    std::printf("%s %s\n", label(L("Bisa bertambah", "Could still gain")).c_str(), num(twin(ind, "gain")).c_str());
    std::printf("%s %s\n", label(L("OPD penanggung jawab", "Responsible office")).c_str(), term(ind.value("opd", "")).c_str());
    std::printf("\n%s:\n", L("Data dukung", "Evidence"));
    for (const auto& e : ind["evidence"]) {
        const std::string reference = str(e["reference"]);
        std::printf("  [%s] %s — %s: %s%s%s\n", e["status"] == "ready" ? "x" : " ", term(L.text(e["document"])).c_str(),
                    L("ditandatangani", "signed by"), term(L.text(e["signer"])).c_str(),
                    e["required"].get<bool>() ? "" : L(" (opsional)", " (optional)"), reference.empty() ? "" : (" — " + term(reference)).c_str());
    }
    std::printf("\n%s:\n", L("Dasar hukum", "Legal basis"));
    for (const auto& b : ind["legal_basis"]) {
        std::printf("  - %s%s\n", term(str(b["citation"])).c_str(), b["verified"].get<bool>() ? "" : L(" (belum diverifikasi)", " (not verified)"));
    }
    return kOk;
}

}  // namespace kkpham::cli
