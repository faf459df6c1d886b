// kkpham gap | plan | compare
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "kkpham/engine.hpp"
#include "pack_cache.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

std::string fmt2(const json& v) {
    if (!v.is_number()) return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", v.get<double>());
    return buffer;
}

std::string t(const json& text, bool id) {
    if (!text.is_object()) return "";
    return text.value(id ? "id" : "en", text.value("id", ""));
}

// Reads one answers file and the engine for it; prints the problem and returns null on failure.
Engine* open_answers(PackCache& cache, const Args& args, const std::string& file, std::string& text) {
    std::string error;
    auto read = read_file(file, error);
    if (!read) {
        std::fprintf(stderr, "%s: tidak dapat dibaca / cannot be read: %s\n", file.c_str(), error.c_str());
        return nullptr;
    }
    text = std::move(*read);
    std::string problem;
    Engine* engine = cache.engine_for(args.get("--pack"), text, problem);
    if (engine == nullptr) std::fprintf(stderr, "%s: %s\n", file.c_str(), problem.c_str());
    return engine;
}

void print_plan_steps(const json& plan, bool id) {
    std::printf("  %s %s (%s): ", id ? "Target" : "Target", fmt2(plan["target"]).c_str(), t(plan["predicate"]["name"], id).c_str());
    if (plan["already_reached"].get<bool>()) {
        std::printf("%s\n", id ? "sudah tercapai." : "already reached.");
        return;
    }
    if (!plan["reachable"].get<bool>()) {
        std::printf("%s\n", id ? "tidak dapat dicapai walau semua indikator bernilai penuh." : "cannot be reached even with every indicator at full points.");
        return;
    }
    std::printf("%zu %s, %s %lld → %s %s\n", plan["steps"].size(), id ? "perbaikan" : "improvements", id ? "usaha" : "effort",
                static_cast<long long>(plan["effort"].get<std::int64_t>()), id ? "nilai" : "total", fmt2(plan["total"]).c_str());
    for (const json& s : plan["steps"]) {
        std::printf("    %-14s %-26s %7s → %7s  +%-7s %s %lld  %s\n", s["id"].get<std::string>().c_str(), s["right"].get<std::string>().c_str(),
                    fmt2(s["points"]).c_str(), fmt2(s["max_points"]).c_str(), fmt2(s["gain"]).c_str(), id ? "usaha" : "effort",
                    static_cast<long long>(s["effort"].get<std::int64_t>()), s["opd"].get<std::string>().c_str());
    }
}

}  // namespace

int cmd_gap(const Args& args, const char* argv0) {
    if (args.positional.size() != 1) return usage_error("gap memerlukan satu berkas jawaban / gap needs one answers file");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    json options = json::object();
    if (args.has("--target")) {
        const std::string s = args.get("--target");
        char* end = nullptr;
        const double target = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0') return usage_error("--target harus angka / --target must be a number");
        options["target"] = target;
    }
    if (args.has("--basis")) options["basis"] = args.get("--basis");
    if (args.has("--effort")) {
        std::string error;
        auto text = read_file(args.get("--effort"), error);
        if (!text) {
            std::fprintf(stderr, "%s: %s\n", args.get("--effort").c_str(), error.c_str());
            return kFileFailed;
        }
        const json effort = json::parse(*text, nullptr, false);
        if (effort.is_discarded()) {
            std::fprintf(stderr, "%s: bukan JSON yang sah / not valid JSON\n", args.get("--effort").c_str());
            return kFileFailed;
        }
        options["effort"] = effort;
    }
    PackCache cache(argv0);
    std::string text;
    Engine* engine = open_answers(cache, args, args.positional[0], text);
    if (engine == nullptr) return kFileFailed;
    const std::string result = engine->gap(text, options.dump());
    const json doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(args.positional[0], result);
        return kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return kOk;
    }
    const bool id = args.get("--lang", "id") != "en";
    std::printf("%s (%s): %s\n", id ? "Nilai sekarang" : "Current score", doc["basis"].get<std::string>().c_str(), fmt2(doc["current"]).c_str());
    print_plan_steps(doc, id);
    if (!doc["next_band"].is_null()) print_plan_steps(doc["next_band"], id);
    std::printf("%s: %s. %s\n", id ? "Nilai maksimum yang mungkin" : "Highest possible total", fmt2(doc["max_total"]).c_str(),
                id ? "Himpunan perbaikan di atas adalah yang paling murah (optimal, bukan perkiraan)."
                   : "The set above is the cheapest one (an exact optimum, not a greedy guess).");
    return kOk;
}

