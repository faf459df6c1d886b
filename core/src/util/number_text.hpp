// Whole numbers in messages as each language writes them: 104.857.600 in Bahasa Indonesia,
// 104,857,600 in English.
#pragma once

#include <cstdint>
#include <string>

namespace kkpham {

inline std::string group_digits(std::uint64_t value, char separator) {
    const std::string digits = std::to_string(value);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(separator);
        out.push_back(digits[i]);
    }
    return out;
}
inline std::string number_id(std::uint64_t value) { return group_digits(value, '.'); }
inline std::string number_en(std::uint64_t value) { return group_digits(value, ','); }

}  // namespace kkpham
