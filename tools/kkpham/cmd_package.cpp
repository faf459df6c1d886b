// kkpham check | package | verify — the submission package (issue 16): the evidence folder
// checked against an assessment, the package built as a streamed ZIP, a received package verified.
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"
#include "cli_json.hpp"
#include "cli_text.hpp"
#include "evidence_files.hpp"
#include "kkpham/engine.hpp"
#include "pack_cache.hpp"
#include "zip_package.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

std::string dump(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string msg(const json& m, bool id) {
    if (!m.is_object()) return "";
    return term(m.value(id ? "id" : "en", m.value("id", "")));
}

std::string s(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

struct Opened {
    std::string answers_text;
    Engine* engine = nullptr;
    std::vector<EvidenceFile> files;
    std::string files_request;
};

// Reads ANSWERS, finds its pack, lists and hashes --evidence DIR. Prints the problem on failure.
bool open_inputs(PackCache& cache, const Args& args, Opened& o, bool quiet) {
    const std::string& file = args.positional[0];
    Problem problem;
    auto read = read_input(file, InputKind::answers, problem);
    if (read) {
        o.answers_text = std::move(*read);
        o.engine = cache.engine_for(args.get("--pack"), o.answers_text, problem);
    }
    if (o.engine == nullptr) {
        print_problem(file, problem);
        return false;
    }
    const std::string dir = args.get("--evidence");
    std::vector<std::string> skipped;
    std::int64_t bytes = 0;
    double seconds = 0;
    if (!list_evidence(dir, o.files, skipped, problem) || !hash_evidence(o.files, problem, bytes, seconds)) {
        print_problem(dir, problem);
        return false;
    }
    for (const std::string& k : skipped) {
        std::fprintf(stderr, "%s: dilewati (tautan simbolik, folder terlalu dalam, bukan berkas biasa, atau nama bukan UTF-8) / skipped (a "
                             "symbolic link, a folder too deep, not a regular file, or a name that is not UTF-8): %s\n", term(dir).c_str(), term(k).c_str());
    }
    if (!quiet) {
        const double mb = static_cast<double>(bytes) / 1e6;
        std::fprintf(stderr, "%zu berkas / files, %.1f MB, SHA-256 %.2f s (%.0f MB/s)\n", o.files.size(), mb, seconds,
                     seconds > 0 ? mb / seconds : 0.0);
    }
    o.files_request = dump(files_json(o.files));
    return true;
}

const char* status_word(const std::string& status, bool id) {
    if (status == "found") return id ? "ada" : "found";
    if (status == "renamed") return id ? "nama lain" : "renamed";
    if (status == "changed") return id ? "BERUBAH" : "CHANGED";
    if (status == "missing") return id ? "TIDAK ADA" : "MISSING";
    return id ? "belum dilampirkan" : "not attached";
}

void print_evidence(const json& ev, bool id, bool all) {
    const json& c = ev["counts"];
    std::printf("%s %lld · %s %lld · %s %lld · %s %lld · %s %lld · %s %lld\n", id ? "Ada" : "Found", (long long)c["found"].get<std::int64_t>(),
                id ? "nama lain" : "renamed", (long long)c["renamed"].get<std::int64_t>(), id ? "berubah" : "changed",
                (long long)c["changed"].get<std::int64_t>(), id ? "tidak ada" : "missing", (long long)c["missing"].get<std::int64_t>(),
                id ? "belum dilampirkan" : "not attached", (long long)c["not_attached"].get<std::int64_t>(),
                id ? "tidak dirujuk" : "unreferenced", (long long)c["unreferenced"].get<std::int64_t>());
    for (const json& item : ev["items"]) {
        const std::string st = s(item["status"]);
        if (!all && (st == "found" || (st == "not_attached" && !item["required"].get<bool>()))) continue;
        std::printf("  %s %s %s %s\n", pad(term(s(item["indicator"])), 14).c_str(), pad(term(s(item["evidence"])), 16).c_str(),
                    pad(status_word(st, id), 17).c_str(), msg(item["message"], id).c_str());
    }
    if (!ev["unreferenced"].empty()) {
        std::printf("%s\n", id ? "Berkas yang tidak dirujuk jawaban mana pun:" : "Files no answer references:");
        for (const json& f : ev["unreferenced"]) std::printf("  %s\n", term(s(f["path"])).c_str());
    }
}

void print_gate(const json& gate, bool id) {
    const bool complete = gate["complete"].get<bool>();
    std::printf("%s: %s", id ? "Kelengkapan" : "Completeness",
                complete ? (id ? "LENGKAP" : "COMPLETE") : (id ? "BELUM LENGKAP" : "NOT COMPLETE"));
    if (!complete) std::printf(" (%zu %s)", gate["reasons"].size(), id ? "alasan" : "reasons");
    std::printf("\n");
    const json& rules = gate["rules"];
    if (rules["declared"].get<bool>()) {
        std::printf("  %s (%s)\n", id ? "Aturan tambahan paket kriteria" : "The criteria pack's own rules",
                    s(rules["basis"]) == "assumed" ? (id ? "asumsi" : "assumed") : (id ? "dikonfirmasi" : "confirmed"));
    }
    for (const json& r : gate["reasons"]) std::printf("  - %s\n", msg(r["message"], id).c_str());
}

std::string today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

bool engine_failed(const std::string& file, const json& doc, const std::string& raw) {
    if (doc.is_object() && doc.value("ok", false)) return false;
    print_errors(file, raw);
    return true;
}

std::string html_escape(const std::string& in) {
    std::string out;
    for (char c : in) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += static_cast<unsigned char>(c) < 0x20 && c != '\n' ? ' ' : c;
        }
    }
    return out;
}

