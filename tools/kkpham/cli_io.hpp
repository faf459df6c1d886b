// File and terminal helpers for the native CLI (the core itself does no I/O).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kkpham::cli {

// Reads a whole file; nullopt (and a message in `error`) when it cannot be read.
std::optional<std::string> read_file(const std::string& path, std::string& error);
bool write_file(const std::string& path, const std::string& content, std::string& error);

// Directories searched for a pack named "<id>.json" when --pack is not given.
std::vector<std::string> criteria_directories(const char* argv0);

bool file_exists(const std::string& path);

}  // namespace kkpham::cli
