// Exact, platform-independent arithmetic for scores.
//
// Inputs are fixed-point integers (values in millionths, points and weights in
// ten-thousandths). Aggregates are exact fractions of 128-bit integers; every
// operation checks for overflow and reports it as a value, so native and
// WebAssembly builds give byte-identical results or the same error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/bigint.hpp"

namespace kkpham {

__extension__ typedef __int128 i128;

inline constexpr int kValueDecimals = 6;   // answer values, ranges, band bounds
inline constexpr int kPointDecimals = 4;   // points, weights
inline constexpr std::int64_t kValueScale = 1000000;
inline constexpr std::int64_t kPointScale = 10000;
inline constexpr double kMaxMagnitude = 1e9;  // largest |number| accepted anywhere

// Converts a JSON number to a fixed-point integer with `decimals` decimals.
// Fails (nullopt) when it is not a finite number, |x| > 1e9, or it has more decimals.
enum class FixedError { not_number, too_large, too_precise };
struct FixedResult {
    std::int64_t value = 0;
    std::optional<FixedError> error;
};
FixedResult to_fixed(const nlohmann::json& number, int decimals);

// Converts the text of a JSON number ("12.5", "-3e2") exactly, without going through a double.
FixedResult fixed_from_json_number(std::string_view token, int decimals);

// Parses decimal text ("12,5", "-3.25", "100") into fixed point; accepts '.' or ','.
FixedResult parse_decimal_text(const std::string& text, int decimals);

// Formats a fixed-point integer: at least `min_decimals`, trailing zeros beyond trimmed.
// decimals: 1..18.
std::string format_fixed(std::int64_t value, int decimals, int min_decimals);
// The same text written to `out` (room for kFixedTextMax chars, no terminator); returns its length.
inline constexpr std::size_t kFixedTextMax = 48;
std::size_t format_fixed_to(char* out, std::int64_t value, int decimals, int min_decimals);

// An exact fraction n/d in lowest terms with d > 0. Numerator and denominator are 128-bit
// integers; a result that does not fit moves to BigInt (util/bigint.hpp) and comes back to 128 bits
// once it fits again, so no sum of a valid pack's scores overflows. overflow() is left for a
// division by zero and for numbers past BigInt::kMaxBits.
class Fraction {
public:
    Fraction() = default;
    static Fraction of(i128 n, i128 d = 1);

    // num() and den() hold the value only when !is_big() (callers that need 128-bit integers,
    // such as the gap analysis, check is_big() first).
    i128 num() const { return n_; }
    i128 den() const { return d_; }
    bool is_big() const { return big_ != nullptr; }
    bool overflow() const { return overflow_; }
    bool is_zero() const { return n_ == 0 && big_ == nullptr; }
    // Numerator and denominator at any size (whether or not is_big()).
    BigInt big_num() const { return big_ ? big_->n : BigInt::of(n_); }
    BigInt big_den() const { return big_ ? big_->d : BigInt::of(d_); }

    Fraction operator+(const Fraction& o) const;
    Fraction operator-(const Fraction& o) const;
    Fraction operator*(const Fraction& o) const;
    Fraction operator/(const Fraction& o) const;  // o must be non-zero

    int compare(const Fraction& o) const;  // -1, 0, 1 (valid only without overflow)

    // "n/d" in lowest terms (e.g. "1125/1000" is written "9/8"); parse_text reads it back (false on
    // anything else, a zero denominator, or more than 38 digits in either part).
    std::string text() const;
    static bool parse_text(std::string_view text, Fraction& out);

    // Rounds half-up (towards +infinity at exactly .5) to `decimals` decimals and
    // stores the scaled integer, e.g. 74.995 with decimals=2 -> 7500. False on overflow.
    bool round_half_up(int decimals, std::int64_t& out) const;
    // The same at `decimals` and at `fewer` (< decimals) decimals from one division: each is
    // rounded half-up once from the exact value (1.12496 -> 1.1250 and 1.12, never 1.13).
    bool round_half_up_twice(int decimals, int fewer, std::int64_t& out, std::int64_t& out_fewer) const;

private:
    struct Big {
        BigInt n, d;
    };
    void reduce();
    // floor(value x 10^decimals) and whether the rest is at least one half.
    bool floor_scaled(int decimals, i128& floor, bool& half_or_more) const;
    static Fraction from_big(const BigInt& n, const BigInt& d);  // reduced, back to 128 bits if it fits
    static Fraction overflowed();
    i128 n_ = 0;
    i128 d_ = 1;
    bool overflow_ = false;
    std::shared_ptr<const Big> big_;  // set when n/d does not fit in 128 bits (n_, d_ unused)
};

// Formats a scaled integer (e.g. 7550 with 2 decimals) as "75.50".
std::string format_scaled(std::int64_t scaled, int decimals);

}  // namespace kkpham
