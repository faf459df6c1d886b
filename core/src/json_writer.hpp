// A small JSON writer with exact control of number formatting ("75.50"), so the
// result text is byte-identical wherever the core runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kkpham {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& string(std::string_view s);
    JsonWriter& boolean(bool b);
    JsonWriter& null();
    JsonWriter& integer(std::int64_t v);
    JsonWriter& number_text(std::string_view already_formatted);  // e.g. "75.50"
    JsonWriter& raw(std::string_view json);                       // a complete JSON value

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void before_value();
    std::string out_;
    std::vector<bool> first_;  // per open container: no element written yet
    bool after_key_ = false;
};

// Appends `s` as a JSON string literal (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view s);

}  // namespace kkpham
