#include "forms/workbook_layout.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "util/exact.hpp"

namespace kkpham::workbook {

namespace {

using json = nlohmann::json;

const char* const kTypeLabels[] = {"Struktur", "Proses", "Hasil"};

std::string column_name(int column) {
    std::string s;
    int c = column + 1;
    while (c > 0) {
        const int rem = (c - 1) % 26;
        s.insert(s.begin(), static_cast<char>('A' + rem));
        c = (c - 1) / 26;
    }
    return s;
}

std::string string_at(const json& doc, std::initializer_list<const char*> keys) {
    const json* node = &doc;
    for (const char* k : keys) {
        if (!node->is_object()) return "";
        auto it = node->find(k);
        if (it == node->end()) return "";
        node = &*it;
    }
    if (node->is_string()) return node->get<std::string>();
    if (node->is_number_integer()) return std::to_string(node->get<std::int64_t>());
    return "";
}

// Builds the cells of one sheet.
class SheetBuilder {
public:
    explicit SheetBuilder(Sheet& sheet) : sheet_(sheet) {}
    void put(int row, int column, std::string text, const char* style, bool open = false, bool number = false) {
        if (text.empty() && !open) return;
        Cell c;
        c.row = row;
        c.column = column;
        c.text = std::move(text);
        c.style = style;
        c.open = open;
        c.number = number;
        sheet_.cells.push_back(std::move(c));
    }

private:
    Sheet& sheet_;
};

// The hidden lists the drop-downs take their choices from, one column per distinct list.
class Lists {
public:
    explicit Lists(Sheet& sheet) : sheet_(sheet) {}
    std::string source(const std::vector<std::string>& choices) {
        std::string key;
        for (const std::string& c : choices) key += c + '\n';
        auto it = columns_.find(key);
        int column = 0;
        if (it == columns_.end()) {
            column = static_cast<int>(columns_.size());
            columns_.emplace(key, column);
            SheetBuilder put(sheet_);
            for (std::size_t i = 0; i < choices.size(); ++i) put.put(static_cast<int>(i) + 1, column, choices[i], "text");
            if (sheet_.widths.size() < static_cast<std::size_t>(column) + 1) sheet_.widths.resize(column + 1, 30);
        } else {
            column = it->second;
        }
        const std::string name = column_name(column);
        return std::string(kListSheet) + "!$" + name + "$1:$" + name + "$" + std::to_string(choices.size());
    }

private:
    Sheet& sheet_;
    std::map<std::string, int> columns_;
};

std::string region_line(const Answers& a) {
    std::string s = a.region.name;
    if (!a.region.province.empty()) s += ", " + a.region.province;
    return s;
}

void build_cover(const Pack& pack, const json& doc, const Answers& answers, bool package, Sheet& sheet) {
    sheet.name = std::string(kCoverSheet);
    sheet.widths = {34, 100};
    sheet.hidden_columns = {false, false};
    sheet.print_landscape = true;
    SheetBuilder put(sheet);
    put.put(1, 0, package ? "Buku kerja OPD — Kabupaten/Kota Peduli HAM" : "Buku kerja penilaian Kabupaten/Kota Peduli HAM", "title");
    sheet.merges.emplace_back("A1:B1");
    put.put(3, 0, "Daerah", "label");
    put.put(3, 1, region_line(answers), "text");
    put.put(4, 0, "Kode wilayah", "label");
    put.put(4, 1, answers.region.code, "text");
    put.put(5, 0, "Tahun data → tahun penilaian", "label");
    put.put(5, 1, "data " + std::to_string(answers.data_year) + " → penilaian " + std::to_string(answers.assessment_year), "text");
    put.put(6, 0, "Paket kriteria", "label");
    put.put(6, 1, pack.title.id + " (" + pack.id + ", versi " + pack.version + ")", "text");
    put.put(7, 0, "SHA-256 paket kriteria", "label");
    put.put(7, 1, pack.sha256, "text");
    put.put(8, 0, "Keterangan paket", "label");
    put.put(8, 1, pack.is_official() ? pack.notice.id
                                     : "Paket acuan, bukan kriteria resmi. " + pack.notice.id, "text");
    put.put(10, 0, "Cara mengisi", "label");
    put.put(10, 1, "Isi lembar \"Isian\": kolom Jawaban (pilih dari daftar atau ketik angka), Tidak berlaku, "
                   "Data dukung (Ada/Belum), Rujukan berkas dan Catatan. Sel lain dikunci. Angka boleh ditulis "
                   "dengan koma desimal (87,5). Simpan sebagai .xlsx lalu buka kembali di kkpham.", "text");
    if (!package) return;
    put.put(12, 0, "OPD", "label");
    const std::string office = string_at(doc, {"scope", "office", "short_name"});
    const std::string office_name = string_at(doc, {"scope", "office", "name", "id"});
    put.put(12, 1, office_name.empty() ? office : office_name + " (" + office + ")", "text");
    put.put(13, 0, "Kode paket kerja", "label");
    put.put(13, 1, string_at(doc, {"scope", "package_id"}), "text");
    put.put(14, 0, "Kode penilaian", "label");
    put.put(14, 1, string_at(doc, {"scope", "assessment_id"}), "text");
    put.put(15, 0, "Dibuat", "label");
    put.put(15, 1, string_at(doc, {"scope", "made_at"}), "text");
    const char* filled_labels[] = {"Diisi oleh: nama", "NIP", "Jabatan", "Kontak (telepon/e-mail)"};
    const char* filled_keys[] = {"name", "nip", "position", "contact"};
    const json* filled = nullptr;
    if (doc.contains("scope") && doc["scope"].is_object() && doc["scope"].contains("filled_by")) filled = &doc["scope"]["filled_by"];
    for (int i = 0; i < 4; ++i) {
        put.put(17 + i, 0, filled_labels[i], "label");
        std::string value;
        if (filled != nullptr && filled->is_object()) value = string_at(*filled, {filled_keys[i]});
        else if (filled != nullptr && filled->is_string() && i == 0) value = filled->get<std::string>();
        put.put(17 + i, 1, value, "answer-text", true);
    }
}

// The indicators a workbook holds: an office package's scope, else all of them.
std::vector<std::size_t> workbook_indicators(const Pack& pack, const json& doc, bool package) {
    std::vector<std::size_t> out;
    if (!package) {
        for (std::size_t i = 0; i < pack.indicators.size(); ++i) out.push_back(i);
        return out;
    }
    std::set<std::size_t> wanted;
    const json& scope = doc["scope"];
    if (scope.contains("indicators") && scope["indicators"].is_array()) {
        for (const json& id : scope["indicators"]) {
            if (!id.is_string()) continue;
            auto it = pack.indicator_index.find(id.get<std::string>());
            if (it != pack.indicator_index.end()) wanted.insert(it->second);
        }
    }
    return {wanted.begin(), wanted.end()};
}

std::string answer_text(const Indicator& ind, const Answer& a, bool& number) {
    number = false;
    if (a.state != AnswerState::answered) return "";
    switch (ind.kind) {
        case AnswerKind::yes_no: return a.yes ? "Ya" : "Tidak";
        case AnswerKind::level: return level_choices(ind)[a.level];
        default: number = true; return format_fixed(a.value, kValueDecimals, 0);
    }
}

void add_validation(Sheet& sheet, int row, int column, std::string type, std::string source, std::string prompt,
                    std::string error, std::string min = "", std::string max = "") {
    Validation v;
    v.row = row;
    v.column = column;
    v.type = std::move(type);
    v.source = std::move(source);
    v.prompt = std::move(prompt);
    v.error = std::move(error);
    v.min = std::move(min);
    v.max = std::move(max);
    sheet.validations.push_back(std::move(v));
}

void answer_validation(const Indicator& ind, int row, Sheet& sheet, Lists& lists) {
    if (ind.kind == AnswerKind::yes_no) {
        add_validation(sheet, row, kAnswer, "list", lists.source({"Ya", "Tidak"}), "Pilih Ya atau Tidak.",
                       "Jawaban indikator " + ind.id + " harus Ya atau Tidak.");
        return;
    }
    if (ind.kind == AnswerKind::level) {
        add_validation(sheet, row, kAnswer, "list", lists.source(level_choices(ind)), "Pilih salah satu tingkat dari daftar.",
                       "Jawaban indikator " + ind.id + " harus salah satu tingkat dari daftar.");
        return;
    }
    const bool whole = ind.kind == AnswerKind::count;
    std::string min = ind.has_range ? format_fixed(ind.range_min, kValueDecimals, 0) : "";
    std::string max = ind.has_range ? format_fixed(ind.range_max, kValueDecimals, 0) : "";
    std::string range = ind.has_range ? " dari " + min + " sampai " + max : "";
    add_validation(sheet, row, kAnswer, whole ? "whole" : "decimal", "",
                   std::string(whole ? "Ketik bilangan bulat" : "Ketik angka") + range + (ind.unit.empty() ? "" : " (" + ind.unit + ")") + ".",
                   "Jawaban indikator " + ind.id + " harus " + (whole ? "bilangan bulat" : "angka") + range + ".", min, max);
}

void build_form(const Pack& pack, const json& doc, const Answers& answers, bool package, Layout& layout, Sheet& sheet,
                Lists& lists) {
    sheet.name = std::string(kFormSheet);
    sheet.widths = {6, 13, 22, 10, 48, 48, 24, 12, 10, 11, 26, 28, 16};
    sheet.hidden_columns.assign(kColumnCount, false);
    sheet.hidden_columns[kKey] = true;
    sheet.freeze_rows = 1;
    sheet.freeze_columns = 2;
    sheet.print_landscape = true;
    sheet.print_title_rows = "1:1";
    sheet.autofilter = "B1:" + cell_ref(1, kOffice);
    SheetBuilder put(sheet);
    const char* headers[] = {"kunci", "Kode", "Hak", "Jenis", "Indikator / data dukung", "Penjelasan", "Jawaban", "Satuan",
                             "Tidak berlaku", "Data dukung", "Rujukan berkas", "Catatan", "OPD"};
    for (int c = 0; c < kColumnCount; ++c) put.put(1, c, headers[c], "header");
    int row = 2;
    for (std::size_t i : workbook_indicators(pack, doc, package)) {
        const Indicator& ind = pack.indicators[i];
        const Answer& a = answers.answers[i];
        layout.rows.push_back(Row{row, i, SIZE_MAX});
        put.put(row, kKey, ind.id, "machine");
        put.put(row, kCode, ind.id, "text");
        put.put(row, kRight, pack.rights[ind.right].name.id, "text");
        put.put(row, kType, kTypeLabels[static_cast<int>(ind.type)], "text");
        put.put(row, kText, ind.text.id, "text");
        put.put(row, kHelp, ind.help.id, "text");
        bool number = false;
        std::string answer = answer_text(ind, a, number);  // sets `number`: before the call that reads it
        put.put(row, kAnswer, std::move(answer), "answer", true, number);
        answer_validation(ind, row, sheet, lists);
        std::string unit = ind.unit;
        if (ind.kind == AnswerKind::level || ind.kind == AnswerKind::yes_no) unit = "pilih dari daftar";
        put.put(row, kUnit, unit, "text");
        if (ind.na_allowed) {
            put.put(row, kNotApplicable, a.state == AnswerState::not_applicable ? "Ya" : "", "answer", true);
            add_validation(sheet, row, kNotApplicable, "list", lists.source({"Ya"}), "Pilih Ya bila indikator ini tidak berlaku di daerah Anda.",
                           "Kolom Tidak berlaku hanya boleh berisi Ya atau kosong.");
        }
        put.put(row, kNote, a.note, "answer-text", true);
        put.put(row, kOffice, responsible_opd(ind, a), "text");
        ++row;
        for (std::size_t e = 0; e < ind.evidence.size(); ++e) {
            const EvidenceRequirement& req = ind.evidence[e];
            const EvidenceItem* item = nullptr;
            for (const EvidenceItem& it : a.evidence) {
                if (it.id == req.id) item = &it;
            }
            layout.rows.push_back(Row{row, i, e});
            put.put(row, kKey, ind.id + "#" + req.id, "machine");
            put.put(row, kCode, ind.id, "text");
            put.put(row, kText, std::string(req.required ? "Data dukung (wajib): " : "Data dukung (tambahan): ") + req.document.id, "text");
            put.put(row, kHelp, "Ditandatangani: " + req.signer.id, "text");
            put.put(row, kEvidenceStatus, item != nullptr && item->ready ? "Ada" : "Belum", "answer", true);
            add_validation(sheet, row, kEvidenceStatus, "list", lists.source({"Ada", "Belum"}),
                           "Ada: dokumen sudah siap. Belum: belum ada.", "Kolom Data dukung harus Ada atau Belum.");
            put.put(row, kEvidenceReference, item != nullptr ? item->reference : "", "answer-text", true);
            ++row;
        }
    }
}

void build_machine(const Pack& pack, const json& doc, const std::string& kind, Sheet& sheet) {
    sheet.name = std::string(kMachineSheet);
    sheet.state = "veryHidden";
    sheet.widths = {20, 70};
    sheet.hidden_columns = {false, false};
    SheetBuilder put(sheet);
    put.put(1, 0, std::string(kMagic), "machine");
    put.put(1, 1, std::to_string(kLayoutVersion), "machine");
    put.put(2, 0, "kind", "machine");
    put.put(2, 1, kind, "machine");
    put.put(3, 0, "pack_id", "machine");
    put.put(3, 1, pack.id, "machine");
    put.put(4, 0, "pack_version", "machine");
    put.put(4, 1, pack.version, "machine");
    put.put(5, 0, "pack_sha256", "machine");
    put.put(5, 1, pack.sha256, "machine");
    // The answers file itself, so that what the workbook does not show (evidence hashes and dates,
    // signatures, the offices' records) comes back unchanged. Cut at UTF-8 character boundaries.
    const std::string text = doc.dump();
    std::size_t start = 0;
    int row = kFirstChunkRow;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + kChunkBytes);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        put.put(row++, 0, text.substr(start, end - start), "machine");
        start = end;
    }
    put.put(6, 0, "answers_chunks", "machine");
    put.put(6, 1, std::to_string(row - kFirstChunkRow), "machine");
}

