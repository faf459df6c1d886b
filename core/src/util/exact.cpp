// Over 400 lines on purpose: the checked 128-bit fraction arithmetic and the exact decimal
// text conversions it rounds through belong together (one overflow and rounding contract).
#include "util/exact.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
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
        if (x == 1 || y == 1) return 1;  // e.g. a whole number: the loop would take ~log2 steps
        const int shift = __builtin_ctzll(x | y);
        x >>= __builtin_ctzll(x);
        while (y != 0) {
            y >>= __builtin_ctzll(y);
            if (x > y) std::swap(x, y);
            y -= x;
        }
        const std::uint64_t divisor = x << shift;  // the gcd: at most min(a, b), so no bit is lost
        return static_cast<i128>(divisor);
    }
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// The values met in practice fit in 64 bits. There the helpers below use 64-bit operations,
// which are native instructions on every target, instead of 128-bit ones, which WebAssembly
// (wasm32) runs as compiler-rt calls: __muloti4 does a 128-bit *division* for every checked
// multiply, and __divti3 is a bit loop. Integer arithmetic is exact, so both paths give the
// same results and the same overflow verdicts.
bool fits64(i128 x) { return x == static_cast<i128>(static_cast<std::int64_t>(x)); }
bool fits32(i128 x) { return x == static_cast<i128>(static_cast<std::int32_t>(x)); }

bool mul(i128 a, i128 b, i128& out) {
    if (fits32(a) && fits32(b)) {  // |a*b| <= 2^62: one 64-bit multiply
        out = static_cast<std::int64_t>(a) * static_cast<std::int64_t>(b);
        return true;
    }
    if (fits64(a) && fits64(b)) {  // |a*b| <= 2^126: cannot overflow 128 bits
        out = static_cast<i128>(static_cast<std::int64_t>(a)) * static_cast<std::int64_t>(b);
        return true;
    }
    return !__builtin_mul_overflow(a, b, &out);
}
bool add(i128 a, i128 b, i128& out) { return !__builtin_add_overflow(a, b, &out); }

// a / b and a % b (truncating, b != 0): 64-bit when both operands fit (INT64_MIN / -1 excepted).
i128 div(i128 a, i128 b) {
    if (fits64(a) && fits64(b) && !(b == -1 && a == INT64_MIN)) {
        return static_cast<std::int64_t>(a) / static_cast<std::int64_t>(b);
    }
    return a / b;
}
i128 mod(i128 a, i128 b) {
    if (fits64(a) && fits64(b) && b != -1) return static_cast<std::int64_t>(a) % static_cast<std::int64_t>(b);
    return a % b;
}

// floor(a / b) for b > 0.
i128 floor_div(i128 a, i128 b) {
    i128 q = div(a, b);
    if ((mod(a, b) != 0) && (a < 0)) --q;
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

std::size_t format_fixed_to(char* out, std::int64_t value, int decimals, int min_decimals) {
    // Written backwards from the last digit into a local buffer, one digit per step (division by
    // the constant 10 compiles to a multiplication; this runs for every number of every result).
    const bool negative = value < 0;
    std::uint64_t mag = negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
    char text[kFixedTextMax];
    char* const end = text + kFixedTextMax;
    char* p = end;
    // The fraction's `decimals` digits, least significant first; trailing zeros beyond
    // `min_decimals` are dropped.
    int kept = decimals;
    bool trailing = true;
    for (int k = 0; k < decimals; ++k) {
        const auto digit = static_cast<char>('0' + mag % 10);
        mag /= 10;
        if (trailing && digit == '0' && kept > min_decimals) {
            --kept;
            continue;
        }
        trailing = false;
        *--p = digit;
    }
    if (kept > 0) *--p = '.';
    do {
        *--p = static_cast<char>('0' + mag % 10);
        mag /= 10;
    } while (mag != 0);
    if (negative) *--p = '-';
    const auto length = static_cast<std::size_t>(end - p);
    std::memcpy(out, p, length);
    return length;
}

std::string format_fixed(std::int64_t value, int decimals, int min_decimals) {
    char text[kFixedTextMax];
    return std::string(text, format_fixed_to(text, value, decimals, min_decimals));
}

std::string format_scaled(std::int64_t scaled, int decimals) { return format_fixed(scaled, decimals, decimals); }

Fraction Fraction::overflowed() {
    Fraction f;
    f.overflow_ = true;
    return f;
}

Fraction Fraction::from_big(const BigInt& n_in, const BigInt& d_in) {
    if (d_in.is_zero()) return overflowed();
    BigInt n = d_in.negative() ? n_in.negated() : n_in;
    BigInt d = d_in.abs();
    if (n.is_zero()) return Fraction();
    const BigInt g = BigInt::gcd(n, d);
    if (BigInt::compare(g, BigInt::of(1)) != 0) {
        BigInt q, r;
        BigInt::divmod(n, g, q, r);
        n = q;
        BigInt::divmod(d, g, q, r);
        d = q;
    }
    if (n.bits() > BigInt::kMaxBits || d.bits() > BigInt::kMaxBits) return overflowed();
    Fraction f;
    if (n.fits_i128() && d.fits_i128()) {
        f.n_ = n.to_i128();
        f.d_ = d.to_i128();
        return f;
    }
    f.big_ = std::make_shared<const Big>(Big{std::move(n), std::move(d)});
    return f;
}

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
        n_ = div(n_, g);
        d_ = div(d_, g);
    }
}

