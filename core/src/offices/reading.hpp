// The offices as the engine reads them, for a screen: the pack's list (declared, or made from the
// free-text `opd` names), each right's and indicator's offices, and what each answer's `opd` text
// names (read_office_text, the same reading as resolve_answer_offices).
#pragma once

#include <string>
#include <string_view>

#include "model/pack.hpp"

namespace kkpham::offices {

// Engine::offices (core/include/kkpham/engine.hpp): {"ok":true,"format":"kkpham-offices",
// "declared":bool,"offices":[..],"rights":{..},"indicators":{"<id>":{"pack","offices","typed",
// "unknown"[,"own"]}},"errors":[..]}. Only the answers' `opd` texts are read; an answers text that
// is not a JSON object (or whose "answers" is not one) gives the pack's part and its "errors".
std::string offices_json(const Pack& pack, std::string_view answers_text);

}  // namespace kkpham::offices
