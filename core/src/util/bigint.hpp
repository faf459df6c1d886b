// Signed integers of any size (up to a bound), for the rare exact fractions whose numerator or
// denominator outgrows 128 bits: a pack whose indicators carry points such as 100/k for k = 1..7
// gives right scores whose common denominator, summed over ten rights, has hundreds of bits.
// Fraction (util/exact.hpp) works on 128 bits and moves to these only when a result would not fit,
// so ordinary packs never pay for them. Plain schoolbook algorithms: the numbers met are a few
// hundred bits, where they are fast enough and easy to check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kkpham {

__extension__ typedef __int128 i128;

class BigInt {
public:
    // The largest magnitude kept, in bits; a result past it is reported as an overflow by Fraction.
    static constexpr std::size_t kMaxBits = 8192;

    BigInt() = default;
    static BigInt of(i128 v);

    bool is_zero() const { return mag_.empty(); }
    bool negative() const { return neg_; }
    std::size_t bits() const;
    bool fits_i128() const;  // |v| < 2^127
    i128 to_i128() const;    // only when fits_i128()
    BigInt negated() const;
    BigInt abs() const;
    // The magnitude's 32-bit limbs, least significant first, with no high zero limb (zero: none).
    const std::vector<std::uint32_t>& limbs() const { return mag_; }

    friend BigInt operator+(const BigInt& a, const BigInt& b);
    friend BigInt operator-(const BigInt& a, const BigInt& b);
    friend BigInt operator*(const BigInt& a, const BigInt& b);
    static int compare(const BigInt& a, const BigInt& b);
    // Truncating division, b != 0: a = q b + r, |r| < |b|, r has the sign of a.
    static void divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
    static BigInt gcd(const BigInt& a, const BigInt& b);  // >= 0

    std::string decimal() const;
    static bool from_decimal(std::string_view digits, BigInt& out);  // [-]digits

private:
    using Limbs = std::vector<std::uint32_t>;  // little-endian, no high zero limb; zero is empty
    static int cmp_mag(const Limbs& a, const Limbs& b);
    static Limbs add_mag(const Limbs& a, const Limbs& b);
    static Limbs sub_mag(const Limbs& a, const Limbs& b);  // |a| >= |b|
    static Limbs mul_mag(const Limbs& a, const Limbs& b);
    static void divmod_mag(const Limbs& a, const Limbs& b, Limbs& q, Limbs& r);
    static void trim(Limbs& m);
    static BigInt make(bool neg, Limbs mag);

    bool neg_ = false;
    Limbs mag_;
};

}  // namespace kkpham
