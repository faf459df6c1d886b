#include "util/bigint.hpp"

#include <algorithm>
#include <utility>

namespace kkpham {

void BigInt::trim(Limbs& m) {
    while (!m.empty() && m.back() == 0) m.pop_back();
}

BigInt BigInt::make(bool neg, Limbs mag) {
    trim(mag);
    BigInt b;
    b.neg_ = neg && !mag.empty();
    b.mag_ = std::move(mag);
    return b;
}

namespace {
__extension__ typedef unsigned __int128 u128;  // as i128 in bigint.hpp: no -Wpedantic warning
}  // namespace

BigInt BigInt::of(i128 v) {
    const bool neg = v < 0;
    // The magnitude as unsigned: also right for the most negative value.
    u128 u = neg ? static_cast<u128>(0) - static_cast<u128>(v) : static_cast<u128>(v);
    Limbs m;
    while (u != 0) {
        m.push_back(static_cast<std::uint32_t>(u));
        u >>= 32;
    }
    return make(neg, std::move(m));
}

std::size_t BigInt::bits() const {
    if (mag_.empty()) return 0;
    return 32 * (mag_.size() - 1) + (32 - static_cast<std::size_t>(__builtin_clz(mag_.back())));
}

bool BigInt::fits_i128() const { return bits() <= 127; }

i128 BigInt::to_i128() const {
    u128 u = 0;
    for (std::size_t i = mag_.size(); i-- > 0;) u = (u << 32) | mag_[i];
    const auto v = static_cast<i128>(u);
    return neg_ ? -v : v;
}

BigInt BigInt::negated() const { return make(!neg_, mag_); }
BigInt BigInt::abs() const { return make(false, mag_); }

int BigInt::cmp_mag(const Limbs& a, const Limbs& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

BigInt::Limbs BigInt::add_mag(const Limbs& a, const Limbs& b) {
    const Limbs& longer = a.size() >= b.size() ? a : b;
    const Limbs& shorter = a.size() >= b.size() ? b : a;
    Limbs r(longer.size() + 1, 0);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < longer.size(); ++i) {
        const std::uint64_t s = static_cast<std::uint64_t>(longer[i]) + (i < shorter.size() ? shorter[i] : 0u) + carry;
        r[i] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
    }
    r[longer.size()] = static_cast<std::uint32_t>(carry);
    trim(r);
    return r;
}

BigInt::Limbs BigInt::sub_mag(const Limbs& a, const Limbs& b) {
    Limbs r(a.size(), 0);
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::int64_t d = static_cast<std::int64_t>(a[i]) - (i < b.size() ? b[i] : 0u) - borrow;
        borrow = d < 0 ? 1 : 0;
        if (d < 0) d += static_cast<std::int64_t>(1) << 32;
        r[i] = static_cast<std::uint32_t>(d);
    }
    trim(r);
    return r;
}

BigInt::Limbs BigInt::mul_mag(const Limbs& a, const Limbs& b) {
    if (a.empty() || b.empty()) return {};
    Limbs r(a.size() + b.size(), 0);
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::uint64_t t = static_cast<std::uint64_t>(a[i]) * b[j] + r[i + j] + carry;
            r[i + j] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        r[i + b.size()] = static_cast<std::uint32_t>(carry);
    }
    trim(r);
    return r;
}