json cell_json(const Cell& c) {
    json j = {{"ref", cell_ref(c.row, c.column)}, {"style", c.style}};
    if (c.number) j["n"] = c.text;
    else j["s"] = c.text;
    if (c.open) j["open"] = true;
    return j;
}

json sheet_json(const Sheet& s) {
    json columns = json::array();
    for (std::size_t i = 0; i < s.widths.size(); ++i) {
        json c = {{"width", s.widths[i]}};
        if (i < s.hidden_columns.size() && s.hidden_columns[i]) c["hidden"] = true;
        columns.push_back(std::move(c));
    }
    json cells = json::array();
    for (const Cell& c : s.cells) cells.push_back(cell_json(c));
    json validations = json::array();
    for (const Validation& v : s.validations) {
        json j = {{"ref", cell_ref(v.row, v.column)}, {"type", v.type}, {"prompt", v.prompt}, {"error", v.error}};
        if (!v.source.empty()) j["source"] = v.source;
        if (!v.min.empty()) j["min"] = v.min;
        if (!v.max.empty()) j["max"] = v.max;
        validations.push_back(std::move(j));
    }
    json j = {{"name", s.name}, {"state", s.state}, {"protect", s.protect}, {"columns", std::move(columns)},
              {"cells", std::move(cells)}, {"validations", std::move(validations)}, {"merges", s.merges}};
    if (s.freeze_rows > 0 || s.freeze_columns > 0) j["freeze"] = {{"rows", s.freeze_rows}, {"columns", s.freeze_columns}};
    if (s.print_landscape || !s.print_title_rows.empty()) {
        j["print"] = {{"paper", "A4"}, {"orientation", s.print_landscape ? "landscape" : "portrait"}, {"fit_to_width", true}};
        if (!s.print_title_rows.empty()) j["print"]["title_rows"] = s.print_title_rows;
    }
    if (!s.autofilter.empty()) j["autofilter"] = s.autofilter;
    return j;
}

