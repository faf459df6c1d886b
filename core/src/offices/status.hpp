// Per office, for the coordinator's dashboard: package made, returned (when), answered n/m,
// evidence ready n/m, open conflicts.
#pragma once

#include <nlohmann/json.hpp>

#include "model/pack.hpp"
#include "offices/master.hpp"

namespace kkpham::offices {

// [{"office":{..},"indicators":m,"package":{"id","made_at"}|null,"returned":{"returned_at","merged_at",
//   "file","filled_by","package"}|null,"returns":k,"answered":n,"evidence":{"ready":n,"required":m},
//   "conflicts":c}, ...]: every office responsible for at least one indicator or with a package
// made, in the pack's order. The latest package and return are shown; "conflicts" counts the
// indicators with an open conflict that the office is responsible for or returned a version of.
nlohmann::json office_status(const Pack& pack, const Master& master);

}  // namespace kkpham::offices
