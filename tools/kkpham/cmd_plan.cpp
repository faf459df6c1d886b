// kkpham gap | plan | compare
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "cli_json.hpp"
#include "cli_text.hpp"
#include "kkpham/engine.hpp"
#include "pack_cache.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

std::string t(const json& text, bool id) {
    if (!text.is_object()) return "";
    return term(text.value(id ? "id" : "en", text.value("id", "")));
}

std::string str(const json& v) { return term(v.is_string() ? v.get<std::string>() : std::string()); }

// Reads one answers file and the engine for it; prints the problem and returns null on failure.
Engine* open_answers(PackCache& cache, const Args& args, const std::string& file, std::string& text) {
    Problem problem;
    auto read = read_input(file, InputKind::answers, problem);
    Engine* engine = nullptr;
    if (read) {
        text = std::move(*read);
        engine = cache.engine_for(args.get("--pack"), text, problem);
    }
    if (engine == nullptr) print_problem(file, problem);
    return engine;
}

void print_plan_steps(const json& plan, bool id) {
    std::printf("  %s %s (%s): ", "Target", num(plan["target"]).c_str(), t(plan["predicate"]["name"], id).c_str());
    if (plan["already_reached"].get<bool>()) {
        std::printf("%s\n", id ? "sudah tercapai." : "already reached.");
        return;
    }
    if (!plan["reachable"].get<bool>()) {
        std::printf("%s\n", id ? "tidak dapat dicapai walau semua indikator bernilai penuh." : "cannot be reached even with every indicator at full points.");
        return;
    }
    std::printf("%zu %s, %s %lld → %s %s\n", plan["steps"].size(), id ? "perbaikan" : "improvements", id ? "usaha" : "effort",
                static_cast<long long>(plan["effort"].get<std::int64_t>()), id ? "nilai" : "total", num(plan["total"]).c_str());
    for (const json& s : plan["steps"]) {
        std::printf("    %s %s %7s → %7s  +%s %s %lld  %s\n", pad(str(s["id"]), 14).c_str(), pad(str(s["right"]), 26).c_str(),
                    num(s["points"]).c_str(), num(s["max_points"]).c_str(), pad(num(s.contains("gain_2dp") ? s["gain_2dp"] : s["gain"]), 7).c_str(), id ? "usaha" : "effort",
                    static_cast<long long>(s["effort"].get<std::int64_t>()), str(s["opd"]).c_str());
    }
}

// --target: a number 0-100 with at most 2 decimals (a decimal point or comma); its exact JSON text.
std::optional<std::string> target_text(const std::string& s) {
    std::size_t i = 0, whole = 0, fraction = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++whole;
    std::string out = s.substr(0, i);
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        out += '.';
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') out += s[i++], ++fraction;
        if (fraction == 0) return std::nullopt;
    }
    if (whole == 0 || whole > 3 || fraction > 2 || i != s.size()) return std::nullopt;
    const auto c = cents(json(out));
    if (!c || *c > 10000) return std::nullopt;
    while (out.size() > 1 && out[0] == '0' && out[1] != '.') out.erase(0, 1);  // JSON has no leading zeros
    return out;
}

// Reads an effort file ({"<indicator id>": effort}): bounded size and depth, no repeated key.
std::optional<json> read_effort(const std::string& path) {
    Problem problem;
    auto text = read_input(path, InputKind::effort, problem);
    if (!text) {
        print_problem(path, problem);
        return std::nullopt;
    }
    JsonRead how;
    how.max_depth = 8;
    JsonProblem bad;
    auto doc = read_json(*text, how, bad);
    if (!doc) {
        const std::string at_id = "baris " + std::to_string(bad.line) + ", kolom " + std::to_string(bad.column);
        const std::string at_en = "line " + std::to_string(bad.line) + ", column " + std::to_string(bad.column);
        print_problem(path, {bad.code, "$", "Berkas usaha (--effort) bukan JSON yang dapat dipakai (" + at_id + "): " + bad.detail_id + ".",
                             "The effort file (--effort) is not usable JSON (" + at_en + "): " + bad.detail_en + "."});
        return std::nullopt;
    }
    if (!doc->is_object()) {
        print_problem(path, {"gap.effort", "$", "Berkas usaha harus objek {kode indikator: usaha 1–1000}.",
                             "The effort file must be an object {indicator id: effort 1–1000}."});
        return std::nullopt;
    }
    return doc;
}

}  // namespace

