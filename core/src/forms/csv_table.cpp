// RFC 4180 reading of the CSV form: quoted fields, ';' ',' or tab separators (or Excel's "sep=;"
// first line), and each row's number as a spreadsheet shows it (a quoted cell may span text lines).
#include "forms/csv_import.hpp"

#include <algorithm>

#include "forms/csv_cells.hpp"

namespace kkpham {
namespace {

using csv_cells::trim;

// `row` is the spreadsheet row, `text_line` the line of the text file, named too when they differ.
void line_error(Diagnostics& diag, const char* code, int row, int text_line, const std::string& id, const std::string& en) {
    Diagnostic d;
    d.code = code;
    d.path = "line " + std::to_string(row);
    d.line = row;
    const std::string where_id = text_line != row ? " (baris teks " + std::to_string(text_line) + ")" : "";
    const std::string where_en = text_line != row ? " (text line " + std::to_string(text_line) + ")" : "";
    d.message_id = "Baris " + std::to_string(row) + where_id + ": " + id;
    d.message_en = "Line " + std::to_string(row) + where_en + ": " + en;
    diag.add_error(std::move(d));
}

}  // namespace

bool read_csv(std::string_view text, CsvTable& table, Diagnostics& diag) {
    int line = 1;
    // Excel's "sep=;" first line names the separator (Excel hides it: the next line is row 1).
    std::size_t header_end = text.find('\n');
    std::string_view first = text.substr(0, header_end == std::string_view::npos ? text.size() : header_end);
    if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
    const bool sep_line = first.size() == 5 && (first.substr(0, 4) == "sep=" || first.substr(0, 4) == "SEP=") &&
                          (first[4] == ';' || first[4] == ',' || first[4] == '\t' || first[4] == '|');
    if (sep_line) {
        table.separator = first[4];
        text.remove_prefix(header_end == std::string_view::npos ? text.size() : header_end + 1);
        line = 2;
    } else {
        // Detect the separator from the header line.
        const std::string_view header = first;
        const auto semi = std::count(header.begin(), header.end(), ';');
        const auto comma = std::count(header.begin(), header.end(), ',');
        const auto tab = std::count(header.begin(), header.end(), '\t');
        table.separator = tab > semi && tab > comma ? '\t' : semi >= comma ? ';' : ',';
    }

    std::vector<std::string> row;
    std::string field;
    bool quoted = false, field_started = false, after_quote = false;
    int row_number = 1;  // the spreadsheet row being read (blank rows count, as in a spreadsheet)
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
            table.lines.push_back(row_number);
        }
        row.clear();
        ++row_number;
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
        } else if (c == '"') {
            if (field_started || after_quote) {
                line_error(diag, "csv.stray_quote", row_number, line,
                           "tanda kutip (\") di tengah kolom. Apit seluruh isi kolom dengan tanda kutip dan gandakan kutip di dalamnya (\"\").",
                           "a quote (\") in the middle of a field. Quote the whole field and double the quotes inside it (\"\").");
                return false;
            }
            quoted = true;
            field_started = true;
        } else {
            if (after_quote && c != ' ') {
                line_error(diag, "csv.stray_quote", row_number, line, "ada teks setelah tanda kutip penutup.", "text after a closing quote.");
                return false;
            }
            if (c != ' ' || field_started) field_started = true;
            field += c;
        }
    }
    if (quoted) {
        line_error(diag, "csv.unterminated_quote", row_number, row_number, "tanda kutip yang dibuka di sini tidak pernah ditutup.",
                   "a quote opened here is never closed.");
        return false;
    }
    if (!field.empty() || !row.empty()) end_row();
    return true;
}

}  // namespace kkpham
