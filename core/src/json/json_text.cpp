#include "json/json_text.hpp"

#include "util/exact.hpp"
#include "util/number_text.hpp"

#include <optional>
#include <set>
#include <vector>

namespace kkpham {
namespace {

using json = nlohmann::json;

bool is_plain_key(std::string_view key) {
    if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_';
        if (!ok) return false;
    }
    return true;
}

// Builds the DOM through nlohmann's own SAX DOM builder while checking depth and
// duplicate keys, and remembering where the parser stopped.
class CheckedDomBuilder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    // build = false: a dry run that checks (and weighs) without building the tree.
    CheckedDomBuilder(json& root, const JsonLimits& limits, bool build = true) : dom_(root, false), limits_(limits), build_(build) {}

    bool null() { return value() && weigh(TreeWeights::scalar) && (!build_ || dom_.null()); }
    bool boolean(bool v) { return value() && weigh(TreeWeights::scalar) && (!build_ || dom_.boolean(v)); }
    bool number_integer(number_integer_t v) {
        return value() && weigh(TreeWeights::scalar) && exact_whole(v < 0 ? 0 - static_cast<number_unsigned_t>(v) : static_cast<number_unsigned_t>(v)) &&
               (!build_ || dom_.number_integer(v));
    }
    bool number_unsigned(number_unsigned_t v) { return value() && weigh(TreeWeights::scalar) && exact_whole(v) && (!build_ || dom_.number_unsigned(v)); }
    bool number_float(number_float_t v, const string_t& s) {
        return value() && weigh(TreeWeights::scalar) && exact_text(s) && (!build_ || dom_.number_float(v, s));
    }
    bool string(string_t& v) { return value() && weigh(TreeWeights::string + long_text(v.size())) && (!build_ || dom_.string(v)); }
    bool binary(binary_t& v) { return value() && weigh(TreeWeights::string + v.size()) && (!build_ || dom_.binary(v)); }

    bool start_object(std::size_t n) {
        if (!value() || !push() || !weigh(TreeWeights::object)) return false;
        frames_.push_back(Frame{true, {}, "", 0});
        return (!build_ || dom_.start_object(n));
    }
    bool key(string_t& k) {
        if (!weigh(TreeWeights::key + long_text(k.size()))) return false;
        Frame& f = frames_.back();
        if (!f.keys.remember(k)) {
            failure_ = Failure::duplicate_key;
            failure_path_ = path_key(current_path(frames_.size() - 1), k);
            return false;
        }
        f.current_key = k;
        return (!build_ || dom_.key(k));
    }
    bool end_object() {
        frames_.pop_back();
        return (!build_ || dom_.end_object());
    }
    bool start_array(std::size_t n) {
        if (!value() || !push() || !weigh(TreeWeights::array)) return false;
        frames_.push_back(Frame{false, {}, "", 0});
        return (!build_ || dom_.start_array(n));
    }
    bool end_array() {
        frames_.pop_back();
        return (!build_ || dom_.end_array());
    }
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& ex) {
        failure_ = Failure::syntax;
        syntax_message_ = ex.what();
        return dom_.parse_error(position, last_token, ex);
    }

    enum class Failure { none, syntax, too_deep, duplicate_key, tree_too_large, number_inexact };
    // The number's problem when failure() is number_inexact.
    FixedError number_error() const { return number_error_; }
    const std::string& number_text() const { return number_text_; }
    Failure failure() const { return failure_; }
    const std::string& failure_path() const { return failure_path_; }
    const std::string& syntax_message() const { return syntax_message_; }

private:
    struct Frame {
        bool is_object;
        SeenKeys keys;
        std::string current_key;
        std::size_t next_index;
    };

    // Called before every value: advances the array index of the enclosing array.
    bool value() {
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().next_index;
        return true;
    }
    static std::size_t long_text(std::size_t n) { return n > TreeWeights::short_text ? n : 0; }
    bool weigh(std::size_t n) {
        weight_ += n;
        if (weight_ <= limits_.max_tree_bytes) return true;
        failure_ = Failure::tree_too_large;
        failure_path_ = current_path(frames_.size());
        return false;
    }
    bool inexact(FixedError e, std::string text) {
        failure_ = Failure::number_inexact;
        failure_path_ = current_path(frames_.size());
        number_error_ = e;
        number_text_ = std::move(text);
        return false;
    }
    bool exact_whole(number_unsigned_t magnitude) {
        if (!limits_.exact_numbers || magnitude <= static_cast<number_unsigned_t>(kMaxMagnitude)) return true;
        return inexact(FixedError::too_large, std::to_string(magnitude));
    }
    bool exact_text(const string_t& s) {
        if (!limits_.exact_numbers) return true;
        const FixedResult r = fixed_from_json_number(s, kValueDecimals);
        return r.error ? inexact(*r.error, s.size() > 40 ? s.substr(0, 40) + "…" : s) : true;
    }
    bool push() {
        if (frames_.size() + 1 > limits_.max_depth) {
            failure_ = Failure::too_deep;
            failure_path_ = current_path(frames_.size());
            return false;
        }
        return true;
    }
    // Path of the value being parsed, through the first `upto` containers.
    std::string current_path(std::size_t upto) const {
        std::string p = "$";
        for (std::size_t i = 0; i < upto && i < frames_.size(); ++i) {
            const Frame& f = frames_[i];
            if (f.is_object) p = path_key(p, f.current_key);
            else if (f.next_index > 0) p = path_index(p, f.next_index - 1);
        }
        return p;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    const JsonLimits& limits_;
    bool build_ = true;
    std::size_t weight_ = 0;
    FixedError number_error_ = FixedError::not_number;
    std::string number_text_;
    std::vector<Frame> frames_;
    Failure failure_ = Failure::none;
    std::string failure_path_;
    std::string syntax_message_;
};