int cmd_gap(const Args& args, const char* argv0) {
    if (args.positional.size() != 1) return usage_error("gap memerlukan satu berkas jawaban / gap needs one answers file");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    json options = json::object();
    std::string target = "null";
    if (args.has("--target")) {
        const auto exact = target_text(args.get("--target"));
        if (!exact) return usage_error("--target harus angka 0–100, paling banyak 2 desimal / --target must be a number 0–100 with at most 2 decimals");
        target = *exact;
    }
    if (args.has("--basis")) options["basis"] = args.get("--basis");
    if (args.has("--effort")) {
        auto effort = read_effort(args.get("--effort"));
        if (!effort) return kFileFailed;
        options["effort"] = std::move(*effort);
    }
    // The target goes to the engine as its exact decimal text, not through a double.
    std::string options_text = options.dump(-1, ' ', false, json::error_handler_t::replace);
    options_text.insert(1, "\"target\":" + target + (options.empty() ? "" : ","));
    PackCache cache(argv0);
    std::string text;
    Engine* engine = open_answers(cache, args, args.positional[0], text);
    if (engine == nullptr) return kFileFailed;
    const std::string result = engine->gap(text, options_text);
    const auto parsed = read_result(result);
    if (!parsed || !parsed->value("ok", false)) {
        print_errors(args.positional[0], result);
        return kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return kOk;
    }
    const json& doc = *parsed;
    const bool id = args.get("--lang", "id") != "en";
    std::printf("%s (%s): %s\n", id ? "Nilai sekarang" : "Current score", str(doc["basis"]).c_str(), num(doc["current"]).c_str());
    print_plan_steps(doc, id);
    if (!doc["next_band"].is_null()) print_plan_steps(doc["next_band"], id);
    std::printf("%s: %s. %s\n", id ? "Nilai maksimum yang mungkin" : "Highest possible total", num(doc["max_total"]).c_str(),
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
    const auto parsed = read_result(result);
    if (!parsed || !parsed->value("ok", false)) {
        print_errors(args.positional[0], result);
        return kFileFailed;
    }
    const json& doc = *parsed;
    const bool id = args.get("--lang", "id") != "en";
    // The answers' warnings (an office the pack does not list, …) go to stderr; the plan stays clean.
    if (const auto checked = read_result(engine->validate_answers(text))) {
        for (const json& w : (*checked)["warnings"]) {
            std::fprintf(stderr, "%s: %s: %s\n", term(args.positional[0]).c_str(), id ? "peringatan" : "warning", t(w["message"], id).c_str());
        }
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return kOk;
    }
    const std::string region = str(doc["region"]["name"]);
    bool first = true;
    for (const json& office : doc["offices"]) {
        if (!first) std::printf("\f");  // one printed page per office
        first = false;
        std::printf("%s — %s %lld\n", region.c_str(), id ? "rencana data dukung, tahun data" : "evidence plan, data year",
                    static_cast<long long>(doc["data_year"].get<std::int64_t>()));
        // The office's full name, with its short name when that differs ("Dinas Lingkungan Hidup (DLH)").
        const std::string short_name = str(office["opd"]);
        const std::string full_name = office.contains("name") ? t(office["name"], id) : short_name;
        std::string heading = full_name.empty() ? (id ? "(tanpa OPD)" : "(no office)") : full_name;
        if (!short_name.empty() && short_name != full_name) heading += " (" + short_name + ")";
        std::printf("OPD: %s\n%s: %s\n\n", heading.c_str(), id ? "Poin berisiko" : "Points at risk",
                    num(office["points_at_risk"]).c_str());
        for (const json& item : office["items"]) {
            const std::string kind = item.value("kind", "report");
            const char* kind_text = kind == "regulation" ? (id ? "peraturan/keputusan yang berlaku" : "regulation in force")
                                    : kind == "agreement" ? (id ? "perjanjian/sertifikat yang berlaku" : "agreement in force")
                                                          : (id ? "data/laporan tahun data" : "report of the data year");
            std::printf("[ ] %s  %s\n    %s: %s (%s)\n    %s: %s\n", str(item["indicator"]).c_str(), t(item["text"], id).c_str(),
                        id ? "Dokumen" : "Document", t(item["document"], id).c_str(), kind_text,
                        id ? "Ditandatangani" : "Signed by", t(item["signer"], id).c_str());
            // An indicator shared by several offices: the others are named, this page's office leads.
            const std::string all = str(item.value("opd", json("")));
            if (!all.empty() && all != short_name) std::printf("    %s: %s\n", id ? "OPD terkait" : "Offices", all.c_str());
        }
        std::printf("\n%s: ____________________   %s: __________\n", id ? "Diserahkan oleh" : "Handed in by", id ? "Tanggal" : "Date");
    }
    if (!first) std::printf("\f");
    std::printf("%s — %s\n", region.c_str(), id ? "pemeriksaan sebelum pengiriman" : "pre-submission check");
    std::printf("%s: %s\n", id ? "Poin diklaim tanpa data dukung lengkap" : "Points claimed without complete evidence",
                num(doc["check"]["points_at_risk"]).c_str());
    for (const json& f : doc["check"]["findings"]) {
        std::printf("- %s %s\n", pad(str(f["indicator"]), 14).c_str(), t(f["message"], id).c_str());
    }
    return kOk;
}

namespace {

// How a region is told apart in a comparison: its code when it has one, else its name and kind;
// with the data year.
std::string region_key(const json& summary) {
    const json& region = summary["region"];
    const std::string code = region.value("code", "");
    std::string key;
    if (!code.empty()) {
        key = "code:" + code;
    } else {
        std::string name;
        bool space = false;
        for (char c : region.value("name", "")) {
            if (c == ' ' || c == '\t') {
                space = !name.empty();
                continue;
            }
            if (space) name += ' ';
            space = false;
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        key = "name:" + name + "|" + region.value("kind", "");
    }
    return key + "|" + std::to_string(summary.value("data_year", 0));
}

std::string real_path(const std::string& file) {
    char* resolved = ::realpath(file.c_str(), nullptr);
    if (resolved == nullptr) return file;
    std::string out = resolved;
    std::free(resolved);
    return out;
}

}  // namespace

int cmd_compare(const Args& args, const char* argv0) {
    if (args.positional.empty()) return usage_error("compare memerlukan berkas jawaban / compare needs answers files");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json" && format != "csv") return usage_error("--format: text|json|csv");
    PackCache cache(argv0);
    int status = kOk;
    std::string summaries = "[";
    std::vector<std::string> files;
    std::map<std::string, std::string> by_path, by_region;                 // -> the file counted
    std::multimap<std::pair<std::size_t, std::size_t>, std::string> by_content;  // (hash, size) -> file
    const auto counted_once = [](const std::string& file, const std::string& first, const char* why_id, const char* why_en) {
        std::fprintf(stderr, "%s: peringatan / warning: %s %s; dihitung sekali / %s %s; counted once\n", term(file).c_str(), why_id,
                     term(first).c_str(), why_en, term(first).c_str());
    };
    for (const std::string& file : args.positional) {
        const std::string real = real_path(file);
        if (const auto it = by_path.find(real); it != by_path.end()) {
            counted_once(file, it->second, "berkas yang sama dengan", "the same file as");
            continue;
        }
        std::string text;
        Engine* engine = open_answers(cache, args, file, text);
        if (engine == nullptr) {
            status = kFileFailed;
            continue;
        }
        const std::pair<std::size_t, std::size_t> content{std::hash<std::string>{}(text), text.size()};
        std::string same_content;
        for (auto [it, end] = by_content.equal_range(content); it != end && same_content.empty(); ++it) {
            Problem ignored;
            const auto earlier = read_input(it->second, InputKind::answers, ignored);
            if (earlier && *earlier == text) same_content = it->second;
        }
        if (!same_content.empty()) {
            counted_once(file, same_content, "isinya sama dengan", "the same content as");
            continue;
        }
        const std::string s = engine->summary(text);
        const auto doc = read_result(s);
        if (!doc || doc->contains("ok")) {
            print_errors(file, s);
            status = kFileFailed;
            continue;
        }
        const std::string region = region_key(*doc);
        if (const auto it = by_region.find(region); it != by_region.end()) {
            counted_once(file, it->second, "daerah dan tahun data yang sama dengan", "the same region and data year as");
            continue;
        }
        by_path.emplace(real, file);
        by_content.emplace(content, file);
        by_region.emplace(region, file);
        if (!files.empty()) summaries += ",";
        summaries += s;
        files.push_back(file);
    }
    summaries += "]";
    const std::string result = Engine::compare(summaries);
    const auto parsed = read_result(result);
    if (!parsed || !parsed->value("ok", false)) {
        print_errors("compare", result);
        return kFileFailed;
    }
    const json& doc = *parsed;
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return status;
    }
    if (format == "csv") {
        std::string out = "rank,file,region,kind,province,code,data_year,total,predicate,evidenced_total,completeness,nilai_akhir";
        for (const json& r : doc["right_ids"]) {
            out += ',';
            out += csv_text(r.is_string() ? r.get<std::string>() : "");
        }
        out += "\n";
        for (const json& row : doc["rows"]) {
            const std::string& file = files[row["source"].get<std::size_t>()];
            const json& region = row["region"];
            // rank is null for a file that cannot be assessed (every indicator not applicable).
            out += (row["rank"].is_number() ? std::to_string(row["rank"].get<std::int64_t>()) : std::string()) + "," + csv_text(file) + "," + csv_text(region.value("name", "")) + "," +
                   csv_text(region.value("kind", "")) + "," + csv_text(region.value("province", "")) + "," + csv_text(region.value("code", "")) +
                   "," + std::to_string(row["data_year"].get<std::int64_t>()) + "," + num(row["total"]) + "," +
                   csv_text(row.value("predicate", "")) + "," + num(row["evidenced_total"]) + "," + num(row["completeness"]) + "," +
                   num(row.contains("nilai_akhir") ? row["nilai_akhir"] : json());
            for (const json& v : row["rights"]) {
                out += ',';
                out += num(v);
            }
            out += "\n";
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        return status;
    }
    const bool id = args.get("--lang", "id") != "en";
    // Ranked by nilai murni (as the national list); nilai akhir = min(100, murni + Aksi HAM), an assumed formula.
    std::printf("%s %s %7s %7s %s %7s %7s\n", pad("#", 4).c_str(), column(id ? "daerah" : "region", 28).c_str(), id ? "murni" : "raw",
                id ? "akhir" : "final", pad(id ? "predikat" : "predicate", 14).c_str(), id ? "ke 75" : "to 75", id ? "bukti" : "evid.");
    for (const json& row : doc["rows"]) {
        const std::optional<std::int64_t> total = cents(row["total"]);
        const std::string to_75 = total ? cents_text(*total >= 7500 ? 0 : 7500 - *total) : "-";
        std::printf("%s %s %7s %7s %s %7s %7s\n", pad(row["rank"].is_number() ? std::to_string(row["rank"].get<std::int64_t>()) : "-", 4).c_str(),
                    column(str(row["region"]["name"]), 28).c_str(), num(row["total"]).c_str(),
                    num(row.contains("nilai_akhir") ? row["nilai_akhir"] : json()).c_str(), pad(str(row["predicate"]), 14).c_str(),
                    to_75.c_str(), num(row["evidenced_total"]).c_str());
    }
    std::printf("%s\n", id ? "Peringkat menurut nilai murni; nilai akhir = min(100, murni + Aksi HAM) adalah dugaan. Data tahun N dinilai tahun N+1."
                           : "Ranked by nilai murni (raw score); nilai akhir = min(100, raw + Aksi HAM) is assumed. Data of year N is assessed in year N+1.");
    std::printf("\n%s:", id ? "Jumlah per predikat" : "Count per predicate");
    for (const json& p : doc["predicates"]) std::printf("  %s %lld", str(p["id"]).c_str(), static_cast<long long>(p["count"].get<std::int64_t>()));
    std::printf("\n%s:\n", id ? "Indikator yang paling sering kehilangan poin" : "Indicators most often below full points");
    std::size_t shown = 0;
    for (const json& m : doc["most_lost"]) {
        if (++shown > 10) break;
        std::printf("  %s %lld %s, %s %s\n", pad(str(m["id"]), 14).c_str(), static_cast<long long>(m["regions"].get<std::int64_t>()),
                    id ? "daerah" : "regions", id ? "total poin hilang" : "total points lost", num(m.contains("total_gain_2dp") ? m["total_gain_2dp"] : m["total_gain"]).c_str());
    }
    return status;
}

}  // namespace kkpham::cli
