// Reading one cell of a filled workbook (forms/workbook_read.cpp): a cell as the adapter dumps it,
// and an answer cell's value as the answers file writes it — Excel's own numbers, booleans, dates
// and errors, and text typed the Indonesian way ("87,5", "1.234" in a whole-number cell).
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "model/pack.hpp"

namespace kkpham::workbook {

// One non-empty cell as the adapter dumps it: type "n" | "s" | "b" | "d" | "e" and its text.
struct DumpCell {
    std::string type, text;
};

// At most `n` bytes of `s`, cut at a UTF-8 character boundary.
std::string clip(const std::string& s, std::size_t n);
// `s` clipped so, in double quotes (for messages).
std::string quoted(const std::string& s, std::size_t n);
// ASCII letters in lower case.
std::string lower_ascii(std::string s);
// A free-text cell (a note, a file reference) as text: a date Excel made of it as YYYY-MM-DD.
std::string free_text(const DumpCell& c);
// "Ya", "y", "true", "1" (any case).
bool is_yes(const DumpCell* c);

// The answer cell's value for `ind` (null for an empty cell), or false with why it is refused
// (plain words, both languages, without the cell: the caller names it).
bool answer_value(const Indicator& ind, const DumpCell* cell, nlohmann::json& value, std::string& why_id, std::string& why_en);

}  // namespace kkpham::workbook
