// Shared by `kkpham split` and `kkpham merge`: the current time the engine is given (the core has
// no clock), an answer and an office told in a few safe words, and a folder to write packages in.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "cli_io.hpp"

namespace kkpham::cli {

// Now, UTC, "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now();

// An answer entry in a few words, safe to print: "nilai 87.5 · bukti 1/2 siap · catatan" (id) or
// "value 87.5 · evidence 1/2 ready · note" (en); "kosong"/"empty" for none.
std::string entry_text(const nlohmann::json& entry, bool id);

// An office from the engine's {"id","short_name","name"}: its short name, safe to print.
std::string office_text(const nlohmann::json& office);

// Makes `dir` (mode 0755) when it does not exist; refuses a symbolic link or anything but a
// folder. False and `problem` when packages cannot be written there.
bool output_folder(const std::string& dir, Problem& problem);

}  // namespace kkpham::cli
