#include "forms/workbook_values.hpp"

#include <cstdint>
#include <vector>

#include "forms/csv_cells.hpp"
#include "forms/workbook_layout.hpp"
#include "util/exact.hpp"

namespace kkpham::workbook {

using json = nlohmann::json;

std::string clip(const std::string& s, std::size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

std::string quoted(const std::string& s, std::size_t n) {
    // Piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "\"" + std::string.
    std::string out(1, '"');
    out.append(clip(s, n)).push_back('"');
    return out;
}

std::string lower_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

std::string free_text(const DumpCell& c) {
    if (c.type == "d" && c.text.size() >= 10 && c.text[4] == '-' && c.text[7] == '-') return c.text.substr(0, 10);
    return c.text;
}

bool is_yes(const DumpCell* c) {
    if (c == nullptr) return false;
    const std::string v = lower_ascii(c->text);
    return v == "ya" || v == "true" || v == "y" || v == "1";
}

namespace {
// A spreadsheet number as fixed point with 6 decimals, rounded half-up (Excel holds doubles:
// =1/3*100 is 33.333333333333336).
bool spreadsheet_number(const std::string& text, std::int64_t& out) {
    if (text.find_first_of("eE") != std::string::npos) return false;
    const std::size_t point = text.find('.');
    std::string kept = text;
    int round_up = 0;
    if (point != std::string::npos && text.size() - point - 1 > static_cast<std::size_t>(kValueDecimals)) {
        kept = text.substr(0, point + 1 + kValueDecimals);
        round_up = text[point + 1 + kValueDecimals] >= '5' ? 1 : 0;
    }
    const FixedResult r = parse_decimal_text(kept, kValueDecimals);
    if (r.error) return false;
    out = r.value + (r.value < 0 || (!kept.empty() && kept[0] == '-') ? -round_up : round_up);
    return true;
}

// A number typed as text the Indonesian way ("87,5", "1.234" in a whole-number cell, "87,5 %").
bool typed_number(const Indicator& ind, std::string text, std::int64_t& out, std::string& why_id, std::string& why_en) {
    if (text.size() > 64) {
        // Piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "\"" + std::string here.
        const std::string start = clip(text, 40);
        why_id = '"';
        why_id.append(start).append("…\" bukan angka.");
        why_en = '"';
        why_en.append(start).append("…\" is not a number.");
        return false;
    }
    if (ind.kind == AnswerKind::percent && !text.empty() && text.back() == '%') text = csv_cells::trim(text.substr(0, text.size() - 1));
    if (csv_cells::thousands_like(text)) {
        std::string digits;
        bool dots_only = true;
        for (char c : text) {
            if (c == '.') continue;
            if (c == ',') dots_only = false;
            digits += c;
        }
        if (ind.kind == AnswerKind::count && dots_only) text = digits;
        else {
            why_id = "\"" + text + "\" bisa dibaca sebagai ribuan atau desimal; tulis tanpa pemisah ribuan (mis. 5000) atau dengan koma desimal (5,5).";
            why_en = "\"" + text + "\" could be read as thousands or as decimals; write it without a thousands separator (e.g. 5000) or with a decimal comma (5.5).";
            return false;
        }
    }
    const FixedResult r = parse_decimal_text(text, kValueDecimals);
    if (r.error) {
        why_id = "\"" + text + "\" bukan angka (paling banyak 6 desimal; koma atau titik desimal).";
        why_en = "\"" + text + "\" is not a number (at most 6 decimals; decimal comma or point).";
        return false;
    }
    out = r.value;
    return true;
}

json fixed_json(std::int64_t v) { return csv_cells::number_json(v, kValueScale); }

// The answer cell's value as the answers file writes it; `value` null for an empty cell.
}  // namespace

bool answer_value(const Indicator& ind, const DumpCell* cell, json& value, std::string& why_id, std::string& why_en) {
    value = nullptr;
    if (cell == nullptr) return true;
    const std::string& t = cell->type;
    if (t == "e") {
        why_id = "berisi galat Excel " + clip(cell->text, 20) + "; ketik jawabannya langsung.";
        why_en = "holds the Excel error " + clip(cell->text, 20) + "; type the answer itself.";
        return false;
    }
    if (t == "d") {
        why_id = "Excel mengubah isian menjadi tanggal (" + clip(cell->text, 10) + "). Format sel sebagai teks atau angka, lalu ketik ulang jawabannya.";
        why_en = "Excel turned the entry into a date (" + clip(cell->text, 10) + "). Format the cell as text or number and type the answer again.";
        return false;
    }
    if (ind.kind == AnswerKind::yes_no) {
        const std::string v = lower_ascii(cell->text);
        if (v == "ya" || v == "y" || v == "yes" || v == "true" || v == "1") value = true;
        else if (v == "tidak" || v == "t" || v == "no" || v == "false" || v == "0") value = false;
        else {
            why_id = quoted(cell->text, 80) + " bukan Ya atau Tidak.";
            why_en = quoted(cell->text, 80) + " is not Ya (yes) or Tidak (no).";
            return false;
        }
        return true;
    }
    if (ind.kind == AnswerKind::level) {
        const std::vector<std::string> choices = level_choices(ind);
        const std::string v = lower_ascii(cell->text);
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (lower_ascii(choices[i]) == v || ind.levels[i].id == cell->text) {
                value = ind.levels[i].id;
                return true;
            }
        }
        why_id = quoted(cell->text, 80) + " bukan salah satu tingkat dalam daftar.";
        why_en = quoted(cell->text, 80) + " is not one of the levels in the list.";
        return false;
    }
    std::int64_t fixed = 0;
    if (t == "b") {
        why_id = "berisi nilai benar/salah, bukan angka.";
        why_en = "holds a true/false value, not a number.";
        return false;
    }
    if (t == "n") {
        if (!spreadsheet_number(cell->text, fixed)) {
            why_id = "angka " + clip(cell->text, 40) + " di luar jangkauan.";
            why_en = "the number " + clip(cell->text, 40) + " is out of bounds.";
            return false;
        }
    } else if (!typed_number(ind, cell->text, fixed, why_id, why_en)) {
        return false;
    }
    if (ind.kind == AnswerKind::count && fixed % kValueScale != 0) {
        why_id = format_fixed(fixed, kValueDecimals, 0) + " bukan bilangan bulat.";
        why_en = format_fixed(fixed, kValueDecimals, 0) + " is not a whole number.";
        return false;
    }
    if (ind.has_range && (fixed < ind.range_min || fixed > ind.range_max)) {
        const std::string range = format_fixed(ind.range_min, kValueDecimals, 0) + "–" + format_fixed(ind.range_max, kValueDecimals, 0);
        why_id = format_fixed(fixed, kValueDecimals, 0) + " di luar rentang yang masuk akal (" + range + (ind.unit.empty() ? "" : " " + ind.unit) + ").";
        why_en = format_fixed(fixed, kValueDecimals, 0) + " is outside the plausible range (" + range + (ind.unit.empty() ? "" : " " + ind.unit) + ").";
        return false;
    }
    value = fixed_json(fixed);
    return true;
}
}  // namespace kkpham::workbook
