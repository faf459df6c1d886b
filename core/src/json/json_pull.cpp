// Over 400 lines on purpose: one pull parser (tokens, strings with their escapes, numbers,
// nesting and the JSON path of every error) is clearer in one file than split mid-state-machine.
#include "json/json_pull.hpp"

#include "json/json_bytes.hpp"
#include "json/json_text.hpp"
#include "util/utf8.hpp"

namespace kkpham {

bool JsonPull::Frame::remember(std::string_view key) {
    if (!many_keys.empty()) return many_keys.insert(key).second;
    for (const std::string_view seen : keys) {
        if (seen == key) return false;
    }
    keys.push_back(key);
    if (keys.size() > kFewKeys) {
        many_keys.insert(keys.begin(), keys.end());
        keys.clear();
    }
    return true;
}

void JsonPull::Frame::clear_keys() {
    keys.clear();  // keeps its capacity: frames are reused object after object
    if (!many_keys.empty()) many_keys.clear();
    if (!decoded_keys.empty()) decoded_keys.clear();
}

JsonPull::JsonPull(std::string_view text, std::string what_id, std::string what_en, std::size_t max_depth)
    : s_(text), max_depth_(max_depth), what_id_(std::move(what_id)), what_en_(std::move(what_en)) {
    frames_.resize(8);
}

// The decoded text of a key that parse_string() has already read successfully at `at`
// (keeping offsets instead of copies of the keys saves a string copy per key read).
std::string JsonPull::key_text(std::size_t at) const {
    JsonPull again(s_, std::string(), std::string(), 1);
    again.i_ = at;
    std::string key;
    again.parse_string(&key);
    return key;
}

std::string JsonPull::path() const {
    std::string p = "$";
    for (std::size_t d = 0; d < depth_; ++d) {
        const Frame& f = frames_[d];
        if (f.first) break;  // nothing read inside this container yet
        if (f.object) p = path_key(p, key_text(f.key_at));
        else p = path_index(p, f.index);
    }
    return p;
}

bool JsonPull::duplicate_key(std::string_view key) {
    const std::string k(key);
    return fail("json.duplicate_key", "the key \"" + k + "\" appears twice in one object at " + path(),
                "kunci \"" + k + "\" muncul dua kali dalam satu objek di " + path(), i_);
}

bool JsonPull::fail(std::string_view code, std::string_view detail_en, std::string_view detail_id, std::size_t at) {
    if (failed_) return false;
    failed_ = true;
    int line = 0, column = 0;
    line_column(s_, at, line, column);
    const std::string where_id = " (baris " + std::to_string(line) + ", kolom " + std::to_string(column) + ")";
    const std::string where_en = " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
    const std::string id(detail_id), en(detail_en);
    error_.code = std::string(code);
    error_.path = path();
    error_.line = line;
    error_.column = column;
    if (error_.code == "json.duplicate_key" || error_.code == "json.too_deep") {
        error_.message_id = "Berkas " + what_id_ + ": " + id + where_id + ".";
        error_.message_en = "The " + what_en_ + " file: " + en + where_en + ".";
    } else {
        error_.message_id = "Berkas " + what_id_ + " bukan JSON yang sah" + where_id + ": " + id + ".";
        error_.message_en = "The " + what_en_ + " file is not valid JSON" + where_en + ": " + en + ".";
    }
    return false;
}

void JsonPull::skip_ws() {
    while (i_ < s_.size() && kJsonSpace[static_cast<unsigned char>(s_[i_])]) ++i_;
}

JsonPull::Type JsonPull::peek() {
    if (failed_) return Type::end;
    skip_ws();
    if (i_ >= s_.size()) return Type::end;
    switch (s_[i_]) {
        case '{': return Type::object;
        case '[': return Type::array;
        case '"': return Type::string;
        case 't':
        case 'f': return Type::boolean;
        case 'n': return Type::null;
        default: return Type::number;  // validated when read
    }
}

bool JsonPull::expect_value_start() {
    if (failed_) return false;
    skip_ws();
    if (i_ >= s_.size()) {
        return fail("json.truncated", "the file ends where a value was expected (it is cut off)",
                    "berkas berakhir padahal sebuah nilai diharapkan (terpotong)", i_);
    }
    return true;
}

bool JsonPull::push(bool object) {
    if (depth_ + 1 > max_depth_) {
        return fail("json.too_deep", "nested more than " + std::to_string(max_depth_) + " levels deep",
                    "bersarang lebih dari " + std::to_string(max_depth_) + " tingkat", i_);
    }
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.object = object;
    f.first = true;
    f.index = 0;
    f.key_at = 0;
    f.clear_keys();
    return true;
}

bool JsonPull::enter_object() {
    if (!expect_value_start()) return false;
    if (s_[i_] != '{') return fail("json.syntax", "expected '{'", "seharusnya '{'", i_);
    if (!push(true)) return false;
    ++i_;
    return true;
}

bool JsonPull::enter_array() {
    if (!expect_value_start()) return false;
    if (s_[i_] != '[') return fail("json.syntax", "expected '['", "seharusnya '['", i_);
    if (!push(false)) return false;
    ++i_;
    return true;
}

bool JsonPull::next_key(std::string_view& key, bool check_duplicates) {
    if (failed_) return false;
    Frame& f = frames_[depth_ - 1];
    skip_ws();
    if (i_ >= s_.size()) return fail("json.truncated", "unexpected end of input inside an object", "berkas terpotong di dalam objek", i_);
    if (s_[i_] == '}') {
        if (!f.first && s_[i_ - 1] == ',') {
            return fail("json.syntax", "a comma before '}'", "ada koma sebelum '}'", i_);
        }
        ++i_;
        --depth_;
        return false;
    }
    if (!f.first) {
        if (s_[i_] != ',') return fail("json.syntax", "expected ',' or '}'", "seharusnya ',' atau '}'", i_);
        ++i_;
        skip_ws();
        if (i_ >= s_.size()) return fail("json.truncated", "unexpected end of input inside an object", "berkas terpotong di dalam objek", i_);
    }
    if (s_[i_] != '"') return fail("json.syntax", "expected a key in double quotes", "seharusnya kunci dalam tanda kutip ganda", i_);
    const std::size_t key_at = i_;
    // A key of plain characters is its own decoded text: a view, no copy.
    std::size_t end = key_at + 1;
    while (end < s_.size() && kPlainInText[static_cast<unsigned char>(s_[end])]) ++end;
    bool decoded = false;
    if (end < s_.size() && s_[end] == '"') {
        key = s_.substr(key_at + 1, end - key_at - 1);
        i_ = end + 1;
    } else {
        if (!parse_string(&key_buffer_)) return false;
        key = key_buffer_;
        decoded = true;
    }
    f.first = false;
    f.key_at = key_at;
    if (check_duplicates) {
        if (decoded) key = f.decoded_keys.emplace_front(key_buffer_);  // outlives key_buffer_'s next use
        if (!f.remember(key)) {
            const std::string k(key);
            return fail("json.duplicate_key", "the key \"" + k + "\" appears twice in one object at " + path(),
                        "kunci \"" + k + "\" muncul dua kali dalam satu objek di " + path(), key_at);
        }
    }
    skip_ws();
    if (i_ >= s_.size()) return fail("json.truncated", "unexpected end of input after a key", "berkas terpotong setelah kunci", i_);
    if (s_[i_] != ':') return fail("json.syntax", "expected ':' after a key", "seharusnya ':' setelah kunci", i_);
    ++i_;
    return true;
}

bool JsonPull::next_element() {
    if (failed_) return false;
    Frame& f = frames_[depth_ - 1];
    skip_ws();
    if (i_ >= s_.size()) return fail("json.truncated", "unexpected end of input inside a list", "berkas terpotong di dalam daftar", i_);
    if (s_[i_] == ']') {
        if (!f.first && s_[i_ - 1] == ',') return fail("json.syntax", "a comma before ']'", "ada koma sebelum ']'", i_);
        ++i_;
        --depth_;
        return false;
    }
    if (!f.first) {
        if (s_[i_] != ',') return fail("json.syntax", "expected ',' or ']'", "seharusnya ',' atau ']'", i_);
        ++i_;
        ++f.index;
    }
    f.first = false;
    return true;
}

bool JsonPull::parse_string(std::string* out) {
    // s_[i_] == '"'
    ++i_;
    if (out != nullptr) out->clear();
    while (true) {
        const std::size_t run = i_;
        while (i_ < s_.size() && kPlainInText[static_cast<unsigned char>(s_[i_])]) ++i_;
        if (out != nullptr && i_ > run) out->append(s_.data() + run, i_ - run);
        if (i_ >= s_.size()) return fail("json.truncated", "a text is not closed (the file is cut off)", "teks tidak ditutup (berkas terpotong)", i_);
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '"') {
            ++i_;
            return true;
        }
        if (c < 0x20) return fail("json.syntax", "a control character inside a text", "karakter kendali di dalam teks", i_);
        if (c >= 0x80) {
            const std::size_t len = utf8_sequence(s_, i_);
            if (len == 0) {
                return fail("json.invalid_utf8", "ill-formed UTF-8 text; save the file as UTF-8",
                            "teks UTF-8 rusak; simpan ulang berkas sebagai UTF-8", i_);
            }
            if (out != nullptr) out->append(s_.data() + i_, len);
            i_ += len;
            continue;
        }
        // escape
        if (i_ + 1 >= s_.size()) return fail("json.truncated", "a text is not closed (the file is cut off)", "teks tidak ditutup (berkas terpotong)", i_);
        const char e = s_[i_ + 1];
        char simple = 0;
        switch (e) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': break;
            default: return fail("json.syntax", "an invalid escape '\\" + std::string(1, e) + "'", "escape tidak sah '\\" + std::string(1, e) + "'", i_);
        }
        if (simple != 0) {
            if (out != nullptr) out->push_back(simple);
            i_ += 2;
            continue;
        }
        auto hex4 = [&](std::size_t at, unsigned& v) {
            if (at + 4 > s_.size()) return false;
            v = 0;
            for (std::size_t k = at; k < at + 4; ++k) {
                const char h = s_[k];
                v <<= 4;
                if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
                else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
                else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
                else return false;
            }
            return true;
        };
        unsigned cp = 0;
        if (!hex4(i_ + 2, cp)) return fail("json.syntax", "\\u needs four hexadecimal digits", "\\u memerlukan empat digit heksadesimal", i_);
        i_ += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (i_ + 1 >= s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u' || !hex4(i_ + 2, low) || low < 0xDC00 || low > 0xDFFF) {
                return fail("json.invalid_utf8", "a lone UTF-16 surrogate in \\u escapes", "surrogate UTF-16 tanpa pasangan pada escape \\u", i_);
            }
            i_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("json.invalid_utf8", "a lone UTF-16 surrogate in \\u escapes", "surrogate UTF-16 tanpa pasangan pada escape \\u", i_);
        }
        if (out != nullptr) {
            if (cp < 0x80) {
                out->push_back(static_cast<char>(cp));
            } else if (cp < 0x800) {
                out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
                out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
                out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            } else {
                out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
                out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
                out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            }
        }
    }
}

