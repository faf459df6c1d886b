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

// What an answers file says about its pack, read without building a tree (memory stays small
// whatever the file holds).
struct AnswersPin {
    bool is_object = false;
    std::optional<std::string> format;   // $.format when it is a string
    bool pack_is_object = false;         // $.pack is an object
    std::optional<std::string> pack_id;  // $.pack.id when it is a string
};
// False and `problem` when the text is not well-formed JSON or is nested deeper than max_depth.
bool read_answers_pin(std::string_view text, std::size_t max_depth, AnswersPin& pin, JsonProblem& problem);

// About how many bytes a parsed tree of a JSON text takes (nlohmann on 64-bit Linux: an empty object
// in an array ~112 bytes, an array ~64, a string ~48, an object member ~80, any other value ~24),
// counted without building it; stops past `limit`. Syntax errors are not reported here (the
// reader that follows reports them).
std::size_t tree_bytes(std::string_view text, std::size_t limit);

// The engine's result documents, with decimals as text (they are well-formed; nullopt if not).
std::optional<nlohmann::json> read_result(const std::string& engine_json);

}  // namespace kkpham::cli
