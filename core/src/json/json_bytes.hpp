// Byte classes of JSON text as look-up tables: one load per byte instead of four comparisons in
// the loops every byte of an answers file and of a result passes through (the pull parser's
// whitespace and text runs, the writer's escaping).
#pragma once

namespace kkpham {

struct JsonByteClass {
    bool byte[256] = {};
    constexpr bool operator[](unsigned char c) const { return byte[c]; }
};

// A byte that stands for itself inside a JSON text: printable ASCII but '"' and '\\' (control
// characters must be escaped; bytes from 0x80 start UTF-8 sequences, checked apart).
constexpr JsonByteClass kPlainInText = [] {
    JsonByteClass t;
    for (int c = 0x20; c < 0x80; ++c) t.byte[c] = c != '"' && c != '\\';
    return t;
}();

// JSON's whitespace: space, tab, line feed, carriage return.
constexpr JsonByteClass kJsonSpace = [] {
    JsonByteClass t;
    for (const unsigned char c : {' ', '\t', '\n', '\r'}) t.byte[c] = true;
    return t;
}();

static_assert(kPlainInText['a'] && kPlainInText[' '] && kPlainInText[0x7F] && !kPlainInText['"'] && !kPlainInText['\\'] &&
              !kPlainInText[0x1F] && !kPlainInText[0x80] && !kPlainInText[0xFF]);
static_assert(kJsonSpace['\n'] && !kJsonSpace['\v'] && !kJsonSpace[0xA0]);

}  // namespace kkpham
