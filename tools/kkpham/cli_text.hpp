// Text the CLI prints: numbers from their exact decimal, text that cannot drive a terminal or a
// spreadsheet, and table columns measured in characters on screen (not bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kkpham::cli {

// --- numbers ----------------------------------------------------------------------------------
// A result number (read with decimals_as_text, see cli_json.hpp) in hundredths, rounded half-up
// (half away from zero) on its exact decimal text; nullopt when it is not a number.
std::optional<std::int64_t> cents(const nlohmann::json& v);
// The same as text with exactly 2 decimals ("1.13"); "-" when it is not a number.
std::string num(const nlohmann::json& v);
std::string cents_text(std::int64_t c);
// A whole number in a message as the language writes it: 104.857.600 (id), 104,857,600 (en), as
// the engine's own messages (core/src/util/number_text.hpp).
std::string whole_number(std::uint64_t v, bool indonesian);

// --- terminal text ----------------------------------------------------------------------------
// Text from a file (a region name, a file name, a message quoting input) made safe to print:
// C0 controls, DEL, C1 controls (U+0080-U+009F), bidirectional marks, overrides and isolates
// (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and bytes that are not UTF-8 are shown as
// \xHH or \uXXXX. `line` keeps \n and \t (a block of text); otherwise they are escaped too.
std::string term(std::string_view s, bool line = false);

// Characters on screen (East Asian wide characters count 2, combining marks 0).
std::size_t display_width(std::string_view utf8);
// `s` (already safe) cut to at most `width` columns on a character boundary ("…" when cut) and
// padded with spaces to `width` (left-aligned; right-aligned when `right`).
std::string column(std::string_view s, std::size_t width, bool right = false);
// `s` padded with spaces to `width` columns, never cut (a longer text pushes the row out).
std::string pad(std::string_view s, std::size_t width);
// Keeps the end of `s` (a path: the file name is at the end) within `width` columns.
std::string column_tail(std::string_view s, std::size_t width);

// --- CSV --------------------------------------------------------------------------------------
// A text cell (from user data): control characters escaped as for the terminal (tab, CR and LF
// kept inside quotes), quoted when needed (RFC 4180), and neutralised for spreadsheets (OWASP CSV
// injection) when it begins with = + - @ tab or CR: a ' is put in front and the cell is quoted.
// Numbers written by kkpham itself are not passed through here and stay numbers.
std::string csv_text(std::string_view s);

}  // namespace kkpham::cli
