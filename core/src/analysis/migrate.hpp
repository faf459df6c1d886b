// Year over year: carrying answers to another edition of a pack, and the change
// between two scored results.
#pragma once

#include <string>
#include <string_view>

#include "model/pack.hpp"

namespace kkpham {

// Carries an answers file (made for any pack) over to `pack`. mapping_json: {"<old id>": "<new id>"
// or null (dropped)}; ids not in the mapping keep their id. Every carried answer is validated against
// the new pack; those that do not fit are left out and reported with the reason.
// Returns {"ok":true,"answers":{...},"report":{"carried":[...],"not_carried":[...],"new":[...]}}.
std::string migrate_answers_json(const Pack& pack, std::string_view old_answers, std::string_view mapping_json);

// The change from one result document (kkpham-result) to another, per right and indicator.
std::string year_over_year_json(std::string_view previous_result, std::string_view current_result);

}  // namespace kkpham
