// Comparing many regencies (a Kanwil's view): compact per-file summaries, then
// one table with ranking, predicate counts and the indicators most often lost.
#pragma once

#include <string>
#include <string_view>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "scoring/scoring.hpp"

namespace kkpham {

// A small document (~2 KB) with what a comparison needs from one scored file.
std::string summary_json(const Pack& pack, const Answers& answers, const ScoreResult& score);

// `text`: a JSON array of summary documents (all of one pack). Returns the comparison
// or {"ok":false,"errors":[...]}.
std::string compare_json(std::string_view text);

}  // namespace kkpham
