// The criteria pack reader shared by model/pack_parse.cpp (the document's structure),
// model/pack_rules.cpp (each indicator's scoring rule) and model/pack_aggregation.cpp (weights,
// total, predicates). Internal to model/: load_pack_document() (model/pack.hpp) is its only user.
// It reads and validates in one pass, so every diagnostic names the JSON path it comes from.
#pragma once

#include <cstdint>
#include <string>

#include "model/json_fields.hpp"
#include "model/pack.hpp"
#include "util/exact.hpp"

namespace kkpham::pack_reading {

inline std::string num(std::int64_t fixed, int decimals) { return format_fixed(fixed, decimals, 0); }

class PackParser {
public:
    explicit PackParser(Diagnostics& d) : diag_(d), read_(d) {}

    void parse(const json& root, Pack& pack);

private:
    void parse_header(const json& root, Pack& pack);
    void parse_groups(const json& root, Pack& pack);
    void parse_offices(const json& root, Pack& pack);
    void parse_rights(const json& root, Pack& pack);
    void parse_indicators(const json& root, Pack& pack);
    bool parse_indicator(const json& item, const std::string& path, Pack& pack, Indicator& ind);
    // An indicator's or right's offices: ids from `offices` (a pack with an offices list), or
    // offices made from its free-text `opd` (a pack without one). model/pack_offices.cpp.
    void parse_office_refs(const json& item, const std::string& path, const std::string& owner, Pack& pack,
                           std::vector<std::size_t>& offices);
    bool parse_answer(const json& item, const std::string& path, Indicator& ind);
    bool parse_scoring(const json& item, const std::string& path, Indicator& ind);
    bool parse_bands(const json& scoring, const std::string& sp, Indicator& ind);
    void parse_evidence(const json& item, const std::string& path, Indicator& ind);
    void parse_legal_basis(const json& item, const std::string& path, Indicator& ind);
    void parse_aggregation(const json& root, Pack& pack);
    void check_max_reachable(const std::string& path, const Indicator& ind);
    void check_basis(const json& param, const std::string& path);

    void error(std::string code, std::string path, std::string id, std::string en) {
        diag_.error(std::move(code), std::move(path), std::move(id), std::move(en));
    }

    Diagnostics& diag_;
    FieldReader read_;
};

}  // namespace kkpham::pack_reading
