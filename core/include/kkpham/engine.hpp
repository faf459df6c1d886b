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
    // csv_bytes: the file as saved, UTF-8 (BOM or not), UTF-16 LE/BE or Windows-1252; the
    // encoding is decided here, once, for the CLI and the browser.
    // Returns {"ok":true,"pack":{...pack json...},"sha256":"...","encoding":"utf-8"|"utf-16le"|
    // "utf-16be"|"windows-1252"} or {"ok":false,"errors":[...]} (csv.encoding: no encoding fits).
    std::string import_csv(std::string_view csv_bytes, std::string_view options_json) const;

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

    // --- The submission package (core/src/package/) ------------------------------------------
    // files_json: {"files":[{"path":"sub/a.pdf","name":"a.pdf","size":123,"sha256":"<64 hex>",
    // "mtime":"..."},...]}, hashed by the caller (the CLI walks a folder; the browser a picked one).

    // The folder check: every evidence item found, renamed (same content), changed (same name,
    // other content), missing or not attached; files referenced by nothing; and the gate.
    //   {"ok":true,"format":"kkpham-evidence-check","evidence":{"items":[..],"unreferenced":[..],
    //    "counts":{..}},"gate":{..}}
    std::string evidence_check(std::string_view answers_json, std::string_view files_json) const;

    // The completeness gate alone: {"ok":true,"format":"kkpham-gate","gate":{"complete":bool,
    // "evidence_basis":"checked"|"marked","rules":{..},"reasons":[..]}}. files_json empty: the
    // evidence is judged on the answers' own "ready" marks.
    std::string gate(std::string_view answers_json, std::string_view files_json) const;

    // The package's layout, index and BagIt tag files. request: {"files":[..],
    // "answers_name":"x.kkpham.json","bagging_date":"YYYY-MM-DD"}. Returns {"ok":true,
    // "format":"kkpham-package","root":"KKPHAM-..","entries":[{"path","tag","size","sha256",
    // "file"|"content"},..],"evidence":{..},"gate":{..}}: a writer streams the entries in order
    // under root/ (a "file" from the caller's folder, a "content" as given).
    std::string package(std::string_view answers_json, std::string_view request_json) const;

    // Verifies an unpacked package against the loaded pack. listing: {"files":[{"path","size",
    // "sha256"},..] (relative to the package's root folder), "texts":{"<path>":"<content>"} (the
    // tag files and data/00-formulir/*)}. Returns {"ok":true,"format":"kkpham-verify",
    // "intact":bool,"complete":bool,"problems":[..],"score":{..},"evidence":{..},"gate":{..}}.
    std::string verify_package(std::string_view listing_json) const;

    // --- The offices' work (core/src/offices/, docs/answers-format.md "Offices") ----------------
    // Times come from the caller (the core has no clock): UTC "YYYY-MM-DDTHH:MM:SSZ", a fraction of
    // a second allowed (what JS toISOString() writes).

    // One package per office from a master answers file. options: {"made_at":"<time>" (required),
    // "office":"<id>" (absent: every office with indicators), "package_id":"<id>" (one office only),
    // "assessment_id":"<id>" (when the master has none recorded)}. Returns {"ok":true,
    // "format":"kkpham-split","assessment_id":"..","master":{..packages recorded..},"packages":
    // [{"office":{"id","short_name","name"},"package_id","file_name","indicators","package":{..}}],
    // "status":[..]}.
    std::string split(std::string_view master_json, std::string_view options_json) const;

    // Merges returned office packages into the master. returns_json: [{"file":"<name>","text":
    // "<the returned file's text>"},..] in any order; options: {"merged_at":"<time>" (required),
    // "resolutions":{"<indicator>":"master"|"<office id>"|"<package id>"|{answer entry}}}. Returns
    // {"ok":true,"format":"kkpham-merge","changed":bool,"open_conflicts":n,"refused":n,"report":
    // {"returns","refused","applied","resolved","ignored","conflicts","counts"},"status":[..],
    // "warnings":[..],"answers":{the new master}}. A refused return does not stop the others. Undo
    // is the caller's: it keeps the previous master.
    std::string merge(std::string_view master_json, std::string_view returns_json, std::string_view options_json) const;

    // Per office: package made, returned (when), answered n/m, evidence ready n/m, open conflicts.
    // {"ok":true,"format":"kkpham-office-status","assessment_id":"..","status":[..]}.
    std::string office_status(std::string_view master_json) const;

    // The offices as the engine reads them (model/pack_offices.cpp, answers_offices.cpp), for a
    // screen: {"ok":true,"format":"kkpham-offices","declared":bool (the pack has an `offices` list),
    // "offices":[{"id","short_name","name":{"id","en"},"aliases":[..]}] (declared, or made from the
    // free-text `opd` names), "rights":{"<id>":[office ids]},"indicators":{"<id>":{"pack":[ids],
    // "offices":[ids],"typed":"<the answer's opd or empty>","unknown":[names],"own"?:{office}}},
    // "errors":[..],"warnings":[..]}. Only each answer's `opd` is read: the whole text, else its
    // parts split at , ; |. With a list, an unknown name leaves the known ones (none: the pack's);
    // without one, a name not among the pack's is the answer's own office ("own", id "~" + its
    // office_key). An answers text that is not a JSON object gives the pack's part, "typed" empty
    // everywhere, and the problem in "errors".
    std::string offices(std::string_view answers_json) const;

    // --- Excel workbooks (core/src/forms/workbook_*, docs/answers-format.md "The workbook") ------
    // The workbook of an answers file or an office package, described for an .xlsx writer:
    // {"ok":true,"format":"kkpham-workbook-layout","layout_version":1,"kind":"assessment"|
    // "office-package","file_name":"..xlsx","sheets":[{"name","state","protect","columns",
    // "cells":[{"ref","s"|"n","style","open"?}],"validations","merges","freeze"?,"print"?},..]}.
    std::string workbook_layout(std::string_view answers_json) const;

    // A filled workbook read back from its cells ({"sheets":{"Isian":{"G23":{"t","v"}}}}, see
    // core/src/forms/workbook_read.hpp). options: {"updated_at","returned_at"} (optional). Returns
    // {"ok":true,"format":"kkpham-workbook-read","kind",..,"changed":[ids],"answers":{..}} or the
    // failure document, each error's "path" naming the cell ("Isian!G23").
    std::string read_workbook(std::string_view cells_json, std::string_view options_json) const;

private:
    std::shared_ptr<const Pack> pack_;
};

}  // namespace kkpham
