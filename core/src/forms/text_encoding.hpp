// Which encoding a text file is in, decided once for every reader of the CSV form (the CLI and the
// browser hand the engine the file's bytes): UTF-8 with or without a byte-order mark, UTF-16 LE
// or BE (with a BOM, or without one when every other byte is NUL, as Notepad's "Unicode" and
// Excel's "Unicode Text" write mostly-ASCII text), and otherwise Windows-1252, what Excel writes
// for "CSV (Comma delimited)" on Indonesian Windows. The decoder refuses what no candidate reads
// cleanly: NUL bytes that are not UTF-16, a broken UTF-16 file, a file with a UTF-8 BOM that is
// not UTF-8, bytes Windows-1252 leaves undefined (81 8D 8F 90 9D), and a file that mixes
// UTF-8 sequences with other bytes (half of it saved one way, half another: guessing would
// garble one half).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kkpham {

enum class TextEncoding { utf8, utf16le, utf16be, windows1252 };

// "utf-8", "utf-16le", "utf-16be", "windows-1252" (the WHATWG labels, for the JSON result).
const char* encoding_id(TextEncoding encoding);
// "UTF-8", "UTF-16 LE", "UTF-16 BE", "Windows-1252" (for messages).
const char* encoding_name(TextEncoding encoding);

enum class TextProblem {
    none,
    nul,               // NUL bytes, not in a UTF-16 pattern: not a text file
    utf16_broken,      // UTF-16 (BOM or NUL pattern) with an odd length, a lone surrogate or a NUL
    utf8_bom_invalid,  // a UTF-8 BOM, then bytes that are not UTF-8
    mixed,             // valid UTF-8 sequences and bytes that are not UTF-8 in one file
    undefined_byte,    // a byte no candidate reads (undefined in Windows-1252)
};

struct DecodedText {
    bool ok = false;
    TextEncoding encoding = TextEncoding::utf8;
    bool bom = false;     // the file began with a byte-order mark (not kept in `text`)
    std::string text;     // the text as UTF-8, when ok
    TextProblem problem = TextProblem::none;
    std::size_t offset = 0;  // when !ok: the offset in the input of the first byte at fault
    unsigned byte = 0;       // for undefined_byte: its value
};

// Decodes `bytes` to UTF-8. Deterministic and pure: the same bytes give the same text natively
// and in WebAssembly.
DecodedText decode_text(std::string_view bytes);

}  // namespace kkpham
