// The master answers file as split and merge read it: validated against the pack like any answers
// file, kept as a tree (everything the engine does not model is carried over untouched), with its
// `coordination` section read (offices/records.hpp).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "model/answers.hpp"
#include "model/pack.hpp"
#include "offices/records.hpp"

namespace kkpham::offices {

struct Master {
    Answers answers;  // as read (the offices each answer assigns)
    json doc;         // the whole file
    Coordination coordination;
    // The id that ties packages to this assessment: coordination.assessment_id when recorded, else
    // derived from what identifies the assessment ("a" + 16 hex digits of the SHA-256 of its pack
    // hash, region and data year), so a split and a later merge agree even when the caller did not
    // keep the master the split returned and the answers were edited in between.
    std::string assessment_id;
};

// False (and located errors) when the text is not a valid answers file of `pack`, is an office
// package itself (it has a `scope`), or its `coordination` section is not usable.
bool read_master(const Pack& pack, std::string_view text, Master& out, Diagnostics& diagnostics);

// The master's entry for an indicator ($.answers[id]; null when absent), normalized.
json master_entry(const Master& master, const std::string& indicator);

}  // namespace kkpham::offices
