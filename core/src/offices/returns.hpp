// Reading the returned office packages for a merge: each is checked as an answers file of the
// pack, as a package (its `scope`) and against the master (same region, data year, pack and
// assessment); a return that fails is refused with located, bilingual reasons and the others
// go on. Returns already merged into the master (same content) or given twice are set aside.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "model/pack.hpp"
#include "offices/master.hpp"
#include "offices/records.hpp"

namespace kkpham::offices {

enum class ReturnState { merged, already_merged, duplicate };

struct Return {
    std::string file;
    std::string sha256;  // of the document's canonical JSON
    Scope scope;
    Source source;
    std::string time;    // time_key(source.returned_at)
    json doc;
    ReturnState state = ReturnState::merged;
};

struct Refusal {
    std::string file;
    std::string office;       // "" when the file does not say
    std::string text_sha256;  // orders refusals of files with the same name
    Diagnostics diagnostics;  // errors located in the returned file
};

// returns_text: [{"file":"<name>","text":"<the returned file's text>"},...] (at most 500). False
// (and errors in `diagnostics`) only when that list itself is malformed.
bool read_returns(const Pack& pack, const Master& master, std::string_view returns_text, std::vector<Return>& accepted,
                  std::vector<Refusal>& refused, Diagnostics& diagnostics);

}  // namespace kkpham::offices