void BigInt::divmod_mag(const Limbs& a, const Limbs& b, Limbs& q, Limbs& r) {
    q.assign(a.size(), 0);
    r.clear();
    if (b.size() == 1) {  // one-limb divisor: short division
        std::uint64_t rem = 0;
        for (std::size_t i = a.size(); i-- > 0;) {
            const std::uint64_t cur = (rem << 32) | a[i];
            q[i] = static_cast<std::uint32_t>(cur / b[0]);
            rem = cur % b[0];
        }
        trim(q);
        if (rem != 0) r.push_back(static_cast<std::uint32_t>(rem));
        return;
    }
    if (cmp_mag(a, b) < 0) {
        q.clear();
        r = a;
        return;
    }
    // Bit by bit over the quotient's bits only: r starts as the top bits of a that are below b's
    // length, then r = 2r + next bit of a, subtracting b when r >= b. A gcd's successive divisions
    // thus cost about as many steps in all as a has bits.
    const std::size_t bits_a = 32 * (a.size() - 1) + (32 - static_cast<std::size_t>(__builtin_clz(a.back())));
    const std::size_t bits_b = 32 * (b.size() - 1) + (32 - static_cast<std::size_t>(__builtin_clz(b.back())));
    const std::size_t start = bits_a - bits_b + 1;  // bits of a below the first bits_b - 1 ones
    for (std::size_t i = bits_a; i-- > start;) {  // r = a >> start
        std::uint32_t carry = (a[i / 32] >> (i % 32)) & 1u;
        for (std::uint32_t& limb : r) {
            const std::uint32_t next = limb >> 31;
            limb = (limb << 1) | carry;
            carry = next;
        }
        if (carry != 0) r.push_back(carry);
    }
    for (std::size_t i = start; i-- > 0;) {
        std::uint32_t carry = (a[i / 32] >> (i % 32)) & 1u;
        for (std::uint32_t& limb : r) {
            const std::uint32_t next = limb >> 31;
            limb = (limb << 1) | carry;
            carry = next;
        }
        if (carry != 0) r.push_back(carry);
        if (cmp_mag(r, b) >= 0) {
            r = sub_mag(r, b);
            q[i / 32] |= 1u << (i % 32);
        }
    }
    trim(q);
    trim(r);
}

BigInt operator+(const BigInt& a, const BigInt& b) {
    if (a.neg_ == b.neg_) return BigInt::make(a.neg_, BigInt::add_mag(a.mag_, b.mag_));
    const int c = BigInt::cmp_mag(a.mag_, b.mag_);
    if (c == 0) return BigInt();
    return c > 0 ? BigInt::make(a.neg_, BigInt::sub_mag(a.mag_, b.mag_)) : BigInt::make(b.neg_, BigInt::sub_mag(b.mag_, a.mag_));
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + b.negated(); }

BigInt operator*(const BigInt& a, const BigInt& b) { return BigInt::make(a.neg_ != b.neg_, BigInt::mul_mag(a.mag_, b.mag_)); }

int BigInt::compare(const BigInt& a, const BigInt& b) {
    if (a.neg_ != b.neg_) return a.neg_ ? -1 : 1;
    const int c = cmp_mag(a.mag_, b.mag_);
    return a.neg_ ? -c : c;
}

void BigInt::divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
    Limbs qm, rm;
    divmod_mag(a.mag_, b.mag_, qm, rm);
    q = make(a.neg_ != b.neg_, std::move(qm));
    r = make(a.neg_, std::move(rm));
}

BigInt BigInt::gcd(const BigInt& a, const BigInt& b) {
    BigInt x = a.abs(), y = b.abs();
    while (!y.is_zero()) {
        BigInt q, r;
        divmod(x, y, q, r);
        x = std::move(y);
        y = std::move(r);
    }
    return x;
}

std::string BigInt::decimal() const {
    if (mag_.empty()) return "0";
    std::string out;
    Limbs m = mag_, q;
    const Limbs billion{1000000000u};
    while (!m.empty()) {
        Limbs r;
        divmod_mag(m, billion, q, r);
        std::uint32_t chunk = r.empty() ? 0 : r[0];
        for (int k = 0; k < 9; ++k) {
            out += static_cast<char>('0' + chunk % 10);
            chunk /= 10;
            if (q.empty() && chunk == 0) break;
        }
        m = q;
    }
    while (out.size() > 1 && out.back() == '0') out.pop_back();
    if (neg_) out += '-';
    std::reverse(out.begin(), out.end());
    return out;
}

bool BigInt::from_decimal(std::string_view digits, BigInt& out) {
    bool neg = false;
    if (!digits.empty() && digits[0] == '-') {
        neg = true;
        digits.remove_prefix(1);
    }
    if (digits.empty() || digits.size() > kMaxBits / 3) return false;
    Limbs m;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        std::uint64_t carry = static_cast<std::uint64_t>(c - '0');
        for (std::uint32_t& limb : m) {
            const std::uint64_t t = static_cast<std::uint64_t>(limb) * 10 + carry;
            limb = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        if (carry != 0) m.push_back(static_cast<std::uint32_t>(carry));
    }
    out = make(neg, std::move(m));
    return true;
}

}  // namespace kkpham
