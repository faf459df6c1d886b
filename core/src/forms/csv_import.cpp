// Turning a CSV form's rows into a criteria pack document, then validating it as a pack.
// Reading the table is forms/csv_table.cpp; each cell, forms/csv_cells.cpp.
#include "forms/csv_import.hpp"

#include <algorithm>
#include <map>

#include "forms/csv_cells.hpp"
#include "forms/csv_offices.hpp"
#include "forms/text_encoding.hpp"
#include "json/json_text.hpp"
#include "util/exact.hpp"

namespace kkpham {
namespace {

using json = nlohmann::json;
using csv_cells::lower;
using csv_cells::parse_scoring_cell;
using csv_cells::RowReader;
using csv_cells::split;
using csv_cells::trim;

json default_document() {
    auto basis = [](json value, const char* b, const char* source) {
        return json{{"value", std::move(value)}, {"basis", b}, {"source", source}};
    };
    json doc = json::object();
    doc["format"] = "kkpham-pack";
    doc["format_version"] = 1;
    doc["id"] = "imported-pack";
    doc["version"] = "1";
    doc["title"] = {{"id", "Paket kriteria hasil impor CSV"}, {"en", "Criteria pack imported from CSV"}};
    doc["regulation"] = "Permenkumham 22/2021";
    doc["status"] = "reference";
    doc["notice"] = {{"id", "Paket ini dibuat dari formulir CSV dan belum diperiksa sebagai teks resmi."},
                     {"en", "This pack was made from a CSV form and has not been checked as the official text."}};
    doc["data_years"] = {{"from", 2021}, {"to", nullptr}};
    doc["groups"] = json::array({{{"id", "sipol"}, {"name", {{"id", "Hak Sipil dan Politik"}, {"en", "Civil and political rights"}}}},
                                 {{"id", "ekosob"}, {"name", {{"id", "Hak Ekonomi, Sosial dan Budaya"}, {"en", "Economic, social and cultural rights"}}}}});
    json agg = json::object();
    agg["type_weights"] = basis({{"struktur", 10}, {"proses", 30}, {"hasil", 60}}, "assumed", "Permenkumham 34/2016");
    agg["right_weights"] = basis("equal", "assumed", "");
    agg["total"] = basis("weighted_mean_of_rights", "assumed", "");
    agg["rounding"] = basis({{"decimals", 2}, {"mode", "half_up"}}, "assumed", "");
    agg["missing_answer"] = basis("zero", "assumed", "");
    agg["predicates"] = json::array({
        {{"id", "peduli"}, {"name", {{"id", "Peduli HAM"}, {"en", "Human-rights caring"}}}, {"min", 75}, {"basis", "confirmed"}, {"source", ""}},
        {{"id", "cukup_peduli"}, {"name", {{"id", "Cukup Peduli HAM"}, {"en", "Fairly caring"}}}, {"min", 65}, {"basis", "assumed"}, {"source", ""}},
        {{"id", "mulai_peduli"}, {"name", {{"id", "Mulai Peduli HAM"}, {"en", "Starting to care"}}}, {"min", 50}, {"basis", "assumed"}, {"source", ""}},
        {{"id", "kurang_peduli"}, {"name", {{"id", "Kurang Peduli HAM"}, {"en", "Not yet caring"}}}, {"min", 0}, {"basis", "assumed"}, {"source", ""}}});
    doc["aggregation"] = std::move(agg);
    return doc;
}

const char* const kRequired[] = {"right_id", "right_group", "right_name", "indicator_id", "type", "text",
                                  "answer_kind", "max_points", "scoring", "legal_basis"};
const char* const kOptional[] = {"text_en", "help", "unit", "range_min", "range_max", "na_allowed", "evidence", "opd", "offices"};

// How to save a CSV as UTF-8 from Excel, the end of every encoding message.
constexpr const char* kSaveAsId =
    " Simpan ulang sebagai \"CSV UTF-8\": di Excel, File > Simpan Sebagai > jenis \"CSV UTF-8 (Dibatasi koma) (*.csv)\".";
constexpr const char* kSaveAsEn =
    " Save it again as \"CSV UTF-8\": in Excel, File > Save As > type \"CSV UTF-8 (Comma delimited) (*.csv)\".";

// The refusal of a file no encoding reads cleanly, with the line of the first byte at fault.
Diagnostic encoding_diagnostic(std::string_view bytes, const DecodedText& decoded) {
    Diagnostic d;
    int line = 0, column = 0;
    const bool located = decoded.problem != TextProblem::utf16_broken;
    if (located) line_column(bytes, decoded.offset, line, column);
    const std::string at_id = located ? "Baris " + std::to_string(line) + ": " : "";
    const std::string at_en = located ? "Line " + std::to_string(line) + ": " : "";
    std::string why_id, why_en;
    switch (decoded.problem) {
        case TextProblem::utf16_broken:
            d.code = "file.utf16";
            why_id = "Berkas CSV tersimpan sebagai UTF-16, tetapi isinya rusak (panjang ganjil, karakter NUL, atau pasangan surrogate yang tidak lengkap).";
            why_en = "The CSV file is saved as UTF-16, but its content is damaged (an odd length, a NUL character or an incomplete surrogate pair).";
            break;
        case TextProblem::nul:
            d.code = "csv.nul";
            why_id = "berkas CSV memuat karakter NUL: ini bukan berkas teks CSV.";
            why_en = "the CSV file contains NUL characters: it is not a CSV text file.";
            break;
        case TextProblem::utf8_bom_invalid:
            d.code = "csv.encoding";
            why_id = "berkas CSV ditandai UTF-8 (BOM) tetapi memuat byte yang bukan UTF-8.";
            why_en = "the CSV file is marked as UTF-8 (BOM) but contains bytes that are not UTF-8.";
            break;
        case TextProblem::mixed:
            d.code = "csv.encoding";
            why_id = "berkas CSV mencampur teks UTF-8 dengan pengodean lain (misalnya Windows-1252), sehingga sebagian huruf akan salah dibaca.";
            why_en = "the CSV file mixes UTF-8 text with another encoding (such as Windows-1252), so some letters would be read wrongly.";
            break;
        case TextProblem::undefined_byte:
        case TextProblem::none: {
            static const char* const kHex = "0123456789ABCDEF";
            const std::string hex = {'0', 'x', kHex[(decoded.byte >> 4) & 0xF], kHex[decoded.byte & 0xF]};
            d.code = "csv.encoding";
            why_id = "berkas CSV bukan UTF-8, UTF-16, maupun Windows-1252 (byte " + hex + " tidak dikenal).";
            why_en = "the CSV file is not UTF-8, UTF-16 or Windows-1252 (byte " + hex + " is not known).";
            break;
        }
    }
    if (located) {
        d.path = "line " + std::to_string(line);
        d.line = line;
        d.column = column;
    }
    d.message_id = at_id + why_id + kSaveAsId;
    d.message_en = at_en + why_en + kSaveAsEn;
    return d;
}

}  // namespace

CsvImport import_csv_pack(std::string_view bytes, const Pack* base, std::string_view options_json) {
    CsvImport out;
    Diagnostics& diag = out.diagnostics;
    if (bytes.size() > 8u * 1024u * 1024u) {
        diag.error("file.too_large", "", "Berkas CSV terlalu besar (paling banyak 8 MB).", "The CSV file is too large (at most 8 MB).");
        return out;
    }
    // The file's bytes, in whatever encoding a spreadsheet saved them (forms/text_encoding.hpp).
    const DecodedText decoded = decode_text(bytes);
    if (!decoded.ok) {
        diag.add_error(encoding_diagnostic(bytes, decoded));
        return out;
    }
    out.encoding = decoded.encoding;
    out.bom = decoded.bom;
    if (decoded.encoding != TextEncoding::utf8) {
        const std::string name = encoding_name(decoded.encoding);
        diag.warning("csv.encoding_read", "",
                     "Berkas CSV dibaca sebagai " + name + " (bukan UTF-8). Periksa huruf seperti é, ’ dan € pada hasilnya.",
                     "The CSV file was read as " + name + " (not UTF-8). Check characters such as é, ’ and € in the result.");
    }
    const std::string_view text = decoded.text;
    json options = json::object();
    if (!options_json.empty()) {
        ParsedJson parsed = parse_json_text(options_json, "opsi", "options");
        if (!parsed.ok || !parsed.value.is_object()) {
            diag.error("csv.options", "$", "Opsi impor tidak sah.", "The import options are not valid.");
            return out;
        }
        options = std::move(parsed.value);
    }
    CsvTable table;
    if (!read_csv(text, table, diag)) return out;
    if (table.rows.size() < 2) {
        diag.error("csv.empty", "", "Berkas CSV tidak memuat baris indikator (hanya judul kolom atau kosong).",
                   "The CSV file has no indicator rows (only the header, or nothing).");
        return out;
    }
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < table.rows[0].size(); ++i) {
        const std::string name = lower(trim(table.rows[0][i]));
        const bool known = std::any_of(std::begin(kRequired), std::end(kRequired), [&](const char* c) { return name == c; }) ||
                           std::any_of(std::begin(kOptional), std::end(kOptional), [&](const char* c) { return name == c; });
        if (!known) {
            diag.warning("csv.unknown_column", "line 1", "Kolom \"" + name + "\" tidak dikenal dan diabaikan.",
                         "Column \"" + name + "\" is not known and is ignored.");
            continue;
        }
        // Two columns with one name: which one holds the value is a guess, so neither is read.
        if (const auto seen = column.find(name); seen != column.end()) {
            diag.error("csv.duplicate_column", "line 1",
                       "Kolom \"" + name + "\" muncul dua kali di baris judul (kolom ke-" + std::to_string(seen->second + 1) +
                           " dan ke-" + std::to_string(i + 1) + "). Hapus atau ganti nama salah satunya.",
                       "Column \"" + name + "\" appears twice in the header row (columns " + std::to_string(seen->second + 1) +
                           " and " + std::to_string(i + 1) + "). Remove or rename one of them.");
            continue;
        }
        column[name] = i;
    }
    bool header_ok = diag.ok();
    for (const char* c : kRequired) {
        if (column.count(c) == 0) {
            diag.error("csv.missing_column", "line 1", "Kolom wajib \"" + std::string(c) + "\" tidak ada di baris judul.",
                       "Required column \"" + std::string(c) + "\" is missing from the header row.");
            header_ok = false;
        }
    }
    if (!header_ok) return out;

