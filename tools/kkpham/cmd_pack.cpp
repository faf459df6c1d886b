// kkpham validate | template | criteria import-csv
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "cli_text.hpp"
#include "kkpham/engine.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

void print_warnings(const std::string& path, const json& doc) {
    for (const auto& w : doc["warnings"]) {
        std::fprintf(stderr, "%s: peringatan / warning %s at %s\n    [id] %s\n    [en] %s\n", term(path).c_str(),
                     term(w.value("code", "")).c_str(), term(w.value("path", "")).c_str(), term(w["message"].value("id", "")).c_str(),
                     term(w["message"].value("en", "")).c_str());
    }
}

// The name of the engine's encoding id ("windows-1252" -> "Windows-1252"), for the import note.
std::string encoding_label(const std::string& id) {
    if (id == "windows-1252") return "Windows-1252";
    if (id == "utf-16le") return "UTF-16 LE";
    if (id == "utf-16be") return "UTF-16 BE";
    return id;
}

// Loads a pack into `engine`; prints the errors and returns false when it is invalid.
bool load_pack_file(Engine& engine, const std::string& path, std::string* summary_json = nullptr) {
    Problem problem;
    auto text = read_input(path, InputKind::pack, problem);
    if (!text) {
        print_problem(path, problem);
        return false;
    }
    const std::string result = engine.load_pack(*text);
    const auto doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(path, result);
        return false;
    }
    if (summary_json != nullptr) *summary_json = result;
    print_warnings(path, doc);
    return true;
}

bool emit(const Args& args, const std::string& content) {
    const std::string out = args.get("-o");
    if (out.empty() || out == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        return true;
    }
    Problem problem;
    if (!write_output(out, content, problem)) {
        print_problem(out, problem);
        return false;
    }
    return true;
}

}  // namespace

int cmd_validate(const Args& args) {
    if (args.positional.size() != 1) return usage_error("validate memerlukan satu PACK / validate needs one PACK");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    Engine engine;
    Problem problem;
    auto text = read_input(args.positional[0], InputKind::pack, problem);
    if (!text) {
        print_problem(args.positional[0], problem);
        if (format == "json") std::printf("%s\n", problem_json(problem).c_str());
        return kFileFailed;
    }
    const std::string result = engine.load_pack(*text);
    const auto doc = json::parse(result, nullptr, false);
    const bool ok = !doc.is_discarded() && doc.value("ok", false);
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return ok ? kOk : kFileFailed;
    }
    if (!ok) {
        print_errors(args.positional[0], result);
        std::fprintf(stderr, "%s: TIDAK SAH / INVALID (%zu galat / errors)\n", term(args.positional[0]).c_str(), doc["errors"].size());
        return kFileFailed;
    }
    print_warnings(args.positional[0], doc);
    const auto& p = doc["pack"];
    std::printf("%s: SAH / VALID\n", term(args.positional[0]).c_str());
    std::printf("  paket / pack     : %s versi %s (%s)\n", term(p.value("id", "")).c_str(), term(p.value("version", "")).c_str(),
                term(p.value("status", "")).c_str());
    std::printf("  judul / title    : %s\n", term(p["title"].value("id", "")).c_str());
    std::printf("  regulasi         : %s\n", term(p.value("regulation", "")).c_str());
    std::printf("  isi / contents   : %d kelompok, %d hak, %d indikator\n", p["group_count"].get<int>(), p["right_count"].get<int>(),
                p["indicator_count"].get<int>());
    std::printf("  sha256           : %s\n", term(p.value("sha256", "")).c_str());
    if (p["status"] != "official") std::printf("  catatan / notice : %s\n", term(p["notice"].value("id", "")).c_str());
    return kOk;
}

int cmd_template(const Args& args) {
    if (args.positional.size() != 1) return usage_error("template memerlukan satu PACK / template needs one PACK");
    Engine engine;
    if (!load_pack_file(engine, args.positional[0])) return kFileFailed;
    json options = json::object();
    options["fill"] = args.get("--fill", "blank");
    if (args.has("--seed")) {
        const std::string s = args.get("--seed");
        char* end = nullptr;
        const unsigned long long seed = std::strtoull(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0') return usage_error("--seed harus bilangan bulat / --seed must be a whole number");
        options["seed"] = seed;
    }
    json region = json::object();
    if (args.has("--region")) region["name"] = args.get("--region");
    if (args.has("--kind")) region["kind"] = args.get("--kind");
    if (args.has("--province")) region["province"] = args.get("--province");
    if (args.has("--code")) region["code"] = args.get("--code");
    if (!region.empty()) options["region"] = region;
    for (const char* flag : {"--data-year", "--assessment-year"}) {
        if (!args.has(flag)) continue;
        const std::string s = args.get(flag);
        char* end = nullptr;
        const long year = std::strtol(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0') return usage_error(std::string(flag) + " harus tahun / must be a year");
        options[flag[2] == 'd' ? "data_year" : "assessment_year"] = year;
    }
    const std::string result = engine.make_template(options.dump());
    const auto doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors("template", result);
        return doc.is_discarded() ? kFileFailed : kUsage;
    }
    return emit(args, doc["answers"].dump(2) + "\n") ? kOk : kFileFailed;
}

int cmd_import_csv(const Args& args) {
    if (args.positional.size() != 1) return usage_error("import-csv memerlukan satu berkas CSV / import-csv needs one CSV file");
    Engine engine;
    if (args.has("--base") && !load_pack_file(engine, args.get("--base"))) return kFileFailed;
    Problem problem;
    auto csv = read_input(args.positional[0], InputKind::csv, problem);
    if (!csv) {
        print_problem(args.positional[0], problem);
        return kFileFailed;
    }
    json options = json::object();
    for (const char* k : {"id", "version", "title", "regulation", "status"}) {
        const std::string flag = std::string("--") + k;
        if (args.has(flag)) options[k] = args.get(flag);
    }
    const std::string result = engine.import_csv(*csv, options.dump());
    const auto doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(args.positional[0], result);
        return kFileFailed;
    }
    if (!emit(args, doc["pack"].dump(2) + "\n")) return kFileFailed;
    std::fprintf(stderr, "%s: %zu indikator diimpor / indicators imported; sha256 %s\n", term(args.positional[0]).c_str(),
                 doc["pack"]["indicators"].size(), term(doc.value("sha256", "")).c_str());
    // Not UTF-8: say what the bytes were read as (the engine decided it; forms/text_encoding.hpp).
    if (const std::string enc = doc.value("encoding", "utf-8"); enc != "utf-8") {
        std::fprintf(stderr, "%s: dibaca sebagai / read as %s\n", term(args.positional[0]).c_str(), encoding_label(enc).c_str());
    }
    return kOk;
}

}  // namespace kkpham::cli