std::string safe_file_part(const std::string& s) {
    std::string out;
    for (char ch : s) {
        const unsigned char u = static_cast<unsigned char>(ch);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-') out += ch;
        else if ((u == ' ' || u == '_' || u == '.') && !out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "kkpham" : out.substr(0, 60);
}

}  // namespace

std::string cell_ref(int row, int column) { return column_name(column) + std::to_string(row); }

std::string sheet_cell(std::string_view sheet, int row, int column) {
    return std::string(sheet) + "!" + cell_ref(row, column);
}

std::vector<std::string> level_choices(const Indicator& indicator) {
    std::vector<std::string> out;
    std::map<std::string, int> seen;
    for (const Level& l : indicator.levels) ++seen[l.label.id];
    for (const Level& l : indicator.levels) {
        out.push_back(seen[l.label.id] > 1 || l.label.id.empty() ? l.id + ". " + l.label.id : l.label.id);
    }
    return out;
}

Layout build_layout(const Pack& pack, const json& document, const Answers& answers) {
    Layout layout;
    const bool package = string_at(document, {"scope", "kind"}) == "office-package";
    layout.kind = package ? "office-package" : "assessment";
    layout.sheets.resize(4);
    Sheet& lists_sheet = layout.sheets[2];
    lists_sheet.name = std::string(kListSheet);
    lists_sheet.state = "hidden";
    Lists lists(lists_sheet);
    build_cover(pack, document, answers, package, layout.sheets[0]);
    build_form(pack, document, answers, package, layout, layout.sheets[1], lists);
    build_machine(pack, document, layout.kind, layout.sheets[3]);
    std::string name = safe_file_part(answers.region.name) + "-data" + std::to_string(answers.data_year);
    if (package) name += "-" + safe_file_part(string_at(document, {"scope", "office", "short_name"}));
    layout.file_name = name + ".xlsx";
    return layout;
}

std::string workbook_layout_json(const Pack& pack, std::string_view answers_text) {
    AnswersLoad load = load_answers_text(answers_text, pack);
    if (!load.diagnostics.ok()) return failure_json(load.diagnostics);
    json document = json::parse(answers_text, nullptr, false);
    if (document.is_discarded()) return failure_json(load.diagnostics);
    const Layout layout = build_layout(pack, document, load.answers);
    json sheets = json::array();
    for (const Sheet& s : layout.sheets) sheets.push_back(sheet_json(s));
    json out = {{"ok", true}, {"format", "kkpham-workbook-layout"}, {"layout_version", kLayoutVersion},
                {"kind", layout.kind}, {"file_name", layout.file_name}, {"sheets", std::move(sheets)}};
    return out.dump();
}

}  // namespace kkpham::workbook
