#include "model/pack.hpp"

#include "json/json_text.hpp"
#include "model/pack_parser.hpp"
#include "util/sha256.hpp"

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

PackLoad load_pack_document(nlohmann::json document) {
    PackLoad load;
    auto pack = std::make_shared<Pack>();
    pack_reading::PackParser parser(load.diagnostics);
    parser.parse(document, *pack);
    if (!load.diagnostics.ok()) return load;
    pack->document = std::move(document);
    pack->sha256 = sha256_hex(canonical_json(pack->document));
    load.pack = std::move(pack);
    return load;
}

PackLoad load_pack_text(std::string_view text) {
    ParsedJson parsed = parse_json_text(text, "paket kriteria", "criteria pack");
    if (!parsed.ok) {
        PackLoad load;
        load.diagnostics.add_error(parsed.error);
        return load;
    }
    return load_pack_document(std::move(parsed.value));
}

}  // namespace kkpham
