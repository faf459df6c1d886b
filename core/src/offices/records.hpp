// What the offices' work leaves in files (docs/answers-format.md "Offices"): the master's
// `coordination` section (the assessment id, packages made, returns merged, where each answer
// came from, open conflicts and the versions turned down) and an office package's `scope`.
// Read from untrusted JSON with located, bilingual diagnostics; written back canonically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "model/pack.hpp"

namespace kkpham::offices {

using json = nlohmann::json;

// Where an office's answer came from.
struct Source {
    std::string office;       // office id
    std::string package;      // package id
    std::string file;         // the returned file's name, as the caller gave it
    json filled_by;           // {"name","nip","position","contact"} (strings) or null
    std::string returned_at;  // time stamp (offices::time_key)
};

// One office's answer to one indicator, from one return.
struct Version {
    Source source;
    std::string base;    // hash of the entry the package was pre-filled with
    json answer;         // normalized entry (offices::normalized_entry)
    std::string sha256;  // of `answer`
};

// Where the master's answer to one indicator came from.
struct Provenance {
    bool from_office = true;        // false: the coordinator's own value (a resolution)
    Source source;                  // when from_office
    std::vector<std::string> also;  // other offices that returned the same answer
    std::string merged_at;
    std::string sha256;             // of the entry recorded; the master still holds it while equal
};

struct PackageRecord {
    std::string id, office, made_at;
    std::int64_t indicators = 0;
};

struct ReturnRecord {
    Source source;
    std::string sha256;  // of the return's whole document (canonical JSON): merged once
    std::string merged_at;
};

struct Coordination {
    std::string assessment_id;
    std::vector<PackageRecord> packages;
    std::vector<ReturnRecord> returns;
    std::map<std::string, Provenance> provenance;         // indicator id ->
    std::map<std::string, std::vector<Version>> pending;  // indicator id -> open conflict's versions
    std::map<std::string, std::vector<std::string>> decided;  // indicator id -> hashes turned down
};

// An office package's (and a return's) `scope`.
struct Scope {
    std::string assessment_id, package_id, made_at;
    std::string returned_at;  // "" when the return does not say
    std::size_t office = SIZE_MAX;        // into Pack::offices
    std::vector<std::size_t> indicators;  // into Pack::indicators
    std::map<std::string, std::string> base;  // indicator id -> hash of the pre-filled entry
    json filled_by;                           // null when not given
};

inline constexpr std::string_view kScopeKind = "office-package";

// `$.coordination` of a master answers file. False (and errors) when it is not usable.
bool read_coordination(const json& section, const Pack& pack, Coordination& out, Diagnostics& diagnostics);
json coordination_json(const Coordination& c);

// `$.scope` of an office package or return. False (and errors) when it is not usable.
bool read_scope(const json& section, const Pack& pack, Scope& out, Diagnostics& diagnostics);
json scope_json(const Pack& pack, const Scope& s);

json source_json(const Source& s);
json provenance_json(const Provenance& p);
json version_json(const Version& v);

}  // namespace kkpham::offices
