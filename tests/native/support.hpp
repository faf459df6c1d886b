// Helpers shared by the doctest files: reading repository files and matching
// a partial expected JSON against a result.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kkpham::test {

// Absolute path of a file in the repository (KKPHAM_SOURCE_DIR is set by CMake).
std::string repo_path(const std::string& relative);
// Reads a repository file; fails the current test when it cannot.
std::string read_repo_file(const std::string& relative);

// Empty when `actual` matches every key of `expected`; else a description of the first mismatch.
std::string partial_mismatch(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& path = "$");

// A minimal valid pack (one right, one yes/no indicator) to mutate in validation tests.
nlohmann::json minimal_pack();

}  // namespace kkpham::test
