// libFuzzer harness: the text the CLI writes (tools/kkpham/cli_text.cpp): CSV cells, terminal
// text, table columns and printed numbers. Region names, office names, file names and evidence
// references reach these functions unchanged from files a regency hands in.
//
// fuzz-extra-source: tools/kkpham/cli_text.cpp
//
// Input: byte 0 chooses a column width (0..63), the rest is the text. It checks:
//  * term(s) and term(s, line): valid UTF-8 with no C0 control (except \n and \t for a line), no
//    DEL, no C1 control, no bidirectional mark/override/isolate; text that has none of these
//    comes out unchanged; term of its own output changes nothing;
//  * csv_text(s): exactly one RFC 4180 field (quoted with doubled quotes, or plain without , ; "
//    CR LF) whose value cannot start a spreadsheet formula (= + - @ tab CR) and carries no unsafe
//    character (tab, CR, LF allowed); a ' is put in front exactly when s began like a formula;
//    text that was already safe is otherwise kept; three cells joined by ',' read back as three;
//  * column(), column_tail() and pad(): valid UTF-8 of exactly `width` columns on screen (pad: at
//    least), never a character cut in half; a text that fits is kept whole;
//  * cents()/num() on the text as a decimal: half-up on the exact decimal, checked against a
//    second reading of plain decimals (digits, one point, optional sign).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../tools/kkpham/cli_text.hpp"

namespace {

[[noreturn]] void fail(std::string_view what, std::string_view input, std::string_view output) {
    std::fprintf(stderr, "\n*** kkpham fuzz invariant violated: %.*s\ninput (%zu bytes), output: %.*s\n", static_cast<int>(what.size()),
                 what.data(), input.size(), static_cast<int>(std::min<std::size_t>(output.size(), 2000)), output.data());
    std::abort();
}

// Decodes one UTF-8 sequence (RFC 3629: no overlong forms, no surrogates); 0 when ill-formed.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    std::size_t n = 0;
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

bool unsafe_code_point(char32_t cp, bool line) {
    if (cp < 0x20) return !(line && (cp == '\n' || cp == '\t'));
    return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Valid UTF-8 with no code point that unsafe_code_point() names (`keep`: C0 controls allowed).
bool safe_text(std::string_view s, std::string_view keep) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = decode(s, i, cp);
        if (n == 0) return false;
        if (cp < 0x20 && keep.find(static_cast<char>(cp)) != std::string_view::npos) {
            i += n;
            continue;
        }
        if (unsafe_code_point(cp, false)) return false;
        i += n;
    }
    return true;
}

// One RFC 4180 field at `at`, ending at ',' or the end; returns false when it is not one.
bool read_csv_field(std::string_view s, std::size_t& at, std::string& value) {
    value.clear();
    if (at < s.size() && s[at] == '"') {
        ++at;
        for (;;) {
            if (at >= s.size()) return false;  // unterminated
            if (s[at] == '"') {
                if (at + 1 < s.size() && s[at + 1] == '"') {
                    value += '"';
                    at += 2;
                    continue;
                }
                ++at;
                break;
            }
            value += s[at++];
        }
        return at == s.size() || s[at] == ',';
    }
    while (at < s.size() && s[at] != ',') {
        const char c = s[at];
        if (c == '"' || c == '\r' || c == '\n' || c == ';') return false;
        value += c;
        ++at;
    }
    return true;
}

// The same check as csv_text's documentation, written from it: which cells are formulas.
bool starts_like_formula(std::string_view v) {
    return !v.empty() && std::string_view("=+-@\t\r").find(v[0]) != std::string_view::npos;
}

void check_term(std::string_view s) {
    for (const bool line : {false, true}) {
        const std::string out = kkpham::cli::term(s, line);
        if (!safe_text(out, line ? "\n\t" : "")) fail(line ? "term(line) left an unsafe character" : "term left an unsafe character", s, out);
        if (safe_text(s, line ? "\n\t" : "") && out != s) fail("term changed text that was already safe", s, out);
        if (kkpham::cli::term(out, line) != out) fail("term is not idempotent", s, out);
    }
}

