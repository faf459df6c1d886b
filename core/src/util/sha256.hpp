// SHA-256 (FIPS 180-4), used to identify criteria packs by their canonical JSON.
#pragma once

#include <string>
#include <string_view>

namespace kkpham {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace kkpham
