#include "pack_cache.hpp"

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_json.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

std::string position(int line, int column, bool id) {
    return std::string(id ? "baris " : "line ") + std::to_string(line) + (id ? ", kolom " : ", column ") + std::to_string(column);
}

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_bad_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned cp = 0;
        if (c < 0x80) n = 1, cp = c;
        else if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
        else return i;
        if (i + n > s.size()) return i;
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (b & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += n;
    }
    return std::string::npos;
}

// UTF-16 without a byte order mark: ASCII JSON saved as UTF-16 has a NUL in every other byte.
bool looks_like_utf16(const std::string& s) {
    const std::size_t n = std::min<std::size_t>(s.size(), 64);
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (s[i] == '\0') ++(i % 2 == 0 ? even : odd);
    }
    return n >= 4 && (even >= n / 4 || odd >= n / 4);
}

}  // namespace

std::optional<std::string> pinned_pack_id(const std::string& answers_text, Problem& problem) {
    std::string_view text = answers_text;
    const auto say = [&](std::string code, std::string path, std::string id, std::string en) {
        problem = {std::move(code), std::move(path), std::move(id), std::move(en)};
        return std::nullopt;
    };
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        return say("file.utf16", "$", "Berkas jawaban tersimpan sebagai UTF-16. Simpan ulang sebagai UTF-8.",
                   "The answers file is saved as UTF-16. Save it again as UTF-8.");
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return say("file.empty", "$", "Berkas jawaban kosong.", "The answers file is empty.");
    }
    if (looks_like_utf16(answers_text)) {
        return say("file.utf16", "$", "Berkas jawaban tersimpan sebagai UTF-16 (tanpa BOM). Simpan ulang sebagai UTF-8.",
                   "The answers file is saved as UTF-16 (without a BOM). Save it again as UTF-8.");
    }
    if (const std::size_t bad = first_bad_utf8(answers_text); bad != std::string::npos) {
        int line = 1, column = 1;
        for (std::size_t i = 0; i < bad; ++i) {
            if (answers_text[i] == '\n') ++line, column = 1;
            else if ((static_cast<unsigned char>(answers_text[i]) & 0xC0) != 0x80) ++column;
        }
        return say("json.invalid_utf8", "$",
                   "Berkas jawaban bukan JSON yang sah (" + position(line, column, true) +
                       "): teks UTF-8 rusak (mungkin tersimpan sebagai ANSI/Windows-1252); simpan ulang berkas sebagai UTF-8.",
                   "The answers file is not valid JSON (" + position(line, column, false) +
                       "): ill-formed UTF-8 text (perhaps saved as ANSI/Windows-1252); save the file as UTF-8.");
    }
    AnswersPin pin;
    JsonProblem bad;
    if (!read_answers_pin(answers_text, 64, pin, bad)) {
        if (bad.code == "json.too_deep") {
            return say(bad.code, "$", "Berkas jawaban: " + bad.detail_id + " (" + position(bad.line, bad.column, true) + ").",
                       "The answers file: " + bad.detail_en + " (" + position(bad.line, bad.column, false) + ").");
        }
        return say(bad.code, "$", "Berkas jawaban bukan JSON yang sah (" + position(bad.line, bad.column, true) + "): " + bad.detail_id + ".",
                   "The answers file is not valid JSON (" + position(bad.line, bad.column, false) + "): " + bad.detail_en + ".");
    }
    if (!pin.is_object) return say("type.mismatch", "$", "$ harus berupa objek berkas jawaban.", "$ must be an answers file object.");
    if (pin.format && *pin.format != "kkpham-answers") {
        const std::string& format = *pin.format;
        return say("answers.format", "$.format",
                   "$.format harus \"kkpham-answers\" (berkas ini \"" + format + "\"). Apakah ini paket kriteria, bukan berkas jawaban?",
                   "$.format must be \"kkpham-answers\" (this file says \"" + format + "\"). Is this a criteria pack rather than an answers file?");
    }
    if (!pin.pack_id) {
        return say("field.missing", "$.pack.id",
                   "Berkas jawaban tidak menyebut paket kriterianya ($.pack.id); pilih paketnya dengan --pack PAKET.json.",
                   "The answers file does not name its criteria pack ($.pack.id); choose the pack with --pack PACK.json.");
    }
    const std::string id = *pin.pack_id;
    bool safe = !id.empty() && id.size() <= 64 && id.find("..") == std::string::npos;
    for (char c : id) safe = safe && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    if (!safe) {
        return say("id.invalid", "$.pack.id", "$.pack.id (\"" + id + "\") bukan kode paket yang sah; pilih paketnya dengan --pack PAKET.json.",
                   "$.pack.id (\"" + id + "\") is not a valid pack id; choose the pack with --pack PACK.json.");
    }
    return id;
}

Engine* PackCache::engine_for(const std::string& forced_pack, const std::string& answers_text, Problem& problem) {
    std::string path = forced_pack;
    if (path.empty()) {
        const auto id = pinned_pack_id(answers_text, problem);
        if (!id) return nullptr;
        for (const std::string& dir : criteria_directories(argv0_)) {
            if (file_exists(dir + "/" + *id + ".json")) {
                path = dir + "/" + *id + ".json";
                break;
            }
        }
        if (path.empty()) {
            problem = {"pack.not_found", "$.pack.id",
                       "Paket kriteria \"" + *id + "\" tidak ditemukan (KKPHAM_CRITERIA_DIR, criteria/); pilih paketnya dengan --pack PAKET.json.",
                       "Criteria pack \"" + *id + "\" was not found (KKPHAM_CRITERIA_DIR, criteria/); choose the pack with --pack PACK.json."};
            return nullptr;
        }
    }
    const Problem unusable{"pack.unavailable", "",
                           "Paket kriteria " + path + " tidak dapat dipakai (lihat galatnya di atas).",
                           "Criteria pack " + path + " cannot be used (see its errors above)."};
    auto it = engines_.find(path);
    if (it != engines_.end()) {
        if (!it->second) problem = unusable;
        return it->second.get();
    }
    Problem unreadable;
    auto text = read_input(path, InputKind::pack, unreadable);
    std::unique_ptr<Engine> engine;
    if (!text) {
        print_problem(path, unreadable);
        problem = unusable;
    } else {
        engine = std::make_unique<Engine>();
        const std::string result = engine->load_pack(*text);
        const auto doc = json::parse(result, nullptr, false);
        if (doc.is_discarded() || !doc.value("ok", false)) {
            print_errors(path, result);
            problem = unusable;
            engine.reset();
        }
    }
    Engine* raw = engine.get();
    engines_.emplace(path, std::move(engine));
    return raw;
}

}  // namespace kkpham::cli