std::string plain(const json& m, bool id) {  // a message as text for HTML (escaped there)
    if (!m.is_object()) return "";
    return m.value(id ? "id" : "en", m.value("id", ""));
}

std::string sheet_html(const json& v, const std::string& zip, const std::string& root, bool id) {
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(id ? "id" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'\">\n<title>" +
                    (id ? std::string("Lembar verifikasi") : std::string("Verification sheet")) + " — " + html_escape(root) +
                    "</title>\n<style>body{font:10pt sans-serif;margin:1.5em}.bad{color:#a00;font-weight:bold}"
                    "li{margin:2px 0}@media print{body{margin:0}}</style>\n</head>\n<body>\n";
    h += std::string("<h1>") + (id ? "Lembar verifikasi paket data dukung KKP HAM" : "KKP HAM evidence package verification sheet") + "</h1>\n";
    h += "<p>" + html_escape(zip) + " — " + html_escape(root) + "</p>\n";
    if (v.contains("region")) {
        h += "<p>" + html_escape(s(v["region"]["name"])) + ", " + html_escape(s(v["region"]["province"])) + " — " +
             (id ? "tahun data " : "data year ") + std::to_string(v["data_year"].get<int>()) + "; " + html_escape(s(v["pack"]["id"])) + " " +
             html_escape(s(v["pack"]["version"])) + "</p>\n";
    }
    const bool intact = v["intact"].get<bool>();
    h += "<h2>" + std::string(id ? "Keutuhan" : "Integrity") + "</h2>\n<p" + (intact ? ">" : " class=\"bad\">") +
         (intact ? (id ? "UTUH" : "INTACT") : (id ? "DIUBAH SETELAH DIKEMAS" : "ALTERED AFTER PACKING")) + " — " +
         std::to_string(v["checked"]["files"].get<std::int64_t>()) + (id ? " berkas dicocokkan SHA-256-nya" : " files' SHA-256 checked") + "</p>\n<ul>\n";
    for (const json& p : v["problems"]) h += "<li class=\"bad\">" + html_escape(plain(p["message"], id)) + "</li>\n";
    h += "</ul>\n";
    if (v["score"].is_object()) {
        h += "<h2>" + std::string(id ? "Nilai (dihitung ulang dari berkas jawaban)" : "Score (computed again from the answers file)") +
             "</h2>\n<p><b>" + html_escape(num(v["score"]["total"])) + "</b> — " + html_escape(s(v["score"]["predicate"])) + "</p>\n";
        const json& gate = v["gate"];
        const bool complete = gate["complete"].get<bool>();
        h += "<h2>" + std::string(id ? "Kelengkapan" : "Completeness") + "</h2>\n<p" + (complete ? ">" : " class=\"bad\">") +
             (complete ? (id ? "LENGKAP" : "COMPLETE") : (id ? "BELUM LENGKAP" : "NOT COMPLETE")) + "</p>\n<ul>\n";
        for (const json& r : gate["reasons"]) h += "<li>" + html_escape(plain(r["message"], id)) + "</li>\n";
        h += "</ul>\n<h2>" + std::string(id ? "Data dukung yang bermasalah" : "Evidence with problems") + "</h2>\n<ul>\n";
        for (const json& item : v["evidence"]["items"]) {
            const std::string st = s(item["status"]);
            if (st == "found" || (st == "not_attached" && !item["required"].get<bool>())) continue;
            h += "<li>" + html_escape(s(item["indicator"])) + " · " + html_escape(s(item["evidence"])) + ": " + status_word(st, id) + "</li>\n";
        }
        h += "</ul>\n";
    }
    h += "</body>\n</html>\n";
    return h;
}

}  // namespace

