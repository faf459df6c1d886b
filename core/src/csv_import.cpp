#include "csv_import.hpp"

#include <algorithm>
#include <map>

#include "exact.hpp"
#include "json_text.hpp"
#include "utf8.hpp"

namespace kkpham {
namespace {

using json = nlohmann::json;

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n')) --b;
    return std::string(s.substr(a, b - a));
}

std::string lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            out.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    return out;
}

json number_json(std::int64_t fixed, std::int64_t scale) {
    if (fixed % scale == 0) return json(fixed / scale);
    return json(static_cast<double>(fixed) / static_cast<double>(scale));
}

class RowReader {
public:
    RowReader(Diagnostics& d, int line) : diag_(d), line_(line) {}

    void error(const std::string& column, const std::string& id, const std::string& en) {
        Diagnostic d;
        d.code = "csv.value";
        d.path = "line " + std::to_string(line_) + ", " + column;
        d.line = line_;
        d.message_id = "Baris " + std::to_string(line_) + ", kolom \"" + column + "\": " + id;
        d.message_en = "Line " + std::to_string(line_) + ", column \"" + column + "\": " + en;
        diag_.add_error(std::move(d));
        ok_ = false;
    }
    bool ok() const { return ok_; }

    std::optional<json> number(const std::string& column, const std::string& text, int decimals) {
        const FixedResult r = parse_decimal_text(text, decimals);
        if (r.error) {
            error(column, "\"" + text + "\" bukan angka yang sah (paling banyak " + std::to_string(decimals) + " desimal).",
                  "\"" + text + "\" is not a valid number (at most " + std::to_string(decimals) + " decimals).");
            return std::nullopt;
        }
        std::int64_t scale = 1;
        for (int i = 0; i < decimals; ++i) scale *= 10;
        return number_json(r.value, scale);
    }

private:
    Diagnostics& diag_;
    int line_;
    bool ok_ = true;
};

// "ya=100" -> ("ya", "100"), splitting at the last '='.
bool key_points(const std::string& item, std::string& key, std::string& points) {
    const auto eq = item.rfind('=');
    if (eq == std::string::npos) return false;
    key = trim(std::string_view(item).substr(0, eq));
    points = trim(std::string_view(item).substr(eq + 1));
    return true;
}

std::optional<json> parse_interval(const std::string& text, RowReader& row, const std::string& column) {
    const std::string t = trim(text);
    if (t.size() < 3 || (t.front() != '[' && t.front() != '(') || (t.back() != ']' && t.back() != ')')) {
        row.error(column, "pita \"" + t + "\" harus berbentuk interval, mis. (110;140].",
                  "band \"" + t + "\" must be an interval, e.g. (110;140].");
        return std::nullopt;
    }
    const std::string inner = t.substr(1, t.size() - 2);
    std::vector<std::string> ends;
    if (inner.find(';') != std::string::npos) ends = split(inner, ';');
    else if (inner.find("..") != std::string::npos) ends = {trim(inner.substr(0, inner.find(".."))), trim(inner.substr(inner.find("..") + 2))};
    else ends = split(inner, ',');
    if (ends.size() != 2) {
        row.error(column, "pita \"" + t + "\" harus punya tepat dua batas dipisah ';'.",
                  "band \"" + t + "\" must have exactly two ends separated by ';'.");
        return std::nullopt;
    }
    json band = json::object();
    const std::string lo = lower(ends[0]), hi = lower(ends[1]);
    if (lo == "-inf" || lo == "-∞" || lo.empty()) {
        band["min"] = nullptr;
    } else {
        auto v = row.number(column, ends[0], kValueDecimals);
        if (!v) return std::nullopt;
        band["min"] = *v;
        band["min_inclusive"] = t.front() == '[';
    }
    if (hi == "inf" || hi == "+inf" || hi == "∞" || hi.empty()) {
        band["max"] = nullptr;
    } else {
        auto v = row.number(column, ends[1], kValueDecimals);
        if (!v) return std::nullopt;
        band["max"] = *v;
        band["max_inclusive"] = t.back() == ']';
    }
    return band;
}

