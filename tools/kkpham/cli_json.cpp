#include "cli_json.hpp"

#include <set>
#include <vector>

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

// Line and column (counted in characters) of a byte offset.
void locate(std::string_view text, std::size_t offset, JsonProblem& problem) {
    problem.line = 1;
    problem.column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++problem.line;
            problem.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++problem.column;
        }
    }
}

// nlohmann does not tell a SAX handler where it is: a depth error is located by counting brackets
// in the text (once, only on failure).
std::size_t offset_of_depth(std::string_view text, std::size_t depth) {
    std::size_t level = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++level == depth) return i;
        } else if (c == ']' || c == '}') {
            --level;
        }
    }
    return text.size();
}

bool too_deep(std::string_view text, std::size_t max_depth, JsonProblem& problem) {
    problem.code = "json.too_deep";
    problem.detail_id = "bersarang lebih dari " + std::to_string(max_depth) + " tingkat";
    problem.detail_en = "nested more than " + std::to_string(max_depth) + " levels deep";
    locate(text, offset_of_depth(text, max_depth + 1), problem);
    return false;
}

bool syntax_error(std::string_view text, std::size_t position, const nlohmann::detail::exception& ex, JsonProblem& problem) {
    const bool at_end = position >= text.size() || text.find_first_not_of(" \t\r\n", position > 0 ? position - 1 : 0) == std::string_view::npos;
    problem.code = ex.id == 406 ? "json.number_overflow" : at_end ? "json.truncated" : "json.syntax";
    problem.detail_id = at_end ? "berkas terpotong (tidak lengkap)" : "susunan JSON rusak";
    problem.detail_en = at_end ? "the file is cut off (incomplete)" : "the JSON structure is broken";
    std::string what = ex.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    problem.detail_id += "; rincian: " + what;
    problem.detail_en += "; details: " + what;
    locate(text, position > 0 ? position - 1 : 0, problem);
    return false;
}

// A DOM builder like nlohmann's own, with a depth limit, duplicate-key refusal and exact decimals.
class CheckedBuilder : public nlohmann::json_sax<json> {
public:
    CheckedBuilder(json& root, const JsonRead& how, std::string_view text, JsonProblem& problem)
        : root_(root), how_(how), text_(text), problem_(problem) {}

    bool null() override { return put(nullptr); }
    bool boolean(bool v) override { return put(v); }
    bool number_integer(number_integer_t v) override { return put(v); }
    bool number_unsigned(number_unsigned_t v) override { return put(v); }
    bool number_float(number_float_t v, const string_t& s) override {
        if (how_.decimals_as_text) return put(s);
        return put(v);
    }
    bool string(string_t& v) override { return put(v); }
    bool binary(binary_t& v) override { return put(json::binary(v)); }

    bool start_object(std::size_t /*unused*/) override { return open(json::object()); }
    bool key(string_t& k) override {
        if (how_.refuse_duplicate_keys && !keys_.back().insert(k).second) {
            problem_.code = "json.duplicate_key";
            problem_.detail_id = "kunci \"" + k + "\" muncul dua kali dalam satu objek";
            problem_.detail_en = "the key \"" + k + "\" appears twice in one object";
            at_offset_of_key(k);
            return false;
        }
        key_ = k;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t /*unused*/) override { return open(json::array()); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) override {
        return syntax_error(text_, position, ex, problem_);
    }

private:
    bool put(json v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return true;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) parent.push_back(std::move(v));
        else parent[key_] = std::move(v);
        return true;
    }
    bool open(json v) {
        if (stack_.size() + 1 > how_.max_depth) return too_deep(text_, how_.max_depth, problem_);
        json* slot = nullptr;
        if (stack_.empty()) {
            root_ = std::move(v);
            slot = &root_;
        } else {
            json& parent = *stack_.back();
            if (parent.is_array()) {
                parent.push_back(std::move(v));
                slot = &parent.back();
            } else {
                slot = &(parent[key_] = std::move(v));
            }
        }
        stack_.push_back(slot);
        keys_.emplace_back();
        return true;
    }
    bool close() {
        stack_.pop_back();
        keys_.pop_back();
        return true;
    }
    void at_offset_of_key(const std::string& k) {
        // The last occurrence of the quoted key before the parser stopped is not known either;
        // the first repeat of "key": in the text is close enough for a person to find it.
        const std::string quoted = json(k).dump();
        const auto first = text_.find(quoted);
        const auto second = first == std::string_view::npos ? first : text_.find(quoted, first + quoted.size());
        locate(text_, second == std::string_view::npos ? 0 : second, problem_);
    }

    json& root_;
    const JsonRead& how_;
    std::string_view text_;
    JsonProblem& problem_;
    std::vector<json*> stack_;
    std::vector<std::set<std::string>> keys_;
    std::string key_;
};