int cmd_check(const Args& args, const char* argv0) {
    if (args.positional.size() != 1) return usage_error("check memerlukan satu ANSWERS.json / check needs one ANSWERS.json");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("--format harus text atau json / --format must be text or json");
    const bool id = args.get("--lang", "id") != "en";
    PackCache cache(argv0);
    if (!args.has("--evidence")) {
        // The gate alone, judged on the answers' own "ready" marks (no folder to check yet).
        const std::string& file = args.positional[0];
        Problem problem;
        auto text = read_input(file, InputKind::answers, problem);
        Engine* engine = text ? cache.engine_for(args.get("--pack"), *text, problem) : nullptr;
        if (engine == nullptr) {
            print_problem(file, problem);
            return kFileFailed;
        }
        const std::string raw = engine->gate(*text, "");
        const json doc = json::parse(raw, nullptr, false);
        if (engine_failed(file, doc, raw)) return kFileFailed;
        if (format == "json") {
            std::printf("%s\n", raw.c_str());
        } else {
            std::printf("%s: %s\n", term(file).c_str(),
                        id ? "tanpa --evidence: data dukung dinilai dari tanda \"siap\" di berkas jawaban"
                           : "without --evidence: evidence judged on the answers file's \"ready\" marks");
            print_gate(doc["gate"], id);
        }
        return doc["gate"]["complete"].get<bool>() ? kOk : kFileFailed;
    }
    Opened o;
    if (!open_inputs(cache, args, o, format == "json")) return kFileFailed;
    const std::string raw = o.engine->evidence_check(o.answers_text, o.files_request);
    const json doc = json::parse(raw, nullptr, false);
    if (engine_failed(args.positional[0], doc, raw)) return kFileFailed;
    if (format == "json") {
        std::printf("%s\n", raw.c_str());
    } else {
        std::printf("%s: %s %d\n", term(args.positional[0]).c_str(), term(s(doc["region"]["name"])).c_str(), doc["data_year"].get<int>());
        print_evidence(doc["evidence"], id, args.has("--all"));
        print_gate(doc["gate"], id);
    }
    return doc["gate"]["complete"].get<bool>() ? kOk : kFileFailed;
}

