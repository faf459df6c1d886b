// Reading untrusted JSON text safely: size and depth limits, duplicate keys,
// invalid UTF-8, numbers that overflow — each reported with line and column.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <vector>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"

namespace kkpham {

// The keys seen in one JSON object, to detect duplicates: a short list for small objects
// (no allocation per key), a set once an object has many keys (e.g. 120 answers).
class SeenKeys {
public:
    // False when `key` was already seen.
    bool remember(const std::string& key);
    void clear() {
        few_count_ = 0;
        if (!many_.empty()) many_.clear();
    }

private:
    std::vector<std::string> few_;  // few_[0..few_count_) are this object's keys; the rest are kept for reuse
    std::size_t few_count_ = 0;
    std::set<std::string, std::less<>> many_;
};

struct JsonLimits {
    std::size_t max_bytes = 16u * 1024u * 1024u;
    std::size_t max_depth = 64;
    // The memory the parsed tree would take, estimated per node while parsing (the same estimate
    // for every build): 16 MB of "{}," would otherwise become a 630 MB tree. The parse stops at the
    // first node past the limit, so no more than about this much is ever built.
    std::size_t max_tree_bytes = 64u * 1024u * 1024u;
    // The error code when it is passed (a reader may name its file kind: "pack.too_complex").
    std::string_view too_complex_code = "json.too_complex";
    // When set, every number must be exact in fixed point with at most 6 decimals and at most 1e9
    // in size, judged on its text (a double would silently round 0.1000000000000000000001 or
    // 1e-400): criteria packs, whose numbers are read as fixed point.
    bool exact_numbers = false;
};

// The estimated tree memory of one node (the figures used for JsonLimits::max_tree_bytes).
struct TreeWeights {
    static constexpr std::size_t scalar = 24, string = 48, object = 112, array = 64, key = 80, short_text = 15;
};

struct ParsedJson {
    nlohmann::json value;
    bool ok = false;
    Diagnostic error;  // set when !ok
};

// `what` names the file kind in messages ("paket kriteria"/"criteria pack", ...).
ParsedJson parse_json_text(std::string_view text, std::string_view what_id,
                           std::string_view what_en, const JsonLimits& limits = {});

// Checks shared by every reader before parsing: size, UTF-16, empty. Strips a UTF-8 BOM from `text`.
std::optional<Diagnostic> check_envelope(std::string_view& text, std::string_view what_id, std::string_view what_en,
                                        std::size_t max_bytes);

// JSON path helpers: "$" + ".key" or "['odd key']" / "[3]".
std::string path_key(const std::string& base, std::string_view key);
std::string path_index(const std::string& base, std::size_t index);

// 1-based line and column of a byte offset.
void line_column(std::string_view text, std::size_t offset, int& line, int& column);

}  // namespace kkpham