    json document = base != nullptr ? base->document : default_document();
    csv_cells::CsvOffices offices(document, options, column.count("offices") != 0, diag);
    // The offices of a row: the `offices` column, or the older `opd` column.
    const char* const office_column = column.count("offices") != 0 ? "offices" : "opd";
    json rights = json::array();
    json indicators = json::array();
    std::vector<int> indicator_lines;
    std::map<std::string, std::size_t> right_index;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const auto& cells = table.rows[r];
        RowReader row(diag, table.lines[r]);
        auto cell = [&](const char* name) -> std::string {
            const auto it = column.find(name);
            if (it == column.end() || it->second >= cells.size()) return "";
            return trim(cells[it->second]);
        };
        for (const char* c : kRequired) {
            if (cell(c).empty()) row.error(c, "wajib diisi.", "is required.");
        }
        if (!row.ok()) continue;
        const std::string right_id = cell("right_id");
        if (right_index.try_emplace(right_id, rights.size()).second) {
            json right = {{"id", right_id}, {"group", cell("right_group")}, {"name", {{"id", cell("right_name")}}}};
            if (base != nullptr) {
                for (const Right& br : base->rights) {
                    if (br.id == right_id) {
                        offices.right_from_base(right, br, *base);
                        if (!br.name.en.empty() && br.name.id == cell("right_name")) right["name"]["en"] = br.name.en;
                    }
                }
            }
            if (!offices.declared() && !right.contains("opd")) offices.assign(right, cell(office_column), table.lines[r]);
            rights.push_back(std::move(right));
        }
        json ind = json::object();
        ind["id"] = cell("indicator_id");
        ind["right"] = right_id;
        std::string type = lower(cell("type"));
        if (type == "s") type = "struktur";
        if (type == "p") type = "proses";
        if (type == "h") type = "hasil";
        ind["type"] = type;
        ind["text"] = {{"id", cell("text")}};
        if (!cell("text_en").empty()) ind["text"]["en"] = cell("text_en");
        if (!cell("help").empty()) ind["help"] = {{"id", cell("help")}};
        std::string kind = lower(cell("answer_kind"));
        if (kind == "ya/tidak" || kind == "ya_tidak") kind = "yes_no";
        if (kind == "angka") kind = "number";
        if (kind == "persen") kind = "percent";
        if (kind == "jumlah") kind = "count";
        if (kind == "tingkat" || kind == "pilihan") kind = "level";
        json answer = {{"kind", kind}};
        if (!cell("unit").empty()) answer["unit"] = cell("unit");
        if (!cell("range_min").empty() || !cell("range_max").empty()) {
            auto lo = row.number("range_min", cell("range_min"), kValueDecimals);
            auto hi = row.number("range_max", cell("range_max"), kValueDecimals);
            if (lo && hi) answer["range"] = {{"min", *lo}, {"max", *hi}};
        }
        const std::string na = lower(cell("na_allowed"));
        if (na == "ya" || na == "yes" || na == "true" || na == "1") answer["na_allowed"] = true;
        else if (!na.empty() && na != "tidak" && na != "no" && na != "false" && na != "0") {
            row.error("na_allowed", "isi \"ya\" atau \"tidak\".", "write \"ya\" or \"tidak\".");
        }
        json scoring = json::object();
        if (auto mp = row.number("max_points", cell("max_points"), kPointDecimals)) scoring["max_points"] = *mp;
        parse_scoring_cell(kind, cell("scoring"), answer, scoring, row);
        ind["answer"] = std::move(answer);
        ind["scoring"] = std::move(scoring);
        json evidence = json::array();
        int made_up = 0;
        for (std::string item : split(cell("evidence"), '|')) {
            if (item.empty()) continue;
            bool required = true;
            const std::string suffix = "(opsional)";
            if (item.size() >= suffix.size() && lower(item.substr(item.size() - suffix.size())) == suffix) {
                required = false;
                item = trim(item.substr(0, item.size() - suffix.size()));
            }
            // "[peraturan]", "[perjanjian]" or "[laporan]" after the signer: the evidence kind.
            std::string evidence_kind;
            if (!item.empty() && item.back() == ']') {
                const auto open = item.rfind('[');
                const std::string tag = open == std::string::npos ? "" : lower(trim(item.substr(open + 1, item.size() - open - 2)));
                if (tag == "peraturan" || tag == "regulation" || tag == "keputusan") evidence_kind = "regulation";
                else if (tag == "perjanjian" || tag == "agreement" || tag == "sertifikat") evidence_kind = "agreement";
                else if (tag == "laporan" || tag == "report" || tag == "data") evidence_kind = "report";
                else {
                    row.error("evidence", "jenis \"" + item.substr(open == std::string::npos ? 0 : open) +
                                              "\" tidak dikenal: tulis [peraturan], [perjanjian] atau [laporan].",
                              "kind \"" + item.substr(open == std::string::npos ? 0 : open) +
                                  "\" is not known: write [peraturan], [perjanjian] or [laporan].");
                    continue;
                }
                item = trim(item.substr(0, open));
                if (item.size() >= suffix.size() && lower(item.substr(item.size() - suffix.size())) == suffix) {
                    required = false;
                    item = trim(item.substr(0, item.size() - suffix.size()));
                }
            }
            std::string id;
            const auto colon = item.find(':');
            if (colon != std::string::npos) {
                const std::string candidate = trim(item.substr(0, colon));
                const bool ident = !candidate.empty() && candidate.find(' ') == std::string::npos;
                if (ident) {
                    id = candidate;
                    item = trim(item.substr(colon + 1));
                }
            }
            if (id.empty()) id = "e" + std::to_string(++made_up);
            const auto at = item.rfind('@');
            if (at == std::string::npos) {
                row.error("evidence", "\"" + item + "\" perlu penandatangan: tulis dokumen @ penandatangan.",
                          "\"" + item + "\" needs a signer: write document @ signer.");
                continue;
            }
            json entry = {{"id", id}, {"document", {{"id", trim(item.substr(0, at))}}},
                          {"signer", {{"id", trim(item.substr(at + 1))}}}, {"required", required}};
            if (!evidence_kind.empty()) entry["kind"] = evidence_kind;
            evidence.push_back(std::move(entry));
        }
        ind["evidence"] = std::move(evidence);
        offices.assign(ind, cell(office_column), table.lines[r]);
        json bases = json::array();
        for (std::string item : split(cell("legal_basis"), '|')) {
            if (item.empty()) continue;
            bool verified = true;
            if (item.size() >= 3 && item.substr(item.size() - 3) == "(?)") {
                verified = false;
                item = trim(item.substr(0, item.size() - 3));
            }
            bases.push_back({{"citation", item}, {"verified", verified}});
        }
        ind["legal_basis"] = std::move(bases);
        if (!row.ok()) continue;
        indicators.push_back(std::move(ind));
        indicator_lines.push_back(table.lines[r]);
    }
    if (!diag.ok()) return out;
    offices.finish(document);
    document["rights"] = std::move(rights);
    document["indicators"] = std::move(indicators);
    for (const char* k : {"id", "version", "regulation", "status"}) {
        if (auto it = options.find(k); it != options.end() && it->is_string()) document[k] = *it;
    }
    for (const char* k : {"title", "notice"}) {
        if (auto it = options.find(k); it != options.end() && (it->is_string() || it->is_object())) document[k] = *it;
    }
    PackLoad load = load_pack_document(document);
    if (!load.diagnostics.ok()) {
        for (Diagnostic d : load.diagnostics.errors()) {
            // "$.indicators[7].scoring" -> point at the CSV line of indicator 7.
            if (d.path.rfind("$.indicators[", 0) == 0) {
                const std::size_t k = static_cast<std::size_t>(std::atoi(d.path.c_str() + 13));
                if (k < indicator_lines.size()) {
                    d.line = indicator_lines[k];
                    d.message_id = "CSV baris " + std::to_string(d.line) + ": " + d.message_id;
                    d.message_en = "CSV line " + std::to_string(d.line) + ": " + d.message_en;
                }
            }
            diag.add_error(std::move(d));
        }
        return out;
    }
    for (const Diagnostic& w : load.diagnostics.warnings()) diag.warning(w.code, w.path, w.message_id, w.message_en);
    out.document = load.pack->document;  // the loaded pack is shared and const: a copy
    out.sha256 = load.pack->sha256;
    return out;
}

}  // namespace kkpham