// Every Fraction is in lowest terms (of() and each operator reduce), which lets + and * skip
// most of the gcd work (Knuth, TAOCP 4.5.1). They still compute and check exactly the products
// they always did, and return the same reduced fraction that reduce() would. When a product or
// sum does not fit in 128 bits, the operation is done again on BigInt.
Fraction Fraction::operator+(const Fraction& o) const {
    if (overflow_ || o.overflow_) return overflowed();
    if (big_ || o.big_) return from_big(big_num() * o.big_den() + o.big_num() * big_den(), big_den() * o.big_den());
    Fraction r;
    const i128 g = gcd128(d_, o.d_);
    const i128 lhs_factor = div(o.d_, g);
    const i128 rhs_factor = div(d_, g);
    i128 a, b, n, d;
    if (!mul(n_, lhs_factor, a) || !mul(o.n_, rhs_factor, b) || !add(a, b, n) || !mul(d_, lhs_factor, d) ||
        n == std::numeric_limits<i128>::min()) {
        return from_big(big_num() * o.big_den() + o.big_num() * big_den(), big_den() * o.big_den());
    }
    r.n_ = n;
    r.d_ = d;
    // n/d = (n_ o.d_/g + o.n_ d_/g) / (d_ o.d_/g): no prime factor of (d_/g)(o.d_/g) divides n
    // (the inputs are reduced), so gcd(n, d) = gcd(n, g), and it is 1 when g is.
    if (n == 0) {
        r.d_ = 1;
    } else if (g != 1) {
        const i128 common = gcd128(n, g);
        if (common > 1) {
            r.n_ = div(n, common);
            r.d_ = div(d, common);
        }
    }
    return r;
}

Fraction Fraction::operator-(const Fraction& o) const {
    if (o.big_) {
        Fraction neg = o;
        neg.big_ = std::make_shared<const Big>(Big{o.big_->n.negated(), o.big_->d});
        return *this + neg;
    }
    Fraction neg = o;
    neg.n_ = -neg.n_;
    return *this + neg;
}

Fraction Fraction::operator*(const Fraction& o) const {
    if (overflow_ || o.overflow_) return overflowed();
    if (big_ || o.big_) return from_big(big_num() * o.big_num(), big_den() * o.big_den());
    Fraction r;
    // Cross-reduce first to keep the numbers small.
    i128 g1 = gcd128(n_, o.d_);
    if (g1 == 0) g1 = 1;
    i128 g2 = gcd128(o.n_, d_);
    if (g2 == 0) g2 = 1;
    i128 n, d;
    if (!mul(div(n_, g1), div(o.n_, g2), n) || !mul(div(d_, g2), div(o.d_, g1), d) ||
        n == std::numeric_limits<i128>::min()) {
        return from_big(big_num() * o.big_num(), big_den() * o.big_den());
    }
    // Reduced inputs, cross-reduced: the product is already in lowest terms.
    r.n_ = n;
    r.d_ = n == 0 ? 1 : d;
    return r;
}

Fraction Fraction::operator/(const Fraction& o) const {
    if (o.is_zero() || overflow_ || o.overflow_) return overflowed();
    if (o.big_) return *this * from_big(o.big_->d, o.big_->n);
    return *this * Fraction::of(o.d_, o.n_);
}

namespace {
void append_i128(std::string& out, i128 v) {
    if (v < 0) {
        out += '-';
        v = -v;  // |v| < 2^127 for every reduced fraction this class makes
    }
    char digits[40];
    int k = 0;
    do {
        digits[k++] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v != 0);
    while (k > 0) out += digits[--k];
}
bool read_i128(std::string_view s, i128& out) {
    bool negative = false;
    if (!s.empty() && s[0] == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 38) return false;
    i128 v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = negative ? -v : v;
    return true;
}
}  // namespace

