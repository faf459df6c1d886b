// The criteria pack: rights, indicators, scoring rules and aggregation, parsed
// from JSON and validated (see criteria/README.md for the format).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/diagnostic.hpp"

namespace kkpham {

struct Text {
    std::string id;  // Bahasa Indonesia
    std::string en;  // English; may be empty
};

enum class IndicatorType { struktur = 0, proses = 1, hasil = 2 };
inline constexpr std::array<std::string_view, 3> kTypeNames = {"struktur", "proses", "hasil"};

enum class AnswerKind { yes_no, number, percent, count, level };
enum class Rule { binary, levels, bands, linear };

std::string_view answer_kind_name(AnswerKind k);
std::string_view rule_name(Rule r);

struct Level {
    std::string id;
    Text label;
    std::int64_t points = 0;  // ten-thousandths of a point
};

struct Band {
    bool has_min = false, has_max = false;
    std::int64_t min = 0, max = 0;  // millionths
    bool min_inclusive = false, max_inclusive = false;
    std::int64_t points = 0;  // ten-thousandths
    std::size_t source_index = 0;  // position in the pack file (bands are kept sorted)
};

struct EvidenceRequirement {
    std::string id;
    Text document;
    Text signer;
    bool required = true;
};

struct LegalBasis {
    std::string citation;
    bool verified = false;
    std::string note;
};

struct Indicator {
    std::string id;
    std::size_t right = 0;  // index into Pack::rights
    IndicatorType type = IndicatorType::struktur;
    Text text, help;

    AnswerKind kind = AnswerKind::yes_no;
    std::string unit;
    bool has_range = false;
    std::int64_t range_min = 0, range_max = 0;  // millionths
    std::vector<Level> levels;
    bool na_allowed = false;

    Rule rule = Rule::binary;
    std::int64_t max_points = 0;  // ten-thousandths
    std::int64_t points_yes = 0, points_no = 0;
    std::vector<Band> bands;                      // sorted, contiguous
    std::int64_t linear_from_value = 0, linear_from_points = 0;
    std::int64_t linear_to_value = 0, linear_to_points = 0;

    std::vector<EvidenceRequirement> evidence;
    std::string opd;
    std::vector<LegalBasis> legal_basis;
};

struct Group {
    std::string id;
    Text name;
};

struct Right {
    std::string id;
    std::size_t group = 0;
    Text name;
    std::string opd;
    std::int64_t weight = 0;  // ten-thousandths
};

struct Predicate {
    std::string id;
    Text name;
    std::int64_t min_cents = 0;  // threshold on the 2-decimal total
    bool confirmed = false;
    std::string source;
};

enum class TotalFormula { weighted_mean_of_rights, points_ratio };

struct Aggregation {
    std::array<std::int64_t, 3> type_weights{};  // ten-thousandths
    bool equal_right_weights = true;
    TotalFormula total = TotalFormula::weighted_mean_of_rights;
    int decimals = 2;
    std::vector<Predicate> predicates;  // strictly decreasing min, last min = 0
};

struct Pack {
    std::string id, version, regulation, status;
    Text title, notice;
    int data_year_from = 0, data_year_to = 0;  // to == 0: open-ended
    std::vector<Group> groups;
    std::vector<Right> rights;
    std::vector<Indicator> indicators;
    Aggregation aggregation;
    std::unordered_map<std::string, std::size_t> indicator_index;

    nlohmann::json document;  // the pack as loaded (canonical form = document.dump())
    std::string sha256;       // of the canonical form

    bool is_official() const { return status == "official"; }
    const Indicator* find_indicator(std::string_view id) const;
};

struct PackLoad {
    std::shared_ptr<const Pack> pack;  // null when there are errors
    Diagnostics diagnostics;
};

// Parses JSON text and validates it.
PackLoad load_pack_text(std::string_view text);
// Validates an already-parsed document (used by the CSV import).
PackLoad load_pack_document(nlohmann::json document);

// Canonical JSON (sorted keys, no whitespace) and its SHA-256.
std::string canonical_json(const nlohmann::json& document);

}  // namespace kkpham
