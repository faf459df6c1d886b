// A checked JSON reader for the CLI: bounded nesting, duplicate keys refused, and (for the
// engine's own result documents) decimal numbers kept as their exact text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kkpham::cli {

struct JsonRead {
    std::size_t max_depth = 64;
    bool refuse_duplicate_keys = true;
    // Keep each number with a fraction or exponent as a string holding its JSON text, so that it
    // can be printed from the exact decimal (see decimal.hpp); integers stay integers.
    bool decimals_as_text = false;
};

// Why a text is not acceptable JSON: a code as the core uses it ("json.syntax", "json.truncated",
// "json.too_deep", "json.duplicate_key") and a position.
struct JsonProblem {
    std::string code;
    std::string detail_id;
    std::string detail_en;
    int line = 0;
    int column = 0;
};

// Parses without recursion (nlohmann's SAX parser keeps its own stack); nullopt and `problem` when
// the text is refused.
std::optional<nlohmann::json> read_json(std::string_view text, const JsonRead& how, JsonProblem& problem);

// The engine's result documents, with decimals as text (they are well-formed; nullopt if not).
std::optional<nlohmann::json> read_result(const std::string& engine_json);

}  // namespace kkpham::cli
