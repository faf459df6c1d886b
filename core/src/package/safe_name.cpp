#include "package/safe_name.hpp"

#include <array>

namespace kkpham {
namespace {

// Length of the UTF-8 sequence starting at s[i] and its code point; 0 when it is not valid.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (b < 0x80) {
        cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) n = 2, cp = b & 0x1F;
    else if (b >= 0xE0 && b <= 0xEF) n = 3, cp = b & 0x0F;
    else if (b >= 0xF0 && b <= 0xF4) n = 4, cp = b & 0x07;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

bool unsafe(char32_t cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;  // C0, DEL, C1
    switch (cp) {
        case '<': case '>': case ':': case '"': case '/': case '\\': case '|': case '?': case '*':
        case '%':  // BagIt manifests percent-encode %, which sha256sum -c would not understand
            return true;
        default: break;
    }
    // Bidirectional marks, embeddings, overrides and isolates: they make a name read otherwise.
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xFEFF;
}

bool reserved(std::string_view name) {
    // Windows device names, with or without an extension ("CON", "con.txt", "COM1.pdf").
    const std::string stem = fold_case(name.substr(0, name.find('.')));
    std::string trimmed = stem;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    static constexpr std::array<std::string_view, 5> plain = {"con", "prn", "aux", "nul", "conin$"};
    for (std::string_view r : plain) {
        if (trimmed == r) return true;
    }
    if (trimmed == "conout$") return true;
    if (trimmed.size() == 4 && (trimmed.compare(0, 3, "com") == 0 || trimmed.compare(0, 3, "lpt") == 0) && trimmed[3] >= '0' &&
        trimmed[3] <= '9') {
        return true;
    }
    return false;
}

// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
std::string_view cut(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

void trim_tail(std::string& s) {
    while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
}

}  // namespace

std::string fold_case(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view base_name(std::string_view reference) {
    const auto slash = reference.find_last_of("/\\");
    return slash == std::string_view::npos ? reference : reference.substr(slash + 1);
}

std::string safe_component(std::string_view name, std::size_t max_bytes) {
    if (max_bytes < 8) max_bytes = 8;
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        char32_t cp = 0;
        const std::size_t n = decode(name, i, cp);
        if (n == 0) {
            out += '_';
            ++i;
            continue;
        }
        if (unsafe(cp)) out += '_';
        else out.append(name.substr(i, n));
        i += n;
    }
    // No leading spaces (a manifest line's separator) and no trailing dots or spaces (Windows drops them).
    std::size_t lead = 0;
    while (lead < out.size() && out[lead] == ' ') ++lead;
    out.erase(0, lead);
    trim_tail(out);
    if (out.empty() || out == "." || out == "..") out.assign(1, '_');
    if (reserved(out)) out.insert(0, 1, '_');
    if (out.size() > max_bytes) {
        // Keep a short extension ("laporan ... .pdf"); cut the stem.
        const auto dot = out.rfind('.');
        std::string ext = (dot != std::string::npos && dot > 0 && out.size() - dot <= 16) ? out.substr(dot) : std::string();
        // One byte is kept free for the "_" a cut that leaves a device name ("CON.pdf") needs.
        std::string stem(cut(std::string_view(out).substr(0, out.size() - ext.size()), max_bytes - 1 - ext.size()));
        trim_tail(stem);
        if (stem.empty()) stem.assign(1, '_');
        out = stem + ext;
        if (reserved(out)) out.insert(0, 1, '_');
    }
    return out;
}

std::string ascii_slug(std::string_view text, std::size_t max_bytes) {
    std::string out;
    bool dash = false;
    for (char ch : text) {
        char c = ch;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += c;
        } else {
            dash = true;
        }
        if (out.size() >= max_bytes) break;
    }
    if (out.size() > max_bytes) out.resize(max_bytes);
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "x" : out;
}

}  // namespace kkpham
