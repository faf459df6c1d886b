#include "model/json_fields.hpp"

#include "util/exact.hpp"
#include "util/number_text.hpp"
#include "json/json_text.hpp"

namespace kkpham {

bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (i == 0 ? !alnum : !(alnum || c == '.' || c == '_' || c == '-')) return false;
    }
    return true;
}

void FieldReader::type_error(const std::string& path, std::string_view expected_id, std::string_view expected_en) {
    diag_.error("type.mismatch", path, path + " harus berupa " + std::string(expected_id) + ".",
                path + " must be " + std::string(expected_en) + ".");
}

const json* FieldReader::member(const json& object, std::string_view key, const std::string& path, Need need) {
    if (object.is_object()) {
        const auto& fields = object.get_ref<const json::object_t&>();
        const auto it = fields.find(key);  // heterogeneous lookup: no string is built
        if (it != fields.end()) return &it->second;
    }
    if (need == Need::required) {
        const std::string p = path_key(path, key);
        diag_.error("field.missing", p, "Kolom wajib " + p + " tidak ada.", "Required field " + p + " is missing.");
    }
    return nullptr;
}

const json* FieldReader::object(const json& parent, std::string_view key, const std::string& path, Need need) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
        type_error(path_key(path, key), "objek ({…})", "an object ({…})");
        return nullptr;
    }
    return v;
}

const json* FieldReader::array(const json& parent, std::string_view key, const std::string& path, Need need) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
        type_error(path_key(path, key), "daftar ([…])", "a list ([…])");
        return nullptr;
    }
    return v;
}

std::optional<std::string> FieldReader::string(const json& parent, std::string_view key, const std::string& path,
                                               Need need, std::size_t max_length) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
        type_error(path_key(path, key), "teks", "a string");
        return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_length) {
        const std::string p = path_key(path, key);
        diag_.error("text.too_long", p,
                    p + " terlalu panjang (" + number_id(s.size()) + " bita; paling banyak " + number_id(max_length) + ").",
                    p + " is too long (" + number_en(s.size()) + " bytes; at most " + number_en(max_length) + ").");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> FieldReader::identifier(const json& parent, std::string_view key, const std::string& path,
                                                   Need need) {
    auto s = string(parent, key, path, need, 64);
    if (!s) return std::nullopt;
    if (!is_identifier(*s)) {
        const std::string p = path_key(path, key);
        diag_.error("id.invalid", p,
                    p + " (\"" + *s + "\") bukan kode yang sah: pakai huruf, angka, titik, garis bawah atau "
                    "tanda hubung, diawali huruf atau angka, paling banyak 64 karakter.",
                    p + " (\"" + *s + "\") is not a valid id: use letters, digits, '.', '_' or '-', starting "
                    "with a letter or digit, at most 64 characters.");
        return std::nullopt;
    }
    return s;
}

std::optional<Text> FieldReader::text(const json& parent, std::string_view key, const std::string& path, Need need) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return std::nullopt;
    if (v->is_string()) {  // a bare string is accepted as the Indonesian text
        const std::string p = path_key(path, key);
        Text t;
        t.id = v->get<std::string>();
        if (t.id.empty() && need == Need::required) {
            diag_.error("text.empty", p, p + " tidak boleh kosong.", p + " must not be empty.");
            return std::nullopt;
        }
        return t;
    }
    const std::string p = path_key(path, key);
    if (!v->is_object()) {
        type_error(p, "teks dwibahasa {\"id\": \"…\", \"en\": \"…\"}", "a bilingual text {\"id\": \"…\", \"en\": \"…\"}");
        return std::nullopt;
    }
    unknown_keys(*v, p, {"id", "en"});
    Text t;
    auto id = string(*v, "id", p, Need::required, 8000);
    auto en = string(*v, "en", p, Need::optional, 8000);
    if (!id) return std::nullopt;
    if (id->empty() && need == Need::required) {
        diag_.error("text.empty", path_key(p, "id"), path_key(p, "id") + " tidak boleh kosong.",
                    path_key(p, "id") + " must not be empty.");
        return std::nullopt;
    }
    t.id = *id;
    if (en) t.en = *en;
    return t;
}

std::optional<bool> FieldReader::boolean(const json& parent, std::string_view key, const std::string& path, Need need) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
        type_error(path_key(path, key), "true atau false", "true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::int64_t> FieldReader::whole(const json& parent, std::string_view key, const std::string& path,
                                               Need need, std::int64_t min, std::int64_t max) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return std::nullopt;
    std::int64_t value = 0;
    if (v->is_number_integer()) {
        value = v->get<std::int64_t>();
    } else if (v->is_number_unsigned()) {
        value = v->get<std::uint64_t>() > static_cast<std::uint64_t>(max) ? max + 1 : v->get<std::int64_t>();
    } else {
        type_error(path_key(path, key), "bilangan bulat", "a whole number");
        return std::nullopt;
    }
    if (value < min || value > max) {
        const std::string p = path_key(path, key);
        diag_.error("number.out_of_range", p,
                    p + " harus di antara " + std::to_string(min) + " dan " + std::to_string(max) + ".",
                    p + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
        return std::nullopt;
    }
    return value;
}

void FieldReader::fixed_error(FixedError error, const std::string& path, int decimals) {
    switch (error) {
        case FixedError::not_number:
            type_error(path, "angka", "a number");
            break;
        case FixedError::too_large:
            diag_.error("number.too_large", path, path + " terlalu besar (paling banyak 1.000.000.000).",
                        path + " is too large (at most 1,000,000,000).");
            break;
        case FixedError::too_precise:
            diag_.error("number.too_precise", path,
                        path + " memakai terlalu banyak angka di belakang koma (paling banyak " +
                            std::to_string(decimals) + ").",
                        path + " has too many decimals (at most " + std::to_string(decimals) + ").");
            break;
    }
}

std::optional<std::int64_t> FieldReader::fixed_value(const json& value, const std::string& path, int decimals) {
    const FixedResult r = to_fixed(value, decimals);
    if (!r.error) return r.value;
    fixed_error(*r.error, path, decimals);
    return std::nullopt;
}

std::optional<std::int64_t> FieldReader::fixed(const json& parent, std::string_view key, const std::string& path,
                                               Need need, int decimals) {
    const json* v = member(parent, key, path, need);
    if (v == nullptr) return std::nullopt;
    return fixed_value(*v, path_key(path, key), decimals);
}

void FieldReader::unknown_keys(const json& object, const std::string& path,
                               std::initializer_list<std::string_view> allowed) {
    if (!object.is_object()) return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (std::string_view a : allowed) {
            if (it.key() == a) {
                known = true;
                break;
            }
        }
        if (!known) {
            const std::string p = path_key(path, it.key());
            diag_.warning("field.unknown", p, "Kolom " + p + " tidak dikenal dan diabaikan (salah ketik?).",
                          "Field " + p + " is not known and is ignored (a typo?).");
        }
    }
}

}  // namespace kkpham
