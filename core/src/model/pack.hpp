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

// What kind of document an evidence item is, which decides the date it may carry:
// a regulation (Perda, Perkada, SK, SE) or an agreement (PKS, MoU, certificate) counts while it
// is in force, whatever year it was made; a report (data, rekap, laporan, DPA/LRA) must be of the
// data year. Packs that do not say are read as `report` (the strict rule).
enum class EvidenceKind { report, regulation, agreement };
inline constexpr std::array<std::string_view, 3> kEvidenceKindNames = {"report", "regulation", "agreement"};

struct EvidenceRequirement {
    std::string id;
    Text document;
    Text signer;
    bool required = true;
    EvidenceKind kind = EvidenceKind::report;
};

// A regional office (OPD). Declared in the pack's `offices` list, or, for a pack without one,
// made from its free-text `opd` names (one office per distinct name; model/pack_offices.cpp).
struct Office {
    std::string id;
    Text name;                         // full name
    std::string short_name;            // e.g. "DLH"
    std::vector<std::string> aliases;  // other names it is known by (old answers files use them)
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
    std::vector<std::size_t> offices;  // into Pack::offices; the first leads (its page of the evidence plan)
    std::string opd;                   // the offices' short names joined by ", " (what results show)
    // An answer whose `opd` is exactly `opd` names these offices (read_office_text of `opd`, made
    // once when the pack loads; empty when that text would not read cleanly): the common case of
    // resolve_answer_offices without a lookup per answer.
    std::vector<std::size_t> opd_offices;
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
    std::vector<std::size_t> offices;  // default offices of its indicators
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
    std::vector<Office> offices;
    bool offices_declared = false;  // the pack has an `offices` list (else they come from `opd` names)
    std::unordered_map<std::string, std::size_t> office_keys;  // office_key() of every id and name -> office
    Aggregation aggregation;
    std::unordered_map<std::string, std::size_t> indicator_index;

    nlohmann::json document;  // the pack as loaded (canonical form = document.dump())
    std::string sha256;       // of the canonical form

    bool is_official() const { return status == "official"; }
    const Indicator* find_indicator(std::string_view id) const;
    // The office with this id, short name, full name or alias (spaces and ASCII case ignored);
    // SIZE_MAX when none.
    std::size_t find_office(std::string_view name) const;
};

// "Dinas  lingkungan hidup " -> "dinas lingkungan hidup": how office names are compared.
std::string office_key(std::string_view name);
// "BKPSDM, Dinas Tenaga Kerja" -> {"BKPSDM", "Dinas Tenaga Kerja"}: names split at ',', ';' or '|',
// trimmed, empty parts dropped.
std::vector<std::string> split_office_names(std::string_view text);
// The short names of `offices`, joined by ", ".
std::string office_names(const Pack& pack, const std::vector<std::size_t>& offices);

// What a text naming offices (an answer's `opd`) names in `pack`: the whole text first (an office
// name may itself hold a separator), else each part of split_office_names. `offices` in order,
// each once; `unknown`: the parts that name no office of the pack.
struct OfficeText {
    std::vector<std::size_t> offices;
    std::vector<std::string> unknown;
};
OfficeText read_office_text(const Pack& pack, std::string_view text);

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
