// kkpham score | explain
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
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

// Scores are published with 2 decimals; the JSON text has them, the parsed double keeps the value.
std::string num(const json& v) {
    if (!v.is_number()) return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", v.get<double>());
    return buffer;
}

std::string bar(double score, int width) {
    const int filled = static_cast<int>(score / 100.0 * width + 0.5);
    std::string s;
    for (int i = 0; i < width; ++i) s += i < filled ? "█" : "·";
    return s;
}

void print_detail(const json& r, const Lang& L) {
    const auto& region = r["region"];
    std::printf("%s: %s (%s, %s) — %s %d\n", L("Daerah", "Region"), region.value("name", "").c_str(),
                region.value("kind", "").c_str(), region.value("province", "").c_str(), L("tahun data", "data year"),
                r["data_year"].get<int>());
    std::printf("%s: %s %s (%s), sha256 %.12s…\n", L("Paket", "Pack"), r["pack"]["id"].get<std::string>().c_str(),
                r["pack"]["version"].get<std::string>().c_str(), r["pack"]["status"].get<std::string>().c_str(),
                r["pack"]["sha256"].get<std::string>().c_str());
    if (r["pack"]["status"] != "official") std::printf("! %s\n", L.text(r["pack"]["notice"]).c_str());
    std::printf("\n%-34s %7s  %s\n", L("NILAI MURNI (perkiraan sendiri)", "RAW SCORE (self-estimate)"), num(r["total"]).c_str(),
                L.text(r["predicate"]["name"]).c_str());
    if (!r["next_predicate"].is_null()) {
        std::printf("%-34s %7s  → %s\n", L("Kurang untuk predikat berikutnya", "Short of the next predicate"),
                    num(r["next_predicate"]["distance"]).c_str(), L.text(r["next_predicate"]["name"]).c_str());
    }
    std::printf("%-34s %7s  %s\n", L("Nilai dengan data dukung lengkap", "Score with complete evidence"),
                num(r["evidenced_total"]).c_str(), L.text(r["evidenced_predicate"]["name"]).c_str());
    std::printf("%-34s %7s\n", L("Poin berisiko (data dukung kurang)", "Points at risk (missing evidence)"),
                num(r["points_at_risk"]).c_str());
    std::printf("%-34s %6s%%  (%d/%d %s, %d %s)\n", L("Kelengkapan jawaban", "Completeness"), num(r["completeness"]).c_str(),
                r["answered"].get<int>() + r["not_applicable"].get<int>(), r["indicator_count"].get<int>(),
                L("terjawab", "answered"), r["not_applicable"].get<int>(), L("tidak berlaku", "not applicable"));
    const auto& adj = r["adjustments"];
    if (adj["aksi_ham_bonus"].get<double>() != 0.0 || adj["deduction"].get<double>() != 0.0) {
        std::printf("%-34s %7s  (+%s −%s, %s)\n", L("Setelah penyesuaian Tim Penilai", "After assessor adjustments"),
                    num(adj["adjusted_total"]).c_str(), num(adj["aksi_ham_bonus"]).c_str(), num(adj["deduction"]).c_str(),
                    L("terpisah dari nilai murni", "kept apart from the raw score"));
    }
    std::printf("\n");
    for (const auto& g : r["groups"]) {
        std::printf("%-52s %7s\n", L.text(g["name"]).c_str(), num(g["score"]).c_str());
        for (const auto& right : r["rights"]) {
            if (right["group"] != g["id"]) continue;
            const double score = right["score"].is_null() ? 0.0 : right["score"].get<double>();
            std::printf("  %-50s %7s %s  %s %s\n", L.text(right["name"]).c_str(), num(right["score"]).c_str(), bar(score, 20).c_str(),
                        num(right["evidenced_score"]).c_str(), L("terverifikasi", "evidenced"));
        }
    }
    int lost = 0;
    for (const auto& ind : r["indicators"]) lost += ind["gain"].get<double>() > 0 ? 1 : 0;
    std::printf("\n%d %s `kkpham explain FILE ID`.\n", lost,
                L("indikator belum bernilai penuh; lihat rinciannya dengan", "indicators are below full points; see why with"));
}

// Keeps the end of a long path, where the file name is.
std::string tail(const std::string& s, std::size_t width) {
    if (s.size() <= width) return s;
    return "…" + s.substr(s.size() - (width - 1));
}

