#include "forms/workbook_read.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "forms/csv_cells.hpp"
#include "forms/workbook_layout.hpp"
#include "forms/workbook_values.hpp"
#include "json/json_text.hpp"
#include "model/answers.hpp"
#include "util/exact.hpp"

namespace kkpham::workbook {

namespace {

using json = nlohmann::json;

using SheetDump = std::map<std::string, DumpCell>;
using Dump = std::map<std::string, SheetDump>;

// Reports problems with the cell they concern, in plain words.
class Report {
public:
    explicit Report(Diagnostics& d) : d_(d) {}
    void cell(const std::string& code, std::string_view sheet, int row, int column, const std::string& what_id,
              const std::string& what_en, const std::string& id, const std::string& en) {
        const std::string ref = sheet_cell(sheet, row, column);
        d_.error(code, ref, "Sel " + ref + (what_id.empty() ? "" : " (" + what_id + ")") + ": " + id,
                 "Cell " + ref + (what_en.empty() ? "" : " (" + what_en + ")") + ": " + en);
    }
    void sheet(const std::string& code, const std::string& where, const std::string& id, const std::string& en) {
        d_.error(code, where, id, en);
    }
    bool ok() const { return d_.ok(); }

private:
    Diagnostics& d_;
};

bool read_dump(std::string_view text, Dump& dump, Diagnostics& d) {
    const ParsedJson parsed = parse_json_text(text, "isi buku kerja", "workbook cells");
    if (!parsed.ok) {
        d.add_error(parsed.error);
        return false;
    }
    const json& root = parsed.value;
    if (!root.is_object() || !root.contains("sheets") || !root["sheets"].is_object()) {
        d.error("workbook.dump", "$.sheets", "Isi buku kerja tidak terbaca (tidak ada daftar lembar).",
                "The workbook's cells could not be read (no list of sheets).");
        return false;
    }
    for (const auto& [name, cells] : root["sheets"].items()) {
        SheetDump& sheet = dump[name];
        if (!cells.is_object()) continue;
        for (const auto& [ref, cell] : cells.items()) {
            if (!cell.is_object() || !cell.contains("t") || !cell["t"].is_string()) continue;
            DumpCell c;
            c.type = cell["t"].get<std::string>();
            if (cell.contains("v") && cell["v"].is_string()) c.text = cell["v"].get<std::string>();
            if (c.type == "s") c.text = csv_cells::trim(c.text);
            if (c.type == "s" && c.text.empty()) continue;
            sheet.emplace(ref, std::move(c));
        }
    }
    return true;
}

const DumpCell* find(const Dump& dump, std::string_view sheet, int row, int column) {
    auto s = dump.find(std::string(sheet));
    if (s == dump.end()) return nullptr;
    auto c = s->second.find(cell_ref(row, column));
    return c == s->second.end() ? nullptr : &c->second;
}

std::string shown(const DumpCell* c) { return c == nullptr ? "" : c->text; }

// The answers file embedded in the hidden sheet, or nothing (a foreign workbook).
bool read_embedded(const Pack& pack, const Dump& dump, json& document, Diagnostics& d) {
    const DumpCell* magic = find(dump, kMachineSheet, 1, 0);
    if (magic == nullptr || magic->text != kMagic || find(dump, kFormSheet, 1, kCode) == nullptr) {
        d.error("workbook.foreign", std::string(kFormSheet),
                "Buku kerja ini bukan buatan kkpham (tidak ada lembar \"Isian\" dengan kunci kkpham). Buka buku kerja yang "
                "diunduh dari kkpham, atau impor formulir resmi lewat \"Untuk Kanwil\".",
                "This workbook was not made by kkpham (no \"Isian\" sheet with kkpham's keys). Open a workbook downloaded "
                "from kkpham, or import the official form under \"For Kanwil\".");
        return false;
    }
    if (shown(find(dump, kMachineSheet, 1, 1)) != std::to_string(kLayoutVersion)) {
        d.error("workbook.version", sheet_cell(kMachineSheet, 1, 1),
                "Buku kerja ini dibuat oleh versi kkpham lain (tata letak " + shown(find(dump, kMachineSheet, 1, 1)) +
                    "). Unduh buku kerja baru dari aplikasi ini.",
                "This workbook was made by another kkpham version (layout " + shown(find(dump, kMachineSheet, 1, 1)) +
                    "). Download a new workbook from this app.");
        return false;
    }
    const std::string pack_id = shown(find(dump, kMachineSheet, 3, 1));
    const std::string pack_version = shown(find(dump, kMachineSheet, 4, 1));
    const std::string pack_sha = shown(find(dump, kMachineSheet, 5, 1));
    const std::string where = sheet_cell(kCoverSheet, 6, 1);
    if (pack_id != pack.id) {
        d.error("workbook.other_pack", where,
                "Sel " + where + ": buku kerja ini dibuat untuk paket kriteria \"" + pack_id + "\", bukan \"" + pack.id +
                    "\" yang sedang dipakai. Buka paket kriteria yang sesuai terlebih dahulu.",
                "Cell " + where + ": this workbook was made for criteria pack \"" + pack_id + "\", not \"" + pack.id +
                    "\", the one in use. Open the matching criteria pack first.");
        return false;
    }
    if (pack_sha != pack.sha256) {
        const std::string sha_cell = sheet_cell(kCoverSheet, 7, 1);
        d.error("workbook.other_edition", sha_cell,
                "Sel " + sha_cell + ": buku kerja ini dibuat untuk edisi lain paket \"" + pack.id + "\" (versi " + pack_version +
                    ", sedang dipakai versi " + pack.version + "). Pindahkan jawaban ke edisi baru lewat \"Tahun lalu\", "
                    "lalu unduh buku kerja baru.",
                "Cell " + sha_cell + ": this workbook was made for another edition of pack \"" + pack.id + "\" (version " +
                    pack_version + ", in use: version " + pack.version + "). Carry the answers over to the new edition, then "
                    "download a new workbook.");
        return false;
    }
    std::string text;
    const std::string count_text = shown(find(dump, kMachineSheet, 6, 1));
    int count = 0;
    for (char c : count_text) count = c >= '0' && c <= '9' && count < 10000 ? count * 10 + (c - '0') : 10001;
    for (int i = 0; i < count && count <= 10000; ++i) text += shown(find(dump, kMachineSheet, kFirstChunkRow + i, 0));
    ParsedJson parsed = parse_json_text(text, "berkas jawaban di dalam buku kerja", "answers file inside the workbook");
    if (count == 0 || count > 10000 || !parsed.ok || !parsed.value.is_object()) {
        d.error("workbook.damaged", std::string(kMachineSheet),
                "Kunci tersembunyi buku kerja ini rusak atau diubah, jadi isiannya tidak dapat dicocokkan dengan tepat. "
                "Unduh buku kerja baru dan salin isian ke sana.",
                "This workbook's hidden keys are damaged or were changed, so its entries cannot be matched exactly. "
                "Download a new workbook and copy the entries into it.");
        return false;
    }
    document = std::move(parsed.value);
    return true;
}

// Every locked cell must still show what the layout put there.
void check_locked(const Layout& layout, const Dump& dump, Report& report) {
    for (const Sheet& sheet : layout.sheets) {
        if (sheet.name == kMachineSheet || sheet.name == kListSheet) continue;
        std::map<std::string, const Cell*> expected;
        for (const Cell& c : sheet.cells) expected.emplace(cell_ref(c.row, c.column), &c);
        std::set<std::string> refs;
        for (const auto& [ref, cell] : expected) refs.insert(ref);
        auto s = dump.find(sheet.name);
        if (s != dump.end()) {
            for (const auto& [ref, cell] : s->second) refs.insert(ref);
        }
        for (const std::string& ref : refs) {
            auto e = expected.find(ref);
            if (e != expected.end() && e->second->open) continue;
            const std::string want = e == expected.end() ? "" : csv_cells::trim(e->second->text);
            const DumpCell* got = nullptr;
            if (s != dump.end()) {
                auto g = s->second.find(ref);
                if (g != s->second.end()) got = &g->second;
            }
            if (shown(got) == want) continue;
            const std::string where = sheet.name + "!" + ref;
            report.sheet("workbook.locked_changed", where,
                         "Sel " + where + " terkunci dan isinya diubah (seharusnya \"" + clip(want, 80) + "\", tertulis \"" +
                             clip(shown(got), 80) + "\"). Kembalikan isinya atau unduh buku kerja baru; baris dan "
                             "kolom tidak boleh disisipkan, dihapus atau diurutkan ulang.",
                         "Cell " + where + " is locked and was changed (expected \"" + clip(want, 80) + "\", found \"" +
                             clip(shown(got), 80) + "\"). Restore it or download a new workbook; rows and columns must "
                             "not be inserted, deleted or re-sorted.");
        }
    }
}

bool same_as_layout(const Layout& layout, int row, int column, const DumpCell* got) {
    const Sheet& form = layout.sheets[1];
    for (const Cell& c : form.cells) {
        if (c.row == row && c.column == column) return shown(got) == csv_cells::trim(c.text);
    }
    return got == nullptr;
}

json& evidence_item(json& entry, const std::string& id) {
    if (!entry.contains("evidence") || !entry["evidence"].is_array()) entry["evidence"] = json::array();
    for (json& e : entry["evidence"]) {
        if (e.is_object() && e.value("id", "") == id) return e;
    }
    entry["evidence"].push_back({{"id", id}, {"status", "missing"}});
    return entry["evidence"].back();
}

// Applies the open cells of "Isian" to the embedded answers; returns the ids that changed.
std::set<std::string> apply_form(const Pack& pack, const Layout& layout, const Dump& dump, json& document, Report& report) {
    std::set<std::string> changed;
    if (!document.contains("answers") || !document["answers"].is_object()) document["answers"] = json::object();
    json& answers = document["answers"];
    for (const Row& r : layout.rows) {
        const Indicator& ind = pack.indicators[r.indicator];
        json before = answers.contains(ind.id) ? answers[ind.id] : json::object();
        json entry = before;
        if (r.evidence == SIZE_MAX) {
            const DumpCell* answer = find(dump, kFormSheet, r.row, kAnswer);
            const DumpCell* na = find(dump, kFormSheet, r.row, kNotApplicable);
            const DumpCell* note = find(dump, kFormSheet, r.row, kNote);
            if (!same_as_layout(layout, r.row, kAnswer, answer)) {
                json value;
                std::string why_id, why_en;
                if (!answer_value(ind, answer, value, why_id, why_en)) {
                    report.cell("workbook.value", kFormSheet, r.row, kAnswer, ind.id + ", Jawaban", ind.id + ", answer", why_id, why_en);
                    continue;
                }
                entry["value"] = value;
                entry.erase("numerator");
                entry.erase("denominator");
            }
            if (ind.na_allowed && !same_as_layout(layout, r.row, kNotApplicable, na)) {
                if (na != nullptr && !is_yes(na)) {
                    report.cell("workbook.value", kFormSheet, r.row, kNotApplicable, ind.id + ", Tidak berlaku",
                                ind.id + ", not applicable", quoted(na->text, 80) + " bukan Ya; biarkan kosong bila indikator berlaku.",
                                quoted(na->text, 80) + " is not Ya (yes); leave it empty when the indicator applies.");
                    continue;
                }
                if (is_yes(na)) entry["na"] = true;
                else entry.erase("na");
            }
            if (entry.value("na", false) && answer != nullptr) {
                report.cell("workbook.na_and_value", kFormSheet, r.row, kNotApplicable, ind.id + ", Tidak berlaku",
                            ind.id + ", not applicable",
                            "indikator ditandai tidak berlaku tetapi kolom Jawaban juga diisi; kosongkan salah satunya.",
                            "the indicator is marked not applicable but its answer is filled in too; empty one of them.");
                continue;
            }
            if (entry.value("na", false)) entry["value"] = nullptr;
            if (!same_as_layout(layout, r.row, kNote, note)) {
                if (note == nullptr) entry.erase("note");
                else entry["note"] = free_text(*note);
            }
        } else {
            const EvidenceRequirement& req = ind.evidence[r.evidence];
            const DumpCell* status = find(dump, kFormSheet, r.row, kEvidenceStatus);
            const DumpCell* reference = find(dump, kFormSheet, r.row, kEvidenceReference);
            if (!same_as_layout(layout, r.row, kEvidenceStatus, status)) {
                const std::string v = lower_ascii(shown(status));
                if (v != "ada" && v != "belum" && !v.empty()) {
                    report.cell("workbook.value", kFormSheet, r.row, kEvidenceStatus, ind.id + ", Data dukung",
                                ind.id + ", evidence", quoted(shown(status), 80) + " bukan Ada atau Belum.",
                                quoted(shown(status), 80) + " is not Ada (present) or Belum (not yet).");
                    continue;
                }
                evidence_item(entry, req.id)["status"] = v == "ada" ? "ready" : "missing";
            }
            if (!same_as_layout(layout, r.row, kEvidenceReference, reference)) {
                json& item = evidence_item(entry, req.id);
                if (reference == nullptr) item.erase("reference");
                else item["reference"] = free_text(*reference);
            }
        }
        if (entry != before) {
            answers[ind.id] = entry;
            changed.insert(ind.id);
        }
    }
    return changed;
}

void apply_cover(const Dump& dump, json& document) {
    const char* keys[] = {"name", "nip", "position", "contact"};
    json filled = json::object();
    for (int i = 0; i < 4; ++i) {
        const DumpCell* c = find(dump, kCoverSheet, 17 + i, 1);
        if (c != nullptr && !c->text.empty()) filled[keys[i]] = c->text;
    }
    if (!filled.empty()) document["scope"]["filled_by"] = filled;
}

std::string option_time(const json& options, const char* key) {
    if (!options.is_object() || !options.contains(key) || !options[key].is_string()) return "";
    const std::string t = options[key].get<std::string>();
    return t.size() >= 20 && t.size() <= 30 && t[4] == '-' && t[10] == 'T' && t.back() == 'Z' ? t : "";
}

}  // namespace

std::string read_workbook_json(const Pack& pack, std::string_view cells_text, std::string_view options_text) {
    Diagnostics d;
    Dump dump;
    if (!read_dump(cells_text, dump, d)) return failure_json(d);
    json document;
    if (!read_embedded(pack, dump, document, d)) return failure_json(d);
    const std::string embedded = document.dump();
    AnswersLoad original = load_answers_text(embedded, pack);
    if (!original.diagnostics.ok()) {
        d.error("workbook.damaged", std::string(kMachineSheet),
                "Berkas jawaban di dalam buku kerja ini tidak sah lagi; unduh buku kerja baru.",
                "The answers file inside this workbook is no longer valid; download a new workbook.");
        return failure_json(d);
    }
    const Layout layout = build_layout(pack, document, original.answers);
    Report report(d);
    check_locked(layout, dump, report);
    if (!report.ok()) return failure_json(d);
    const std::set<std::string> changed = apply_form(pack, layout, dump, document, report);
    if (!report.ok()) return failure_json(d);
    if (layout.kind == "office-package") apply_cover(dump, document);
    const json options = options_text.empty() ? json::object() : json::parse(options_text, nullptr, false);
    if (!changed.empty() && !option_time(options, "updated_at").empty()) document["updated_at"] = option_time(options, "updated_at");
    if (layout.kind == "office-package" && !option_time(options, "returned_at").empty()) {
        document["scope"]["returned_at"] = option_time(options, "returned_at");
    }
    const std::string text = document.dump();
    const AnswersLoad check = load_answers_text(text, pack);
    if (!check.diagnostics.ok()) {
        // Name the row of the indicator an engine check refused.
        for (const Diagnostic& e : check.diagnostics.errors()) {
            Diagnostic m = e;
            for (const Row& r : layout.rows) {
                const std::string prefix = "$.answers." + pack.indicators[r.indicator].id;
                if (r.evidence == SIZE_MAX && e.path.compare(0, prefix.size(), prefix) == 0) {
                    m.path = sheet_cell(kFormSheet, r.row, kAnswer);
                    m.message_id = "Sel " + m.path + ": " + e.message_id;
                    m.message_en = "Cell " + m.path + ": " + e.message_en;
                }
            }
            d.add_error(std::move(m));
        }
        return failure_json(d);
    }
    json changed_ids = json::array();
    for (const std::string& id : changed) changed_ids.push_back(id);
    json out = {{"ok", true}, {"format", "kkpham-workbook-read"}, {"kind", layout.kind}, {"changed", std::move(changed_ids)}};
    std::string head = out.dump();
    head.pop_back();
    return head + ",\"answers\":" + text + "}";
}

}  // namespace kkpham::workbook
