#include "analysis/gap_cover.hpp"

#include <algorithm>

namespace kkpham {
namespace {

using Limb = std::uint32_t;

// Unsigned numbers of `limbs` limbs each, stored one after another (least significant limb first).
class LimbTable {
public:
    LimbTable(std::size_t count, std::size_t limbs) : limbs_(limbs), data_(count * limbs, 0) {}
    Limb* at(std::size_t i) { return data_.data() + i * limbs_; }

private:
    std::size_t limbs_;
    std::vector<Limb> data_;
};

void load(const BigInt& v, Limb* out, std::size_t limbs) {
    const std::vector<Limb>& m = v.limbs();
    for (std::size_t k = 0; k < limbs; ++k) out[k] = k < m.size() ? m[k] : 0;
}

// out = a + b (the caller sized the limbs so that no sum carries out).
void add(const Limb* a, const Limb* b, Limb* out, std::size_t limbs) {
    std::uint64_t carry = 0;
    for (std::size_t k = 0; k < limbs; ++k) {
        const std::uint64_t s = static_cast<std::uint64_t>(a[k]) + b[k] + carry;
        out[k] = static_cast<Limb>(s);
        carry = s >> 32;
    }
}

int compare(const Limb* a, const Limb* b, std::size_t limbs) {
    for (std::size_t k = limbs; k-- > 0;) {
        if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
    }
    return 0;
}

}  // namespace

CoverSize cover_size(const std::vector<BigInt>& gains, const std::vector<std::int64_t>& efforts) {
    CoverSize size;
    BigInt sum;
    for (const BigInt& g : gains) sum = sum + g;
    for (std::int64_t e : efforts) size.capacity += e;
    // One bit to spare: a sum of gains never reaches 2^(32 limbs).
    size.limbs = std::max<std::size_t>(1, (sum.bits() + 1 + 31) / 32);
    size.cells = static_cast<double>(size.capacity + 1) * static_cast<double>(gains.size() + 1);
    size.work = size.cells * static_cast<double>(std::max<std::size_t>(size.limbs, 4));
    return size;
}

bool min_effort_cover(const std::vector<BigInt>& gains, const std::vector<std::int64_t>& efforts,
                      const BigInt& needed, std::vector<std::size_t>& chosen) {
    chosen.clear();
    if (needed.is_zero() || needed.negative()) return true;
    const std::size_t n = gains.size();
    const CoverSize size = cover_size(gains, efforts);
    // `needed` may be larger than every sum: compare it on enough limbs to hold it.
    const std::size_t limbs = std::max(size.limbs, (needed.bits() + 31) / 32);
    const auto cap = static_cast<std::size_t>(size.capacity);
    // best[c]: the largest gain with total effort <= c; take[i][c]: item i is in that best set.
    LimbTable best(cap + 1, limbs);
    LimbTable gain(n, limbs);
    for (std::size_t i = 0; i < n; ++i) load(gains[i], gain.at(i), limbs);
    std::vector<Limb> with(limbs, 0);
    std::vector<std::vector<bool>> take(n, std::vector<bool>(cap + 1, false));
    for (std::size_t i = 0; i < n; ++i) {
        const auto e = static_cast<std::size_t>(efforts[i]);
        for (std::size_t c = cap + 1; c-- > e;) {  // c = cap down to e
            add(best.at(c - e), gain.at(i), with.data(), limbs);
            if (compare(with.data(), best.at(c), limbs) > 0) {  // strict: ties keep the smaller set
                std::copy(with.begin(), with.end(), best.at(c));
                take[i][c] = true;
            }
        }
    }
    std::vector<Limb> target(limbs, 0);
    load(needed, target.data(), limbs);
    std::size_t c = 0;
    while (c <= cap && compare(best.at(c), target.data(), limbs) < 0) ++c;
    if (c > cap) return false;
    for (std::size_t i = n; i-- > 0;) {
        if (take[i][c]) {
            chosen.push_back(i);
            c -= static_cast<std::size_t>(efforts[i]);
        }
    }
    std::reverse(chosen.begin(), chosen.end());
    return true;
}

}  // namespace kkpham
