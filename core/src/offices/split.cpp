#include "offices/split.hpp"

#include <algorithm>
#include <utility>

#include "json/json_text.hpp"
#include "json/json_writer.hpp"
#include "model/json_fields.hpp"
#include "offices/entry.hpp"
#include "offices/master.hpp"
#include "offices/records.hpp"
#include "offices/status.hpp"
#include "util/sha256.hpp"

namespace kkpham::offices {

namespace {

std::string failure(const Diagnostics& d) { return failure_json(d); }

struct SplitOptions {
    std::string made_at, package_id, assessment_id;
    std::size_t office = SIZE_MAX;  // SIZE_MAX: every office with indicators
};

bool read_options(const Pack& pack, std::string_view text, SplitOptions& out, Diagnostics& d) {
    const std::optional<json> options = read_options_object(
        text, "opsi pemecahan", "split options", "objek {\"made_at\", \"office\", …}",
        "an object {\"made_at\", \"office\", …}", {"made_at", "office", "package_id", "assessment_id"}, d);
    if (!options) return false;
    const json& o = *options;
    FieldReader read(d);
    out.made_at = read_options_time(o, "made_at", "split.made_at", d);
    if (auto id = read.identifier(o, "office", "$", Need::optional)) {
        for (std::size_t i = 0; i < pack.offices.size(); ++i) {
            if (pack.offices[i].id == *id) out.office = i;
        }
        if (out.office == SIZE_MAX) {
            d.error("split.unknown_office", "$.office", "OPD \"" + *id + "\" tidak ada dalam daftar OPD paket \"" + pack.id + "\".",
                    "Office \"" + *id + "\" is not in the office list of pack \"" + pack.id + "\".");
        }
    }
    if (auto id = read.identifier(o, "package_id", "$", Need::optional)) {
        out.package_id = *id;
        if (!o.contains("office")) {
            d.error("split.package_id", "$.package_id",
                    "package_id hanya dapat diberikan untuk satu OPD ($.office); tanpa OPD setiap paket mendapat kodenya sendiri.",
                    "package_id can only be given for one office ($.office); without one every package gets its own id.");
        }
    }
    if (auto id = read.identifier(o, "assessment_id", "$", Need::optional)) out.assessment_id = *id;
    return d.ok();
}

std::string derived_package_id(const std::string& assessment_id, const Office& office, const std::string& made_at) {
    return office.id.substr(0, 40) + "-" + sha256_hex(assessment_id + "\n" + office.id + "\n" + made_at).substr(0, 12);
}

}  // namespace

std::string split_json(const Pack& pack, std::string_view master_text, std::string_view options_text) {
    Diagnostics d;
    SplitOptions options;
    if (!read_options(pack, options_text, options, d)) return failure(d);
    Master master;
    if (!read_master(pack, master_text, master, d)) return failure(d);
    if (pack.offices.empty()) {
        d.error("split.no_offices", "$.offices",
                "Paket kriteria \"" + pack.id + "\" tidak menyebut OPD mana pun, jadi penilaian tidak dapat dipecah per OPD.",
                "Criteria pack \"" + pack.id + "\" names no offices, so the assessment cannot be split by office.");
        return failure(d);
    }
    if (!options.assessment_id.empty()) {
        if (!master.coordination.assessment_id.empty() && master.coordination.assessment_id != options.assessment_id) {
            d.error("split.assessment_id", "$.assessment_id",
                    "Berkas induk sudah bertanda penilaian \"" + master.coordination.assessment_id + "\"; paket tidak dapat diberi tanda lain (\"" +
                        options.assessment_id + "\").",
                    "The master already carries assessment id \"" + master.coordination.assessment_id +
                        "\"; packages cannot be given another one (\"" + options.assessment_id + "\").");
            return failure(d);
        }
        master.assessment_id = options.assessment_id;
    }
    master.coordination.assessment_id = master.assessment_id;

    const json* master_answers = nullptr;
    if (auto it = master.doc.find("answers"); it != master.doc.end() && it->is_object()) master_answers = &*it;
    std::vector<std::string> taken;
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-split").key("assessment_id").string(master.assessment_id);
    w.key("packages").begin_array();
    std::size_t made = 0;
    for (std::size_t o = 0; o < pack.offices.size(); ++o) {
        if (options.office != SIZE_MAX && options.office != o) continue;
        const Office& office = pack.offices[o];
        Scope scope;
        scope.office = o;
        scope.assessment_id = master.assessment_id;
        scope.made_at = options.made_at;
        scope.package_id = options.package_id.empty() ? derived_package_id(master.assessment_id, office, options.made_at) : options.package_id;
        json answers = json::object();
        for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
            const Indicator& ind = pack.indicators[i];
            if (!office_responsible(ind, master.answers.answers[i], o)) continue;
            scope.indicators.push_back(i);
            json entry = json::object();
            if (master_answers != nullptr) {
                if (auto e = master_answers->find(ind.id); e != master_answers->end() && !e->is_null()) entry = *e;
            }
            scope.base[ind.id] = entry_sha256(normalized_entry(entry));
            if (!entry.empty()) answers[ind.id] = std::move(entry);
        }
        if (scope.indicators.empty()) {
            if (options.office == SIZE_MAX) continue;
            d.error("split.no_indicators", "$.office",
                    "OPD " + office.short_name + " tidak bertanggung jawab atas indikator mana pun dalam penilaian ini; tidak ada paket yang dibuat.",
                    "Office " + office.short_name + " is responsible for no indicator in this assessment; no package was made.");
            return failure(d);
        }
        json package = json::object();
        package["format"] = "kkpham-answers";
        package["format_version"] = 1;
        for (const char* k : {"pack", "region", "data_year", "assessment_year"}) {
            if (auto it = master.doc.find(k); it != master.doc.end()) package[k] = *it;
        }
        package["answers"] = std::move(answers);
        package["scope"] = scope_json(pack, scope);
        package["updated_at"] = options.made_at;
        const std::string package_text = package.dump();
        // A package always reads as a valid answers file of the pack (the office's app opens it).
        if (AnswersLoad check = load_answers_text(package_text, pack); !check.diagnostics.ok()) return failure(check.diagnostics);

        auto& records = master.coordination.packages;
        records.erase(std::remove_if(records.begin(), records.end(), [&](const PackageRecord& r) { return r.id == scope.package_id; }),
                      records.end());
        records.push_back({scope.package_id, office.id, options.made_at, static_cast<std::int64_t>(scope.indicators.size())});

        w.begin_object().key("office").raw(office_json(office).dump()).key("package_id").string(scope.package_id);
        w.key("file_name").string(package_file_name(office, taken));
        w.key("indicators").integer(static_cast<std::int64_t>(scope.indicators.size()));
        w.key("package").raw(package_text).end_object();
        ++made;
    }
    w.end_array();
    if (made == 0) {
        d.error("split.nothing", "$.answers", "Tidak ada indikator yang dapat dibagikan ke OPD.", "No indicator can be handed to an office.");
        return failure(d);
    }
    master.doc["coordination"] = coordination_json(master.coordination);
    w.key("master").raw(master.doc.dump());
    w.key("status").raw(office_status(pack, master).dump());
    w.end_object();
    return w.take();
}

std::string office_status_json(const Pack& pack, std::string_view master_text) {
    Diagnostics d;
    Master master;
    if (!read_master(pack, master_text, master, d)) return failure(d);
    JsonWriter w;
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-office-status").key("assessment_id").string(master.assessment_id);
    w.key("status").raw(office_status(pack, master).dump()).end_object();
    return w.take();
}

}  // namespace kkpham::offices