// Fills answer.levels and scoring from the `scoring` cell.
bool parse_scoring_cell(const std::string& kind, const std::string& cell, json& answer, json& scoring, RowReader& row) {
    const std::string column = "scoring";
    std::string body = trim(cell);
    const std::string head = lower(body.substr(0, body.find(' ')));
    if (kind == "yes_no") {
        scoring["rule"] = "binary";
        for (const std::string& item : split(body, '|')) {
            std::string key, pts;
            if (!key_points(item, key, pts)) {
                row.error(column, "\"" + item + "\" harus berbentuk ya=100.", "\"" + item + "\" must look like ya=100.");
                return false;
            }
            auto v = row.number(column, pts, kPointDecimals);
            if (!v) return false;
            const std::string k = lower(key);
            if (k == "ya" || k == "yes" || k == "true") scoring["points_yes"] = *v;
            else if (k == "tidak" || k == "no" || k == "false") scoring["points_no"] = *v;
            else {
                row.error(column, "\"" + key + "\" harus \"ya\" atau \"tidak\".", "\"" + key + "\" must be \"ya\" or \"tidak\".");
                return false;
            }
        }
        return true;
    }
    if (kind == "level") {
        scoring["rule"] = "levels";
        json levels = json::array();
        json points = json::object();
        for (const std::string& item : split(body, '|')) {
            std::string key, pts;
            const auto colon = item.find(':');
            if (!key_points(item, key, pts) || colon == std::string::npos || colon > item.rfind('=')) {
                row.error(column, "tingkat \"" + item + "\" harus berbentuk kode:label=poin, mis. 2:Ditetapkan=67.",
                          "level \"" + item + "\" must look like id:label=points, e.g. 2:Ditetapkan=67.");
                return false;
            }
            const std::string id = trim(std::string_view(key).substr(0, colon));
            const std::string label = trim(std::string_view(key).substr(colon + 1));
            auto v = row.number(column, pts, kPointDecimals);
            if (!v) return false;
            levels.push_back({{"id", id}, {"label", {{"id", label}}}});
            points[id] = *v;
        }
        answer["levels"] = std::move(levels);
        scoring["points"] = std::move(points);
        return true;
    }
    if (head == "linear") {
        scoring["rule"] = "linear";
        const auto parts = split(trim(body.substr(6)), '|');
        if (parts.size() != 2) {
            row.error(column, "aturan linear perlu tepat dua titik, mis. linear 0=0 | 100=100.",
                      "a linear rule needs exactly two points, e.g. linear 0=0 | 100=100.");
            return false;
        }
        const char* ends[2] = {"from", "to"};
        for (int i = 0; i < 2; ++i) {
            std::string key, pts;
            if (!key_points(parts[static_cast<std::size_t>(i)], key, pts)) {
                row.error(column, "titik \"" + parts[static_cast<std::size_t>(i)] + "\" harus berbentuk nilai=poin.",
                          "point \"" + parts[static_cast<std::size_t>(i)] + "\" must look like value=points.");
                return false;
            }
            auto value = row.number(column, key, kValueDecimals);
            auto p = row.number(column, pts, kPointDecimals);
            if (!value || !p) return false;
            scoring[ends[i]] = {{"value", *value}, {"points", *p}};
        }
        return true;
    }
    if (head == "bands") {
        scoring["rule"] = "bands";
        json bands = json::array();
        for (const std::string& item : split(trim(body.substr(5)), '|')) {
            std::string key, pts;
            if (!key_points(item, key, pts)) {
                row.error(column, "pita \"" + item + "\" harus berbentuk (a;b]=poin.", "band \"" + item + "\" must look like (a;b]=points.");
                return false;
            }
            auto band = parse_interval(key, row, column);
            auto p = row.number(column, pts, kPointDecimals);
            if (!band || !p) return false;
            (*band)["points"] = *p;
            bands.push_back(std::move(*band));
        }
        scoring["bands"] = std::move(bands);
        return true;
    }
    row.error(column, "aturan skor harus diawali \"linear\" atau \"bands\" untuk jawaban angka.",
              "a numeric scoring rule must start with \"linear\" or \"bands\".");
    return false;
}

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
const char* const kOptional[] = {"text_en", "help", "unit", "range_min", "range_max", "na_allowed", "evidence", "opd"};

void line_error(Diagnostics& diag, const char* code, int line, const std::string& id, const std::string& en) {
    Diagnostic d;
    d.code = code;
    d.path = "line " + std::to_string(line);
    d.line = line;
    d.message_id = "Baris " + std::to_string(line) + ": " + id;
    d.message_en = "Line " + std::to_string(line) + ": " + en;
    diag.add_error(std::move(d));
}

}  // namespace

