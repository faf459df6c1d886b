#include "package/requests.hpp"

#include "json/json_text.hpp"
#include "model/answers.hpp"
#include "package/layout.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {
namespace {

bool parse_object(std::string_view text, const char* what_id, const char* what_en, nlohmann::json& out, Diagnostics& d) {
    ParsedJson parsed = parse_json_text(text, what_id, what_en);
    if (!parsed.ok) {
        d.add_error(parsed.error);
        return false;
    }
    out = std::move(parsed.value);
    return true;
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    }
    const int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

bool read_files_request(std::string_view text, std::vector<FoundFile>& files, Diagnostics& d) {
    nlohmann::json v;
    if (!parse_object(text, "daftar berkas", "file list", v, d)) return false;
    if (v.is_object()) {
        const auto it = v.find("files");
        if (it == v.end()) {
            d.error("files.missing", "$.files", "$.files tidak ada.", "$.files is missing.");
            return false;
        }
        return read_found_files(*it, "$.files", files, d);
    }
    return read_found_files(v, "$", files, d);
}

bool read_package_request(std::string_view text, PackageRequest& request, Diagnostics& d) {
    nlohmann::json v;
    if (!parse_object(text, "permintaan paket", "package request", v, d)) return false;
    if (!v.is_object()) {
        d.error("package.request", "$", "Permintaan paket harus objek.", "The package request must be an object.");
        return false;
    }
    const auto files = v.find("files");
    if (files == v.end()) d.error("files.missing", "$.files", "$.files tidak ada.", "$.files is missing.");
    else read_found_files(*files, "$.files", request.files, d);
    if (const auto n = v.find("answers_name"); n != v.end()) {
        if (!n->is_string() || n->get_ref<const std::string&>().size() > 255) {
            d.error("package.answers_name", "$.answers_name", "$.answers_name harus teks (paling panjang 255).",
                    "$.answers_name must be text (at most 255 long).");
        } else {
            request.answers_name = n->get<std::string>();
        }
    }
    const auto date = v.find("bagging_date");
    if (date == v.end() || !date->is_string() || !is_date(date->get<std::string>())) {
        d.error("package.bagging_date", "$.bagging_date", "$.bagging_date harus tanggal YYYY-MM-DD (tanggal pengemasan).",
                "$.bagging_date must be a date YYYY-MM-DD (the packing date).");
    } else {
        request.bagging_date = date->get<std::string>();
    }
    return d.ok();
}

bool read_package_listing(std::string_view text, PackageListing& listing, Diagnostics& d) {
    nlohmann::json v;
    if (!parse_object(text, "daftar isi paket", "package listing", v, d)) return false;
    if (!v.is_object() || !v.contains("files")) {
        d.error("listing.files", "$.files", "$.files tidak ada.", "$.files is missing.");
        return false;
    }
    if (!read_found_files(v["files"], "$.files", listing.files, d)) return false;
    if (const auto t = v.find("texts"); t != v.end()) {
        if (!t->is_object()) {
            d.error("listing.texts", "$.texts", "$.texts harus objek {path: isi}.", "$.texts must be an object {path: content}.");
            return false;
        }
        for (auto it = t->begin(); it != t->end(); ++it) {
            if (!it->is_string()) {
                d.error("listing.texts", path_key("$.texts", it.key()), "Isi berkas harus teks.", "A file's content must be text.");
                return false;
            }
            listing.texts.emplace(it.key(), it->get<std::string>());
        }
    }
    return true;
}

std::string verify_package_json(const Pack& pack, const PackageListing& listing) {
    BagCheck bag = check_bag(listing);
    std::vector<VerifyProblem> problems = bag.problems;
    const auto answers_text = listing.texts.find(bag.answers_path);
    if (bag.answers_path.empty() || answers_text == listing.texts.end()) {
        problems.push_back({"answers_missing", bag.answers_path,
                            "Berkas jawaban tidak ada di paket (bag-info.txt: KKPHAM-Answers-File).",
                            "The answers file is not in the package (bag-info.txt: KKPHAM-Answers-File)."});
        return verify_json(&pack, bag, problems, nullptr, nullptr, nullptr, listing);
    }
    AnswersLoad load = load_answers_text(answers_text->second, pack);
    if (!load.diagnostics.ok()) {
        const Diagnostic& e = load.diagnostics.errors().front();
        problems.push_back({(e.code == "answers.pack_hash" || e.code == "answers.pack_mismatch") ? "pack_mismatch" : "answers_invalid", bag.answers_path,
                            "Berkas jawaban di paket tidak dapat dibaca: " + e.message_id, "The package's answers file cannot be read: " + e.message_en});
        return verify_json(&pack, bag, problems, nullptr, nullptr, nullptr, listing);
    }
    const ScoreResult score = compute_score(pack, load.answers);
    if (const std::string declared = bag_info_value(bag.info, "KKPHAM-Pack-SHA256"); !declared.empty() && declared != pack.sha256) {
        problems.push_back({"pack_mismatch", std::string(kBagInfoTxt), "bag-info.txt menyebut paket kriteria lain (SHA-256 " + declared + ").",
                            "bag-info.txt names another criteria pack (SHA-256 " + declared + ")."});
    }
    const EvidenceCheck evidence = check_packaged_evidence(pack, load.answers, listing, problems);
    // The enclosed result against the score computed again from the enclosed answers.
    const std::string result_path = std::string(kFormFolder) + std::string(kResultName);
    if (const auto enclosed = listing.texts.find(result_path); enclosed != listing.texts.end()) {
        ParsedJson then = parse_json_text(enclosed->second, "hasil", "result");
        ParsedJson now = parse_json_text(result_json(pack, load.answers, score), "hasil", "result");
        if (!then.ok || !then.value.is_object() || then.value.value("total", nlohmann::json()) != now.value.value("total", nlohmann::json())) {
            problems.push_back({"result_mismatch", result_path,
                                "Nilai di hasil-penilaian.json tidak sama dengan nilai yang dihitung dari berkas jawaban di paket (" +
                                    total_text(score) + ").",
                                "The score in hasil-penilaian.json differs from the score computed from the package's answers file (" +
                                    total_text(score) + ")."});
        }
    }
    return verify_json(&pack, bag, problems, &load.answers, &score, &evidence, listing);
}

}  // namespace kkpham