bool JsonPull::read_string(std::string& out) {
    if (!expect_value_start()) return false;
    if (s_[i_] != '"') return fail("json.syntax", "expected a text in double quotes", "seharusnya teks dalam tanda kutip ganda", i_);
    return parse_string(&out);
}

bool JsonPull::read_number(std::string_view& token) {
    if (!expect_value_start()) return false;
    const std::size_t start = i_;
    auto digit = [&](std::size_t k) { return k < s_.size() && s_[k] >= '0' && s_[k] <= '9'; };
    std::size_t k = i_;
    if (k < s_.size() && s_[k] == '-') ++k;
    if (!digit(k)) {
        const char c = s_[start];
        const std::string shown = (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80) ? std::string(1, c) : "?";
        return fail("json.syntax", "unexpected character '" + shown + "'", "karakter tak terduga '" + shown + "'", start);
    }
    long significant_exponent = -1;  // position of the first non-zero digit relative to the point
    bool seen_nonzero = false;
    long int_digits = 0;
    if (s_[k] == '0') {
        ++k;
    } else {
        while (digit(k)) {
            if (s_[k] != '0' && !seen_nonzero) {
                seen_nonzero = true;
                significant_exponent = 0;
            }
            if (seen_nonzero) ++int_digits;
            ++k;
        }
    }
    if (k < s_.size() && s_[k] == '.') {
        ++k;
        if (!digit(k)) return fail("json.syntax", "a number needs digits after '.'", "angka memerlukan digit setelah '.'", k);
        while (digit(k)) ++k;
    }
    long exponent = 0;
    if (k < s_.size() && (s_[k] == 'e' || s_[k] == 'E')) {
        ++k;
        bool negative = false;
        if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) negative = s_[k++] == '-';
        if (!digit(k)) return fail("json.syntax", "a number needs digits in its exponent", "eksponen angka memerlukan digit", k);
        while (digit(k)) {
            if (exponent < 100000) exponent = exponent * 10 + (s_[k] - '0');
            ++k;
        }
        if (negative) exponent = -exponent;
    }
    (void)significant_exponent;
    if (int_digits + exponent > 309) {
        i_ = k;
        return fail("json.number_overflow", "number overflow: " + std::string(s_.substr(start, k - start)) + " is too large",
                    "angka terlalu besar: " + std::string(s_.substr(start, k - start)), start);
    }
    token = s_.substr(start, k - start);
    i_ = k;
    return true;
}

