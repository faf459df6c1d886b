#include "json/json_writer.hpp"

#include <charconv>

#include "json/json_bytes.hpp"
#include "util/utf8.hpp"

namespace kkpham {
namespace {

// Escapes `s` as the body of a JSON string into any sink with put(char) and put(string_view).
template <class Sink>
void escape_into(Sink& sink, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < s.size();) {
        // Fast path: copy a run of printable ASCII that needs no escaping in one go.
        std::size_t run = i;
        while (run < s.size() && kPlainInText[static_cast<unsigned char>(s[run])]) ++run;
        if (run > i) {
            sink.put(s.substr(i, run - i));
            i = run;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            // Text that reaches the output is normally validated UTF-8; anything else (e.g. a
            // parser message quoting a broken byte) becomes U+FFFD so the output stays valid JSON.
            const std::size_t len = utf8_sequence(s, i);
            if (len == 0) {
                sink.put(std::string_view("\\ufffd"));
                ++i;
            } else {
                sink.put(s.substr(i, len));
                i += len;
            }
            continue;
        }
        switch (c) {
            case '"': sink.put(std::string_view("\\\"")); break;
            case '\\': sink.put(std::string_view("\\\\")); break;
            case '\n': sink.put(std::string_view("\\n")); break;
            case '\r': sink.put(std::string_view("\\r")); break;
            case '\t': sink.put(std::string_view("\\t")); break;
            case '\b': sink.put(std::string_view("\\b")); break;
            case '\f': sink.put(std::string_view("\\f")); break;
            default: {
                const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
                sink.put(std::string_view(u, 6));
            }
        }
        ++i;
    }
}

struct StringSink {
    std::string& out;
    void put(char c) { out += c; }
    void put(std::string_view s) { out.append(s); }
};

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    StringSink sink{out};
    out += '"';
    escape_into(sink, s);
    out += '"';
}

void JsonWriter::escaped(std::string_view s) {
    put('"');
    escape_into(*this, s);
    put('"');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (depth_ > 0) {
        if (!first_[depth_ - 1]) put(',');
        first_[depth_ - 1] = false;
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    put('{');
    if (depth_ < kMaxDepth) first_[depth_] = true;
    ++depth_;
    return *this;
}
JsonWriter& JsonWriter::end_object() {
    put('}');
    --depth_;
    return *this;
}
JsonWriter& JsonWriter::begin_array() {
    before_value();
    put('[');
    if (depth_ < kMaxDepth) first_[depth_] = true;
    ++depth_;
    return *this;
}
JsonWriter& JsonWriter::end_array() {
    put(']');
    --depth_;
    return *this;
}
JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    // Keys are the core's own plain ASCII constants (never user text), so they need no escaping.
    ensure(k.size() + 3);
    char* at = data_ + length_;
    *at++ = '"';
    std::memcpy(at, k.data(), k.size());
    at += k.size();
    *at++ = '"';
    *at = ':';
    length_ += k.size() + 3;
    after_key_ = true;
    return *this;
}
JsonWriter& JsonWriter::string(std::string_view s) {
    before_value();
    escaped(s);
    return *this;
}
JsonWriter& JsonWriter::boolean(bool b) {
    before_value();
    put(b ? std::string_view("true") : std::string_view("false"));
    return *this;
}
JsonWriter& JsonWriter::null() {
    before_value();
    put(std::string_view("null"));
    return *this;
}
JsonWriter& JsonWriter::integer(std::int64_t v) {
    before_value();
    char text[24];  // the same digits as std::to_string, without a temporary string
    put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, v).ptr - text)));
    return *this;
}
JsonWriter& JsonWriter::number_text(std::string_view t) {
    before_value();
    put(t);
    return *this;
}
JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    put(json);
    return *this;
}

JsonWriter& JsonWriter::raw_members(std::string_view members) {
    if (members.empty()) return *this;
    before_value();
    put(members);
    return *this;
}

}  // namespace kkpham
