// kkpham merge: returned office packages into the master assessment (core: Engine::merge).
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "cli_json.hpp"
#include "cli_text.hpp"
#include "kkpham/engine.hpp"
#include "offices_text.hpp"
#include "pack_cache.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

std::string str(const json& v) { return term(v.is_string() ? v.get<std::string>() : std::string()); }

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

const char* kind_text(const std::string& kind, bool id) {
    if (kind == "not_responsible") return id ? "OPD yang mengisi bukan penanggung jawab" : "filled by an office not responsible";
    if (kind == "returns_disagree") return id ? "isian OPD berbeda" : "the returns disagree";
    if (kind == "master_differs") return id ? "berkas induk sudah berisi jawaban lain" : "the master holds another answer";
    return "";
}

std::string source_text(const json& s, bool id) {
    std::string out = str(s["file"]);
    if (s.contains("returned_at")) out += ", " + str(s["returned_at"]);
    if (s["filled_by"].is_object()) out += std::string(id ? ", diisi oleh " : ", filled in by ") + term(s["filled_by"].value("name", "?"));
    return out;
}

// The report on the terminal (or on stderr when the merged file goes to standard output).
void print_report(std::FILE* to, const json& doc, bool id) {
    const json& report = doc["report"];
    const json& counts = report["counts"];
    auto n = [&](const char* k) { return static_cast<long long>(counts.value(k, 0)); };
    std::fprintf(to, "%s: %lld %s, %lld %s, %lld %s, %lld %s.\n", id ? "Berkas kembali" : "Returned files", n("returns"),
                 id ? "diterima" : "given", n("merged"), id ? "digabung" : "merged", n("already_merged") + n("duplicate"),
                 id ? "sudah pernah/ganda" : "already merged/twice", n("refused"), id ? "ditolak" : "refused");
    std::fprintf(to, "%s: %lld %s, %lld %s, %lld %s.\n", id ? "Jawaban" : "Answers", n("applied"), id ? "diterapkan" : "applied", n("resolved"),
                 id ? "diselesaikan" : "resolved", static_cast<long long>(doc.value("open_conflicts", 0)), id ? "konflik terbuka" : "open conflicts");
    if (!report["refused"].empty()) std::fprintf(to, "\n%s:\n", id ? "Ditolak" : "Refused");
    for (const json& r : report["refused"]) {
        for (const json& e : r["errors"]) {
            const std::string path = e.value("path", "");
            std::fprintf(to, "  %s: %s%s\n      %s\n", str(r["file"]).c_str(), term(e.value("code", "")).c_str(), path.empty() ? "" : (" at " + term(path)).c_str(),
                         term(e["message"].value(id ? "id" : "en", "")).c_str());
        }
    }
    if (!report["conflicts"].empty()) std::fprintf(to, "\n%s:\n", id ? "Konflik terbuka (berkas induk mempertahankan jawabannya)" : "Open conflicts (the master keeps its answer)");
    for (const json& k : report["conflicts"]) {
        std::string kinds, responsible;
        for (const json& s : k["kinds"]) kinds += std::string(kinds.empty() ? "" : "; ") + kind_text(s.get<std::string>(), id);
        for (const json& s : k["responsible"]) responsible += (responsible.empty() ? "" : ", ") + str(s);
        std::fprintf(to, "  %s  %s (%s: %s)\n", str(k["indicator"]).c_str(), kinds.c_str(), id ? "penanggung jawab" : "responsible",
                     responsible.empty() ? "-" : responsible.c_str());
        std::string from;
        if (k["master"]["provenance"].is_object() && k["master"]["provenance"].value("source", "") == "office") {
            from = "  (" + str(k["master"]["provenance"]["office"]) + ", " + source_text(k["master"]["provenance"], id) + ")";
        }
        std::fprintf(to, "      %s %s%s\n", pad(id ? "induk" : "master", 14).c_str(), entry_text(k["master"]["answer"], id).c_str(), from.c_str());
        for (const json& v : k["versions"]) {
            const std::string who = str(v["office"]) + (v.value("responsible", true) ? "" : "*");
            std::fprintf(to, "      %s %s  (%s)\n", pad(who, 14).c_str(), entry_text(v["answer"], id).c_str(), source_text(v, id).c_str());
        }
    }
    bool outsider = false;
    for (const json& k : report["conflicts"]) {
        for (const json& v : k["versions"]) outsider = outsider || !v.value("responsible", true);
    }
    if (outsider) std::fprintf(to, "  * %s\n", id ? "bukan OPD penanggung jawab indikator ini." : "not an office responsible for this indicator.");
    if (!report["conflicts"].empty()) {
        std::fprintf(to, "%s\n", id ? "  Selesaikan dengan --resolve BERKAS berisi {\"KODE\": \"master\" | \"<kode OPD>\" | \"<kode paket>\" | {\"value\": …}}\n"
                                      "  lalu gabungkan lagi."
                                    : "  Resolve with --resolve FILE holding {\"ID\": \"master\" | \"<office id>\" | \"<package id>\" | {\"value\": …}}\n"
                                      "  and merge again.");
    }
    std::fprintf(to, "\n%s %s %s %s %s %s\n", pad("OPD", 26).c_str(), pad(id ? "paket dibuat" : "package made", 21).c_str(),
                 pad(id ? "kembali" : "returned", 21).c_str(), pad(id ? "dijawab" : "answered", 9).c_str(), pad(id ? "bukti siap" : "evidence", 11).c_str(),
                 id ? "konflik" : "conflicts");
    for (const json& s : doc["status"]) {
        const std::string made = s["package"].is_object() ? str(s["package"]["made_at"]) : "-";
        const std::string back = s["returned"].is_object() ? str(s["returned"]["returned_at"]) : "-";
        const std::string answered = std::to_string(s.value("answered", 0)) + "/" + std::to_string(s.value("indicators", 0));
        const std::string evidence = std::to_string(s["evidence"].value("ready", 0)) + "/" + std::to_string(s["evidence"].value("required", 0));
        std::fprintf(to, "%s %s %s %s %s %lld\n", column(office_text(s["office"]), 26).c_str(), pad(made, 21).c_str(), pad(back, 21).c_str(),
                     pad(answered, 9).c_str(), pad(evidence, 11).c_str(), static_cast<long long>(s.value("conflicts", 0)));
    }
    for (const json& w : doc["warnings"]) {
        std::fprintf(to, "%s: %s\n", id ? "peringatan" : "warning", term(w["message"].value(id ? "id" : "en", "")).c_str());
    }
}

}  // namespace

