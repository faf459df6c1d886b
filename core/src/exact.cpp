#include "exact.hpp"

#include <cmath>
#include <utility>

namespace kkpham {
namespace {

std::int64_t pow10(int n) {
    std::int64_t p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

i128 abs128(i128 x) { return x < 0 ? -x : x; }

i128 gcd128(i128 a, i128 b) {
    a = abs128(a);
    b = abs128(b);
    if (a <= static_cast<i128>(UINT64_MAX) && b <= static_cast<i128>(UINT64_MAX)) {
        // Binary GCD on 64 bits: no 128-bit division in the common case.
        auto x = static_cast<std::uint64_t>(a), y = static_cast<std::uint64_t>(b);
        if (x == 0) return y;
        if (y == 0) return x;
        const int shift = __builtin_ctzll(x | y);
        x >>= __builtin_ctzll(x);
        while (y != 0) {
            y >>= __builtin_ctzll(y);
            if (x > y) std::swap(x, y);
            y -= x;
        }
        return static_cast<i128>(x << shift);
    }
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

bool mul(i128 a, i128 b, i128& out) { return !__builtin_mul_overflow(a, b, &out); }
bool add(i128 a, i128 b, i128& out) { return !__builtin_add_overflow(a, b, &out); }

// floor(a / b) for b > 0.
i128 floor_div(i128 a, i128 b) {
    i128 q = a / b;
    if ((a % b != 0) && (a < 0)) --q;
    return q;
}

}  // namespace

FixedResult to_fixed(const nlohmann::json& number, int decimals) {
    FixedResult r;
    const std::int64_t scale = pow10(decimals);
    if (number.is_number_integer() || number.is_number_unsigned()) {
        if (number.is_number_unsigned()) {
            const auto u = number.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(kMaxMagnitude)) {
                r.error = FixedError::too_large;
                return r;
            }
            r.value = static_cast<std::int64_t>(u) * scale;
            return r;
        }
        const auto v = number.get<std::int64_t>();
        if (v > static_cast<std::int64_t>(kMaxMagnitude) || v < -static_cast<std::int64_t>(kMaxMagnitude)) {
            r.error = FixedError::too_large;
            return r;
        }
        r.value = v * scale;
        return r;
    }
    if (!number.is_number_float()) {
        r.error = FixedError::not_number;
        return r;
    }
    const double d = number.get<double>();
    if (!std::isfinite(d)) {
        r.error = FixedError::not_number;
        return r;
    }
    if (std::fabs(d) > kMaxMagnitude) {
        r.error = FixedError::too_large;
        return r;
    }
    // Both operations are correctly rounded IEEE-754, so this is identical on every platform.
    const double scaled = d * static_cast<double>(scale);
    const double rounded = std::nearbyint(scaled);
    const auto q = static_cast<std::int64_t>(rounded);
    if (static_cast<double>(q) / static_cast<double>(scale) != d) {
        r.error = FixedError::too_precise;
        return r;
    }
    r.value = q;
    return r;
}

FixedResult fixed_from_json_number(std::string_view token, int decimals) {
    FixedResult r;
    std::size_t i = 0;
    const bool negative = !token.empty() && token[0] == '-';
    if (negative) ++i;
    std::string digits;  // significant digits, no leading zeros
    long power = 0;      // value = digits x 10^power
    bool point = false;
    for (; i < token.size() && token[i] != 'e' && token[i] != 'E'; ++i) {
        const char c = token[i];
        if (c == '.') {
            point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            r.error = FixedError::not_number;
            return r;
        }
        if (!(digits.empty() && c == '0')) digits += c;
        if (point) --power;
    }
    if (i < token.size()) {
        ++i;
        bool exp_negative = false;
        if (i < token.size() && (token[i] == '+' || token[i] == '-')) exp_negative = token[i++] == '-';
        long e = 0;
        for (; i < token.size(); ++i) {
            if (e < 100000) e = e * 10 + (token[i] - '0');
        }
        power += exp_negative ? -e : e;
    }
    while (!digits.empty() && digits.back() == '0') {
        digits.pop_back();
        ++power;
    }
    if (digits.empty()) return r;  // zero (also -0)
    const long scaled_power = power + decimals;
    if (scaled_power < 0) {
        r.error = FixedError::too_precise;
        return r;
    }
    // |value| <= 1e9 means at most 10 digits before the point.
    if (static_cast<long>(digits.size()) + power > 10) {
        r.error = FixedError::too_large;
        return r;
    }
    i128 v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    for (long k = 0; k < scaled_power; ++k) v *= 10;
    if (v > static_cast<i128>(kMaxMagnitude) * pow10(decimals)) {
        r.error = FixedError::too_large;
        return r;
    }
    r.value = static_cast<std::int64_t>(negative ? -v : v);
    return r;
}

FixedResult parse_decimal_text(const std::string& text, int decimals) {
    FixedResult r;
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t end = text.size();
    while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    bool negative = false;
    if (i < end && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    if (i >= end) {
        r.error = FixedError::not_number;
        return r;
    }
    i128 whole = 0;
    std::int64_t frac = 0;
    int frac_digits = 0;
    bool seen_digit = false, seen_point = false;
    for (; i < end; ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            seen_digit = true;
            if (seen_point) {
                if (frac_digits == decimals) {
                    if (c != '0') {
                        r.error = FixedError::too_precise;
                        return r;
                    }
                    continue;
                }
                frac = frac * 10 + (c - '0');
                ++frac_digits;
            } else {
                whole = whole * 10 + (c - '0');
                if (whole > static_cast<i128>(kMaxMagnitude)) {
                    r.error = FixedError::too_large;
                    return r;
                }
            }
        } else if ((c == '.' || c == ',') && !seen_point) {
            seen_point = true;
        } else {
            r.error = FixedError::not_number;
            return r;
        }
    }
    if (!seen_digit) {
        r.error = FixedError::not_number;
        return r;
    }
    while (frac_digits < decimals) {
        frac *= 10;
        ++frac_digits;
    }
    const i128 v = whole * pow10(decimals) + frac;
    r.value = static_cast<std::int64_t>(negative ? -v : v);
    return r;
}

std::string format_fixed(std::int64_t value, int decimals, int min_decimals) {
    const bool negative = value < 0;
    const std::uint64_t mag = negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
    const auto scale = static_cast<std::uint64_t>(pow10(decimals));
    std::string out = negative ? "-" : "";
    out += std::to_string(mag / scale);
    std::string frac = std::to_string(mag % scale);
    frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
    while (static_cast<int>(frac.size()) > min_decimals && !frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    return out;
}

std::string format_scaled(std::int64_t scaled, int decimals) { return format_fixed(scaled, decimals, decimals); }

Fraction Fraction::of(i128 n, i128 d) {
    Fraction f;
    if (d == 0) {
        f.overflow_ = true;
        return f;
    }
    if (d < 0) {
        n = -n;
        d = -d;
    }
    f.n_ = n;
    f.d_ = d;
    f.reduce();
    return f;
}

void Fraction::reduce() {
    if (n_ == 0) {
        d_ = 1;
        return;
    }
    const i128 g = gcd128(n_, d_);
    if (g > 1) {
        n_ /= g;
        d_ /= g;
    }
}

Fraction Fraction::operator+(const Fraction& o) const {
    Fraction r;
    r.overflow_ = overflow_ || o.overflow_;
    if (r.overflow_) return r;
    const i128 g = gcd128(d_, o.d_);
    const i128 lhs_factor = o.d_ / g;
    const i128 rhs_factor = d_ / g;
    i128 a, b, n, d;
    if (!mul(n_, lhs_factor, a) || !mul(o.n_, rhs_factor, b) || !add(a, b, n) || !mul(d_, lhs_factor, d)) {
        r.overflow_ = true;
        return r;
    }
    r.n_ = n;
    r.d_ = d;
    r.reduce();
    return r;
}

Fraction Fraction::operator-(const Fraction& o) const {
    Fraction neg = o;
    neg.n_ = -neg.n_;
    return *this + neg;
}

Fraction Fraction::operator*(const Fraction& o) const {
    Fraction r;
    r.overflow_ = overflow_ || o.overflow_;
    if (r.overflow_) return r;
    // Cross-reduce first to keep the numbers small.
    const i128 g1 = gcd128(n_, o.d_) == 0 ? 1 : gcd128(n_, o.d_);
    const i128 g2 = gcd128(o.n_, d_) == 0 ? 1 : gcd128(o.n_, d_);
    i128 n, d;
    if (!mul(n_ / g1, o.n_ / g2, n) || !mul(d_ / g2, o.d_ / g1, d)) {
        r.overflow_ = true;
        return r;
    }
    r.n_ = n;
    r.d_ = d;
    r.reduce();
    return r;
}

Fraction Fraction::operator/(const Fraction& o) const {
    if (o.n_ == 0) {
        Fraction r;
        r.overflow_ = true;
        return r;
    }
    Fraction inv = Fraction::of(o.d_, o.n_);
    inv.overflow_ = inv.overflow_ || o.overflow_;
    return *this * inv;
}

int Fraction::compare(const Fraction& o) const {
    const Fraction diff = *this - o;
    if (diff.n_ == 0) return 0;
    return diff.n_ < 0 ? -1 : 1;
}

bool Fraction::round_half_up(int decimals, std::int64_t& out) const {
    if (overflow_) return false;
    if (n_ >= 0 && n_ <= INT64_MAX / 100000 && d_ <= INT64_MAX / 100000 && decimals <= 4) {
        // Common case on 64 bits: floor((2 n 10^k + d) / (2 d)).
        const auto n = static_cast<std::int64_t>(n_), d = static_cast<std::int64_t>(d_);
        const std::int64_t p = pow10(decimals);
        const auto q = static_cast<std::int64_t>(static_cast<i128>(n) * p / d);
        const auto r = static_cast<std::int64_t>(static_cast<i128>(n) * p - static_cast<i128>(q) * d);
        out = q + (r >= d - r ? 1 : 0);
        return true;
    }
    // Long division: whole part, then `decimals` digits, then compare the remainder
    // with half the denominator. No intermediate exceeds 10 * d.
    i128 q = floor_div(n_, d_);
    i128 rem = n_ - q * d_;  // 0 <= rem < d
    i128 scaled = q;
    for (int i = 0; i < decimals; ++i) {
        i128 r10;
        if (!mul(rem, 10, r10) || !mul(scaled, 10, scaled)) return false;
        scaled += r10 / d_;
        rem = r10 % d_;
    }
    if (rem >= d_ - rem) ++scaled;  // exactly half rounds up
    if (scaled > INT64_MAX || scaled < INT64_MIN) return false;
    out = static_cast<std::int64_t>(scaled);
    return true;
}

}  // namespace kkpham