// The part of nlohmann's message after the "[json.exception...] " prefix.
std::string detail_of(const std::string& what) {
    const auto close = what.find("] ");
    return close == std::string::npos ? what : what.substr(close + 2);
}

}  // namespace

bool SeenKeys::remember(const std::string& key) {
    if (!many_.empty()) return many_.insert(key).second;
    for (std::size_t k = 0; k < few_count_; ++k) {
        if (few_[k] == key) return false;
    }
    // The strings of earlier objects are overwritten, not rebuilt: their buffers are reused.
    if (few_count_ == few_.size()) few_.push_back(key);
    else few_[few_count_].assign(key);
    if (++few_count_ > 16) {
        many_.insert(few_.begin(), few_.begin() + static_cast<std::ptrdiff_t>(few_count_));
        few_count_ = 0;
    }
    return true;
}

std::string path_key(const std::string& base, std::string_view key) {
    if (is_plain_key(key)) return base + "." + std::string(key);
    std::string out = base + "['";
    for (char c : key) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "']";
}

std::string path_index(const std::string& base, std::size_t index) {
    return base + "[" + std::to_string(index) + "]";
}

void line_column(std::string_view text, std::size_t offset, int& line, int& column) {
    line = 1;
    column = 1;
    if (offset > text.size()) offset = text.size();
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count code points, not UTF-8 continuation bytes
        }
    }
}

std::optional<Diagnostic> check_envelope(std::string_view& text, std::string_view what_id, std::string_view what_en,
                                        std::size_t max_bytes) {
    auto problem = [](std::string code, std::string id, std::string en) {
        Diagnostic d;
        d.code = std::move(code);
        d.path = "$";
        d.message_id = std::move(id);
        d.message_en = std::move(en);
        return std::optional<Diagnostic>(std::move(d));
    };
    const std::string wid(what_id), wen(what_en);
    if (text.size() > max_bytes) {
        const std::string mb = std::to_string(max_bytes / (1024 * 1024));
        return problem("file.too_large",
                       "Berkas " + wid + " terlalu besar (" + number_id(text.size()) + " bita; paling banyak " + mb +
                           " MB). Periksa apakah berkas yang dipilih benar.",
                       "The " + wen + " file is too large (" + number_en(text.size()) + " bytes; at most " + mb +
                           " MB). Check that you picked the right file.");
    }
    if (text.size() >= 2 && ((static_cast<unsigned char>(text[0]) == 0xFF && static_cast<unsigned char>(text[1]) == 0xFE) ||
                             (static_cast<unsigned char>(text[0]) == 0xFE && static_cast<unsigned char>(text[1]) == 0xFF))) {
        return problem("file.utf16", "Berkas " + wid + " tersimpan sebagai UTF-16. Simpan ulang sebagai UTF-8.",
                       "The " + wen + " file is saved as UTF-16. Save it again as UTF-8.");
    }
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 BOM is harmless
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return problem("file.empty", "Berkas " + wid + " kosong.", "The " + wen + " file is empty.");
    }
    return std::nullopt;
}

