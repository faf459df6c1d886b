#include "offices/entry.hpp"

#include <algorithm>

#include "json/json_text.hpp"
#include "model/json_fields.hpp"
#include "util/sha256.hpp"

namespace kkpham::offices {

namespace {

bool empty_string(const json& v) { return v.is_string() && v.get_ref<const std::string&>().empty(); }

// {"id":"perda","status":"missing"} and nothing else worth keeping: what the app writes when a
// row is merely opened.
bool placeholder_evidence(const json& item) {
    if (!item.is_object()) return false;
    for (auto it = item.begin(); it != item.end(); ++it) {
        if (it.key() == "id") continue;
        if (it.key() == "status" && it->is_string() && it->get_ref<const std::string&>() == "missing") continue;
        if (it->is_null() || empty_string(*it)) continue;
        return false;
    }
    return true;
}

bool digits(std::string_view s, std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

int number(std::string_view s, std::size_t from, std::size_t count) {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

}  // namespace

json normalized_entry(const json& entry) {
    json out = json::object();
    if (!entry.is_object()) return out;
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        const std::string& key = it.key();
        const json& v = *it;
        if (v.is_null()) continue;
        if (key == "na" && v.is_boolean() && !v.get<bool>()) continue;
        if (key == "note" && empty_string(v)) continue;
        if (key == "evidence" && v.is_array()) {
            json items = json::array();
            for (const json& item : v) {
                if (!placeholder_evidence(item)) items.push_back(item);
            }
            if (!items.empty()) out[key] = std::move(items);
            continue;
        }
        out[key] = v;
    }
    return out;
}

std::string entry_sha256(const json& normalized) { return sha256_hex(normalized.dump()); }

const std::string& empty_entry_sha256() {
    static const std::string hash = sha256_hex("{}");
    return hash;
}

std::optional<std::string> time_key(std::string_view t) {
    // YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z
    if (t.size() < 20 || !digits(t, 0, 4) || t[4] != '-' || !digits(t, 5, 2) || t[7] != '-' || !digits(t, 8, 2) ||
        t[10] != 'T' || !digits(t, 11, 2) || t[13] != ':' || !digits(t, 14, 2) || t[16] != ':' || !digits(t, 17, 2)) {
        return std::nullopt;
    }
    const int month = number(t, 5, 2), day = number(t, 8, 2), hour = number(t, 11, 2), minute = number(t, 14, 2),
              second = number(t, 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    std::string fraction;
    std::size_t i = 19;
    if (t[i] == '.') {
        ++i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9' && fraction.size() < 9) fraction += t[i++];
        if (fraction.empty()) return std::nullopt;
    }
    if (i + 1 != t.size() || t[i] != 'Z') return std::nullopt;
    fraction.resize(9, '0');
    std::string key(t.substr(0, 19));
    key += '.';
    key += fraction;
    return key;
}

bool office_responsible(const Indicator& indicator, const Answer& answer, std::size_t office) {
    const std::vector<std::size_t>& list = responsible_office_indices(indicator, answer);
    return std::find(list.begin(), list.end(), office) != list.end();
}

std::string package_file_name(const Office& office, std::vector<std::string>& taken) {
    auto slug = [](std::string_view text) {
        std::string out;
        bool dash = false;
        for (const char c : text) {
            const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!keep) {
                dash = !out.empty();
                continue;
            }
            if (dash && out.size() < 59) out += '-';
            dash = false;
            if (out.size() < 60) out += c;
        }
        while (!out.empty() && out.back() == '-') out.pop_back();
        return out;
    };
    std::string stem = slug(office.short_name);
    if (stem.empty()) stem = slug(office.id);
    if (stem.empty()) stem = "opd";
    std::string upper;
    for (const char c : stem) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    static const char* const kDevices[] = {"CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
                                           "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
    for (const char* d : kDevices) {
        if (upper == d) stem += "-opd";
    }
    auto folded = [](std::string s) {
        for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        return s;
    };
    std::string name = stem + ".kkpham.json";
    for (int n = 2; std::find(taken.begin(), taken.end(), folded(name)) != taken.end(); ++n) {
        name = stem + "-" + std::to_string(n) + ".kkpham.json";
    }
    taken.push_back(folded(name));
    return name;
}

json office_json(const Office& office) {
    return json{{"id", office.id},
                {"short_name", office.short_name},
                {"name", {{"id", office.name.id}, {"en", office.name.en.empty() ? office.name.id : office.name.en}}}};
}

std::optional<json> read_options_object(std::string_view text, const char* name_id, const char* name_en,
                                        std::string_view shape_id, std::string_view shape_en,
                                        std::initializer_list<std::string_view> keys, Diagnostics& diagnostics) {
    ParsedJson parsed = parse_json_text(text.empty() ? std::string_view("{}") : text, name_id, name_en);
    if (!parsed.ok) {
        diagnostics.add_error(parsed.error);
        return std::nullopt;
    }
    FieldReader read(diagnostics);
    if (!parsed.value.is_object()) {
        read.type_error("$", shape_id, shape_en);
        return std::nullopt;
    }
    read.unknown_keys(parsed.value, "$", keys);
    return std::move(parsed.value);
}

std::string read_options_time(const json& options, const char* key, const std::string& code, Diagnostics& diagnostics) {
    FieldReader read(diagnostics);
    auto text = read.string(options, key, "$", Need::required, 64);
    if (!text) return {};
    if (time_key(*text)) return *text;
    const std::string path = std::string("$.") + key;
    diagnostics.error(code, path, path + " harus waktu UTC seperti 2026-03-01T08:00:00Z.",
                      path + " must be a UTC time such as 2026-03-01T08:00:00Z.");
    return {};
}

}  // namespace kkpham::offices
