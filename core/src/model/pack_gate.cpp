#include "model/pack_gate.hpp"

#include <algorithm>

#include "model/json_fields.hpp"

namespace kkpham {

GateRules read_gate_rules(const nlohmann::json& root, Diagnostics* diagnostics) {
    GateRules rules;
    if (!root.is_object()) return rules;
    const auto it = root.find("gate");
    if (it == root.end()) return rules;
    // Filled through `diag` when the caller wants no diagnostics (cppcheck cannot see the reference).
    Diagnostics ignored;  // cppcheck-suppress unassignedVariable
    Diagnostics& diag = diagnostics != nullptr ? *diagnostics : ignored;
    FieldReader read(diag);
    const std::string p = "$.gate";
    if (!it->is_object()) {
        read.type_error(p, "objek aturan kelengkapan", "a completeness-gate object");
        return rules;
    }
    rules.declared = true;
    read.unknown_keys(*it, p, {"value", "basis", "source"});
    if (auto basis = read.string(*it, "basis", p, Need::required, 32)) {
        if (*basis != "confirmed" && *basis != "assumed") {
            diag.error("pack.gate.basis", p + ".basis",
                       p + ".basis harus \"confirmed\" (dikonfirmasi sumber terbitan) atau \"assumed\" (asumsi).",
                       p + ".basis must be \"confirmed\" (a published source states it) or \"assumed\".");
        } else {
            rules.basis = *basis;
        }
    }
    if (auto source = read.string(*it, "source", p, Need::optional, 2000)) rules.source = *source;
    const json* value = read.object(*it, "value", p, Need::required);
    if (value == nullptr) return rules;
    const std::string vp = p + ".value";
    read.unknown_keys(*value, vp, {"types_per_right", "all_answered"});
    if (const json* types = read.array(*value, "types_per_right", vp, Need::optional)) {
        for (std::size_t i = 0; i < types->size(); ++i) {
            const json& t = (*types)[i];
            const std::string tp = vp + ".types_per_right[" + std::to_string(i) + "]";
            const auto name = t.is_string() ? t.get<std::string>() : std::string();
            const auto at = std::find(kTypeNames.begin(), kTypeNames.end(), name);
            if (at == kTypeNames.end()) {
                diag.error("pack.gate.type", tp, tp + " harus \"struktur\", \"proses\" atau \"hasil\".",
                           tp + " must be \"struktur\", \"proses\" or \"hasil\".");
                continue;
            }
            const auto type = static_cast<IndicatorType>(at - kTypeNames.begin());
            if (std::find(rules.types_per_right.begin(), rules.types_per_right.end(), type) != rules.types_per_right.end()) {
                diag.error("pack.gate.type_repeated", tp, tp + " menyebut jenis \"" + name + "\" dua kali.",
                           tp + " names the type \"" + name + "\" twice.");
                continue;
            }
            rules.types_per_right.push_back(type);
        }
    }
    if (auto all = read.boolean(*value, "all_answered", vp, Need::optional)) rules.all_answered = *all;
    return rules;
}

}  // namespace kkpham
