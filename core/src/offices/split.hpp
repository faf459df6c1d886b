// Splitting a master assessment into office packages, and the per-office status of a master.
#pragma once

#include <string>
#include <string_view>

#include "model/pack.hpp"

namespace kkpham::offices {

// One package per office from a master answers file (docs/answers-format.md "Office packages").
// options: {"made_at":"<UTC time>" (required: the core has no clock), "office":"<id>" (absent:
// every office responsible for at least one indicator), "package_id":"<id>" (one office only;
// default derived from the assessment, office and time), "assessment_id":"<id>" (used when the
// master has none recorded; default derived from the master, offices/master.hpp)}.
// Returns {"ok":true,"format":"kkpham-split","assessment_id":"..","master":{the master with the
// packages recorded in $.coordination},"packages":[{"office":{..},"package_id":"..","file_name":
// "Dinkes.kkpham.json","indicators":n,"package":{an answers file with $.scope}},..],"status":[..]}
// or {"ok":false,"errors":[..]}.
std::string split_json(const Pack& pack, std::string_view master_text, std::string_view options_text);

// {"ok":true,"format":"kkpham-office-status","assessment_id":"..","status":[..]} (offices/status.hpp).
std::string office_status_json(const Pack& pack, std::string_view master_text);

}  // namespace kkpham::offices
