// Loads each criteria pack once for many answers files (by --pack, or by the pack id they pin).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli_io.hpp"
#include "kkpham/engine.hpp"

namespace kkpham::cli {

// The pack id an answers file pins ($.pack.id), read without its pack; when the file cannot be
// read as answers, nullopt and the real reason (empty, UTF-16, not UTF-8, not JSON, cut off, too
// deep, a pack given as answers, no pack named), worded like the engine's own diagnostics.
std::optional<std::string> pinned_pack_id(const std::string& answers_text, Problem& problem);

class PackCache {
public:
    explicit PackCache(const char* argv0) : argv0_(argv0) {}

    // The engine for an answers file: --pack if given, else found by the answers' pack id.
    // Null (and the reason in `problem`) when no valid pack can be had; a pack's own errors are
    // printed once, with the pack's path.
    Engine* engine_for(const std::string& forced_pack, const std::string& answers_text, Problem& problem);

private:
    const char* argv0_;
    std::map<std::string, std::unique_ptr<Engine>> engines_;
};

}  // namespace kkpham::cli
