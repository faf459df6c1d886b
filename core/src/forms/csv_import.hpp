// Turning the CSV form (one indicator a row, as a Kanwil types it in a
// spreadsheet) into a criteria pack. See criteria/README.md §4.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "forms/text_encoding.hpp"
#include "json/diagnostic.hpp"
#include "model/pack.hpp"

namespace kkpham {

// A parsed CSV table: rows of fields plus the 1-based line each row starts on.
struct CsvTable {
    std::vector<std::vector<std::string>> rows;
    std::vector<int> lines;
    char separator = ';';
};

// RFC 4180 reading with ';', ',' or tab separators (detected from the header).
bool read_csv(std::string_view text, CsvTable& table, Diagnostics& diagnostics);

struct CsvImport {
    nlohmann::json document;
    std::string sha256;
    Diagnostics diagnostics;
    TextEncoding encoding = TextEncoding::utf8;  // what the file's bytes were read as
    bool bom = false;
};

// `csv_bytes` is the file as saved (UTF-8, UTF-16 or Windows-1252: forms/text_encoding.hpp).
// `base` (may be null) supplies the pack-level settings; options_json may set
// id, version, title, regulation, status, notice.
CsvImport import_csv_pack(std::string_view csv_bytes, const Pack* base, std::string_view options_json);

}  // namespace kkpham
