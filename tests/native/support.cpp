#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "support.hpp"

#include <cstdio>

namespace kkpham::test {

using json = nlohmann::json;

std::string repo_path(const std::string& relative) { return std::string(KKPHAM_SOURCE_DIR) + "/" + relative; }

std::string read_repo_file(const std::string& relative) {
    const std::string path = repo_path(relative);
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "cannot open " << path);
    std::string data;
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) data.append(buffer, n);
    std::fclose(f);
    return data;
}

std::string partial_mismatch(const json& expected, const json& actual, const std::string& path) {
    if (expected.is_object()) {
        if (!actual.is_object() && !actual.is_array()) return path + ": expected an object, got " + actual.dump();
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const std::string p = path + "." + it.key();
            if (actual.is_array()) {
                // expected {"<id>": {...}} against [{"id": "<id>", ...}, ...]
                const json* found = nullptr;
                for (const auto& element : actual) {
                    if (element.is_object() && element.contains("id") && element["id"] == it.key()) found = &element;
                }
                if (found == nullptr) return p + ": no element with this id";
                if (auto m = partial_mismatch(it.value(), *found, p); !m.empty()) return m;
                continue;
            }
            if (!actual.contains(it.key())) return p + ": missing";
            if (auto m = partial_mismatch(it.value(), actual[it.key()], p); !m.empty()) return m;
        }
        return "";
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) return path + ": expected " + expected.dump() + ", got " + actual.dump();
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (auto m = partial_mismatch(expected[i], actual[i], path + "[" + std::to_string(i) + "]"); !m.empty()) return m;
        }
        return "";
    }
    if (expected.is_number()) {
        if (!actual.is_number() || expected.get<double>() != actual.get<double>()) {
            return path + ": expected " + expected.dump() + ", got " + actual.dump();
        }
        return "";
    }
    if (expected != actual) return path + ": expected " + expected.dump() + ", got " + actual.dump();
    return "";
}

json minimal_pack() {
    json pack = json::parse(R"({
      "format": "kkpham-pack", "format_version": 1, "id": "minimal", "version": "1",
      "title": {"id": "Paket minimal", "en": "Minimal pack"}, "regulation": "test", "status": "reference",
      "notice": {"id": "Uji.", "en": "Test."}, "data_years": {"from": 2021, "to": null},
      "groups": [{"id": "g", "name": {"id": "Kelompok"}}],
      "rights": [{"id": "R1", "group": "g", "name": {"id": "Hak 1"}}],
      "indicators": [{"id": "R1-S1", "right": "R1", "type": "struktur", "text": {"id": "Ada Perda"},
        "answer": {"kind": "yes_no"}, "scoring": {"max_points": 100, "rule": "binary"},
        "evidence": [{"id": "perda", "document": {"id": "Salinan Perda"}, "signer": {"id": "Kabag Hukum"}}],
        "legal_basis": [{"citation": "UU 23/2014", "verified": false}]}],
      "aggregation": {
        "type_weights": {"value": {"struktur": 10, "proses": 30, "hasil": 60}, "basis": "assumed", "source": ""},
        "right_weights": {"value": "equal", "basis": "assumed"},
        "total": {"value": "weighted_mean_of_rights", "basis": "assumed"},
        "rounding": {"value": {"decimals": 2, "mode": "half_up"}, "basis": "assumed"},
        "missing_answer": {"value": "zero", "basis": "assumed"},
        "predicates": [{"id": "peduli", "name": {"id": "Peduli HAM"}, "min": 75, "basis": "confirmed", "source": "x"},
                       {"id": "kurang", "name": {"id": "Kurang"}, "min": 0, "basis": "assumed"}]}
    })", nullptr, false);
    REQUIRE_FALSE(pack.is_discarded());
    return pack;
}

}  // namespace kkpham::test