std::string Fraction::text() const {
    if (big_) return big_->n.decimal() + "/" + big_->d.decimal();
    std::string out;
    append_i128(out, n_);
    out += '/';
    append_i128(out, d_);
    return out;
}

bool Fraction::parse_text(std::string_view text, Fraction& out) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return false;
    i128 n = 0, d = 0;
    if (read_i128(text.substr(0, slash), n) && read_i128(text.substr(slash + 1), d)) {
        if (d <= 0) return false;
        out = Fraction::of(n, d);
        return !out.overflow();
    }
    BigInt bn, bd;
    if (!BigInt::from_decimal(text.substr(0, slash), bn) || !BigInt::from_decimal(text.substr(slash + 1), bd) ||
        bd.negative() || bd.is_zero()) {
        return false;
    }
    out = from_big(bn, bd);
    return !out.overflow();
}

int Fraction::compare(const Fraction& o) const {
    const Fraction diff = *this - o;
    if (diff.big_) return diff.big_->n.negative() ? -1 : 1;
    if (diff.n_ == 0) return 0;
    return diff.n_ < 0 ? -1 : 1;
}

bool Fraction::floor_scaled(int decimals, i128& floor, bool& half_or_more) const {
    if (overflow_) return false;
    if (big_) {
        // floor(n 10^k / d), and whether the remainder is at least half of d.
        BigInt scaled_n = big_->n;
        for (int i = 0; i < decimals; ++i) scaled_n = scaled_n * BigInt::of(10);
        BigInt q, r;
        BigInt::divmod(scaled_n, big_->d, q, r);
        if (r.negative()) {
            q = q - BigInt::of(1);
            r = r + big_->d;
        }
        if (!q.fits_i128()) return false;
        floor = q.to_i128();
        half_or_more = BigInt::compare(r + r, big_->d) >= 0;
        return true;
    }
    if (n_ >= 0 && n_ <= INT64_MAX / 100000 && d_ <= INT64_MAX / 100000 && decimals <= 4) {
        // Common case on 64 bits: n * 10^k <= INT64_MAX / 10 and q * d <= n * 10^k.
        const auto n = static_cast<std::int64_t>(n_), d = static_cast<std::int64_t>(d_);
        const std::int64_t p = pow10(decimals);
        const std::int64_t q = n * p / d;
        const std::int64_t r = n * p - q * d;
        floor = q;
        half_or_more = r >= d - r;
        return true;
    }
    // Long division: whole part, then `decimals` digits; no intermediate exceeds 10 * d.
    i128 q = floor_div(n_, d_);
    i128 rem = n_ - q * d_;  // 0 <= rem < d
    i128 scaled = q;
    for (int i = 0; i < decimals; ++i) {
        i128 r10;
        if (!mul(rem, 10, r10) || !mul(scaled, 10, scaled)) return false;
        scaled += div(r10, d_);
        rem = mod(r10, d_);
    }
    floor = scaled;
    half_or_more = rem >= d_ - rem;  // exactly half rounds up
    return true;
}

bool Fraction::round_half_up(int decimals, std::int64_t& out) const {
    i128 floor = 0;
    bool half = false;
    if (!floor_scaled(decimals, floor, half) || floor > INT64_MAX || floor < static_cast<i128>(INT64_MIN) - 1) return false;
    const i128 v = floor + (half ? 1 : 0);
    if (v > INT64_MAX || v < INT64_MIN) return false;
    out = static_cast<std::int64_t>(v);
    return true;
}

bool Fraction::round_half_up_twice(int decimals, int fewer, std::int64_t& out, std::int64_t& out_fewer) const {
    i128 floor = 0;
    bool half = false;
    if (fewer < 0 || fewer >= decimals || !floor_scaled(decimals, floor, half) || floor > INT64_MAX ||
        floor < static_cast<i128>(INT64_MIN) - 1) {
        return false;
    }
    const i128 v = floor + (half ? 1 : 0);
    // With floor = a 10^j + b (0 <= b < 10^j, j = decimals - fewer) and the rest f in [0, 1):
    // floor(x 10^fewer + 1/2) = a + floor((b + f + 10^j / 2) / 10^j) = a + (b >= 10^j / 2): the
    // rest never decides it.
    const i128 unit = pow10(decimals - fewer);
    const i128 a = floor_div(floor, unit);
    const i128 b = floor - a * unit;
    const i128 w = a + (2 * b >= unit ? 1 : 0);
    if (v > INT64_MAX || v < INT64_MIN || w > INT64_MAX || w < INT64_MIN) return false;
    out = static_cast<std::int64_t>(v);
    out_fewer = static_cast<std::int64_t>(w);
    return true;
}

}  // namespace kkpham
