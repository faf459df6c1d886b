// Loads each criteria pack once for many answers files (by --pack, or by the pack id they pin).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "kkpham/engine.hpp"

namespace kkpham::cli {

class PackCache {
public:
    explicit PackCache(const char* argv0) : argv0_(argv0) {}

    // The engine for an answers file: --pack if given, else found by the answers' pack id.
    // Null (and a reason in `problem`) when no valid pack can be had.
    Engine* engine_for(const std::string& forced_pack, const std::string& answers_text, std::string& problem);

private:
    const char* argv0_;
    std::map<std::string, std::unique_ptr<Engine>> engines_;
};

}  // namespace kkpham::cli
