// Names in a submission package that every system can unpack: safe on Windows (no reserved
// device names, no < > : " / \ | ? * or control characters, no trailing dot or space), free of
// the characters BagIt manifests would have to percent-encode (CR, LF, %), bounded in length,
// and unable to leave the package (no "..", no absolute path, no drive letter: every separator is
// replaced, so a name is always one path component).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kkpham {

// One path component made safe; at most `max_bytes` bytes of UTF-8 (cut on a character boundary,
// keeping an extension of up to 16 bytes). Never empty: "_" stands for a name with nothing left.
std::string safe_component(std::string_view name, std::size_t max_bytes);

// A lower-case ASCII slug ("Hak atas Bantuan Hukum" -> "hak-atas-bantuan-hukum"), at most
// `max_bytes` bytes; "x" when nothing is left.
std::string ascii_slug(std::string_view text, std::size_t max_bytes);

// The last component of a reference that may hold a path ("a/b\\c.pdf" -> "c.pdf").
std::string_view base_name(std::string_view reference);

// Lower-cased ASCII, for comparing names the way a case-insensitive file system does.
std::string fold_case(std::string_view s);

}  // namespace kkpham