bool JsonPull::read_boolean(bool& out) {
    if (!expect_value_start()) return false;
    if (s_.substr(i_, 4) == "true") {
        out = true;
        i_ += 4;
        return true;
    }
    if (s_.substr(i_, 5) == "false") {
        out = false;
        i_ += 5;
        return true;
    }
    return fail("json.syntax", "expected true or false", "seharusnya true atau false", i_);
}

bool JsonPull::read_null() {
    if (!expect_value_start()) return false;
    if (s_.substr(i_, 4) == "null") {
        i_ += 4;
        return true;
    }
    return fail("json.syntax", "expected null", "seharusnya null", i_);
}

bool JsonPull::skip_value() {
    switch (peek()) {
        case Type::object: {
            if (!enter_object()) return false;
            std::string_view key;
            while (next_key(key)) {
                if (!skip_value()) return false;
            }
            return !failed_;
        }
        case Type::array:
            if (!enter_array()) return false;
            while (next_element()) {
                if (!skip_value()) return false;
            }
            return !failed_;
        case Type::string:
            if (!expect_value_start()) return false;
            return parse_string(nullptr);
        case Type::boolean: {
            bool b = false;
            return read_boolean(b);
        }
        case Type::null: return read_null();
        case Type::number: {
            std::string_view t;
            return read_number(t);
        }
        case Type::end: return expect_value_start();
    }
    return false;
}

bool JsonPull::finish() {
    if (failed_) return false;
    skip_ws();
    if (i_ < s_.size()) return fail("json.syntax", "more text after the end of the JSON value", "ada teks lagi setelah akhir nilai JSON", i_);
    return true;
}

}  // namespace kkpham
