#include "package/package.hpp"

#include "package/bagit.hpp"
#include "package/gate.hpp"
#include "package/index.hpp"
#include "package/layout.hpp"
#include "util/exact.hpp"
#include "util/sha256.hpp"

namespace kkpham {
namespace {

void header(JsonWriter& w, std::string_view format, const Pack& pack, const Answers& answers) {
    w.begin_object().key("ok").boolean(true).key("format").string(format).key("format_version").integer(1);
    w.key("region").begin_object().key("name").string(answers.region.name).key("kind").string(answers.region.kind)
        .key("province").string(answers.region.province).key("code").string(answers.region.code).end_object();
    w.key("data_year").integer(answers.data_year).key("assessment_year").integer(answers.assessment_year);
    w.key("pack").begin_object().key("id").string(pack.id).key("version").string(pack.version).key("sha256").string(pack.sha256)
        .end_object();
}

}  // namespace

std::string total_text(const ScoreResult& score) { return format_fixed(to_cents(score.total), 2, 2); }

std::string predicate_name(const Pack& pack, const ScoreResult& score) {
    if (pack.aggregation.predicates.empty()) return "";
    return pack.aggregation.predicates[predicate_for(pack, to_cents(score.total))].name.id;
}

std::string evidence_check_json(const Pack& pack, const Answers& answers, const std::vector<FoundFile>& files) {
    const EvidenceCheck check = check_evidence(pack, answers, files);
    const GateResult gate = evaluate_gate(pack, answers, &check);
    JsonWriter w;
    header(w, "kkpham-evidence-check", pack, answers);
    w.key("files").integer(static_cast<std::int64_t>(files.size())).key("evidence");
    write_evidence_check(w, pack, check, files);
    w.key("gate");
    write_gate(w, gate);
    w.end_object();
    return w.take();
}

std::string gate_json(const Pack& pack, const Answers& answers, const std::vector<FoundFile>* files) {
    EvidenceCheck check;
    if (files != nullptr) check = check_evidence(pack, answers, *files);
    const GateResult gate = evaluate_gate(pack, answers, files != nullptr ? &check : nullptr);
    JsonWriter w;
    header(w, "kkpham-gate", pack, answers);
    w.key("gate");
    write_gate(w, gate);
    w.end_object();
    return w.take();
}

std::string package_json(const Pack& pack, const Answers& answers, std::string_view answers_text, std::string_view result_text,
                         const ScoreResult& score, const PackageRequest& request) {
    const EvidenceCheck check = check_evidence(pack, answers, request.files);
    const GateResult gate = evaluate_gate(pack, answers, &check);
    const PackageLayout layout = plan_layout(pack, answers, check.items, request.answers_name);
    const IndexInput index{pack, answers, check, request.files, layout, gate, total_text(score), predicate_name(pack, score),
                           request.bagging_date};

    struct Entry {
        std::string path;
        std::string content;  // a text the engine made
        long file = -1;       // or a found file
        std::int64_t size = 0;
        std::string sha256;
    };
    std::vector<Entry> payload;
    auto text = [&](std::string path, std::string content) {
        Entry e{std::move(path), std::move(content), -1, 0, ""};
        e.size = static_cast<std::int64_t>(e.content.size());
        e.sha256 = sha256_hex(e.content);
        payload.push_back(std::move(e));
    };
    text(layout.answers_path, std::string(answers_text));
    text(layout.result_path, std::string(result_text));
    text(std::string(kIndexCsv), index_csv(index));
    text(std::string(kIndexHtml), index_html(index));
    for (std::size_t k = 0; k < check.items.size(); ++k) {
        const EvidenceCheckItem& item = check.items[k];
        if (item.file < 0 || layout.item_paths[k].empty()) continue;
        const FoundFile& f = request.files[static_cast<std::size_t>(item.file)];
        payload.push_back(Entry{layout.item_paths[k], "", item.file, f.size, f.sha256});
    }
    std::int64_t octets = 0;
    std::vector<ManifestLine> manifest;
    for (const Entry& e : payload) {
        octets += e.size;
        manifest.push_back({e.sha256, e.path});
    }
    BagInfo info = {
        {"Source-Organization", answers.region.name},
        {"External-Description", "Paket data dukung penilaian Kabupaten/Kota Peduli HAM / KKP HAM evidence package"},
        {"Bagging-Date", request.bagging_date},
        {"Payload-Oxum", payload_oxum(octets, static_cast<std::int64_t>(payload.size()))},
        {"Bag-Software-Agent", request.software_agent},
        {"KKPHAM-Region-Kind", answers.region.kind},
        {"KKPHAM-Province", answers.region.province},
        {"KKPHAM-Region-Code", answers.region.code},
        {"KKPHAM-Data-Year", std::to_string(answers.data_year)},
        {"KKPHAM-Assessment-Year", std::to_string(answers.assessment_year)},
        {"KKPHAM-Pack-Id", pack.id},
        {"KKPHAM-Pack-Version", pack.version},
        {"KKPHAM-Pack-SHA256", pack.sha256},
        {"KKPHAM-Answers-File", layout.answers_path},
        {"KKPHAM-Total", total_text(score)},
        {"KKPHAM-Complete", gate.complete ? "yes" : "no"},
    };
    std::vector<Entry> tags;
    auto tag = [&](std::string path, std::string content) {
        Entry e{std::move(path), std::move(content), -1, 0, ""};
        e.size = static_cast<std::int64_t>(e.content.size());
        e.sha256 = sha256_hex(e.content);
        tags.push_back(std::move(e));
    };
    tag(std::string(kBagitTxt), bagit_txt());
    tag(std::string(kBagInfoTxt), bag_info_txt(info));
    tag(std::string(kManifest), manifest_txt(manifest));
    std::vector<ManifestLine> tag_lines;
    tag_lines.reserve(tags.size());
    for (const Entry& e : tags) tag_lines.push_back({e.sha256, e.path});
    tag(std::string(kTagManifest), manifest_txt(tag_lines));

    JsonWriter w;
    header(w, "kkpham-package", pack, answers);
    w.key("root").string(layout.root).key("complete").boolean(gate.complete)
        .key("payload_oxum").string(payload_oxum(octets, static_cast<std::int64_t>(payload.size())));
    w.key("entries").begin_array();
    auto write_entry = [&](const Entry& e, bool is_tag) {
        w.begin_object().key("path").string(e.path).key("tag").boolean(is_tag).key("size").integer(e.size).key("sha256").string(e.sha256);
        if (e.file >= 0) w.key("file").string(request.files[static_cast<std::size_t>(e.file)].path);
        else w.key("content").string(e.content);
        w.end_object();
    };
    write_entry(tags[0], true);
    write_entry(tags[1], true);
    for (const Entry& e : payload) write_entry(e, false);
    write_entry(tags[2], true);
    write_entry(tags[3], true);
    w.end_array().key("evidence");
    write_evidence_check(w, pack, check, request.files);
    w.key("gate");
    write_gate(w, gate);
    w.end_object();
    return w.take();
}

}  // namespace kkpham
