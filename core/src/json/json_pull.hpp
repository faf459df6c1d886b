// A strict (RFC 8259), allocation-light pull parser for JSON read many times —
// answers files. The caller walks the document; the parser checks syntax,
// nesting depth, duplicate keys and UTF-8, and reports the first problem with
// its JSON path, line and column. Packs, read once, use nlohmann's DOM instead.
#pragma once

#include <cstddef>
#include <forward_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.hpp"
#include "json/json_text.hpp"

namespace kkpham {

class JsonPull {
public:
    enum class Type { object, array, string, number, boolean, null, end };

    JsonPull(std::string_view text, std::string what_id, std::string what_en, std::size_t max_depth = 64);

    // Type of the next value (after whitespace); Type::end at the end of input or after an error.
    Type peek();

    bool enter_object();                 // consumes '{'
    // true: a key was read; false: '}' consumed, or an error. Duplicate keys are errors unless the
    // caller checks them itself (check_duplicates = false, e.g. for a map keyed by indicator id).
    // `key` is the decoded key, valid until the next call: a view into the text when the key has
    // no escape and no multi-byte character (nearly always; no copy is made), else into a buffer.
    bool next_key(std::string_view& key, bool check_duplicates = true);
    bool enter_array();                  // consumes '['
    bool next_element();                 // true: an element follows; false: ']' consumed, or an error

    bool read_string(std::string& out);
    bool read_number(std::string_view& token);  // the number's text, grammar-checked
    bool read_boolean(bool& out);
    bool read_null();
    bool skip_value();

    // Checks that nothing but whitespace follows the top-level value.
    bool finish();

    // Reports a duplicate key found by the caller (see next_key).
    KKPHAM_COLD bool duplicate_key(std::string_view key);

    bool failed() const { return failed_; }
    const Diagnostic& error() const { return error_; }

    // JSON path of the value about to be read (e.g. "$.answers['A-1'].value"); for messages.
    KKPHAM_COLD std::string path() const;

private:
    struct Frame {
        bool object = false;
        bool first = true;
        std::size_t index = 0;
        std::size_t key_at = 0;  // offset of the current key's opening quote (path() decodes it)
        // The object's keys so far, for the duplicate check: views into the text, or into
        // decoded_keys for a key with escapes. Past kFewKeys keys they move to a set.
        std::vector<std::string_view> keys;
        std::set<std::string_view> many_keys;
        std::forward_list<std::string> decoded_keys;  // stable addresses; allocates nothing while empty
        bool remember(std::string_view key);
        void clear_keys();
    };
    static constexpr std::size_t kFewKeys = 16;

    void skip_ws();
    KKPHAM_COLD std::string key_text(std::size_t at) const;
    // Records the first error. string_view parameters keep each of the many call sites down to
    // a few constants (no std::string is built where nothing failed).
    KKPHAM_COLD bool fail(std::string_view code, std::string_view detail_en, std::string_view detail_id,
                          std::size_t at);
    bool expect_value_start();
    bool parse_string(std::string* out);
    bool push(bool object);

    std::string_view s_;
    std::size_t i_ = 0;
    std::size_t max_depth_;
    std::vector<Frame> frames_;  // frames_[0..depth_) are open; the rest are kept for reuse
    std::size_t depth_ = 0;
    std::string key_buffer_;  // the decoded key when it cannot be a view into the text
    std::string what_id_, what_en_;
    bool failed_ = false;
    Diagnostic error_;
};

}  // namespace kkpham
