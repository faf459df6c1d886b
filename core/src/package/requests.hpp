// The package entry points' JSON requests read into values, and the whole verification flow
// (engine.cpp stays a thin facade over these).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.hpp"
#include "model/pack.hpp"
#include "package/evidence_check.hpp"
#include "package/package.hpp"
#include "package/verify.hpp"

namespace kkpham {

// {"files":[...]} (or the bare list).
bool read_files_request(std::string_view text, std::vector<FoundFile>& files, Diagnostics& d);
// {"files":[...],"answers_name":"...","bagging_date":"YYYY-MM-DD"}
bool read_package_request(std::string_view text, PackageRequest& request, Diagnostics& d);
// {"files":[{"path","size","sha256"}...],"texts":{"<path>":"<content>",...}}
bool read_package_listing(std::string_view text, PackageListing& listing, Diagnostics& d);

// BagIt check, the enclosed answers read and scored against `pack`, evidence, gate, score.
std::string verify_package_json(const Pack& pack, const PackageListing& listing);

}  // namespace kkpham
