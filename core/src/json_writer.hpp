// A small JSON writer with exact control of number formatting ("75.50"), so the
// result text is byte-identical wherever the core runs. Writes into one growing
// buffer with inline stores; results of ~40 KB are written many times a second.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kkpham {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);  // k: a plain ASCII constant of the core (not escaped)
    JsonWriter& string(std::string_view s);
    JsonWriter& boolean(bool b);
    JsonWriter& null();
    JsonWriter& integer(std::int64_t v);
    JsonWriter& number_text(std::string_view t);  // t already formatted, e.g. "75.50"
    JsonWriter& raw(std::string_view json);                       // a complete JSON value
    JsonWriter& raw_members(std::string_view members);            // "k":v,... into the open object

    void reserve(std::size_t bytes) {
        if (buffer_.size() < bytes) buffer_.resize(bytes);
    }
    std::string take() {
        buffer_.resize(length_);
        length_ = 0;
        return std::move(buffer_);
    }

    // Low-level appends (also used by append_json_string's escaping).
    void put(char c) {
        ensure(1);
        buffer_[length_++] = c;
    }
    void put(std::string_view s) {
        ensure(s.size());
        std::memcpy(&buffer_[length_], s.data(), s.size());
        length_ += s.size();
    }

private:
    static constexpr std::size_t kMaxDepth = 64;
    void ensure(std::size_t n) {
        if (length_ + n > buffer_.size()) buffer_.resize((buffer_.size() + n) * 2 + 256);
    }
    void before_value();
    void escaped(std::string_view s);

    std::string buffer_;
    std::size_t length_ = 0;
    bool first_[kMaxDepth] = {};  // per open container: no element written yet
    std::size_t depth_ = 0;
    bool after_key_ = false;
};

// Appends `s` as a JSON string literal (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view s);

}  // namespace kkpham
