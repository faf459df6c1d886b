// Typed, path-aware reading of fields from untrusted JSON objects. Every failed
// read adds a bilingual diagnostic naming the JSON path; nothing throws.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"
#include "util/exact.hpp"
#include "model/pack.hpp"

namespace kkpham {

using json = nlohmann::json;

enum class Need { required, optional };

class FieldReader {
public:
    explicit FieldReader(Diagnostics& diagnostics) : diag_(diagnostics) {}

    Diagnostics& diagnostics() { return diag_; }

    // The member `key` of `object` (null when absent). Reports when required and absent.
    const json* member(const json& object, std::string_view key, const std::string& path, Need need);

    const json* object(const json& parent, std::string_view key, const std::string& path, Need need);
    const json* array(const json& parent, std::string_view key, const std::string& path, Need need);
    std::optional<std::string> string(const json& parent, std::string_view key, const std::string& path,
                                      Need need, std::size_t max_length = 4000);
    std::optional<std::string> identifier(const json& parent, std::string_view key, const std::string& path,
                                          Need need);
    std::optional<Text> text(const json& parent, std::string_view key, const std::string& path, Need need);
    std::optional<bool> boolean(const json& parent, std::string_view key, const std::string& path, Need need);
    std::optional<std::int64_t> whole(const json& parent, std::string_view key, const std::string& path,
                                      Need need, std::int64_t min, std::int64_t max);
    // A decimal number as fixed point with `decimals` decimals.
    std::optional<std::int64_t> fixed(const json& parent, std::string_view key, const std::string& path,
                                      Need need, int decimals);
    std::optional<std::int64_t> fixed_value(const json& value, const std::string& path, int decimals);

    // Warns about keys that are not in `allowed` (likely typos).
    void unknown_keys(const json& object, const std::string& path, std::initializer_list<std::string_view> allowed);

    KKPHAM_COLD void type_error(const std::string& path, std::string_view expected_id, std::string_view expected_en);
    KKPHAM_COLD void fixed_error(FixedError error, const std::string& path, int decimals);

private:
    Diagnostics& diag_;
};

bool is_identifier(std::string_view s);

}  // namespace kkpham