int cmd_package(const Args& args, const char* argv0) {
    if (args.positional.size() != 1 || !args.has("--evidence") || !args.has("-o")) {
        return usage_error("package memerlukan ANSWERS.json, --evidence DIR dan -o PAKET.zip / package needs ANSWERS.json, --evidence DIR and -o PACKAGE.zip");
    }
    const std::string out = args.get("-o");
    if (out == "-") return usage_error("paket ZIP tidak ditulis ke keluaran standar; beri nama berkas / a ZIP package is not written to standard output; give a file name");
    const std::string date = args.get("--date", today());
    const bool id = args.get("--lang", "id") != "en";
    PackCache cache(argv0);
    Opened o;
    if (!open_inputs(cache, args, o, false)) return kFileFailed;
    const std::string& file = args.positional[0];
    const auto slash = file.rfind('/');
    json request = json::parse(o.files_request, nullptr, false);
    request["answers_name"] = slash == std::string::npos ? file : file.substr(slash + 1);
    request["bagging_date"] = date;
    const std::string raw = o.engine->package(o.answers_text, dump(request));
    const json doc = json::parse(raw, nullptr, false);
    if (engine_failed(file, doc, raw)) return kFileFailed;
    // The written ZIP is read back and verified before it replaces `out`: a file changed while it
    // was being packed (its manifest line would lie) is caught here, not by the Kanwil.
    auto self_check = [&](const std::string& written, Problem& p) {
        json listing;
        std::string root;
        if (!read_package_zip(written, listing, root, p)) return false;
        const json v = json::parse(o.engine->verify_package(dump(listing)), nullptr, false);
        if (v.is_object() && v.value("intact", false)) return true;
        std::string what_id, what_en;
        if (v.is_object() && v.contains("problems")) {
            for (const json& q : v["problems"]) {
                // Appended piece by piece: `" " + std::string` trips a GCC 12 -Wrestrict false positive.
                what_id += ' ';
                what_id += s(q["message"]["id"]);
                what_en += ' ';
                what_en += s(q["message"]["en"]);
            }
        }
        p = {"package.unstable", "", "Paket tidak ditulis: isinya tidak cocok saat diperiksa ulang (berkas berubah selama pengemasan?)." + what_id,
             "The package was not written: its content did not match when checked again (a file changed while packing?)." + what_en};
        return false;
    };
    Problem problem;
    if (!write_package_zip(doc, args.get("--evidence"), out, problem, self_check)) {
        print_problem(out, problem);
        return kFileFailed;
    }
    std::printf("%s: %s/ — %zu %s, Payload-Oxum %s\n", term(out).c_str(), term(s(doc["root"])).c_str(), doc["entries"].size(),
                id ? "berkas" : "files", term(s(doc["payload_oxum"])).c_str());
    print_evidence(doc["evidence"], id, false);
    print_gate(doc["gate"], id);
    return doc["complete"].get<bool>() ? kOk : kFileFailed;
}