// Reads only what tells an answers file's pack, keeping no tree: the top-level type, $.format and
// $.pack.id; the whole text is still checked for syntax and depth.
class PinReader : public nlohmann::json_sax<json> {
public:
    PinReader(AnswersPin& pin, std::size_t max_depth, std::string_view text, JsonProblem& problem)
        : pin_(pin), max_depth_(max_depth), text_(text), problem_(problem) {}

    bool null() override { return value(); }
    bool boolean(bool /*unused*/) override { return value(); }
    bool number_integer(number_integer_t /*unused*/) override { return value(); }
    bool number_unsigned(number_unsigned_t /*unused*/) override { return value(); }
    bool number_float(number_float_t /*unused*/, const string_t& /*unused*/) override { return value(); }
    bool binary(binary_t& /*unused*/) override { return value(); }
    bool string(string_t& v) override {
        if (depth_ == 1 && key_ == "format") pin_.format = v;
        if (depth_ == 2 && in_pack_ && key_ == "id") pin_.pack_id = v;
        return value();
    }
    bool start_object(std::size_t /*unused*/) override {
        if (depth_ == 0) pin_.is_object = true;
        if (depth_ == 1 && key_ == "pack") in_pack_ = pin_.pack_is_object = true;
        return open();
    }
    bool start_array(std::size_t /*unused*/) override { return open(); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& k) override {
        if (depth_ <= 2) key_ = k;
        return true;
    }
    bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) override {
        return syntax_error(text_, position, ex, problem_);
    }

private:
    bool value() { return true; }
    bool open() {
        if (++depth_ > max_depth_) return too_deep(text_, max_depth_, problem_);
        return true;
    }
    bool close() {
        if (depth_-- == 2) in_pack_ = false;
        return true;
    }

    AnswersPin& pin_;
    std::size_t max_depth_;
    std::string_view text_;
    JsonProblem& problem_;
    std::size_t depth_ = 0;
    bool in_pack_ = false;
    std::string key_;
};

class TreeWeigher : public nlohmann::json_sax<json> {
public:
    explicit TreeWeigher(std::size_t limit) : limit_(limit) {}
    std::size_t bytes = 0;

    bool null() override { return add(24); }
    bool boolean(bool /*unused*/) override { return add(24); }
    bool number_integer(number_integer_t /*unused*/) override { return add(24); }
    bool number_unsigned(number_unsigned_t /*unused*/) override { return add(24); }
    bool number_float(number_float_t /*unused*/, const string_t& /*unused*/) override { return add(24); }
    bool binary(binary_t& v) override { return add(48 + v.size()); }
    bool string(string_t& v) override { return add(48 + (v.size() > 15 ? v.size() : 0)); }
    bool start_object(std::size_t /*unused*/) override { return add(112); }
    bool start_array(std::size_t /*unused*/) override { return add(64); }
    bool end_object() override { return true; }
    bool end_array() override { return true; }
    bool key(string_t& k) override { return add(80 + (k.size() > 15 ? k.size() : 0)); }
    bool parse_error(std::size_t /*unused*/, const std::string& /*unused*/, const nlohmann::detail::exception& /*unused*/) override {
        return false;
    }

private:
    bool add(std::size_t n) {
        bytes += n;
        return bytes <= limit_;
    }
    std::size_t limit_;
};

}  // namespace

std::size_t tree_bytes(std::string_view text, std::size_t limit) {
    TreeWeigher weigher(limit);
    json::sax_parse(text.begin(), text.end(), &weigher, nlohmann::detail::input_format_t::json, true, false);
    return weigher.bytes;
}

bool read_answers_pin(std::string_view text, std::size_t max_depth, AnswersPin& pin, JsonProblem& problem) {
    PinReader reader(pin, max_depth, text, problem);
    return json::sax_parse(text.begin(), text.end(), &reader, nlohmann::detail::input_format_t::json, true, false);
}

std::optional<json> read_json(std::string_view text, const JsonRead& how, JsonProblem& problem) {
    json root;
    CheckedBuilder builder(root, how, text, problem);
    const bool ok = json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, true, false);
    if (!ok) return std::nullopt;
    return root;
}

std::optional<json> read_result(const std::string& engine_json) {
    JsonRead how;
    how.max_depth = 1000;
    how.refuse_duplicate_keys = false;
    how.decimals_as_text = true;
    JsonProblem problem;
    return read_json(engine_json, how, problem);
}

}  // namespace kkpham::cli
