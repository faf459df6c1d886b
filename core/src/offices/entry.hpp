// Building blocks of the offices' work (split and merge, docs/answers-format.md "Offices"):
// one answer compared by content, the time stamps a package and a return carry, the offices
// responsible for an indicator, and file names for packages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "model/answers.hpp"
#include "model/pack.hpp"

namespace kkpham::offices {

using json = nlohmann::json;

// One answer entry ($.answers[id]) as compared by split and merge: keys with a null value,
// "na": false, an empty "note", evidence items that say no more than {"id", "status":"missing"}
// (the app adds them when a row is opened) and then an empty "evidence" list are dropped. An
// unanswered indicator (no entry, null, or nothing left) is {}.
json normalized_entry(const json& entry);
// SHA-256 (hex) of the normalized entry's compact JSON: "the same answer" means the same hash.
std::string entry_sha256(const json& normalized);
// The hash of {} (an unanswered indicator).
const std::string& empty_entry_sha256();

// A time stamp "YYYY-MM-DDTHH:MM:SSZ" (UTC, optional fraction of a second: what JS toISOString()
// writes). Returns a key that orders time stamps correctly as text, or nullopt when `text` is not
// one. The core has no clock: every time comes from the caller.
std::optional<std::string> time_key(std::string_view text);

// The options of split or merge (`name_id`/`name_en`: "opsi pemecahan"/"split options"), "{}" when
// `text` is empty: nullopt with a located error when it is not JSON or not an object (`shape_id`/
// `shape_en` say what is expected); a key other than `keys` is a located error too, but the object
// is still returned so that every mistake is reported at once.
std::optional<json> read_options_object(std::string_view text, const char* name_id, const char* name_en,
                                        std::string_view shape_id, std::string_view shape_en,
                                        std::initializer_list<std::string_view> keys, Diagnostics& diagnostics);
// The required UTC time `key` of an options object ("made_at", "merged_at"): its text, or "" with
// a located error (`code`) when it is absent or not a UTC time.
std::string read_options_time(const json& options, const char* key, const std::string& code, Diagnostics& diagnostics);

// The pack offices (indices into Pack::offices) responsible for an indicator as the master holds
// it: the answer's own `opd` when it names offices, else the pack's. The one place split and
// merge ask "whose indicator is this?" (model/answers.hpp responsible_offices).
inline const std::vector<std::size_t>& responsible_office_indices(const Indicator& indicator, const Answer& answer) {
    return responsible_offices(indicator, answer);
}
bool office_responsible(const Indicator& indicator, const Answer& answer, std::size_t office);

// A file name for an office's package: its short name with every run of characters other than
// ASCII letters and digits made one '-' ("Bagian Hukum Setda" -> "Bagian-Hukum-Setda"), at most
// 60 characters, the office id when nothing is left, a Windows device name (CON, NUL, COM1, ...)
// suffixed with "-opd", then ".kkpham.json". `taken` holds the names already given (compared
// without case, as Windows and macOS do): a clash gets "-2", "-3", ...
std::string package_file_name(const Office& office, std::vector<std::string>& taken);

// The office as packages and reports name it: {"id","short_name","name":{"id","en"}}.
json office_json(const Office& office);

}  // namespace kkpham::offices
