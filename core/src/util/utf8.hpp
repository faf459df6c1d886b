// UTF-8 validation shared by the readers and the writer.
#pragma once

#include <cstddef>
#include <string_view>

namespace kkpham {

// Length (1–4) of the well-formed UTF-8 sequence starting at s[i], or 0 when it
// is ill-formed (overlong, surrogate, beyond U+10FFFF, truncated).
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned min = 0;
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) len = 2, min = 0x80;
    else if ((c >> 4) == 0xE) len = 3, min = 0x800;
    else if ((c >> 3) == 0x1E) len = 4, min = 0x10000;
    else return 0;
    if (i + len > s.size()) return 0;
    unsigned cp = c & (0xFFu >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// Offset of the first ill-formed byte, or npos when all of `s` is valid UTF-8.
inline std::size_t first_invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace kkpham
