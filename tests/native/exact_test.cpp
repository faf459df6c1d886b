// Fixed-point parsing, exact fractions and half-up rounding on the true value.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "util/exact.hpp"
#include "util/number_text.hpp"

using kkpham::Fraction;
using json = nlohmann::json;

namespace {
std::int64_t cents(const Fraction& f) {
    std::int64_t c = 0;
    REQUIRE(f.round_half_up(2, c));
    return c;
}
}  // namespace

TEST_CASE("half-up rounding uses the exact decimal value, not a binary double") {
    // 74.995, 1.005 and 2.675 are all just below .xx5 as doubles; exact arithmetic rounds them up.
    CHECK(cents(Fraction::of(74995, 1000)) == 7500);
    CHECK(cents(Fraction::of(1005, 1000)) == 101);
    CHECK(cents(Fraction::of(2675, 1000)) == 268);
    CHECK(cents(Fraction::of(74994999, 1000000)) == 7499);
    CHECK(cents(Fraction::of(0)) == 0);
    CHECK(cents(Fraction::of(100)) == 10000);
    // thirds and sixths
    CHECK(cents(Fraction::of(200, 3)) == 6667);   // 66.666…
    CHECK(cents(Fraction::of(100, 3)) == 3333);   // 33.333…
    CHECK(cents(Fraction::of(1, 6) * Fraction::of(100)) == 1667);
    // exactly half at 4 decimals
    std::int64_t v = 0;
    REQUIRE(Fraction::of(123455, 100000).round_half_up(4, v));
    CHECK(v == 12346);
    // negative values round half towards +infinity
    REQUIRE(Fraction::of(-1005, 1000).round_half_up(2, v));
    CHECK(v == -100);
}

TEST_CASE("fractions add, subtract, multiply and divide exactly") {
    const Fraction a = Fraction::of(1, 3), b = Fraction::of(1, 6);
    const Fraction sum = a + b;
    CHECK(sum.num() == 1);
    CHECK(sum.den() == 2);
    CHECK((a - b).compare(b) == 0);
    CHECK((a * b).compare(Fraction::of(1, 18)) == 0);
    CHECK((a / b).compare(Fraction::of(2)) == 0);
    CHECK(Fraction::of(1, -2).compare(Fraction::of(-1, 2)) == 0);
}

TEST_CASE("overflow is reported as a value, never undefined behaviour") {
    // Past 128 bits the arithmetic continues on BigInt (exactness_test.cpp); past BigInt::kMaxBits,
    // and on a division by zero, it is an overflow value that poisons what follows.
    const kkpham::i128 big = static_cast<kkpham::i128>(1) << 100;
    Fraction f = Fraction::of(big, 3) * Fraction::of(big, 7);
    CHECK_FALSE(f.overflow());
    for (int i = 0; i < 90; ++i) f = f * Fraction::of(big);
    CHECK(f.overflow());
    CHECK((f + Fraction::of(1)).overflow());
    std::int64_t out = 0;
    CHECK_FALSE(f.round_half_up(2, out));
    CHECK((Fraction::of(1) / Fraction::of(0)).overflow());
    CHECK((Fraction::of(1) / Fraction::of(0) + Fraction::of(1)).overflow());
}

TEST_CASE("JSON numbers become fixed point only when exactly representable") {
    auto fixed = [](const char* text, int decimals) { return kkpham::to_fixed(json::parse(text), decimals); };
    CHECK(fixed("0.1", 6).value == 100000);
    CHECK(fixed("85.5", 6).value == 85500000);
    CHECK(fixed("-3.25", 4).value == -32500);
    CHECK(fixed("100", 4).value == 1000000);
    CHECK(fixed("-0", 6).value == 0);
    CHECK(fixed("1e3", 6).value == 1000000000);
    CHECK(fixed("0.1234567", 6).error == kkpham::FixedError::too_precise);
    CHECK(fixed("33.33333", 4).error == kkpham::FixedError::too_precise);
    CHECK(fixed("1e10", 6).error == kkpham::FixedError::too_large);
    CHECK(fixed("18446744073709551615", 6).error == kkpham::FixedError::too_large);
    CHECK(fixed("\"12\"", 6).error == kkpham::FixedError::not_number);
}

TEST_CASE("decimal text accepts a decimal comma (Indonesian spreadsheets) or point") {
    CHECK(kkpham::parse_decimal_text("12,5", 6).value == 12500000);
    CHECK(kkpham::parse_decimal_text(" 12.5 ", 6).value == 12500000);
    CHECK(kkpham::parse_decimal_text("-7", 4).value == -70000);
    CHECK(kkpham::parse_decimal_text("1,23456789", 6).error == kkpham::FixedError::too_precise);
    CHECK(kkpham::parse_decimal_text("1,2300000", 6).value == 1230000);
    CHECK(kkpham::parse_decimal_text("12a", 6).error == kkpham::FixedError::not_number);
    CHECK(kkpham::parse_decimal_text("", 6).error == kkpham::FixedError::not_number);
    CHECK(kkpham::parse_decimal_text("1.2.3", 6).error == kkpham::FixedError::not_number);
}

TEST_CASE("formatting keeps the published decimals") {
    CHECK(kkpham::format_scaled(7550, 2) == "75.50");
    CHECK(kkpham::format_scaled(5, 2) == "0.05");
    CHECK(kkpham::format_scaled(-5, 2) == "-0.05");
    CHECK(kkpham::format_fixed(762308, 4, 2) == "76.2308");
    CHECK(kkpham::format_fixed(1000000, 4, 2) == "100.00");
    CHECK(kkpham::format_fixed(85500000, 6, 0) == "85.5");
}

TEST_CASE("whole numbers in messages are grouped as each language writes them") {
    CHECK(kkpham::number_id(0) == "0");
    CHECK(kkpham::number_id(999) == "999");
    CHECK(kkpham::number_id(1000) == "1.000");
    CHECK(kkpham::number_en(20000) == "20,000");
    CHECK(kkpham::number_id(104857600) == "104.857.600");
    CHECK(kkpham::number_en(1048576) == "1,048,576");
    CHECK(kkpham::number_id(18446744073709551615ull) == "18.446.744.073.709.551.615");
}