void print_table_row(const std::string& file, const json& r) {
    std::printf("%-28s %-24.24s %7s %-18.18s %7s %7s %6s\n", tail(file, 28).c_str(), r["region"].value("name", "").c_str(),
                num(r["total"]).c_str(), r["predicate"]["name"]["id"].get<std::string>().c_str(), num(r["evidenced_total"]).c_str(),
                num(r["points_at_risk"]).c_str(), num(r["completeness"]).c_str());
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
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
    bool csv_header = false;
    const bool many = args.positional.size() > 1;
    if (format == "json" && many) json_out = "[";
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        const std::string& file = args.positional[i];
        std::string error;
        std::string result;
        auto text = read_file(file, error);
        if (!text) {
            std::fprintf(stderr, "%s: tidak dapat dibaca / cannot be read: %s\n", file.c_str(), error.c_str());
            json e = {{"ok", false}, {"file", file}, {"errors", json::array({{{"code", "file.unreadable"}, {"path", ""}, {"line", 0}, {"column", 0},
                      {"message", {{"id", "Berkas tidak dapat dibaca: " + error}, {"en", "The file cannot be read: " + error}}}}})}};
            result = e.dump();
            status = kFileFailed;
        } else {
            std::string problem;
            Engine* engine = cache.engine_for(args.get("--pack"), *text, problem);
            if (engine == nullptr) {
                std::fprintf(stderr, "%s: %s\n", file.c_str(), problem.c_str());
                json e = {{"ok", false}, {"errors", json::array({{{"code", "pack.unavailable"}, {"path", "$.pack"}, {"line", 0}, {"column", 0},
                          {"message", {{"id", problem}, {"en", problem}}}}})}};
                result = e.dump();
                status = kFileFailed;
            } else {
                result = engine->score(*text);
            }
        }
        const auto doc = json::parse(result, nullptr, false);
        const bool ok = !doc.is_discarded() && doc.value("ok", false);
        if (!ok && text) {
            if (format != "json") print_errors(file, result);
            status = kFileFailed;
        }
        if (format == "json") {
            if (many && i > 0) json_out += ",";
            json_out += result;
            if (!ok && format == "json" && text) print_errors(file, result);
            continue;
        }
        if (!ok) continue;
        if (format == "csv") {
            if (!csv_header) {
                std::printf("file,region,kind,province,code,data_year,total,predicate,evidenced_total,points_at_risk,completeness");
                for (const auto& right : doc["rights"]) std::printf(",%s", csv_field(right["id"].get<std::string>()).c_str());
                std::printf(",pack_id,pack_sha256\n");
                csv_header = true;
            }
            const auto& region = doc["region"];
            std::printf("%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s", csv_field(file).c_str(), csv_field(region.value("name", "")).c_str(),
                        csv_field(region.value("kind", "")).c_str(), csv_field(region.value("province", "")).c_str(),
                        csv_field(region.value("code", "")).c_str(), doc["data_year"].get<int>(), num(doc["total"]).c_str(),
                        csv_field(doc["predicate"]["id"].get<std::string>()).c_str(), num(doc["evidenced_total"]).c_str(),
                        num(doc["points_at_risk"]).c_str(), num(doc["completeness"]).c_str());
            for (const auto& right : doc["rights"]) std::printf(",%s", num(right["score"]).c_str());
            std::printf(",%s,%s\n", csv_field(doc["pack"]["id"].get<std::string>()).c_str(), doc["pack"]["sha256"].get<std::string>().c_str());
            continue;
        }
        rows.emplace_back(file, doc);
    }
    if (format == "json") {
        if (many) json_out += "]";
        std::printf("%s\n", json_out.c_str());
        return status;
    }
    if (format == "text") {
        if (!many && rows.size() == 1) {
            print_detail(rows[0].second, L);
        } else if (!rows.empty()) {
            std::printf("%-28s %-24s %7s %-18s %7s %7s %6s\n", L("berkas", "file"), L("daerah", "region"), L("nilai", "score"),
                        L("predikat", "predicate"), L("terbukti", "evid."), L("risiko", "risk"), L("lengkap", "compl."));
            for (const auto& [file, doc] : rows) print_table_row(file, doc);
        }
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
    std::string error;
    auto text = read_file(file, error);
    if (!text) {
        std::fprintf(stderr, "%s: tidak dapat dibaca / cannot be read: %s\n", file.c_str(), error.c_str());
        return kFileFailed;
    }
    PackCache cache(argv0);
    std::string problem;
    Engine* engine = cache.engine_for(args.get("--pack"), *text, problem);
    if (engine == nullptr) {
        std::fprintf(stderr, "%s: %s\n", file.c_str(), problem.c_str());
        return kFileFailed;
    }
    const std::string result = engine->explain(*text, args.positional[1]);
    const auto doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(file, result);
        return kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return kOk;
    }
    const auto& ind = doc["indicator"];
    std::printf("%s [%s, %s]\n%s\n\n", ind["id"].get<std::string>().c_str(), ind["right"].get<std::string>().c_str(),
                ind["type"].get<std::string>().c_str(), L.text(ind["text"]).c_str());
    std::printf("%s\n\n", L.text(ind["explanation"]).c_str());
    std::printf("%-22s %s / %s\n", L("Poin", "Points"), num(ind["points"]).c_str(), num(ind["max_points"]).c_str());
    std::printf("%-22s %s (%s %s)\n", L("Sumbangan ke total", "Adds to the total"), num(ind["contribution"]).c_str(),
                L("maks.", "max."), num(ind["max_contribution"]).c_str());
    std::printf("%-22s %s\n", L("Bisa bertambah", "Could still gain"), num(ind["gain"]).c_str());
    std::printf("%-22s %s\n", L("OPD penanggung jawab", "Responsible office"), ind.value("opd", "").c_str());
    std::printf("\n%s:\n", L("Data dukung", "Evidence"));
    for (const auto& e : ind["evidence"]) {
        std::printf("  [%s] %s — %s: %s%s%s\n", e["status"] == "ready" ? "x" : " ", L.text(e["document"]).c_str(), L("ditandatangani", "signed by"),
                    L.text(e["signer"]).c_str(), e["required"].get<bool>() ? "" : L(" (opsional)", " (optional)"),
                    e["reference"].get<std::string>().empty() ? "" : (" — " + e["reference"].get<std::string>()).c_str());
    }
    std::printf("\n%s:\n", L("Dasar hukum", "Legal basis"));
    for (const auto& b : ind["legal_basis"]) {
        std::printf("  - %s%s\n", b["citation"].get<std::string>().c_str(),
                    b["verified"].get<bool>() ? "" : L(" (belum diverifikasi)", " (not verified)"));
    }
    return kOk;
}

}  // namespace kkpham::cli
