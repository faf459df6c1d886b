// File and terminal helpers for the native CLI (the core itself does no I/O).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kkpham::cli {

// A located, bilingual problem, printed like the engine's diagnostics.
struct Problem {
    std::string code;
    std::string path;
    std::string id;
    std::string en;
};

// What a file is for; each kind has a size limit applied before anything is parsed. The limits
// are the core's (a pack 16 MB; answers and the CSV form 8 MB) and 1 MB for an effort file or
// a merge's conflict resolutions (--resolve).
enum class InputKind { answers, pack, csv, effort, resolutions };
std::size_t input_limit(InputKind kind);

// Reads a whole file of at most input_limit(kind) bytes: a regular file larger than that is
// refused from its size, without reading; any other file (a pipe, a device such as /dev/zero) is
// read up to the limit + 1 byte and refused there. A pack whose tree (the engine reads a pack into
// one) would take more than 64 MB is refused too. nullopt and `problem` (file.unreadable,
// file.too_large, pack.too_complex) when it cannot be had.
std::optional<std::string> read_input(const std::string& path, InputKind kind, Problem& problem);

// Writes `content` to `path` all at once: a temporary file is created exclusively (a new, unique
// name in the same folder, O_EXCL, mode 0644 minus the umask) and renamed over `path`. `path` must
// be a new name or a regular file: a symbolic link, a directory, a device, a FIFO or a socket is
// refused and left as it is. False and `problem` when nothing was written.
bool write_output(const std::string& path, const std::string& content, Problem& problem);

// "FILE: CODE[ at PATH]\n    [id] ...\n    [en] ..." on stderr, every part made safe to print.
void print_problem(const std::string& file, const Problem& problem);
// The engine's failure document for one problem: {"ok":false,"errors":[{...}]}.
std::string problem_json(const Problem& problem);

// Directories searched for a pack named "<id>.json" when --pack is not given.
std::vector<std::string> criteria_directories(const char* argv0);

bool file_exists(const std::string& path);

}  // namespace kkpham::cli
