// A problem found in a user's file: what, where, and how to fix it, in Bahasa
// Indonesia and English.
#pragma once

#include <string>
#include <vector>

#include "util/attributes.hpp"

namespace kkpham {

struct Diagnostic {
    std::string code;        // stable machine id, e.g. "pack.band.overlap"
    std::string path;        // JSON path ("$.indicators[3].scoring") or "line 5" for CSV
    int line = 0;            // 1-based, 0 when unknown
    int column = 0;          // 1-based, 0 when unknown
    std::string message_id;  // Bahasa Indonesia
    std::string message_en;  // English
};

// Collects diagnostics, capped so a hostile file cannot produce a huge report.
class Diagnostics {
public:
    static constexpr std::size_t kMaxReported = 200;

    // Reporting is the exceptional path (KKPHAM_COLD: out of line, and its callers' message
    // building counts as unlikely, so it is not inlined into the readers' hot loops).
    KKPHAM_COLD void error(std::string code, std::string path, std::string id, std::string en) {
        add(errors_, std::move(code), std::move(path), std::move(id), std::move(en));
    }
    KKPHAM_COLD void warning(std::string code, std::string path, std::string id, std::string en) {
        add(warnings_, std::move(code), std::move(path), std::move(id), std::move(en));
    }
    KKPHAM_COLD void add_error(Diagnostic d) {
        if (errors_.size() < kMaxReported) errors_.push_back(std::move(d));
        else truncated_ = true;
    }
    bool ok() const { return errors_.empty(); }
    bool truncated() const { return truncated_; }
    const std::vector<Diagnostic>& errors() const { return errors_; }
    const std::vector<Diagnostic>& warnings() const { return warnings_; }

private:
    KKPHAM_COLD void add(std::vector<Diagnostic>& into, std::string code, std::string path, std::string id,
             std::string en) {
        if (into.size() >= kMaxReported) {
            truncated_ = true;
            return;
        }
        Diagnostic d;
        d.code = std::move(code);
        d.path = std::move(path);
        d.message_id = std::move(id);
        d.message_en = std::move(en);
        into.push_back(std::move(d));
    }
    std::vector<Diagnostic> errors_;
    std::vector<Diagnostic> warnings_;
    bool truncated_ = false;
};

// {"ok":false,"errors":[...],"warnings":[...]} — the error document every entry point returns.
// A diagnostic is {"code","path","line","column","message":{"id","en"}}.
std::string failure_json(const Diagnostics& diagnostics);

}  // namespace kkpham
