// The cells of one CSV form row; see forms/csv_cells.hpp.
#include "forms/csv_cells.hpp"

namespace kkpham::csv_cells {

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n')) --b;
    return std::string(s.substr(a, b - a));
}

std::string lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            out.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    return out;
}

bool thousands_like(std::string_view raw) {
    const std::string t = trim(raw);
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    const std::size_t whole_start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    const std::size_t whole_digits = i - whole_start;
    if (whole_digits == 0 || whole_digits > 3 || t[whole_start] == '0') return false;
    int groups = 0;
    char group_sep = 0;
    while (i < t.size() && (t[i] == '.' || t[i] == ',')) {
        if (group_sep != 0 && t[i] != group_sep) break;  // "1.234,5": the other separator is the decimal one
        std::size_t k = i + 1;
        while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k;
        if (k - (i + 1) != 3) return false;  // "12.5", "1.2345": a plain decimal
        group_sep = t[i];
        ++groups;
        i = k;
    }
    if (groups == 0) return false;
    if (i == t.size()) return true;  // "5.000", "1.000.000"
    // "1.234,5": groups then the other separator and decimals.
    if ((t[i] == '.' || t[i] == ',') && t[i] != group_sep) {
        std::size_t k = i + 1;
        while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k;
        return k == t.size() && k > i + 1;
    }
    return false;
}

json number_json(std::int64_t fixed, std::int64_t scale) {
    if (fixed % scale == 0) return json(fixed / scale);
    return json(static_cast<double>(fixed) / static_cast<double>(scale));
}

namespace {

// "ya=100" -> ("ya", "100"), splitting at the last '='.
bool key_points(const std::string& item, std::string& key, std::string& points) {
    const auto eq = item.rfind('=');
    if (eq == std::string::npos) return false;
    key = trim(std::string_view(item).substr(0, eq));
    points = trim(std::string_view(item).substr(eq + 1));
    return true;
}

std::optional<json> parse_interval(const std::string& text, RowReader& row, const std::string& column) {
    const std::string t = trim(text);
    if (t.size() < 3 || (t.front() != '[' && t.front() != '(') || (t.back() != ']' && t.back() != ')')) {
        row.error(column, "pita \"" + t + "\" harus berbentuk interval, mis. (110;140].",
                  "band \"" + t + "\" must be an interval, e.g. (110;140].");
        return std::nullopt;
    }
    const std::string inner = t.substr(1, t.size() - 2);
    std::vector<std::string> ends;
    if (inner.find(';') != std::string::npos) ends = split(inner, ';');
    else if (inner.find("..") != std::string::npos) ends = {trim(inner.substr(0, inner.find(".."))), trim(inner.substr(inner.find("..") + 2))};
    else ends = split(inner, ',');
    if (ends.size() != 2) {
        row.error(column, "pita \"" + t + "\" harus punya tepat dua batas dipisah ';'.",
                  "band \"" + t + "\" must have exactly two ends separated by ';'.");
        return std::nullopt;
    }
    json band = json::object();
    const std::string lo = lower(ends[0]), hi = lower(ends[1]);
    if (lo == "-inf" || lo == "-∞" || lo.empty()) {
        band["min"] = nullptr;
    } else {
        auto v = row.number(column, ends[0], kValueDecimals);
        if (!v) return std::nullopt;
        band["min"] = *v;
        band["min_inclusive"] = t.front() == '[';
    }
    if (hi == "inf" || hi == "+inf" || hi == "∞" || hi.empty()) {
        band["max"] = nullptr;
    } else {
        auto v = row.number(column, ends[1], kValueDecimals);
        if (!v) return std::nullopt;
        band["max"] = *v;
        band["max_inclusive"] = t.back() == ']';
    }
    return band;
}

}  // namespace

