#include "offices/master.hpp"

#include <utility>

#include "json/json_text.hpp"
#include "offices/entry.hpp"
#include "util/sha256.hpp"

namespace kkpham::offices {

bool read_master(const Pack& pack, std::string_view text, Master& out, Diagnostics& diagnostics) {
    AnswersLoad load = load_answers_text(text, pack);
    for (const Diagnostic& w : load.diagnostics.warnings()) {
        diagnostics.warning(w.code, w.path, w.message_id, w.message_en);
    }
    if (!load.diagnostics.ok()) {
        for (const Diagnostic& e : load.diagnostics.errors()) diagnostics.add_error(e);
        return false;
    }
    out.answers = std::move(load.answers);
    ParsedJson parsed = parse_json_text(text, "jawaban", "answers");
    if (!parsed.ok || !parsed.value.is_object()) {  // cannot happen after a valid read; kept as a guard
        diagnostics.add_error(parsed.error);
        return false;
    }
    out.doc = std::move(parsed.value);
    if (out.doc.contains("scope")) {
        diagnostics.error("offices.master_is_package", "$.scope",
                          "Berkas ini adalah paket OPD (ada $.scope), bukan berkas induk penilaian. Pilih berkas jawaban induk.",
                          "This file is an office package (it has $.scope), not the master assessment. Choose the master answers file.");
        return false;
    }
    if (const auto it = out.doc.find("coordination"); it != out.doc.end() && !it->is_null()) {
        if (!read_coordination(*it, pack, out.coordination, diagnostics)) return false;
    }
    out.assessment_id = out.coordination.assessment_id;
    if (out.assessment_id.empty()) {
        // What identifies the assessment, not its answers: editing the master between a split and
        // a merge does not orphan the packages.
        const json identity = {{"pack", out.answers.pack_sha256}, {"region", out.doc.value("region", json())},
                               {"data_year", out.answers.data_year}};
        out.assessment_id = "a" + sha256_hex("kkpham-assessment\n" + identity.dump()).substr(0, 16);
    }
    return true;
}

json master_entry(const Master& master, const std::string& indicator) {
    const auto answers = master.doc.find("answers");
    if (answers == master.doc.end() || !answers->is_object()) return json::object();
    const auto it = answers->find(indicator);
    return it == answers->end() ? json::object() : normalized_entry(*it);
}

}  // namespace kkpham::offices