bool read_csv(std::string_view text, CsvTable& table, Diagnostics& diag) {
    // Detect the separator from the header line.
    std::size_t header_end = text.find('\n');
    const std::string_view header = text.substr(0, header_end == std::string_view::npos ? text.size() : header_end);
    const auto semi = std::count(header.begin(), header.end(), ';');
    const auto comma = std::count(header.begin(), header.end(), ',');
    const auto tab = std::count(header.begin(), header.end(), '\t');
    table.separator = tab > semi && tab > comma ? '\t' : semi >= comma ? ';' : ',';

    std::vector<std::string> row;
    std::string field;
    bool quoted = false, field_started = false, after_quote = false;
    int line = 1, row_line = 1;
    auto end_field = [&]() {
        row.push_back(field);
        field.clear();
        field_started = false;
        after_quote = false;
    };
    auto end_row = [&]() {
        end_field();
        const bool blank = std::all_of(row.begin(), row.end(), [](const std::string& f) { return trim(f).empty(); });
        if (!blank) {
            table.rows.push_back(std::move(row));
            table.lines.push_back(row_line);
        }
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == table.separator) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_row();
            ++line;
            row_line = line;
        } else if (c == '"') {
            if (field_started || after_quote) {
                line_error(diag, "csv.stray_quote", line,
                           "tanda kutip (\") di tengah kolom. Apit seluruh isi kolom dengan tanda kutip dan gandakan kutip di dalamnya (\"\").",
                           "a quote (\") in the middle of a field. Quote the whole field and double the quotes inside it (\"\").");
                return false;
            }
            quoted = true;
            field_started = true;
        } else {
            if (after_quote && c != ' ') {
                line_error(diag, "csv.stray_quote", line, "ada teks setelah tanda kutip penutup.", "text after a closing quote.");
                return false;
            }
            if (c != ' ' || field_started) field_started = true;
            field += c;
        }
    }
    if (quoted) {
        line_error(diag, "csv.unterminated_quote", row_line, "tanda kutip yang dibuka di sini tidak pernah ditutup.",
                   "a quote opened here is never closed.");
        return false;
    }
    if (!field.empty() || !row.empty()) end_row();
    return true;
}

CsvImport import_csv_pack(std::string_view text, const Pack* base, std::string_view options_json) {
    CsvImport out;
    Diagnostics& diag = out.diagnostics;
    if (text.size() > 8u * 1024u * 1024u) {
        diag.error("file.too_large", "", "Berkas CSV terlalu besar (paling banyak 8 MB).", "The CSV file is too large (at most 8 MB).");
        return out;
    }
    if (text.size() >= 2 && ((static_cast<unsigned char>(text[0]) == 0xFF && static_cast<unsigned char>(text[1]) == 0xFE) ||
                             (static_cast<unsigned char>(text[0]) == 0xFE && static_cast<unsigned char>(text[1]) == 0xFF))) {
        diag.error("file.utf16", "", "Berkas CSV tersimpan sebagai UTF-16. Simpan ulang sebagai \"CSV UTF-8\".",
                   "The CSV file is saved as UTF-16. Save it again as \"CSV UTF-8\".");
        return out;
    }
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        int line = 0, column = 0;
        line_column(text, bad, line, column);
        Diagnostic d;
        d.code = "csv.invalid_utf8";
        d.path = "line " + std::to_string(line);
        d.line = line;
        d.column = column;
        d.message_id = "Baris " + std::to_string(line) + ": teks bukan UTF-8. Simpan ulang sebagai \"CSV UTF-8\".";
        d.message_en = "Line " + std::to_string(line) + ": the text is not UTF-8. Save it again as \"CSV UTF-8\".";
        diag.add_error(std::move(d));
        return out;
    }
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
        column[name] = i;
    }
    bool header_ok = true;
    for (const char* c : kRequired) {
        if (column.count(c) == 0) {
            diag.error("csv.missing_column", "line 1", "Kolom wajib \"" + std::string(c) + "\" tidak ada di baris judul.",
                       "Required column \"" + std::string(c) + "\" is missing from the header row.");
            header_ok = false;
        }
    }
    if (!header_ok) return out;

    json document = base != nullptr ? base->document : default_document();
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
                        right["opd"] = br.opd;
                        if (!br.name.en.empty() && br.name.id == cell("right_name")) right["name"]["en"] = br.name.en;
                    }
                }
            }
            if (!right.contains("opd") && !cell("opd").empty()) right["opd"] = cell("opd");
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
            evidence.push_back({{"id", id}, {"document", {{"id", trim(item.substr(0, at))}}},
                                {"signer", {{"id", trim(item.substr(at + 1))}}}, {"required", required}});
        }
        ind["evidence"] = std::move(evidence);
        if (!cell("opd").empty()) ind["opd"] = cell("opd");
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
