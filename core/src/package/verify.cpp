#include "package/verify.hpp"

#include <set>

#include "package/gate.hpp"
#include "package/layout.hpp"
#include "package/package.hpp"
#include "package/safe_name.hpp"

namespace kkpham {
namespace {

bool is_tag_file(const std::string& path) { return path.find('/') == std::string::npos; }

}  // namespace

BagCheck check_bag(const PackageListing& listing) {
    BagCheck bag;
    auto problem = [&](std::string kind, std::string path, std::string id, std::string en) {
        bag.problems.push_back({std::move(kind), std::move(path), std::move(id), std::move(en)});
    };
    std::map<std::string, const FoundFile*> files;
    for (const FoundFile& f : listing.files) files.emplace(f.path, &f);
    auto text = [&](std::string_view name) -> const std::string* {
        const auto it = listing.texts.find(std::string(name));
        return it == listing.texts.end() ? nullptr : &it->second;
    };

    // bagit.txt: the declaration (RFC 8493 section 2.1.1).
    const std::string* declaration = text(kBagitTxt);
    if (declaration == nullptr) {
        problem("tag_missing", std::string(kBagitTxt), "bagit.txt tidak ada: ini bukan paket BagIt.", "bagit.txt is missing: this is not a BagIt package.");
    } else {
        BagInfo d;
        std::string error;
        if (!parse_bag_info(*declaration, d, error) || bag_info_value(d, "BagIt-Version").empty() ||
            bag_info_value(d, "Tag-File-Character-Encoding").empty()) {
            problem("bagit_invalid", std::string(kBagitTxt), "bagit.txt tidak sah (BagIt-Version dan Tag-File-Character-Encoding wajib ada).",
                    "bagit.txt is not valid (BagIt-Version and Tag-File-Character-Encoding are required).");
        }
    }
    if (const std::string* info = text(kBagInfoTxt)) {
        std::string error;
        if (!parse_bag_info(*info, bag.info, error)) {
            problem("bagit_invalid", std::string(kBagInfoTxt), "bag-info.txt tidak sah (" + error + ").", "bag-info.txt is not valid (" + error + ").");
        }
        bag.answers_path = bag_info_value(bag.info, "KKPHAM-Answers-File");
    } else {
        problem("tag_missing", std::string(kBagInfoTxt), "bag-info.txt tidak ada.", "bag-info.txt is missing.");
    }

    // Tag manifest first: it guards bagit.txt, bag-info.txt and the payload manifest.
    auto check_manifest = [&](std::string_view name, bool payload) -> std::set<std::string> {
        std::set<std::string> listed;
        const std::string* body = text(name);
        if (body == nullptr) {
            problem("tag_missing", std::string(name), std::string(name) + " tidak ada: isi paket tidak dapat diperiksa.",
                    std::string(name) + " is missing: the package's content cannot be checked.");
            return listed;
        }
        std::vector<ManifestLine> lines;
        std::string error;
        if (!parse_manifest(*body, lines, error)) {
            problem("manifest_invalid", std::string(name), std::string(name) + " tidak sah (" + error + ").",
                    std::string(name) + " is not valid (" + error + ").");
            return listed;
        }
        for (const ManifestLine& l : lines) {
            if (!listed.insert(l.path).second) continue;
            const auto f = files.find(l.path);
            if (f == files.end()) {
                problem(payload ? "payload_removed" : "tag_missing", l.path, "Berkas tercatat di " + std::string(name) + " tetapi tidak ada di paket: " + l.path,
                        "File listed in " + std::string(name) + " but not in the package: " + l.path);
                continue;
            }
            ++bag.files_checked;
            bag.bytes_checked += f->second->size;
            if (f->second->sha256 != l.sha256) {
                const bool answers = payload && l.path == bag.answers_path;
                problem(payload ? (answers ? "answers_changed" : "payload_changed") : "tag_changed", l.path,
                        answers ? "Berkas jawaban diubah setelah dikemas (SHA-256 lain): " + l.path
                                : "Isi berkas berbeda dari saat dikemas (SHA-256 lain): " + l.path,
                        answers ? "The answers file was edited after packing (another SHA-256): " + l.path
                                : "The file's content differs from when it was packed (another SHA-256): " + l.path);
            }
        }
        return listed;
    };
    const std::set<std::string> tags = check_manifest(kTagManifest, false);
    for (std::string_view t : {kBagitTxt, kBagInfoTxt, kManifest}) {
        if (text(t) != nullptr && tags.count(std::string(t)) == 0 && text(kTagManifest) != nullptr) {
            problem("tag_changed", std::string(t), std::string(t) + " tidak tercatat di tagmanifest-sha256.txt.",
                    std::string(t) + " is not listed in tagmanifest-sha256.txt.");
        }
    }
    const std::set<std::string> payload = check_manifest(kManifest, true);
    std::int64_t octets = 0, streams = 0;
    for (const FoundFile& f : listing.files) {
        if (f.path.rfind("data/", 0) == 0) {
            octets += f.size;
            ++streams;
            if (payload.count(f.path) == 0 && text(kManifest) != nullptr) {
                problem("payload_added", f.path, "Berkas ditambahkan setelah dikemas (tidak tercatat di manifest): " + f.path,
                        "File added after packing (not listed in the manifest): " + f.path);
            }
        } else if (!is_tag_file(f.path) || (f.path != kBagitTxt && f.path != kBagInfoTxt && f.path != kManifest && f.path != kTagManifest &&
                                            tags.count(f.path) == 0)) {
            problem("payload_added", f.path, "Berkas di luar data/ yang tidak dikenal: " + f.path, "Unknown file outside data/: " + f.path);
        }
    }
    const std::string oxum = bag_info_value(bag.info, "Payload-Oxum");
    if (!oxum.empty() && oxum != payload_oxum(octets, streams)) {
        problem("oxum_mismatch", std::string(kBagInfoTxt),
                "Payload-Oxum " + oxum + " tidak cocok dengan isi paket (" + payload_oxum(octets, streams) + " bita.berkas).",
                "Payload-Oxum " + oxum + " does not match the package's content (" + payload_oxum(octets, streams) + " bytes.files).");
    }
    return bag;
}

EvidenceCheck check_packaged_evidence(const Pack& pack, const Answers& answers, const PackageListing& listing,
                                      std::vector<VerifyProblem>& problems) {
    EvidenceCheck check;
    check.items = evidence_items(pack, answers);
    const PackageLayout layout = plan_layout(pack, answers, check.items, "");
    std::map<std::string, std::size_t> by_path;
    for (std::size_t f = 0; f < listing.files.size(); ++f) by_path.emplace(listing.files[f].path, f);
    std::set<std::size_t> explained;
    for (std::size_t k = 0; k < check.items.size(); ++k) {
        EvidenceCheckItem& item = check.items[k];
        if (item.status == EvidenceStatus::not_attached) continue;
        const std::string& path = layout.item_paths[k];
        std::size_t found = SIZE_MAX;
        if (!path.empty()) {
            if (const auto it = by_path.find(path); it != by_path.end()) found = it->second;
        } else if (!item.sha256.empty()) {
            // No reference name: any file with that content in the indicator's folder.
            const std::string& folder = layout.indicator_folders[item.indicator];
            for (std::size_t f = 0; f < listing.files.size(); ++f) {
                if (listing.files[f].sha256 == item.sha256 && listing.files[f].path.rfind(folder, 0) == 0) {
                    found = f;
                    break;
                }
            }
        }
        if (found == SIZE_MAX) continue;  // missing
        explained.insert(found);
        item.file = static_cast<long>(found);
        item.status = item.sha256.empty() || listing.files[found].sha256 == item.sha256 ? EvidenceStatus::found : EvidenceStatus::changed;
    }
    // Files in the evidence folders (data/NN-...) that the answers do not explain.
    for (std::size_t f = 0; f < listing.files.size(); ++f) {
        const std::string& p = listing.files[f].path;
        if (p.rfind("data/", 0) != 0 || p.rfind(kFormFolder, 0) == 0 || p == kIndexCsv || p == kIndexHtml) continue;
        if (explained.count(f) == 0) {
            problems.push_back({"evidence_unexpected", p, "Berkas data dukung yang tidak dirujuk berkas jawaban: " + p,
                                "An evidence file the answers file does not reference: " + p});
        }
    }
    return check;
}

std::string verify_json(const Pack* pack, const BagCheck& bag, const std::vector<VerifyProblem>& problems, const Answers* answers,
                        const ScoreResult* score, const EvidenceCheck* evidence, const PackageListing& listing) {
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-verify").key("format_version").integer(1);
    w.key("intact").boolean(problems.empty());
    w.key("checked").begin_object().key("files").integer(static_cast<std::int64_t>(bag.files_checked))
        .key("bytes").integer(bag.bytes_checked).end_object();
    w.key("bag_info").begin_array();
    for (const auto& [label, value] : bag.info) w.begin_object().key("label").string(label).key("value").string(value).end_object();
    w.end_array();
    w.key("problems").begin_array();
    for (const VerifyProblem& p : problems) {
        w.begin_object().key("kind").string(p.kind).key("path").string(p.path).key("message").begin_object().key("id").string(p.id)
            .key("en").string(p.en).end_object().end_object();
    }
    w.end_array();
    if (pack != nullptr && answers != nullptr && score != nullptr && evidence != nullptr) {
        const GateResult gate = evaluate_gate(*pack, *answers, evidence);
        w.key("complete").boolean(gate.complete);
        w.key("region").begin_object().key("name").string(answers->region.name).key("kind").string(answers->region.kind)
            .key("province").string(answers->region.province).key("code").string(answers->region.code).end_object();
        w.key("data_year").integer(answers->data_year).key("assessment_year").integer(answers->assessment_year);
        w.key("pack").begin_object().key("id").string(pack->id).key("version").string(pack->version).key("sha256").string(pack->sha256)
            .end_object();
        w.key("score").begin_object().key("total").number_text(total_text(*score)).key("predicate").string(predicate_name(*pack, *score))
            .end_object();
        w.key("evidence");
        write_evidence_check(w, *pack, *evidence, listing.files);
        w.key("gate");
        write_gate(w, gate);
    } else {
        w.key("complete").boolean(false).key("score").null().key("evidence").null().key("gate").null();
    }
    w.end_object();
    return w.take();
}

}  // namespace kkpham
