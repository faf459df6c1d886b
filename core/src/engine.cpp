// Over 400 lines on purpose: every public Engine method (kkpham/engine.hpp) in one place, each a
// few lines that parse, call the part of the core that decides, and serialise; split, the API
// would be spread over files that each hold a handful of these wrappers.
#include "kkpham/engine.hpp"

#include "model/answers.hpp"
#include "forms/answers_template.hpp"
#include "analysis/compare.hpp"
#include "forms/csv_import.hpp"
#include "forms/workbook_layout.hpp"
#include "forms/workbook_read.hpp"
#include "analysis/evidence_plan.hpp"
#include "util/exact.hpp"
#include "analysis/gap.hpp"
#include "analysis/migrate.hpp"
#include "scoring/explanation.hpp"
#include "json/json_text.hpp"
#include "json/json_writer.hpp"
#include "model/pack.hpp"
#include "scoring/scoring.hpp"
#include "package/package.hpp"
#include "package/requests.hpp"
#include "offices/merge.hpp"
#include "offices/reading.hpp"
#include "offices/split.hpp"

namespace kkpham {
namespace {

using json = nlohmann::json;

void write_diagnostics(JsonWriter& w, const Diagnostics& d) {
    // Splices the "errors"/"warnings" members of failure_json into an object being written.
    const std::string doc = failure_json(d);
    const std::size_t start = doc.find("\"errors\"");
    w.raw_members(std::string_view(doc).substr(start, doc.size() - start - 1));
}

std::string failure(const Diagnostics& d) { return failure_json(d); }

std::string single_error(std::string code, std::string path, std::string id, std::string en) {
    Diagnostics d;
    d.error(std::move(code), std::move(path), std::move(id), std::move(en));
    return failure(d);
}

std::string no_pack() {
    return single_error("engine.no_pack", "", "Belum ada paket kriteria yang dimuat.", "No criteria pack is loaded.");
}

void write_text(JsonWriter& w, const Text& t) {
    w.begin_object().key("id").string(t.id).key("en").string(t.en.empty() ? t.id : t.en).end_object();
}

std::string summary_json(const Pack& p) {
    JsonWriter w;
    w.begin_object().key("id").string(p.id).key("version").string(p.version).key("sha256").string(p.sha256)
        .key("status").string(p.status).key("regulation").string(p.regulation).key("title");
    write_text(w, p.title);
    w.key("notice");
    write_text(w, p.notice);
    w.key("data_years").begin_object().key("from").integer(p.data_year_from).key("to");
    if (p.data_year_to == 0) w.null();
    else w.integer(p.data_year_to);
    w.end_object();
    w.key("group_count").integer(static_cast<std::int64_t>(p.groups.size()))
        .key("right_count").integer(static_cast<std::int64_t>(p.rights.size()))
        .key("indicator_count").integer(static_cast<std::int64_t>(p.indicators.size()));
    w.end_object();
    return w.take();
}

struct Scored {
    AnswersLoad load;
    ScoreResult result;
};

// Parses, validates and scores; on failure returns the error document in `error`.
bool score_answers(const Pack& pack, std::string_view text, Scored& out, std::string& error) {
    out.load = load_answers_text(text, pack);
    if (!out.load.diagnostics.ok()) {
        error = failure(out.load.diagnostics);
        return false;
    }
    out.result = compute_score(pack, out.load.answers);
    if (out.result.overflow) {
        error = single_error("arithmetic.overflow", "$.aggregation",
                             "Angka pada paket terlalu rumit untuk dihitung secara eksak (bobot atau poin maksimum yang tidak lazim).",
                             "The pack's numbers are too complex to compute exactly (unusual weights or maximum points).");
        return false;
    }
    return true;
}

}  // namespace

Engine::Engine() = default;
Engine::~Engine() = default;
Engine::Engine(const Engine&) = default;
Engine& Engine::operator=(const Engine&) = default;

bool Engine::has_pack() const { return pack_ != nullptr; }

std::string Engine::load_pack(std::string_view pack_json) {
    PackLoad load = load_pack_text(pack_json);
    if (load.pack == nullptr) return failure(load.diagnostics);
    pack_ = load.pack;
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("pack").raw(summary_json(*pack_));
    write_diagnostics(w, load.diagnostics);
    w.end_object();
    return w.take();
}

std::string Engine::pack_summary() const {
    if (!pack_) return no_pack();
    return summary_json(*pack_);
}

std::string Engine::score(std::string_view answers_json) const {
    if (!pack_) return no_pack();
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    return result_json(*pack_, s.load.answers, s.result);
}

std::string Engine::validate_answers(std::string_view answers_json) const {
    if (!pack_) return no_pack();
    AnswersLoad load = load_answers_text(answers_json, *pack_);
    JsonWriter w;
    w.begin_object().key("ok").boolean(load.diagnostics.ok());
    write_diagnostics(w, load.diagnostics);
    w.end_object();
    return w.take();
}

std::string Engine::make_template(std::string_view options_json) const {
    if (!pack_) return no_pack();
    TemplateOptions options;
    if (!options_json.empty()) {
        ParsedJson parsed = parse_json_text(options_json, "opsi", "options");
        if (!parsed.ok || !parsed.value.is_object()) {
            return single_error("template.options", "$", "Opsi templat tidak sah.", "The template options are not valid.");
        }
        const json& o = parsed.value;
        if (auto it = o.find("fill"); it != o.end()) {
            const std::string fill = it->is_string() ? it->get<std::string>() : "";
            if (fill == "blank") options.fill = TemplateFill::blank;
            else if (fill == "max") options.fill = TemplateFill::max;
            else if (fill == "random") options.fill = TemplateFill::random;
            else {
                return single_error("template.fill", "$.fill", "fill harus \"blank\", \"max\" atau \"random\".",
                                    "fill must be \"blank\", \"max\" or \"random\".");
            }
        }
        if (auto it = o.find("seed"); it != o.end()) {
            if (!it->is_number_unsigned() && !it->is_number_integer()) {
                return single_error("template.seed", "$.seed", "seed harus bilangan bulat.", "seed must be a whole number.");
            }
            options.seed = it->get<std::uint64_t>();
        }
        if (auto it = o.find("complete"); it != o.end() && it->is_boolean()) options.complete = it->get<bool>();
        if (auto it = o.find("region"); it != o.end() && it->is_object()) {
            auto str = [&](const char* k, std::string& into) {
                auto f = it->find(k);
                if (f != it->end() && f->is_string()) into = f->get<std::string>();
            };
            str("name", options.region.name);
            str("kind", options.region.kind);
            str("province", options.region.province);
            str("code", options.region.code);
        }
        for (const char* k : {"data_year", "assessment_year"}) {
            auto it = o.find(k);
            if (it == o.end()) continue;
            if (!it->is_number_integer() || it->get<std::int64_t>() < 1990 || it->get<std::int64_t>() > 2200) {
                return single_error("template.year", path_key("$", k), std::string(k) + " harus tahun 1990–2200.",
                                    std::string(k) + " must be a year 1990–2200.");
            }
            (k[0] == 'd' ? options.data_year : options.assessment_year) = static_cast<int>(it->get<std::int64_t>());
        }
        if (auto it = o.find("updated_at"); it != o.end() && it->is_string()) options.updated_at = it->get<std::string>();
    }
    std::string answers = make_answers_template(*pack_, options).dump();
    // Options an answers file cannot hold (a region kind other than kabupaten/kota, a data year
    // outside the pack's years, an over-long name) are refused with the answers reader's own
    // messages and paths, which mirror the options' shape: a template that is made always scores.
    if (AnswersLoad check = load_answers_text(answers, *pack_); !check.diagnostics.ok()) return failure(check.diagnostics);
    std::string out = "{\"ok\":true,\"answers\":";
    out += answers;
    out += "}";
    return out;
}

std::string Engine::explain(std::string_view answers_json, std::string_view indicator_id) const {
    if (!pack_) return no_pack();
    const Indicator* ind = pack_->find_indicator(indicator_id);
    if (ind == nullptr) {
        const std::string id(indicator_id);
        return single_error("explain.unknown_indicator", "", "Indikator \"" + id + "\" tidak ada di paket \"" + pack_->id + "\".",
                            "Indicator \"" + id + "\" is not in pack \"" + pack_->id + "\".");
    }
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    const std::size_t index = pack_->indicator_index.at(ind->id);
    // Read back with the same parser as packs (json::parse would add a second copy of nlohmann's
    // parser to the wasm, for another input type); the document is our own, so it always parses.
    json result = parse_json_text(result_json(*pack_, s.load.answers, s.result), "hasil", "result").value;
    json entry = result["indicators"][index];
    const json& source = pack_->document["indicators"][index];
    for (const char* k : {"text", "help", "answer", "scoring", "legal_basis"}) {
        if (source.contains(k)) entry[k] = source[k];
    }
    json evidence = json::array();
    const Answer& answer = s.load.answers.answers[index];
    for (const EvidenceRequirement& req : ind->evidence) {
        json e = {{"id", req.id}, {"document", {{"id", req.document.id}, {"en", req.document.en.empty() ? req.document.id : req.document.en}}},
                  {"signer", {{"id", req.signer.id}, {"en", req.signer.en.empty() ? req.signer.id : req.signer.en}}},
                  {"required", req.required}, {"status", "missing"}, {"reference", ""}};
        for (const EvidenceItem& item : answer.evidence) {
            if (item.id == req.id) {
                e["status"] = item.ready ? "ready" : "missing";
                e["reference"] = item.reference;
            }
        }
        evidence.push_back(std::move(e));
    }
    entry["evidence"] = std::move(evidence);
    const Text why = explain_indicator(*ind, answer, s.result.indicators[index]);
    entry["explanation"] = {{"id", why.id}, {"en", why.en.empty() ? why.id : why.en}};
    entry["right_score"] = result["rights"][ind->right]["score"];
    std::string out = "{\"ok\":true,\"indicator\":";
    out += entry.dump();
    out += "}";
    return out;
}

std::string Engine::import_csv(std::string_view csv_bytes, std::string_view options_json) const {
    CsvImport imported = import_csv_pack(csv_bytes, pack_.get(), options_json);
    if (!imported.diagnostics.ok()) return failure(imported.diagnostics);
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("pack").raw(imported.document.dump()).key("sha256").string(imported.sha256);
    w.key("encoding").string(encoding_id(imported.encoding));
    write_diagnostics(w, imported.diagnostics);
    w.end_object();
    return w.take();
}

std::string Engine::gap(std::string_view answers_json, std::string_view options_json) const {
    if (!pack_) return no_pack();
    GapOptions options;
    if (!options_json.empty()) {
        ParsedJson parsed = parse_json_text(options_json, "opsi", "options");
        if (!parsed.ok || !parsed.value.is_object()) {
            return single_error("gap.options", "$", "Opsi analisis celah tidak sah.", "The gap-analysis options are not valid.");
        }
        const json& o = parsed.value;
        if (auto it = o.find("target"); it != o.end() && !it->is_null()) {
            const FixedResult t = it->is_number() ? to_fixed(*it, 2) : FixedResult{0, FixedError::not_number};
            if (t.error || t.value < 0 || t.value > 10000) {
                return single_error("gap.target", "$.target", "Target harus angka 0–100 (paling banyak 2 desimal).",
                                    "The target must be a number 0–100 (at most 2 decimals).");
            }
            options.target_cents = t.value;
        }
        if (auto it = o.find("basis"); it != o.end()) {
            const std::string basis = it->is_string() ? it->get<std::string>() : "";
            if (basis == "claimed") options.basis = GapBasis::claimed;
            else if (basis == "evidenced") options.basis = GapBasis::evidenced;
            else {
                return single_error("gap.basis", "$.basis", "basis harus \"claimed\" atau \"evidenced\".",
                                    "basis must be \"claimed\" or \"evidenced\".");
            }
        }
        if (auto it = o.find("effort"); it != o.end() && !it->is_null()) {
            if (!it->is_object()) {
                return single_error("gap.effort", "$.effort", "effort harus objek {kode indikator: usaha}.",
                                    "effort must be an object {indicator id: effort}.");
            }
            for (auto e = it->begin(); e != it->end(); ++e) {
                const std::string p = path_key("$.effort", e.key());
                if (pack_->find_indicator(e.key()) == nullptr) {
                    return single_error("gap.effort.unknown_indicator", p, "Indikator \"" + e.key() + "\" tidak ada di paket.",
                                        "Indicator \"" + e.key() + "\" is not in the pack.");
                }
                if (!e->is_number_integer() || e->get<std::int64_t>() < 1 || e->get<std::int64_t>() > 1000) {
                    return single_error("gap.effort.value", p, p + " harus bilangan bulat 1–1000.", p + " must be a whole number 1–1000.");
                }
                options.effort[e.key()] = e->get<std::int64_t>();
            }
        }
    }
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    if (!s.result.assessable) {
        return single_error("gap.not_assessable", "$.answers",
                            "Tidak ada hak yang bisa dinilai (semua indikator tidak berlaku), jadi tidak ada celah untuk dihitung.",
                            "No right can be scored (every indicator is not applicable), so there is no gap to compute.");
    }
    const GapResult result = analyse_gap(*pack_, s.load.answers, s.result, options);
    if (!result.ok) return single_error(result.error_code, "", result.error_id, result.error_en);
    return gap_json(*pack_, s.load.answers, result, options.basis);
}

std::string Engine::evidence_plan(std::string_view answers_json) const {
    if (!pack_) return no_pack();
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    return evidence_plan_json(*pack_, s.load.answers, s.result);
}

std::string Engine::summary(std::string_view answers_json) const {
    if (!pack_) return no_pack();
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    return summary_json(*pack_, s.load.answers, s.result);
}

std::string Engine::compare(std::string_view summaries_json) { return compare_json(summaries_json); }

std::string Engine::migrate(std::string_view old_answers_json, std::string_view mapping_json) const {
    if (!pack_) return no_pack();
    return migrate_answers_json(*pack_, old_answers_json, mapping_json);
}

std::string Engine::year_over_year(std::string_view previous_result, std::string_view current_result) {
    return year_over_year_json(previous_result, current_result);
}

std::string Engine::evidence_check(std::string_view answers_json, std::string_view files_json) const {
    if (!pack_) return no_pack();
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    std::vector<FoundFile> files;
    Diagnostics d;
    if (!read_files_request(files_json, files, d)) return failure(d);
    return evidence_check_json(*pack_, s.load.answers, files);
}

std::string Engine::gate(std::string_view answers_json, std::string_view files_json) const {
    if (!pack_) return no_pack();
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    if (files_json.empty()) return gate_json(*pack_, s.load.answers, nullptr);
    std::vector<FoundFile> files;
    Diagnostics d;
    if (!read_files_request(files_json, files, d)) return failure(d);
    return gate_json(*pack_, s.load.answers, &files);
}

std::string Engine::package(std::string_view answers_json, std::string_view request_json) const {
    if (!pack_) return no_pack();
    Scored s;
    std::string error;
    if (!score_answers(*pack_, answers_json, s, error)) return error;
    PackageRequest request;
    Diagnostics d;
    if (!read_package_request(request_json, request, d)) return failure(d);
    request.software_agent = "kkpham " + std::string(kEngineVersion);
    return package_json(*pack_, s.load.answers, answers_json, result_json(*pack_, s.load.answers, s.result), s.result, request);
}

std::string Engine::verify_package(std::string_view listing_json) const {
    if (!pack_) return no_pack();
    PackageListing listing;
    Diagnostics d;
    if (!read_package_listing(listing_json, listing, d)) return failure(d);
    return verify_package_json(*pack_, listing);
}

std::string Engine::split(std::string_view master_json, std::string_view options_json) const {
    if (!pack_) return no_pack();
    return offices::split_json(*pack_, master_json, options_json);
}

std::string Engine::merge(std::string_view master_json, std::string_view returns_json, std::string_view options_json) const {
    if (!pack_) return no_pack();
    return offices::merge_json(*pack_, master_json, returns_json, options_json);
}

std::string Engine::office_status(std::string_view master_json) const {
    if (!pack_) return no_pack();
    return offices::office_status_json(*pack_, master_json);
}

std::string Engine::offices(std::string_view answers_json) const {
    if (!pack_) return no_pack();
    return offices::offices_json(*pack_, answers_json);
}

std::string Engine::workbook_layout(std::string_view answers_json) const {
    if (!pack_) return no_pack();
    return workbook::workbook_layout_json(*pack_, answers_json);
}

std::string Engine::read_workbook(std::string_view cells_json, std::string_view options_json) const {
    if (!pack_) return no_pack();
    return workbook::read_workbook_json(*pack_, cells_json, options_json);
}

}  // namespace kkpham
