#include "offices/returns.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "json/json_text.hpp"
#include "model/answers.hpp"
#include "offices/entry.hpp"
#include "util/sha256.hpp"

namespace kkpham::offices {

namespace {

constexpr std::size_t kMaxReturns = 500;

std::string str(const json& doc, const char* key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string region_text(const json& region) {
    if (!region.is_object()) return "-";
    std::string out = str(region, "name");
    const std::string code = str(region, "code");
    if (!code.empty()) out += " (" + code + ")";
    return out;
}

std::string year_text(const json& doc) {
    const auto it = doc.find("data_year");
    return it != doc.end() && it->is_number_integer() ? std::to_string(it->get<std::int64_t>()) : std::string("-");
}

// Line and column of the key `"<key>":` in a JSON text, searched from `from` (0 and npos when it is
// not there): where a refusal found on the tree points in the file. The first match is the right
// one for the top-level keys asked for (a quote inside a string value is always escaped).
std::size_t key_offset(std::string_view text, std::string_view key, std::size_t from = 0) {
    const std::string quoted = "\"" + std::string(key) + "\"";
    for (std::size_t at = text.find(quoted, from); at != std::string_view::npos; at = text.find(quoted, at + 1)) {
        std::size_t i = at + quoted.size();
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
        if (i < text.size() && text[i] == ':') return at;
    }
    return std::string_view::npos;
}

void locate(Diagnostics& why, std::string_view text, std::size_t offset) {
    if (offset == std::string_view::npos || why.errors().empty()) return;
    Diagnostic d = why.errors().back();
    line_column(text, offset, d.line, d.column);
    Diagnostics located;
    for (std::size_t i = 0; i + 1 < why.errors().size(); ++i) located.add_error(why.errors()[i]);
    located.add_error(std::move(d));
    why = std::move(located);
}

// Checks one returned file; refusal reasons go to `why`.
bool check_return(const Pack& pack, const Master& master, std::string_view text, Return& r, Diagnostics& why) {
    AnswersLoad load = load_answers_text(text, pack);
    if (!load.diagnostics.ok()) {
        for (const Diagnostic& e : load.diagnostics.errors()) why.add_error(e);
        return false;
    }
    ParsedJson parsed = parse_json_text(text, "jawaban", "answers");
    if (!parsed.ok || !parsed.value.is_object()) {
        why.add_error(parsed.error);
        return false;
    }
    r.doc = std::move(parsed.value);
    const auto scope = r.doc.find("scope");
    if (scope == r.doc.end()) {
        why.error("merge.not_a_package", "$",
                  "Berkas ini berkas jawaban biasa, bukan paket OPD yang dikembalikan (tidak ada $.scope). Gabungkan hanya paket yang dibuat "
                  "dengan \"pecah per OPD\" dari berkas induk ini.",
                  "This is a plain answers file, not a returned office package (it has no $.scope). Merge only packages made with "
                  "\"split by office\" from this master.");
        return false;
    }
    if (!read_scope(*scope, pack, r.scope, why)) return false;
    const json master_region = master.doc.value("region", json());
    const json region = r.doc.value("region", json());
    bool same_region = region.is_object() && master_region.is_object();
    for (const char* k : {"name", "kind", "code", "province"}) {
        if (same_region && str(region, k) != str(master_region, k)) same_region = false;
    }
    if (!same_region) {
        why.error("merge.other_region", "$.region",
                  "Paket ini untuk daerah lain: " + region_text(region) + ", bukan " + region_text(master_region) +
                      " seperti berkas induk. Berkas tidak digabung.",
                  "This package is for another region: " + region_text(region) + ", not " + region_text(master_region) +
                      " as the master. The file was not merged.");
        locate(why, text, key_offset(text, "region"));
    }
    if (year_text(r.doc) != year_text(master.doc)) {
        why.error("merge.other_year", "$.data_year",
                  "Paket ini untuk tahun data " + year_text(r.doc) + ", bukan " + year_text(master.doc) + " seperti berkas induk. Berkas tidak digabung.",
                  "This package is for data year " + year_text(r.doc) + ", not " + year_text(master.doc) + " as the master. The file was not merged.");
        locate(why, text, key_offset(text, "data_year"));
    }
    if (!r.scope.assessment_id.empty() && r.scope.assessment_id != master.assessment_id) {
        why.error("merge.other_assessment", "$.scope.assessment_id",
                  "Paket ini dibuat dari penilaian lain (tanda \"" + r.scope.assessment_id + "\"; berkas induk ini \"" + master.assessment_id +
                      "\"). Gabungkan paket yang dipecah dari berkas induk ini, atau buka berkas induk yang benar.",
                  "This package was made from another assessment (id \"" + r.scope.assessment_id + "\"; this master \"" + master.assessment_id +
                      "\"). Merge packages split from this master, or open the right master.");
        const std::size_t scope_at = key_offset(text, "scope");
        locate(why, text, scope_at == std::string_view::npos ? scope_at : key_offset(text, "assessment_id", scope_at));
    }
    if (!why.ok()) return false;
    r.source.office = pack.offices[r.scope.office].id;
    r.source.package = r.scope.package_id;
    r.source.file = r.file;
    r.source.filled_by = r.scope.filled_by;
    // The time of a return: scope.returned_at (set on "kirim kembali"), else updated_at, else made_at.
    r.source.returned_at = r.scope.returned_at;
    if (r.source.returned_at.empty()) {
        const std::string updated = str(r.doc, "updated_at");
        r.source.returned_at = time_key(updated) ? updated : r.scope.made_at;
    }
    r.time = time_key(r.source.returned_at).value_or("");
    r.sha256 = sha256_hex(r.doc.dump());
    return true;
}

}  // namespace

bool read_returns(const Pack& pack, const Master& master, std::string_view returns_text, std::vector<Return>& accepted,
                  std::vector<Refusal>& refused, Diagnostics& diagnostics) {
    JsonLimits limits;
    limits.max_bytes = 64u * 1024u * 1024u;
    limits.max_tree_bytes = 160u * 1024u * 1024u;
    ParsedJson list = parse_json_text(returns_text.empty() ? std::string_view("[]") : returns_text, "daftar berkas kembali",
                                      "list of returned files", limits);
    if (!list.ok) {
        diagnostics.add_error(list.error);
        return false;
    }
    if (!list.value.is_array() || list.value.size() > kMaxReturns) {
        diagnostics.error("merge.returns", "$",
                          "Daftar berkas kembali harus [{\"file\": nama, \"text\": isi}, …], paling banyak " + std::to_string(kMaxReturns) + " berkas.",
                          "The list of returned files must be [{\"file\": name, \"text\": content}, …], at most " + std::to_string(kMaxReturns) + " files.");
        return false;
    }
    for (std::size_t i = 0; i < list.value.size(); ++i) {
        const json& item = list.value[i];
        const auto file = item.is_object() ? item.find("file") : item.end();
        const auto text = item.is_object() ? item.find("text") : item.end();
        if (!item.is_object() || file == item.end() || !file->is_string() || file->get_ref<const std::string&>().size() > 400 ||
            text == item.end() || !text->is_string()) {
            diagnostics.error("merge.returns", path_index("$", i),
                              path_index("$", i) + " harus {\"file\": nama berkas (paling banyak 400 bita), \"text\": isi berkas}.",
                              path_index("$", i) + " must be {\"file\": file name (at most 400 bytes), \"text\": the file's content}.");
            continue;
        }
        Return r;
        r.file = file->get<std::string>();
        Diagnostics why;
        if (check_return(pack, master, text->get_ref<const std::string&>(), r, why)) {
            accepted.push_back(std::move(r));
        } else {
            Refusal refusal;
            refusal.file = r.file;
            if (r.scope.office != SIZE_MAX) refusal.office = pack.offices[r.scope.office].id;
            refusal.text_sha256 = sha256_hex(text->get_ref<const std::string&>());
            refusal.diagnostics = std::move(why);
            refused.push_back(std::move(refusal));
        }
    }
    if (!diagnostics.ok()) return false;
    // The same order whatever order the files came in.
    std::sort(accepted.begin(), accepted.end(), [](const Return& a, const Return& b) {
        return std::tie(a.source.office, a.time, a.sha256, a.file) < std::tie(b.source.office, b.time, b.sha256, b.file);
    });
    std::sort(refused.begin(), refused.end(),
              [](const Refusal& a, const Refusal& b) { return std::tie(a.file, a.text_sha256) < std::tie(b.file, b.text_sha256); });
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        Return& r = accepted[i];
        for (const ReturnRecord& rec : master.coordination.returns) {
            if (rec.sha256 == r.sha256) r.state = ReturnState::already_merged;
        }
        for (std::size_t j = 0; j < i && r.state == ReturnState::merged; ++j) {
            if (accepted[j].sha256 == r.sha256) r.state = ReturnState::duplicate;
        }
    }
    return true;
}

}  // namespace kkpham::offices
