// BagIt tag files (RFC 8493, version 1.0), written and read back. Paths in a package are safe
// names (package/safe_name.hpp) with no CR, LF or %, so manifests need no percent-encoding and
// `sha256sum -c manifest-sha256.txt` reads them as they are. Lines end with LF.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kkpham {

inline constexpr std::string_view kBagitTxt = "bagit.txt";
inline constexpr std::string_view kBagInfoTxt = "bag-info.txt";
inline constexpr std::string_view kManifest = "manifest-sha256.txt";
inline constexpr std::string_view kTagManifest = "tagmanifest-sha256.txt";

struct ManifestLine {
    std::string sha256, path;
};
using BagInfo = std::vector<std::pair<std::string, std::string>>;  // label, value, in order

std::string bagit_txt();
// Every value on one line (CR, LF and other control characters become spaces).
std::string bag_info_txt(const BagInfo& info);
// "<sha256>  <path>\n" per line (two spaces, as sha256sum writes them).
std::string manifest_txt(const std::vector<ManifestLine>& lines);
// "<octets>.<streams>"
std::string payload_oxum(std::int64_t octets, std::int64_t streams);

// Reading back (for verification). False and `error` (a line number and what is wrong) on a
// malformed file. A manifest path is percent-decoded (%0A, %0D, %25) per RFC 8493 section 2.1.3.
bool parse_manifest(std::string_view text, std::vector<ManifestLine>& out, std::string& error);
bool parse_bag_info(std::string_view text, BagInfo& out, std::string& error);
// The value of the first `label` (compared case-insensitively), or "".
std::string bag_info_value(const BagInfo& info, std::string_view label);

}  // namespace kkpham