ParsedJson parse_json_text(std::string_view text, std::string_view what_id, std::string_view what_en,
                           const JsonLimits& limits) {
    ParsedJson out;
    auto fail = [&](std::string code, std::string path, std::string id, std::string en) {
        out.ok = false;
        out.value = nullptr;
        out.error.code = std::move(code);
        out.error.path = std::move(path);
        out.error.message_id = std::move(id);
        out.error.message_en = std::move(en);
        return out;
    };
    const std::string wid(what_id), wen(what_en);
    std::string_view body = text;
    if (auto problem = check_envelope(body, what_id, what_en, limits.max_bytes)) {
        out.ok = false;
        out.error = std::move(*problem);
        return out;
    }

    auto too_complex = [&](const std::string& at) {
        const std::string mb = std::to_string(limits.max_tree_bytes / (1024 * 1024));
        return fail(std::string(limits.too_complex_code), at,
                    "Berkas " + wid + " terlalu rumit untuk dimuat (memerlukan lebih dari " + mb + " MB memori; berhenti di " + at +
                        "). Periksa apakah berkas yang dipilih benar.",
                    "The " + wen + " file is too complex to load (it would take more than " + mb + " MB of memory; stopped at " + at +
                        "). Check that you picked the right file.");
    };
    json root;
    // A text that could weigh more than the tree limit (about 37 bytes of tree per byte of "{},") is
    // weighed first without building anything, so 16 MB of empty objects is refused in a few
    // milliseconds and a few MB of memory; smaller texts (the 300 kB reference pack) skip this.
    if (body.size() > limits.max_tree_bytes / 40) {
        json unused;
        CheckedDomBuilder weigher(unused, limits, false);
        json::sax_parse(body.begin(), body.end(), &weigher, nlohmann::detail::input_format_t::json, true, false);
        if (weigher.failure() == CheckedDomBuilder::Failure::tree_too_large) {
            return too_complex(weigher.failure_path());
        }
    }
    CheckedDomBuilder builder(root, limits);
    const bool parsed = json::sax_parse(body.begin(), body.end(), &builder,
                                        nlohmann::detail::input_format_t::json, true, false);
    switch (builder.failure()) {
        case CheckedDomBuilder::Failure::too_deep:
            return fail("json.too_deep", builder.failure_path(),
                        "Berkas " + wid + " bersarang terlalu dalam (lebih dari " +
                            std::to_string(limits.max_depth) + " tingkat) di " + builder.failure_path() + ".",
                        "The " + wen + " file is nested too deeply (more than " +
                            std::to_string(limits.max_depth) + " levels) at " + builder.failure_path() + ".");
        case CheckedDomBuilder::Failure::duplicate_key:
            return fail("json.duplicate_key", builder.failure_path(),
                        "Kunci ganda di " + builder.failure_path() +
                            ": setiap kunci hanya boleh muncul sekali dalam satu objek.",
                        "Duplicate key at " + builder.failure_path() +
                            ": each key may appear only once in an object.");
        case CheckedDomBuilder::Failure::tree_too_large:
            return too_complex(builder.failure_path());
        case CheckedDomBuilder::Failure::number_inexact: {
            const std::string& at = builder.failure_path();
            const std::string& n = builder.number_text();
            if (builder.number_error() == FixedError::too_large) {
                return fail("number.too_large", at,
                            "Angka " + n + " di " + at + " terlalu besar (paling banyak 1.000.000.000).",
                            "The number " + n + " at " + at + " is too large (at most 1,000,000,000).");
            }
            return fail("number.too_precise", at,
                        "Angka " + n + " di " + at + " terlalu rinci: paling banyak 6 angka di belakang koma, ditulis persis.",
                        "The number " + n + " at " + at + " is too precise: at most 6 decimals, written exactly.");
        }
        case CheckedDomBuilder::Failure::syntax: {
            // nlohmann reports "line L, column C" itself; keep its detail for developers.
            const std::string detail = detail_of(builder.syntax_message());
            int line = 0, column = 0;
            const auto at = detail.find("at line ");
            if (at != std::string::npos) {
                line = std::atoi(detail.c_str() + at + 8);
                const auto col = detail.find("column ", at);
                if (col != std::string::npos) column = std::atoi(detail.c_str() + col + 7);
            }
            std::string where_id = line > 0 ? " (baris " + std::to_string(line) + ", kolom " +
                                                  std::to_string(column) + ")"
                                            : "";
            std::string where_en = line > 0 ? " (line " + std::to_string(line) + ", column " +
                                                  std::to_string(column) + ")"
                                            : "";
            std::string code = "json.syntax";
            std::string hint_id = "Pastikan berkas lengkap dan tidak rusak.";
            std::string hint_en = "Make sure the file is complete and not damaged.";
            if (detail.find("number overflow") != std::string::npos) {
                code = "json.number_overflow";
                hint_id = "Angka terlalu besar untuk dihitung.";
                hint_en = "A number is too large to compute with.";
            } else if (detail.find("UTF-8") != std::string::npos || detail.find("utf-8") != std::string::npos) {
                code = "json.invalid_utf8";
                hint_id = "Berkas memuat teks yang bukan UTF-8; simpan ulang sebagai UTF-8.";
                hint_en = "The file contains text that is not UTF-8; save it again as UTF-8.";
            } else if (detail.find("unexpected end of input") != std::string::npos) {
                code = "json.truncated";
                hint_id = "Berkas terpotong (tidak lengkap).";
                hint_en = "The file is cut off (incomplete).";
            }
            Diagnostic d;
            d.code = code;
            d.path = "$";
            d.line = line;
            d.column = column;
            d.message_id = "Berkas " + wid + " bukan JSON yang sah" + where_id + ". " + hint_id +
                           " Rincian: " + detail;
            d.message_en = "The " + wen + " file is not valid JSON" + where_en + ". " + hint_en +
                           " Details: " + detail;
            out.ok = false;
            out.value = nullptr;
            out.error = std::move(d);
            return out;
        }
        case CheckedDomBuilder::Failure::none:
            break;
    }
    if (!parsed || root.is_discarded()) {
        return fail("json.syntax", "$", "Berkas " + wid + " bukan JSON yang sah.",
                    "The " + wen + " file is not valid JSON.");
    }
    out.ok = true;
    out.value = std::move(root);
    return out;
}

}  // namespace kkpham
