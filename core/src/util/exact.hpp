// Exact, platform-independent arithmetic for scores.
//
// Inputs are fixed-point integers (values in millionths, points and weights in
// ten-thousandths). Aggregates are exact fractions of 128-bit integers; every
// operation checks for overflow and reports it as a value, so native and
// WebAssembly builds give byte-identical results or the same error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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

// An exact non-reduced fraction n/d with d > 0. All arithmetic is checked.
class Fraction {
public:
    Fraction() = default;
    static Fraction of(i128 n, i128 d = 1);

    i128 num() const { return n_; }
    i128 den() const { return d_; }
    bool overflow() const { return overflow_; }
    bool is_zero() const { return n_ == 0; }

    Fraction operator+(const Fraction& o) const;
    Fraction operator-(const Fraction& o) const;
    Fraction operator*(const Fraction& o) const;
    Fraction operator/(const Fraction& o) const;  // o must be non-zero

    int compare(const Fraction& o) const;  // -1, 0, 1 (valid only without overflow)

    // Rounds half-up (towards +infinity at exactly .5) to `decimals` decimals and
    // stores the scaled integer, e.g. 74.995 with decimals=2 -> 7500. False on overflow.
    bool round_half_up(int decimals, std::int64_t& out) const;

private:
    void reduce();
    i128 n_ = 0;
    i128 d_ = 1;
    bool overflow_ = false;
};

// Formats a scaled integer (e.g. 7550 with 2 decimals) as "75.50".
std::string format_scaled(std::int64_t scaled, int decimals);

}  // namespace kkpham
