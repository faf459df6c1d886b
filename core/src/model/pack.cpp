#include "model/pack.hpp"

#include "json/json_text.hpp"
#include "model/pack_parser.hpp"
#include "util/bigint.hpp"
#include "util/sha256.hpp"

#include <array>
#include <vector>

namespace kkpham {

std::string_view answer_kind_name(AnswerKind k) {
    switch (k) {
        case AnswerKind::yes_no: return "yes_no";
        case AnswerKind::number: return "number";
        case AnswerKind::percent: return "percent";
        case AnswerKind::count: return "count";
        case AnswerKind::level: return "level";
    }
    return "";
}

std::string_view rule_name(Rule r) {
    switch (r) {
        case Rule::binary: return "binary";
        case Rule::levels: return "levels";
        case Rule::bands: return "bands";
        case Rule::linear: return "linear";
    }
    return "";
}

const Indicator* Pack::find_indicator(std::string_view id) const {
    const auto it = indicator_index.find(std::string(id));
    return it == indicator_index.end() ? nullptr : &indicators[it->second];
}

std::string canonical_json(const nlohmann::json& document) { return document.dump(); }

namespace {

int bit_length(std::uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }
std::uint64_t magnitude(std::int64_t v) { return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v); }

// An upper bound, in bits, of the numerators and denominators any answers file makes when scored
// with this pack. A total's denominator divides (sum of right weights) x the product over rights of
// (sum of type weights) x (each type's sum of max points); leaving indicators out (not applicable)
// only makes these sums smaller. Numerators are at most 100 x their denominators.
std::size_t exact_bits_bound(const Pack& pack) {
    std::uint64_t type_weights = 0;
    for (std::int64_t w : pack.aggregation.type_weights) type_weights += magnitude(w);
    std::vector<std::array<std::uint64_t, 3>> max_sums(pack.rights.size(), std::array<std::uint64_t, 3>{});
    std::uint64_t all_points = 0, right_weights = 0;
    for (const Indicator& ind : pack.indicators) {
        if (ind.right < max_sums.size()) max_sums[ind.right][static_cast<std::size_t>(ind.type)] += magnitude(ind.max_points);
        all_points += magnitude(ind.max_points);
    }
    std::size_t bits = 64 + 8 + static_cast<std::size_t>(bit_length(all_points));
    if (pack.aggregation.total == TotalFormula::points_ratio) return bits;
    for (const Right& r : pack.rights) right_weights += magnitude(r.weight);
    bits += static_cast<std::size_t>(bit_length(right_weights));
    for (const auto& sums : max_sums) {
        bits += static_cast<std::size_t>(bit_length(type_weights));
        for (std::uint64_t m : sums) bits += static_cast<std::size_t>(bit_length(m));
    }
    return bits;
}

}  // namespace

PackLoad load_pack_document(nlohmann::json document) {
    PackLoad load;
    auto pack = std::make_shared<Pack>();
    pack_reading::PackParser parser(load.diagnostics);
    parser.parse(document, *pack);
    if (!load.diagnostics.ok()) return load;
    // A pack that validates must score every valid answers file: exact arithmetic goes past 128
    // bits when it needs to (util/bigint.hpp), up to BigInt::kMaxBits. Only a pack whose numbers
    // could need more (thousands of rights with unrelated point sums) is refused, here, not later.
    if (const std::size_t bits = exact_bits_bound(*pack); bits > BigInt::kMaxBits / 2) {
        load.diagnostics.error("pack.arithmetic_bound", "$.aggregation",
                               "Paket ini memerlukan angka lebih dari " + std::to_string(BigInt::kMaxBits / 2) +
                                   " bit untuk dihitung secara eksak (perkiraan " + std::to_string(bits) +
                                   " bit): terlalu banyak hak dengan jumlah poin maksimum yang tidak lazim. Sederhanakan bobot atau poin maksimum.",
                               "This pack would need numbers of more than " + std::to_string(BigInt::kMaxBits / 2) +
                                   " bits to compute exactly (estimated " + std::to_string(bits) +
                                   " bits): too many rights with unusual sums of maximum points. Simplify the weights or maximum points.");
        return load;
    }
    pack->document = std::move(document);
    pack->sha256 = sha256_hex(canonical_json(pack->document));
    load.pack = std::move(pack);
    return load;
}

PackLoad load_pack_text(std::string_view text) {
    JsonLimits limits;
    limits.exact_numbers = true;  // weights, bounds and points are fixed point: judged on their text
    limits.too_complex_code = "pack.too_complex";
    ParsedJson parsed = parse_json_text(text, "paket kriteria", "criteria pack", limits);
    if (!parsed.ok) {
        PackLoad load;
        load.diagnostics.add_error(parsed.error);
        return load;
    }
    return load_pack_document(std::move(parsed.value));
}

}  // namespace kkpham
