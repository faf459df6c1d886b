#include "forms/text_encoding.hpp"

#include <algorithm>
#include <cstdint>

#include "util/utf8.hpp"

namespace kkpham {
namespace {

// Windows-1252's 0x80..0x9F (0: undefined); 0xA0..0xFF are U+00A0..U+00FF.
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

DecodedText failed(TextProblem problem, std::size_t offset, unsigned byte = 0) {
    DecodedText d;
    d.problem = problem;
    d.offset = offset;
    d.byte = byte;
    return d;
}

// UTF-16 from `start` (after a BOM, if any) to the end. A NUL character is refused too: it is
// no more text in UTF-16 than in UTF-8.
DecodedText decode_utf16(std::string_view bytes, std::size_t start, bool little_endian) {
    if ((bytes.size() - start) % 2 != 0) return failed(TextProblem::utf16_broken, bytes.size() - 1);
    DecodedText d;
    d.encoding = little_endian ? TextEncoding::utf16le : TextEncoding::utf16be;
    d.bom = start > 0;
    d.text.reserve((bytes.size() - start) / 2 * 3 / 2);
    auto unit = [&](std::size_t i) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
        return little_endian ? (static_cast<std::uint32_t>(b) << 8 | a) : (static_cast<std::uint32_t>(a) << 8 | b);
    };
    for (std::size_t i = start; i < bytes.size(); i += 2) {
        std::uint32_t cp = unit(i);
        if (cp == 0) return failed(TextProblem::utf16_broken, i);
        if (cp >= 0xDC00 && cp <= 0xDFFF) return failed(TextProblem::utf16_broken, i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            const std::uint32_t low = i + 3 < bytes.size() ? unit(i + 2) : 0;
            if (low < 0xDC00 || low > 0xDFFF) return failed(TextProblem::utf16_broken, i);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        }
        append_utf8(d.text, cp);
    }
    d.ok = true;
    return d;
}

// Without a BOM: UTF-16 when the NULs of the first 4 KiB fall (almost) all on one parity and
// make up a third of it or more (mostly-ASCII text, one NUL per letter; a character such as
// U+DE00 in a surrogate pair may put a NUL on the other side). 0: not UTF-16; 1: LE; 2: BE.
int utf16_without_bom(std::string_view bytes) {
    const std::size_t probe = std::min<std::size_t>(bytes.size(), 4096);
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < probe; ++i) {
        if (bytes[i] == '\0') ++((i % 2 == 0) ? even : odd);
    }
    const std::size_t most = std::max(even, odd), least = std::min(even, odd);
    if (most * 3 < probe || least * 16 > most) return 0;
    return odd > even ? 1 : 2;  // "a\0" (NUL at odd offsets) is little-endian
}

}  // namespace

const char* encoding_id(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::utf8: return "utf-8";
        case TextEncoding::utf16le: return "utf-16le";
        case TextEncoding::utf16be: return "utf-16be";
        case TextEncoding::windows1252: return "windows-1252";
    }
    return "utf-8";
}

const char* encoding_name(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::utf8: return "UTF-8";
        case TextEncoding::utf16le: return "UTF-16 LE";
        case TextEncoding::utf16be: return "UTF-16 BE";
        case TextEncoding::windows1252: return "Windows-1252";
    }
    return "UTF-8";
}

DecodedText decode_text(std::string_view bytes) {
    const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() >= 2 && byte_at(0) == 0xFF && byte_at(1) == 0xFE) return decode_utf16(bytes, 2, true);
    if (bytes.size() >= 2 && byte_at(0) == 0xFE && byte_at(1) == 0xFF) return decode_utf16(bytes, 2, false);
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        const std::string_view rest = bytes.substr(3);
        if (const std::size_t bad = first_invalid_utf8(rest); bad != std::string_view::npos) {
            return failed(TextProblem::utf8_bom_invalid, bad + 3);
        }
        if (const std::size_t nul = rest.find('\0'); nul != std::string_view::npos) return failed(TextProblem::nul, nul + 3);
        DecodedText d;
        d.ok = true;
        d.bom = true;
        d.text.assign(rest);
        return d;
    }
    if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        const int utf16 = utf16_without_bom(bytes);
        if (utf16 == 0) return failed(TextProblem::nul, nul);
        return decode_utf16(bytes, 0, utf16 == 1);
    }
    // UTF-8 when it is all valid; whether any multi-byte sequence is valid tells a file that
    // mixes encodings from a Windows-1252 one.
    std::size_t bad = std::string_view::npos;
    bool multibyte = false;
    for (std::size_t i = 0; i < bytes.size();) {
        if (byte_at(i) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence(bytes, i);
        if (len == 0) {
            bad = std::min(bad, i);
            ++i;
            continue;
        }
        multibyte = true;
        i += len;
    }
    if (bad == std::string_view::npos) {
        DecodedText d;
        d.ok = true;
        d.text.assign(bytes);
        return d;
    }
    if (multibyte) return failed(TextProblem::mixed, bad);
    // Windows-1252: ASCII as is, 0xA0..0xFF as U+00A0..U+00FF, 0x80..0x9F by the table.
    DecodedText d;
    d.encoding = TextEncoding::windows1252;
    d.text.reserve(bytes.size() + bytes.size() / 8);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const unsigned c = byte_at(i);
        if (c < 0x80) {
            d.text += static_cast<char>(c);
        } else if (c >= 0xA0) {
            append_utf8(d.text, c);
        } else if (kCp1252High[c - 0x80] != 0) {
            append_utf8(d.text, kCp1252High[c - 0x80]);
        } else {
            return failed(TextProblem::undefined_byte, i, c);
        }
    }
    d.ok = true;
    return d;
}

}  // namespace kkpham