int cmd_verify(const Args& args, const char* argv0) {
    if (args.positional.size() != 1) return usage_error("verify memerlukan satu PAKET.zip / verify needs one PACKAGE.zip");
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json" && format != "html") return usage_error("--format harus text, html atau json / --format must be text, html or json");
    const bool id = args.get("--lang", "id") != "en";
    const std::string& zip = args.positional[0];
    json listing;
    std::string root;
    Problem problem;
    if (!read_package_zip(zip, listing, root, problem)) {
        print_problem(zip, problem);
        return kFileFailed;
    }
    // The answers file named by bag-info.txt (else the one JSON form file) tells the pack.
    std::string answers_path;
    const json& texts = listing["texts"];
    if (texts.contains("bag-info.txt")) {
        const std::string info = s(texts["bag-info.txt"]);
        const auto at = info.find("KKPHAM-Answers-File:");
        if (at != std::string::npos) {
            std::size_t b = at + 20;
            while (b < info.size() && info[b] == ' ') ++b;
            answers_path = info.substr(b, info.find_first_of("\r\n", b) - b);
        }
    }
    if (!texts.contains(answers_path)) {
        answers_path.clear();
        for (auto it = texts.begin(); it != texts.end(); ++it) {
            if (it.key().rfind("data/00-formulir/", 0) == 0 && it.key().size() > 5 && it.key().substr(it.key().size() - 5) == ".json" &&
                it.key() != "data/00-formulir/hasil-penilaian.json") {
                answers_path = it.key();
            }
        }
    }
    if (answers_path.empty()) {
        print_problem(zip, {"package.no_answers", "", "Paket tidak berisi berkas jawaban (data/00-formulir/).",
                            "The package holds no answers file (data/00-formulir/)."});
        return kFileFailed;
    }
    PackCache cache(argv0);
    Engine* engine = cache.engine_for(args.get("--pack"), s(texts[answers_path]), problem);
    if (engine == nullptr) {
        print_problem(zip + ":" + answers_path, problem);
        return kFileFailed;
    }
    const std::string raw = engine->verify_package(dump(listing));
    JsonProblem unused;
    JsonRead how;
    how.decimals_as_text = true;  // the score printed from its exact decimal
    const json v = read_json(raw, how, unused).value_or(json());
    if (engine_failed(zip, v, raw)) return kFileFailed;
    const bool good = v["intact"].get<bool>() && v["complete"].get<bool>();
    if (format == "json") {
        std::printf("%s\n", raw.c_str());
        return good ? kOk : kFileFailed;
    }
    if (format == "html") {
        const std::string html = sheet_html(v, zip, root, id);
        const std::string out = args.get("-o", "-");
        if (out == "-") std::fputs(html.c_str(), stdout);
        else if (!write_output(out, html, problem)) {
            print_problem(out, problem);
            return kFileFailed;
        }
        return good ? kOk : kFileFailed;
    }
    std::printf("%s\n", id ? "LEMBAR VERIFIKASI PAKET DATA DUKUNG KKP HAM" : "KKP HAM EVIDENCE PACKAGE VERIFICATION SHEET");
    std::printf("%s: %s — %s/\n", id ? "Paket" : "Package", term(zip).c_str(), term(root).c_str());
    if (v.contains("region")) {
        std::printf("%s: %s, %s — %s %d, %s %d\n", id ? "Daerah" : "Region", term(s(v["region"]["name"])).c_str(),
                    term(s(v["region"]["province"])).c_str(), id ? "tahun data" : "data year", v["data_year"].get<int>(),
                    id ? "tahun penilaian" : "assessment year", v["assessment_year"].get<int>());
        std::printf("%s: %s %s (SHA-256 %s)\n", id ? "Paket kriteria" : "Criteria pack", term(s(v["pack"]["id"])).c_str(),
                    term(s(v["pack"]["version"])).c_str(), term(s(v["pack"]["sha256"])).c_str());
    }
    const bool intact = v["intact"].get<bool>();
    std::printf("%s: %s — %lld %s, %lld %s\n", id ? "Keutuhan" : "Integrity",
                intact ? (id ? "UTUH" : "INTACT") : (id ? "DIUBAH SETELAH DIKEMAS" : "ALTERED AFTER PACKING"),
                (long long)v["checked"]["files"].get<std::int64_t>(), id ? "berkas dicocokkan SHA-256-nya" : "files' SHA-256 checked",
                (long long)v["checked"]["bytes"].get<std::int64_t>(), id ? "bita" : "bytes");
    for (const json& p : v["problems"]) std::printf("  ! %s\n", msg(p["message"], id).c_str());
    if (v["score"].is_object()) {
        std::printf("%s: %s — %s\n", id ? "Nilai (dihitung ulang dari berkas jawaban)" : "Score (computed again from the answers file)",
                    num(v["score"]["total"]).c_str(), term(s(v["score"]["predicate"])).c_str());
        print_evidence(v["evidence"], id, false);
        print_gate(v["gate"], id);
    }
    return good ? kOk : kFileFailed;
}

}  // namespace kkpham::cli