void check_csv(std::string_view s) {
    const std::string cell = kkpham::cli::csv_text(s);
    std::size_t at = 0;
    std::string value;
    if (!read_csv_field(cell, at, value) || at != cell.size()) fail("csv_text is not one RFC 4180 field", s, cell);
    if (starts_like_formula(value)) fail("a CSV cell can start a formula", s, cell);
    if (!safe_text(value, "\t\r\n")) fail("a CSV cell carries an unsafe character", s, cell);
    // A cell that began like a formula gets a ' in front, and no other cell does; text that was
    // already safe (tab, CR and LF allowed) is kept exactly.
    const bool guarded = starts_like_formula(s);
    const bool quote_in_front = !value.empty() && value[0] == '\'';
    if (guarded && !quote_in_front) fail("a cell that began like a formula has no ' in front", s, cell);
    if (!guarded && quote_in_front && s[0] != '\'') fail("csv_text put a ' in front of a cell that was not a formula", s, cell);
    if (safe_text(s, "\t\r\n") && value != (guarded ? "'" + std::string(s) : std::string(s))) fail("csv_text changed a safe cell", s, cell);
    // Three cells in a row read back as three cells.
    const std::string row = cell + "," + cell + "," + kkpham::cli::csv_text("=1+1");
    at = 0;
    int fields = 0;
    for (;;) {
        if (!read_csv_field(row, at, value)) fail("a row of CSV cells does not read back", s, row);
        ++fields;
        if (at == row.size()) break;
        ++at;  // the ','
    }
    if (fields != 3) fail("a row of three CSV cells reads back as another count", s, row);
}

void check_columns(std::string_view raw, std::size_t width) {
    const std::string s = kkpham::cli::term(raw);
    const std::size_t w = kkpham::cli::display_width(s);
    for (const bool right : {false, true}) {
        const std::string c = kkpham::cli::column(s, width, right);
        if (!safe_text(c, "")) fail("column() cut a character or left an unsafe one", raw, c);
        if (kkpham::cli::display_width(c) != width) fail("column() is not exactly `width` columns", raw, c);
        if (w <= width && (right ? c.substr(c.size() - s.size()) : c.substr(0, s.size())) != s) fail("column() cut a text that fits", raw, c);
    }
    const std::string tail = kkpham::cli::column_tail(s, width);
    if (!safe_text(tail, "")) fail("column_tail() cut a character or left an unsafe one", raw, tail);
    if (kkpham::cli::display_width(tail) != width) fail("column_tail() is not exactly `width` columns", raw, tail);
    const std::string padded = kkpham::cli::pad(s, width);
    if (padded.compare(0, s.size(), s) != 0 || kkpham::cli::display_width(padded) < width) fail("pad() changed or shortened the text", raw, padded);
}

// Plain decimals only ("-12.345"): hundredths half-up (away from zero); false when it is not one
// or its hundredths reach 10^17 (cents() must read anything below that).
bool plain_cents(std::string_view s, std::int64_t& out) {
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) ++i;
    std::string whole, fraction;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) whole += s[i];
    if (i < s.size() && s[i] == '.') {
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) fraction += s[i];
    }
    if (i != s.size() || (whole.empty() && fraction.empty())) return false;
    while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
    if (whole.size() > 15) return false;
    std::int64_t c = 0;
    for (const char d : whole) c = c * 10 + (d - '0');
    for (std::size_t k = 0; k < 2; ++k) c = c * 10 + (k < fraction.size() ? fraction[k] - '0' : 0);
    if (fraction.size() > 2 && fraction[2] >= '5') ++c;
    if (c >= 100000000000000000) return false;
    out = negative ? -c : c;
    return true;
}

// "-123.45" (what num() prints) read back as hundredths, any size up to int64.
bool printed_cents(std::string_view s, std::int64_t& out) {
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) ++i;
    const std::size_t point = s.find('.');
    if (point == std::string_view::npos || point == i || s.size() - point != 3) return false;
    __int128 c = 0;
    for (; i < s.size(); ++i) {
        if (i == point) continue;
        if (s[i] < '0' || s[i] > '9') return false;
        c = c * 10 + (s[i] - '0');
        if (c > static_cast<__int128>(INT64_MAX)) return false;
    }
    out = static_cast<std::int64_t>(negative ? -c : c);
    return true;
}

void check_numbers(std::string_view s) {
    std::int64_t expected = 0;
    const auto got = kkpham::cli::cents(nlohmann::json(std::string(s)));
    const std::string printed = kkpham::cli::num(nlohmann::json(std::string(s)));
    if (!got && printed != "-") fail("num() printed a number cents() refused", s, printed);
    if (got) {
        // What num() prints reads back as the same hundredths.
        std::int64_t back = 0;
        if (!printed_cents(printed, back) || back != *got) fail("num() does not print cents() exactly with 2 decimals", s, printed);
    }
    if (plain_cents(s, expected)) {
        if (!got) fail("cents() refused a plain decimal", s, printed);
        if (*got != expected) fail("cents() is not half-up on the exact decimal", s, printed);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t width = data[0] % 64;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    check_term(text);
    check_csv(text);
    check_columns(text, width);
    if (text.size() <= 64) check_numbers(text);
    return 0;
}
