// kkpham split: one package per office from a master assessment (core: Engine::split).
#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "cli_text.hpp"
#include "kkpham/engine.hpp"
#include "offices_text.hpp"
#include "pack_cache.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

int cmd_split(const Args& args, const char* argv0) {
    if (args.positional.size() != 1) return usage_error("split memerlukan satu berkas jawaban induk / split needs one master answers file");
    if (args.has("--by-office") == args.has("--office")) {
        return usage_error("split memerlukan --by-office (semua OPD) atau --office ID (satu OPD) / split needs --by-office (every office) or --office ID (one office)");
    }
    const std::string dir = args.get("-o");
    if (dir.empty() || dir == "-") return usage_error("split memerlukan -o FOLDER / split needs -o FOLDER");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    const bool id = args.get("--lang", "id") != "en";

    const std::string& file = args.positional[0];
    Problem problem;
    auto text = read_input(file, InputKind::answers, problem);
    PackCache cache(argv0);
    Engine* engine = text ? cache.engine_for(args.get("--pack"), *text, problem) : nullptr;
    if (engine == nullptr) {
        print_problem(file, problem);
        return kFileFailed;
    }
    json options = json::object();
    options["made_at"] = args.get("--made-at", utc_now());
    if (args.has("--office")) options["office"] = args.get("--office");
    if (args.has("--assessment-id")) options["assessment_id"] = args.get("--assessment-id");
    const std::string result = engine->split(*text, options.dump(-1, ' ', false, json::error_handler_t::replace));
    const json doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(file, result);
        return kFileFailed;
    }
    if (!output_folder(dir, problem)) {
        print_problem(dir, problem);
        return kFileFailed;
    }
    int status = kOk;
    for (const json& p : doc["packages"]) {
        const std::string path = dir + "/" + p["file_name"].get<std::string>();
        if (!write_output(path, p["package"].dump(2) + "\n", problem)) {
            print_problem(path, problem);
            status = kFileFailed;
        }
    }
    if (args.has("--master-out") && !write_output(args.get("--master-out"), doc["master"].dump(2) + "\n", problem)) {
        print_problem(args.get("--master-out"), problem);
        status = kFileFailed;
    }
    if (format == "json") {
        std::printf("%s\n", result.c_str());
        return status;
    }
    std::printf("%s %s (%s %s)\n", id ? "Paket OPD dari" : "Office packages from", term(file).c_str(), id ? "tanda penilaian" : "assessment id",
                term(doc.value("assessment_id", "")).c_str());
    std::size_t width = 0;
    for (const json& p : doc["packages"]) width = std::max(width, display_width(term(p["file_name"].get<std::string>())));
    for (const json& p : doc["packages"]) {
        std::printf("  %s %s %3lld %s\n", pad(term(p["file_name"].get<std::string>()), width).c_str(), pad(office_text(p["office"]), 28).c_str(),
                    static_cast<long long>(p.value("indicators", 0)), id ? "indikator" : "indicators");
    }
    std::printf("%s\n", id ? "Kirim setiap berkas ke OPD-nya; gabungkan yang kembali dengan: kkpham merge INDUK KEMBALI... -o BARU"
                           : "Send each file to its office; merge the returns with: kkpham merge MASTER RETURN... -o NEW");
    if (!args.has("--master-out")) {
        std::printf("%s\n", id ? "(Tanpa --master-out berkas induk tidak mencatat paket yang dibuat; gabungan tetap mengenali paket selama berkas induk belum berubah.)"
                               : "(Without --master-out the master does not record the packages made; a merge still recognises them while the master is unchanged.)");
    }
    return status;
}

}  // namespace kkpham::cli
