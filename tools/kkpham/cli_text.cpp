#include "cli_text.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace kkpham::cli {

// --- numbers ----------------------------------------------------------------------------------

std::optional<std::int64_t> cents(const nlohmann::json& v) {
    std::string s;
    if (v.is_string()) s = v.get<std::string>();
    else if (v.is_number_integer()) s = std::to_string(v.get<std::int64_t>());
    else return std::nullopt;  // a double: the exact decimal is gone (read with decimals_as_text)
    std::size_t i = 0;
    const bool negative = i < s.size() && s[i] == '-';
    if (negative) ++i;
    std::string digits;  // all significant digits, the decimal point at `point`
    long point = -1;
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); ++i) {
        if (s[i] == '.') {
            if (point >= 0) return std::nullopt;
            point = static_cast<long>(digits.size());
        } else {
            digits += s[i];
        }
    }
    if (digits.empty()) return std::nullopt;
    if (point < 0) point = static_cast<long>(digits.size());
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        long exponent = 0;
        bool minus = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) minus = s[i++] == '-';
        if (i >= s.size()) return std::nullopt;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            exponent = exponent * 10 + (s[i] - '0');
            if (exponent > 100) return std::nullopt;
        }
        point += minus ? -exponent : exponent;
    }
    if (i != s.size()) return std::nullopt;
    // Hundredths: the digits up to point + 2, then half-up on the next digit.
    std::int64_t value = 0;
    const long last = point + 2;  // digits [0, last) make the hundredths
    for (long k = 0; k < last; ++k) {
        const int d = k >= 0 && k < static_cast<long>(digits.size()) ? digits[static_cast<std::size_t>(k)] - '0' : 0;
        if (value > (INT64_MAX - 9) / 10) return std::nullopt;
        value = value * 10 + d;
    }
    if (last >= 0 && last < static_cast<long>(digits.size()) && digits[static_cast<std::size_t>(last)] >= '5') ++value;
    return negative ? -value : value;
}

std::string cents_text(std::int64_t c) {
    const bool negative = c < 0;
    const std::uint64_t m = negative ? 0 - static_cast<std::uint64_t>(c) : static_cast<std::uint64_t>(c);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", negative ? "-" : "", static_cast<unsigned long long>(m / 100),
                  static_cast<unsigned long long>(m % 100));
    return buffer;
}

std::string whole_number(std::uint64_t v, bool indonesian) {
    const std::string digits = std::to_string(v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(indonesian ? '.' : ',');
        out.push_back(digits[i]);
    }
    return out;
}

std::string num(const nlohmann::json& v) {
    const auto c = cents(v);
    return c ? cents_text(*c) : "-";
}

// --- terminal text ----------------------------------------------------------------------------

namespace {

// Decodes one well-formed UTF-8 sequence at s[i]; returns its length (0 when ill-formed).
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

bool is_bidi(char32_t cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string hex_byte(unsigned char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
    return buffer;
}

std::string hex_code_point(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
    return buffer;
}

// `keep` lists the C0 controls left as they are.
std::string escape(std::string_view s, std::string_view keep) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = decode(s, i, cp);
        if (n == 0) {
            out += hex_byte(static_cast<unsigned char>(s[i]));
            ++i;
            continue;
        }
        if ((cp < 0x20 && keep.find(static_cast<char>(cp)) == std::string_view::npos) || cp == 0x7F) out += hex_byte(static_cast<unsigned char>(cp));
        else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp)) out += hex_code_point(cp);
        else out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

int char_width(char32_t cp) {
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
        (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x200B && cp <= 0x200D) ||
        (cp >= 0xFE00 && cp <= 0xFE0F)) {
        return 0;
    }
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
        (cp >= 0x20000 && cp <= 0x3FFFD)) {
        return 2;
    }
    return 1;
}

struct Char {
    std::size_t start, length;
    int width;
};

std::vector<Char> chars(std::string_view s) {
    std::vector<Char> out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        std::size_t n = decode(s, i, cp);
        if (n == 0) n = 1, cp = 0xFFFD;  // not expected: the text was made safe first
        out.push_back({i, n, char_width(cp)});
        i += n;
    }
    return out;
}

}  // namespace

std::string term(std::string_view s, bool line) { return escape(s, line ? "\n\t" : ""); }

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (const Char& c : chars(s)) w += static_cast<std::size_t>(c.width);
    return w;
}

std::string column(std::string_view s, std::size_t width, bool right) {
    std::string text(s);
    std::size_t w = display_width(s);
    if (w > width) {
        text.clear();
        w = 0;
        for (const Char& c : chars(s)) {
            if (w + static_cast<std::size_t>(c.width) + 1 > width) break;  // room for the "…"
            text.append(s.substr(c.start, c.length));
            w += static_cast<std::size_t>(c.width);
        }
        if (width > 0) {
            text += "…";
            ++w;
        }
    }
    const std::string pad(width > w ? width - w : 0, ' ');
    return right ? pad + text : text + pad;
}

std::string pad(std::string_view s, std::size_t width) {
    const std::size_t w = display_width(s);
    return std::string(s) + std::string(width > w ? width - w : 0, ' ');
}

std::string column_tail(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) return column(s, width);
    const std::vector<Char> all = chars(s);
    std::size_t w = 0;
    std::size_t from = s.size();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (w + static_cast<std::size_t>(it->width) + 1 > width) break;
        w += static_cast<std::size_t>(it->width);
        from = it->start;
    }
    return column("…" + std::string(s.substr(from)), width);
}

// --- CSV --------------------------------------------------------------------------------------

std::string csv_text(std::string_view s) {
    std::string cell = escape(s, "\t\r\n");
    bool quote = cell.find_first_of(",;\"\r\n") != std::string::npos;
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) {
        cell.insert(0, 1, '\'');
        quote = true;
    }
    if (!quote) return cell;
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace kkpham::cli