bool parse_scoring_cell(const std::string& kind, const std::string& cell, json& answer, json& scoring, RowReader& row) {
    const std::string column = "scoring";
    std::string body = trim(cell);
    const std::string head = lower(body.substr(0, body.find(' ')));
    if (kind == "yes_no") {
        scoring["rule"] = "binary";
        for (const std::string& item : split(body, '|')) {
            std::string key, pts;
            if (!key_points(item, key, pts)) {
                row.error(column, "\"" + item + "\" harus berbentuk ya=100.", "\"" + item + "\" must look like ya=100.");
                return false;
            }
            auto v = row.number(column, pts, kPointDecimals);
            if (!v) return false;
            const std::string k = lower(key);
            if (k == "ya" || k == "yes" || k == "true") scoring["points_yes"] = *v;
            else if (k == "tidak" || k == "no" || k == "false") scoring["points_no"] = *v;
            else {
                row.error(column, "\"" + key + "\" harus \"ya\" atau \"tidak\".", "\"" + key + "\" must be \"ya\" or \"tidak\".");
                return false;
            }
        }
        return true;
    }
    if (kind == "level") {
        scoring["rule"] = "levels";
        json levels = json::array();
        json points = json::object();
        for (const std::string& item : split(body, '|')) {
            std::string key, pts;
            const auto colon = item.find(':');
            if (!key_points(item, key, pts) || colon == std::string::npos || colon > item.rfind('=')) {
                row.error(column, "tingkat \"" + item + "\" harus berbentuk kode:label=poin, mis. 2:Ditetapkan=67.",
                          "level \"" + item + "\" must look like id:label=points, e.g. 2:Ditetapkan=67.");
                return false;
            }
            const std::string id = trim(std::string_view(key).substr(0, colon));
            const std::string label = trim(std::string_view(key).substr(colon + 1));
            auto v = row.number(column, pts, kPointDecimals);
            if (!v) return false;
            levels.push_back({{"id", id}, {"label", {{"id", label}}}});
            points[id] = *v;
        }
        answer["levels"] = std::move(levels);
        scoring["points"] = std::move(points);
        return true;
    }
    if (head == "linear") {
        scoring["rule"] = "linear";
        const auto parts = split(trim(body.substr(6)), '|');
        if (parts.size() != 2) {
            row.error(column, "aturan linear perlu tepat dua titik, mis. linear 0=0 | 100=100.",
                      "a linear rule needs exactly two points, e.g. linear 0=0 | 100=100.");
            return false;
        }
        const char* ends[2] = {"from", "to"};
        for (int i = 0; i < 2; ++i) {
            std::string key, pts;
            if (!key_points(parts[static_cast<std::size_t>(i)], key, pts)) {
                row.error(column, "titik \"" + parts[static_cast<std::size_t>(i)] + "\" harus berbentuk nilai=poin.",
                          "point \"" + parts[static_cast<std::size_t>(i)] + "\" must look like value=points.");
                return false;
            }
            auto value = row.number(column, key, kValueDecimals);
            auto p = row.number(column, pts, kPointDecimals);
            if (!value || !p) return false;
            scoring[ends[i]] = {{"value", *value}, {"points", *p}};
        }
        return true;
    }
    if (head == "bands") {
        scoring["rule"] = "bands";
        json bands = json::array();
        for (const std::string& item : split(trim(body.substr(5)), '|')) {
            std::string key, pts;
            if (!key_points(item, key, pts)) {
                row.error(column, "pita \"" + item + "\" harus berbentuk (a;b]=poin.", "band \"" + item + "\" must look like (a;b]=points.");
                return false;
            }
            auto band = parse_interval(key, row, column);
            auto p = row.number(column, pts, kPointDecimals);
            if (!band || !p) return false;
            (*band)["points"] = *p;
            bands.push_back(std::move(*band));
        }
        scoring["bands"] = std::move(bands);
        return true;
    }
    row.error(column, "aturan skor harus diawali \"linear\" atau \"bands\" untuk jawaban angka.",
              "a numeric scoring rule must start with \"linear\" or \"bands\".");
    return false;
}

}  // namespace kkpham::csv_cells
