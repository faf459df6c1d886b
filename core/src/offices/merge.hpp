// Merging returned office packages into the master assessment (docs/answers-format.md
// "Merging returns"): answers carry their provenance, nothing is silently overwritten, conflicts
// are kept in the master until the coordinator resolves them, and the result does not depend on
// the order of the returns or on merging one twice.
#pragma once

#include <string>
#include <string_view>

#include "model/pack.hpp"

namespace kkpham::offices {

// returns_text: [{"file":"Dinkes.kkpham.json","text":"<the returned file's text>"},...].
// options: {"merged_at":"<UTC time>" (required: the core has no clock), "resolutions":
// {"<indicator>": "master" | "<office id>" | "<package id>" | {an answer entry}}}.
// Returns {"ok":true,"format":"kkpham-merge","changed":bool,"open_conflicts":n,"refused":n,
// "report":{..},"status":[..],"warnings":[..],"answers":{the new master}} or {"ok":false,"errors":[..]}
// (a master that is not valid, a malformed list or options, a resolution that names nothing).
std::string merge_json(const Pack& pack, std::string_view master_text, std::string_view returns_text,
                       std::string_view options_text);

}  // namespace kkpham::offices
