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
    JsonWriter() = default;
    JsonWriter(const JsonWriter&) = delete;  // data_ points into buffer_
    JsonWriter& operator=(const JsonWriter&) = delete;

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
        if (buffer_.size() < bytes) resize(bytes);
    }
    std::string take() {
        buffer_.resize(length_);
        length_ = 0;
        std::string out = std::move(buffer_);
        buffer_.clear();
        data_ = buffer_.data();
        size_ = 0;
        return out;
    }

    // Low-level appends (also used by append_json_string's escaping). They write through a raw
    // pointer: std::string's operator[] tests for the short-string form on every access, which
    // libc++ (the wasm build) cannot hoist out of these calls.
    void put(char c) {
        ensure(1);
        data_[length_++] = c;
    }
    void put(std::string_view s) {
        ensure(s.size());
        std::memcpy(data_ + length_, s.data(), s.size());
        length_ += s.size();
    }

private:
    static constexpr std::size_t kMaxDepth = 64;
    void ensure(std::size_t n) {
        if (length_ + n > size_) resize((size_ + n) * 2 + 256);
    }
    void resize(std::size_t bytes) {
        buffer_.resize(bytes);
        data_ = buffer_.data();
        size_ = buffer_.size();
    }
    void before_value();
    void escaped(std::string_view s);

    std::string buffer_;
    char* data_ = buffer_.data();  // == buffer_.data(), size_ == buffer_.size()
    std::size_t size_ = 0;
    std::size_t length_ = 0;
    bool first_[kMaxDepth] = {};  // per open container: no element written yet
    std::size_t depth_ = 0;
    bool after_key_ = false;
};

// Appends `s` as a JSON string literal (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view s);

}  // namespace kkpham
