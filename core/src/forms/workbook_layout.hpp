// The Excel workbook of an assessment or of one office package, described once by the core
// (docs/answers-format.md "The workbook"): which sheets, which cells hold what, which cells are
// open for typing, their data validation, column widths, print setup and the hidden machine
// keys. web/formats/workbook.js only translates this description into an .xlsx, and the filled
// workbook back into a neutral dump of its cells, which forms/workbook_read.cpp reads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "model/answers.hpp"
#include "model/pack.hpp"

namespace kkpham::workbook {

inline constexpr int kLayoutVersion = 1;
inline constexpr std::string_view kMagic = "kkpham-workbook";
inline constexpr std::string_view kCoverSheet = "Sampul";
inline constexpr std::string_view kFormSheet = "Isian";
inline constexpr std::string_view kListSheet = "Daftar";
inline constexpr std::string_view kMachineSheet = "kkpham";
// The embedded answers file is cut into cells of at most this many bytes (Excel: 32767 characters).
inline constexpr std::size_t kChunkBytes = 30000;
inline constexpr int kFirstChunkRow = 10;

// The columns of the sheet "Isian" (0-based; A is the hidden machine key).
enum Column : int { kKey = 0, kCode, kRight, kType, kText, kHelp, kAnswer, kUnit, kNotApplicable, kEvidenceStatus,
                    kEvidenceReference, kNote, kOffice, kColumnCount };

struct Cell {
    int row = 0, column = 0;  // 1-based row, 0-based column
    std::string text;         // what the cell shows ("" = empty)
    bool number = false;      // written as a number (answers of number kinds)
    bool open = false;        // unlocked: the user types here
    // "title" | "label" | "header" | "text" | "answer" | "answer-text" (an open cell kept as text:
    // an 18-digit NIP or a file name is never turned into a number or a date) | "machine"
    std::string style;
};

struct Validation {
    int row = 0, column = 0;
    std::string type;              // "list" | "decimal" | "whole"
    std::string source;            // list: "Daftar!$A$1:$A$2"
    std::string min, max;          // decimal/whole: plausible range (may be empty)
    std::string prompt, error;     // shown by Excel
};

struct Sheet {
    std::string name;
    std::string state = "visible";  // "visible" | "hidden" | "veryHidden"
    bool protect = true;
    std::vector<double> widths;     // per column from A
    std::vector<bool> hidden_columns;
    std::vector<Cell> cells;
    std::vector<Validation> validations;
    std::vector<std::string> merges;
    int freeze_rows = 0, freeze_columns = 0;
    bool print_landscape = false;
    std::string print_title_rows;    // "1:1"
    std::string autofilter;          // "B1:M1"
};

// Which indicator (and evidence requirement, or none) a row of "Isian" holds.
struct Row {
    int row = 0;
    std::size_t indicator = 0;
    std::size_t evidence = SIZE_MAX;  // SIZE_MAX: the indicator's own row
};

struct Layout {
    std::string kind;  // "assessment" | "office-package"
    std::string file_name;
    std::vector<Sheet> sheets;
    std::vector<Row> rows;
};

// "A1" style reference of a 1-based row and 0-based column.
std::string cell_ref(int row, int column);
// "Isian!G23"
std::string sheet_cell(std::string_view sheet, int row, int column);

// What a level answer's list shows for each level of `indicator` (its label; "id. label" where
// two levels share a label).
std::vector<std::string> level_choices(const Indicator& indicator);

// Builds the layout of a parsed, validated answers file (`document` is its JSON, `answers` the
// same read against `pack`).
Layout build_layout(const Pack& pack, const nlohmann::json& document, const Answers& answers);

// Engine entry: {"ok":true,"format":"kkpham-workbook-layout",...} or the failure document.
std::string workbook_layout_json(const Pack& pack, std::string_view answers_text);

}  // namespace kkpham::workbook
