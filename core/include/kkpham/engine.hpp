// kkpham scoring core — the public, string-in/string-out facade.
//
// Every entry point takes JSON (or CSV) text and returns JSON text, so the native
// CLI, the WebAssembly binding and the tests run byte-identical code paths.
// The core is pure: no I/O, no globals, no exceptions thrown; errors are values.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace kkpham {

struct Pack;  // a parsed and validated criteria pack (core/src/pack.hpp)

inline constexpr std::string_view kEngineVersion = "0.1.0";

// Holds one loaded criteria pack. Not thread-safe; cheap to copy (shares the pack).
class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&);
    Engine& operator=(const Engine&);

    // Parses and validates a pack. On success it replaces the current pack;
    // on failure the current pack is kept. Returns
    //   {"ok":true,"pack":{summary},"warnings":[...]}  or
    //   {"ok":false,"errors":[diagnostic...],"warnings":[...]}
    // A diagnostic is {"code","path","line","column","message":{"id","en"}}.
    std::string load_pack(std::string_view pack_json);

    bool has_pack() const;

    // Summary of the loaded pack: {"id","version","sha256","status","title",...}.
    std::string pack_summary() const;

    // Scores an answers file against the loaded pack. Returns the result document
    //   {"ok":true,"format":"kkpham-result","total":82.35,...}  or  {"ok":false,"errors":[...]}
    // (the CLI's `score --format json` prints exactly these bytes).
    std::string score(std::string_view answers_json) const;

    // Checks an answers file without scoring: {"ok":bool,"errors":[...],"warnings":[...]}.
    std::string validate_answers(std::string_view answers_json) const;

    // Builds an answers file for the loaded pack. options:
    //   {"fill":"blank"|"max"|"random","seed":1,"complete":false,"region":{...},"data_year":2025,
    //    "assessment_year":2026,"updated_at":"..."}  (all optional)
    // Returns {"ok":true,"answers":{...}} or {"ok":false,"errors":[...]}.
    std::string make_template(std::string_view options_json) const;

    // Explains how one indicator's points were computed:
    //   {"ok":true,"indicator":{...}} or {"ok":false,"errors":[...]}.
    std::string explain(std::string_view answers_json, std::string_view indicator_id) const;

    // Turns a CSV form into a pack, using the loaded pack (if any) as the base for the
    // pack-level settings. options: {"id","version","title","regulation","status","notice"}.
    // Returns {"ok":true,"pack":{...pack json...},"sha256":"..."} or {"ok":false,"errors":[...]}.
    std::string import_csv(std::string_view csv_text, std::string_view options_json) const;

    // Gap analysis: the least-effort set of indicators to raise to full points to reach a
    // target. options: {"target":75,"basis":"claimed"|"evidenced","effort":{"<id>":3,...}}.
    // Returns {"ok":true,"format":"kkpham-gap","target":..,"total":..,"steps":[...],
    //          "next_band":{...}|null,"opportunities":[...]} or {"ok":false,"errors":[...]}.
    std::string gap(std::string_view answers_json, std::string_view options_json) const;

    // Evidence plan (missing data dukung per office, with signers) and the pre-submission check.
    std::string evidence_plan(std::string_view answers_json) const;

    // A compact summary of one scored file, for comparing many regencies.
    std::string summary(std::string_view answers_json) const;

    // Compares summaries (a JSON array of summary() outputs): ranking, predicate counts,
    // right means, the indicators most often lost. Needs no loaded pack.
    static std::string compare(std::string_view summaries_json);

    // Carries answers made for another edition of a pack over to the loaded one. mapping:
    // {"<old id>": "<new id>" | null}. Returns {"ok":true,"answers":{...},"report":{...}}.
    std::string migrate(std::string_view old_answers_json, std::string_view mapping_json) const;

    // The change between two result documents (score() outputs), per right and indicator.
    static std::string year_over_year(std::string_view previous_result, std::string_view current_result);

private:
    std::shared_ptr<const Pack> pack_;
};

}  // namespace kkpham
