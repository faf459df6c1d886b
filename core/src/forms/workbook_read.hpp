// Reading a filled kkpham workbook back (forms/workbook_layout.hpp): the adapter's neutral dump
// of its cells in, an answers file (or an office package's return) out, validated like any other,
// or diagnostics that name the sheet and cell ("Isian!G23") in plain words.
//
// The dump: {"sheets":{"<sheet name>":{"G23":{"t":"n"|"s"|"b"|"d"|"e","v":"<text>"},..},..}}.
// Only non-empty cells. "n": a number as its shortest decimal text (JS String(x)); "s": text;
// "b": "true"/"false"; "d": a date as ISO 8601 text; "e": an Excel error ("#DIV/0!"). A formula
// cell is dumped as its cached result.
#pragma once

#include <string>
#include <string_view>

#include "model/pack.hpp"

namespace kkpham::workbook {

// options: {"updated_at":"<UTC time>" (set as the answers' updated_at when anything changed),
// "returned_at":"<UTC time>" (an office package: its scope.returned_at)}, both optional.
// Returns {"ok":true,"format":"kkpham-workbook-read","kind":"assessment"|"office-package",
// "changed":["<indicator id>",..],"answers":{the answers file}} or the failure document, each
// diagnostic's "path" being the cell ("Isian!G23") or the sheet it concerns.
std::string read_workbook_json(const Pack& pack, std::string_view cells_text, std::string_view options_text);

}  // namespace kkpham::workbook
