#include "package/bagit.hpp"

#include "package/safe_name.hpp"

namespace kkpham {
namespace {

std::string one_line(std::string_view v) {
    std::string out(v);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    }
    return out;
}

// Splits on LF, CRLF or CR (RFC 8493 allows all three).
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(start, i - start));
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

bool is_hex64(std::string_view s) {
    if (s.size() != 64) return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

}  // namespace

std::string bagit_txt() { return "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; }

std::string bag_info_txt(const BagInfo& info) {
    std::string out;
    for (const auto& [label, value] : info) out += one_line(label) + ": " + one_line(value) + "\n";
    return out;
}

std::string manifest_txt(const std::vector<ManifestLine>& lines) {
    std::string out;
    for (const ManifestLine& l : lines) out += l.sha256 + "  " + l.path + "\n";
    return out;
}

std::string payload_oxum(std::int64_t octets, std::int64_t streams) { return std::to_string(octets) + "." + std::to_string(streams); }

bool parse_manifest(std::string_view text, std::vector<ManifestLine>& out, std::string& error) {
    out.clear();
    std::size_t n = 0;
    for (std::string_view line : lines_of(text)) {
        ++n;
        if (line.empty()) continue;
        std::size_t gap = 0;
        while (gap < line.size() && line[gap] != ' ' && line[gap] != '\t') ++gap;
        std::size_t path = gap;
        while (path < line.size() && (line[path] == ' ' || line[path] == '\t')) ++path;
        if (path < line.size() && line[path] == '*' && path == gap + 1) ++path;  // sha256sum's binary mark
        const std::string_view hash = line.substr(0, gap);
        if (!is_hex64(hash) || path >= line.size()) {
            error = "line " + std::to_string(n);
            return false;
        }
        std::string decoded;
        const std::string_view raw = line.substr(path);
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '%' && i + 2 < raw.size()) {
                const std::string code = fold_case(raw.substr(i + 1, 2));
                if (code == "0a") decoded += '\n';
                else if (code == "0d") decoded += '\r';
                else if (code == "25") decoded += '%';
                else {
                    decoded += '%';
                    continue;
                }
                i += 2;
            } else {
                decoded += raw[i];
            }
        }
        out.push_back({fold_case(hash), std::move(decoded)});
    }
    return true;
}

bool parse_bag_info(std::string_view text, BagInfo& out, std::string& error) {
    out.clear();
    std::size_t n = 0;
    for (std::string_view line : lines_of(text)) {
        ++n;
        if (line.empty()) continue;
        if (line[0] == ' ' || line[0] == '\t') {  // a continuation of the previous value
            if (out.empty()) {
                error = "line " + std::to_string(n);
                return false;
            }
            std::size_t s = 0;
            while (s < line.size() && (line[s] == ' ' || line[s] == '\t')) ++s;
            out.back().second.append(" ").append(line.substr(s));
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            error = "line " + std::to_string(n);
            return false;
        }
        std::string label(line.substr(0, colon));
        while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.pop_back();
        std::size_t s = colon + 1;
        while (s < line.size() && (line[s] == ' ' || line[s] == '\t')) ++s;
        out.emplace_back(std::move(label), std::string(line.substr(s)));
    }
    return true;
}

std::string bag_info_value(const BagInfo& info, std::string_view label) {
    const std::string want = fold_case(label);
    for (const auto& [l, v] : info) {
        if (fold_case(l) == want) return v;
    }
    return "";
}

}  // namespace kkpham
