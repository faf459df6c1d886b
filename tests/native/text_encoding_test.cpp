// Reading the CSV form's bytes: UTF-8 (BOM or not), UTF-16 LE/BE, Windows-1252, and the files no
// encoding reads cleanly (forms/text_encoding.hpp); then the same form in every encoding imports
// to the same pack.
#include <doctest/doctest.h>

#include <string>

#include "forms/text_encoding.hpp"
#include "kkpham/engine.hpp"
#include "support.hpp"

using json = nlohmann::json;
using kkpham::decode_text;
using kkpham::TextEncoding;
using kkpham::TextProblem;

namespace {

// UTF-16 bytes of an ASCII-or-BMP-or-astral UTF-8 string (test data: well-formed input only).
std::string utf16(const std::string& utf8, bool little_endian, bool bom) {
    std::string out;
    auto put = [&](unsigned u) {
        const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
        out += little_endian ? lo : hi;
        out += little_endian ? hi : lo;
    };
    if (bom) put(0xFEFF);
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        unsigned cp = 0;
        std::size_t len = 1;
        if (c < 0x80) cp = c;
        else if (c < 0xE0) cp = c & 0x1F, len = 2;
        else if (c < 0xF0) cp = c & 0x0F, len = 3;
        else cp = c & 0x07, len = 4;
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += len;
        if (cp >= 0x10000) {
            put(0xD800 + ((cp - 0x10000) >> 10));
            put(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            put(cp);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("Windows-1252: é, ’, €, „ and the whole 0x80-0x9F row read as their characters") {
    // "Café ’kutip’ 5€ „x“" as Excel writes it on Indonesian Windows.
    const std::string bytes = "Caf\xE9 \x92kutip\x92 5\x80 \x84x\x93";
    const auto d = decode_text(bytes);
    REQUIRE(d.ok);
    CHECK(d.encoding == TextEncoding::windows1252);
    CHECK(d.text == "Café ’kutip’ 5€ „x“");
    CHECK(std::string(kkpham::encoding_id(d.encoding)) == "windows-1252");
    // Every defined byte of 0x80..0xFF, checked against the code points of the standard table.
    const unsigned table[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    for (unsigned b = 0x80; b <= 0xFF; ++b) {
        CAPTURE(b);
        const unsigned cp = b < 0xA0 ? table[b - 0x80] : b;
        const auto one = decode_text(std::string("a") + static_cast<char>(b));
        if (cp == 0) {
            CHECK_FALSE(one.ok);
            CHECK(one.problem == TextProblem::undefined_byte);
            CHECK(one.offset == 1);
            CHECK(one.byte == b);
            continue;
        }
        REQUIRE(one.ok);
        CHECK(one.encoding == TextEncoding::windows1252);
        // Back to a code point from the UTF-8 produced (2 or 3 bytes after the 'a').
        const std::string& t = one.text;
        REQUIRE(t.size() >= 3);
        unsigned got = 0;
        const auto c0 = static_cast<unsigned char>(t[1]);
        if (c0 < 0xE0) got = ((c0 & 0x1Fu) << 6) | (static_cast<unsigned char>(t[2]) & 0x3Fu);
        else got = ((c0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(t[2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(t[3]) & 0x3Fu);
        CHECK(got == cp);
    }
}

TEST_CASE("UTF-8 with or without a BOM is read as it is; the BOM is not kept") {
    const std::string text = "Hak atas Bantuan Hukum — ‘Perda’ 5 € 😀";
    const auto plain = decode_text(text);
    REQUIRE(plain.ok);
    CHECK(plain.encoding == TextEncoding::utf8);
    CHECK_FALSE(plain.bom);
    CHECK(plain.text == text);
    const auto bom = decode_text("\xEF\xBB\xBF" + text);
    REQUIRE(bom.ok);
    CHECK(bom.encoding == TextEncoding::utf8);
    CHECK(bom.bom);
    CHECK(bom.text == text);
    const auto empty = decode_text("");
    CHECK(empty.ok);
    CHECK(empty.text.empty());
}

TEST_CASE("UTF-16 LE and BE, with a BOM or (mostly ASCII) without, including a surrogate pair") {
    const std::string text = "right_id;text\nR1;Café ’x’ € 😀\n";
    for (bool le : {true, false}) {
        for (bool bom : {true, false}) {
            CAPTURE(le);
            CAPTURE(bom);
            const auto d = decode_text(utf16(text, le, bom));
            REQUIRE(d.ok);
            CHECK(d.encoding == (le ? TextEncoding::utf16le : TextEncoding::utf16be));
            CHECK(d.bom == bom);
            CHECK(d.text == text);
        }
    }
}

TEST_CASE("files no encoding reads cleanly are refused with the problem and where it is") {
    SUBCASE("UTF-16 with an odd length") {
        const auto d = decode_text(utf16("ab", true, true) + "c");
        CHECK_FALSE(d.ok);
        CHECK(d.problem == TextProblem::utf16_broken);
    }
    SUBCASE("UTF-16 with a lone high surrogate, and with a lone low one") {
        CHECK(decode_text(std::string("\xFF\xFE" "a\0\x00\xD8" "b\0", 8)).problem == TextProblem::utf16_broken);
        CHECK(decode_text(std::string("\xFE\xFF\0a\xDC\x00", 6)).problem == TextProblem::utf16_broken);
    }
    SUBCASE("UTF-16 with a NUL character") {
        CHECK(decode_text(std::string("\xFF\xFE" "a\0\0\0", 6)).problem == TextProblem::utf16_broken);
    }
    SUBCASE("NUL bytes that are not UTF-16") {
        const auto d = decode_text(std::string("abc\0def;ghi\n", 12));
        CHECK_FALSE(d.ok);
        CHECK(d.problem == TextProblem::nul);
        CHECK(d.offset == 3);
    }
    SUBCASE("a UTF-8 BOM, then Windows-1252") {
        const auto d = decode_text("\xEF\xBB\xBF" "Caf\xE9");
        CHECK_FALSE(d.ok);
        CHECK(d.problem == TextProblem::utf8_bom_invalid);
        CHECK(d.offset == 6);
    }
    SUBCASE("UTF-8 and Windows-1252 mixed in one file (either order)") {
        const auto a = decode_text("Café\nCaf\xE9\n");
        CHECK_FALSE(a.ok);
        CHECK(a.problem == TextProblem::mixed);
        CHECK(a.offset == 9);
        const auto b = decode_text("Caf\xE9\nCafé\n");
        CHECK_FALSE(b.ok);
        CHECK(b.problem == TextProblem::mixed);
        CHECK(b.offset == 3);
    }
    SUBCASE("a byte Windows-1252 leaves undefined") {
        for (unsigned b : {0x81u, 0x8Du, 0x8Fu, 0x90u, 0x9Du}) {
            CAPTURE(b);
            const auto d = decode_text(std::string("ok\n\xE9t\xE9 ") + static_cast<char>(b));
            CHECK_FALSE(d.ok);
            CHECK(d.problem == TextProblem::undefined_byte);
            CHECK(d.byte == b);
            CHECK(d.offset == 7);
        }
    }
}

namespace {

const char* const kForm =
    "right_id;right_group;right_name;indicator_id;type;text;answer_kind;unit;range_min;range_max;na_allowed;max_points;scoring;"
    "evidence;opd;legal_basis\n"
    "R1;sipol;Hak atas Bantuan Hukum;R1-S1;S;Ada Perda „bantuan hukum“ (’24) senilai 5 € — é;yes_no;;;;;100;ya=100 | tidak=0;;;UU 16/2011\n";

// The UTF-8 form in Windows-1252 (its characters are all in the table).
std::string as_cp1252(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::string_view rest(utf8.data() + i, utf8.size() - i);
        struct Map {
            const char* utf8;
            char byte;
        };
        static const Map kMap[] = {{"„", '\x84'}, {"“", '\x93'}, {"’", '\x92'}, {"€", '\x80'}, {"—", '\x97'}, {"é", '\xE9'}};
        bool mapped = false;
        for (const Map& m : kMap) {
            if (rest.rfind(m.utf8, 0) == 0) {
                out += m.byte;
                i += std::string_view(m.utf8).size();
                mapped = true;
                break;
            }
        }
        if (!mapped) out += utf8[i++];
    }
    return out;
}

}  // namespace

TEST_CASE("the same CSV form in UTF-8, UTF-8 with BOM, UTF-16 LE/BE and Windows-1252 imports to the same pack") {
    kkpham::Engine engine;
    const json utf8 = json::parse(engine.import_csv(kForm, "{}"), nullptr, false);
    REQUIRE_MESSAGE(utf8["ok"].get<bool>(), utf8.dump());
    CHECK(utf8["encoding"] == "utf-8");
    CHECK(utf8["pack"]["indicators"][0]["text"]["id"] == "Ada Perda „bantuan hukum“ (’24) senilai 5 € — é");
    const struct {
        const char* name;
        std::string bytes;
        const char* encoding;
    } forms[] = {
        {"UTF-8 BOM", "\xEF\xBB\xBF" + std::string(kForm), "utf-8"},
        {"UTF-16 LE", utf16(kForm, true, true), "utf-16le"},
        {"UTF-16 BE", utf16(kForm, false, true), "utf-16be"},
        {"UTF-16 LE without BOM", utf16(kForm, true, false), "utf-16le"},
        {"Windows-1252", as_cp1252(kForm), "windows-1252"},
    };
    for (const auto& f : forms) {
        CAPTURE(std::string(f.name));
        const json r = json::parse(engine.import_csv(f.bytes, "{}"), nullptr, false);
        REQUIRE_MESSAGE(r["ok"].get<bool>(), r.dump());
        CHECK(r["encoding"] == f.encoding);
        CHECK(r["sha256"] == utf8["sha256"]);
        CHECK(r["pack"] == utf8["pack"]);
        // Not UTF-8: a warning says what it was read as.
        bool warned = false;
        for (const json& w : r["warnings"]) warned = warned || w["code"] == "csv.encoding_read";
        CHECK(warned == (std::string(f.encoding) != "utf-8"));
    }
    CHECK(as_cp1252(kForm).find('\x84') != std::string::npos);  // the test form really is 1252
}

TEST_CASE("a form no encoding reads is refused naming the problem, the line and how to save as CSV UTF-8") {
    kkpham::Engine engine;
    const std::string mixed = std::string(kForm) + "R1;sipol;Hak;R1-S2;S;Caf\xE9;yes_no;;;;;100;ya=100 | tidak=0;;;UU\n";
    const json m = json::parse(engine.import_csv(mixed, "{}"), nullptr, false);
    REQUIRE_FALSE(m["ok"].get<bool>());
    CHECK(m["errors"][0]["code"] == "csv.encoding");
    CHECK(m["errors"][0]["line"] == 3);
    const std::string id = m["errors"][0]["message"]["id"], en = m["errors"][0]["message"]["en"];
    CHECK(id.rfind("Baris 3: ", 0) == 0);
    CHECK(id.find("mencampur teks UTF-8") != std::string::npos);
    CHECK(id.find("\"CSV UTF-8\"") != std::string::npos);
    CHECK(id.find("Simpan Sebagai") != std::string::npos);
    CHECK(en.find("mixes UTF-8 text") != std::string::npos);
    CHECK(en.find("Save As") != std::string::npos);
    const json u = json::parse(engine.import_csv(std::string("right_id\n\x81"), "{}"), nullptr, false);
    REQUIRE_FALSE(u["ok"].get<bool>());
    CHECK(u["errors"][0]["code"] == "csv.encoding");
    CHECK(u["errors"][0]["message"]["id"].get<std::string>().find("byte 0x81") != std::string::npos);
    CHECK(u["errors"][0]["message"]["en"].get<std::string>().find("not UTF-8, UTF-16 or Windows-1252") != std::string::npos);
    const json broken = json::parse(engine.import_csv(utf16(kForm, true, true) + "x", "{}"), nullptr, false);
    REQUIRE_FALSE(broken["ok"].get<bool>());
    CHECK(broken["errors"][0]["code"] == "file.utf16");
}