int cmd_merge(const Args& args, const char* argv0) {
    if (args.positional.empty() || (args.positional.size() < 2 && !args.has("--resolve"))) {
        return usage_error("merge memerlukan berkas induk dan berkas kembali (atau --resolve) / merge needs the master and returned files (or --resolve)");
    }
    const std::string out = args.get("-o");
    if (out.empty()) return usage_error("merge memerlukan -o BERKAS / merge needs -o FILE");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format: text|json");
    const bool id = args.get("--lang", "id") != "en";

    const std::string& master_file = args.positional[0];
    Problem problem;
    auto master = read_input(master_file, InputKind::answers, problem);
    PackCache cache(argv0);
    Engine* engine = master ? cache.engine_for(args.get("--pack"), *master, problem) : nullptr;
    if (engine == nullptr) {
        print_problem(master_file, problem);
        return kFileFailed;
    }
    json options = json::object();
    options["merged_at"] = args.get("--merged-at", utc_now());
    if (args.has("--resolve")) {
        const std::string path = args.get("--resolve");
        auto text = read_input(path, InputKind::resolutions, problem);
        if (!text) {
            print_problem(path, problem);
            return kFileFailed;
        }
        JsonRead how;
        how.max_depth = 16;
        JsonProblem bad;
        auto doc = read_json(*text, how, bad);
        if (!doc || !doc->is_object()) {
            const std::string at_id = doc ? "" : " (baris " + std::to_string(bad.line) + ", kolom " + std::to_string(bad.column) + ": " + bad.detail_id + ")";
            const std::string at_en = doc ? "" : " (line " + std::to_string(bad.line) + ", column " + std::to_string(bad.column) + ": " + bad.detail_en + ")";
            print_problem(path, {doc ? "merge.resolutions" : bad.code, "$",
                                 "Berkas --resolve harus objek JSON {\"KODE\": \"master\" | \"<kode OPD>\" | {\"value\": …}}" + at_id + ".",
                                 "The --resolve file must be a JSON object {\"ID\": \"master\" | \"<office id>\" | {\"value\": …}}" + at_en + "."});
            return kFileFailed;
        }
        options["resolutions"] = std::move(*doc);
    }
    int status = kOk;
    json returns = json::array();
    for (std::size_t i = 1; i < args.positional.size(); ++i) {
        const std::string& file = args.positional[i];
        auto text = read_input(file, InputKind::answers, problem);
        if (!text) {
            print_problem(file, problem);
            status = kFileFailed;
            continue;
        }
        returns.push_back({{"file", base_name(file)}, {"text", std::move(*text)}});
    }
    const auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
    const std::string result = engine->merge(*master, dump(returns), dump(options));
    const json doc = json::parse(result, nullptr, false);
    if (doc.is_discarded() || !doc.value("ok", false)) {
        print_errors(master_file, result);
        return kFileFailed;
    }
    const std::string merged = doc["answers"].dump(2) + "\n";
    if (out == "-") {
        std::fwrite(merged.data(), 1, merged.size(), stdout);
    } else if (!write_output(out, merged, problem)) {
        print_problem(out, problem);
        return kFileFailed;
    }
    if (format == "json") {
        std::fprintf(out == "-" ? stderr : stdout, "%s\n", result.c_str());
    } else {
        print_report(out == "-" ? stderr : stdout, doc, id);
    }
    if (doc.value("open_conflicts", 0) > 0 || doc.value("refused", 0) > 0) status = kFileFailed;
    return status;
}

}  // namespace kkpham::cli