int cmd_plan(const Args& args, const char* argv0) {
    if (args.positional.size() != 1) return usage_error("plan memerlukan satu berkas jawaban / plan needs one answers file");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    PackCache cache(argv0);
    std::string text;
    Engine* engine = open_answers(cache, args, args.positional[0], text);
    if (engine == nullptr) return kFileFailed;
    const std::string result = engine->evidence_plan(text);
    const json doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(args.positional[0], result);
        return kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return kOk;
    }
    const bool id = args.get("--lang", "id") != "en";
    const std::string region = doc["region"]["name"].get<std::string>();
    bool first = true;
    for (const json& office : doc["offices"]) {
        if (!first) std::printf("\f");  // one printed page per office
        first = false;
        std::printf("%s — %s %lld\n", region.c_str(), id ? "rencana data dukung, tahun data" : "evidence plan, data year",
                    static_cast<long long>(doc["data_year"].get<std::int64_t>()));
        std::printf("OPD: %s\n%s: %s\n\n", office["opd"].get<std::string>().c_str(), id ? "Poin berisiko" : "Points at risk",
                    fmt2(office["points_at_risk"]).c_str());
        for (const json& item : office["items"]) {
            std::printf("[ ] %s  %s\n    %s: %s\n    %s: %s\n", item["indicator"].get<std::string>().c_str(), t(item["text"], id).c_str(),
                        id ? "Dokumen" : "Document", t(item["document"], id).c_str(), id ? "Ditandatangani" : "Signed by",
                        t(item["signer"], id).c_str());
        }
        std::printf("\n%s: ____________________   %s: __________\n", id ? "Diserahkan oleh" : "Handed in by", id ? "Tanggal" : "Date");
    }
    if (!first) std::printf("\f");
    std::printf("%s — %s\n", region.c_str(), id ? "pemeriksaan sebelum pengiriman" : "pre-submission check");
    std::printf("%s: %s\n", id ? "Poin diklaim tanpa data dukung lengkap" : "Points claimed without complete evidence",
                fmt2(doc["check"]["points_at_risk"]).c_str());
    for (const json& f : doc["check"]["findings"]) {
        std::printf("- %-14s %s\n", f["indicator"].get<std::string>().c_str(), t(f["message"], id).c_str());
    }
    return kOk;
}

int cmd_compare(const Args& args, const char* argv0) {
    if (args.positional.empty()) return usage_error("compare memerlukan berkas jawaban / compare needs answers files");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json" && format != "csv") return usage_error("--format: text|json|csv");
    PackCache cache(argv0);
    int status = kOk;
    std::string summaries = "[";
    std::vector<std::string> files;
    for (const std::string& file : args.positional) {
        std::string text;
        Engine* engine = open_answers(cache, args, file, text);
        if (engine == nullptr) {
            status = kFileFailed;
            continue;
        }
        const std::string s = engine->summary(text);
        const json doc = json::parse(s, nullptr, false);
        if (doc.is_discarded() || doc.contains("ok")) {
            print_errors(file, s);
            status = kFileFailed;
            continue;
        }
        if (files.size() > 0) summaries += ",";
        summaries += s;
        files.push_back(file);
    }
    summaries += "]";
    const std::string result = Engine::compare(summaries);
    const json doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors("compare", result);
        return kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return status;
    }
    if (format == "csv") {
        std::printf("rank,file,region,kind,province,code,data_year,total,predicate,evidenced_total,completeness");
        for (const json& r : doc["right_ids"]) std::printf(",%s", r.get<std::string>().c_str());
        std::printf("\n");
        for (const json& row : doc["rows"]) {
            const std::string& file = files[row["source"].get<std::size_t>()];
            auto q = [](const std::string& s) {
                if (s.find_first_of(",\"\n") == std::string::npos) return s;
                std::string o = "\"";
                for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
                return o + "\"";
            };
            std::printf("%lld,%s,%s,%s,%s,%s,%lld,%s,%s,%s,%s", static_cast<long long>(row["rank"].get<std::int64_t>()), q(file).c_str(),
                        q(row["region"]["name"].get<std::string>()).c_str(), q(row["region"]["kind"].get<std::string>()).c_str(),
                        q(row["region"]["province"].get<std::string>()).c_str(), q(row["region"]["code"].get<std::string>()).c_str(),
                        static_cast<long long>(row["data_year"].get<std::int64_t>()), fmt2(row["total"]).c_str(),
                        row["predicate"].get<std::string>().c_str(), fmt2(row["evidenced_total"]).c_str(), fmt2(row["completeness"]).c_str());
            for (const json& v : row["rights"]) std::printf(",%s", fmt2(v).c_str());
            std::printf("\n");
        }
        return status;
    }
    const bool id = args.get("--lang", "id") != "en";
    std::printf("%-4s %-28s %7s %-14s %7s %7s\n", "#", id ? "daerah" : "region", id ? "nilai" : "total", id ? "predikat" : "predicate",
                id ? "ke 75" : "to 75", id ? "bukti" : "evid.");
    for (const json& row : doc["rows"]) {
        const double total = row["total"].get<double>();
        std::printf("%-4lld %-28.28s %7s %-14s %7.2f %7s\n", static_cast<long long>(row["rank"].get<std::int64_t>()),
                    row["region"]["name"].get<std::string>().c_str(), fmt2(row["total"]).c_str(), row["predicate"].get<std::string>().c_str(),
                    total >= 75 ? 0.0 : 75 - total, fmt2(row["evidenced_total"]).c_str());
    }
    std::printf("\n%s:", id ? "Jumlah per predikat" : "Count per predicate");
    for (const json& p : doc["predicates"]) std::printf("  %s %lld", p["id"].get<std::string>().c_str(), static_cast<long long>(p["count"].get<std::int64_t>()));
    std::printf("\n%s:\n", id ? "Indikator yang paling sering kehilangan poin" : "Indicators most often below full points");
    std::size_t shown = 0;
    for (const json& m : doc["most_lost"]) {
        if (++shown > 10) break;
        std::printf("  %-14s %lld %s, %s %s\n", m["id"].get<std::string>().c_str(), static_cast<long long>(m["regions"].get<std::int64_t>()),
                    id ? "daerah" : "regions", id ? "total poin hilang" : "total points lost", fmt2(m["total_gain"]).c_str());
    }
    return status;
}

}  // namespace kkpham::cli
