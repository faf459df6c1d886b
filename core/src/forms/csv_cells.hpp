// Reading the cells of one CSV form row: trimming and splitting text, decimal numbers, and the
// `scoring` cell's mini language (binary "ya=100|tidak=0", levels, linear, bands). Internal to
// forms/ (csv_table.cpp, csv_import.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "util/exact.hpp"

namespace kkpham::csv_cells {

using json = nlohmann::json;

std::string trim(std::string_view s);
std::string lower(std::string s);
// Splits at `sep` and trims each part.
std::vector<std::string> split(std::string_view s, char sep);
// A fixed-point number (scale 10^decimals) as a JSON integer when whole, else as a double.
json number_json(std::int64_t fixed, std::int64_t scale);

// True for a number a spreadsheet may have written with a thousands separator: a separator
// ('.' or ',') followed by groups of exactly three digits, after a non-zero whole part ("5.000",
// "1,000", "1.000.000", "1.234,5"). In a file with decimal commas "5.000" is five thousand; read
// as a decimal point it would silently become 5, so such a number is refused, never guessed.
bool thousands_like(std::string_view raw);

// Reports problems in one row's cells ("Baris 5, kolom ...") and remembers whether any occurred.
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
        if (thousands_like(text)) {
            error(column, "\"" + text + "\" bisa dibaca sebagai ribuan atau desimal. Tulis tanpa pemisah ribuan (mis. 5000), "
                          "atau desimal dengan angka yang jelas (mis. 5 atau 5,5).",
                  "\"" + text + "\" could be read as thousands or as decimals. Write it without a thousands separator (e.g. 5000), "
                  "or a decimal that cannot be mistaken (e.g. 5 or 5.5).");
            return std::nullopt;
        }
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

// Fills answer.levels and scoring from the `scoring` cell.
bool parse_scoring_cell(const std::string& kind, const std::string& cell, nlohmann::json& answer, nlohmann::json& scoring,
                        RowReader& row);

}  // namespace kkpham::csv_cells
