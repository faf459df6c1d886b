#include "cli_json.hpp"

#include <set>
#include <vector>

namespace kkpham::cli {

using json = nlohmann::json;

namespace {

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
        const bool at_end = position >= text_.size() || text_.find_first_not_of(" \t\r\n", position > 0 ? position - 1 : 0) == std::string_view::npos;
        problem_.code = ex.id == 406 ? "json.number_overflow" : at_end ? "json.truncated" : "json.syntax";
        problem_.detail_id = at_end ? "berkas terpotong (tidak lengkap)" : "susunan JSON rusak";
        problem_.detail_en = at_end ? "the file is cut off (incomplete)" : "the JSON structure is broken";
        std::string what = ex.what();
        if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
        problem_.detail_id += "; rincian: " + what;
        problem_.detail_en += "; details: " + what;
        locate(position > 0 ? position - 1 : 0);
        return false;
    }

    // Where the parser is: nlohmann does not tell the SAX handler, so depth errors are located by
    // counting brackets in the text (done once, only on failure).
    void locate(std::size_t offset) {
        problem_.line = 1;
        problem_.column = 1;
        for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++problem_.line;
                problem_.column = 1;
            } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
                ++problem_.column;
            }
        }
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
        if (stack_.size() + 1 > how_.max_depth) {
            problem_.code = "json.too_deep";
            problem_.detail_id = "bersarang lebih dari " + std::to_string(how_.max_depth) + " tingkat";
            problem_.detail_en = "nested more than " + std::to_string(how_.max_depth) + " levels deep";
            locate(offset_of_depth(how_.max_depth + 1));
            return false;
        }
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
    std::size_t offset_of_depth(std::size_t depth) const {
        std::size_t level = 0;
        bool in_string = false;
        for (std::size_t i = 0; i < text_.size(); ++i) {
            const char c = text_[i];
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
        return text_.size();
    }
    void at_offset_of_key(const std::string& k) {
        // The last occurrence of the quoted key before the parser stopped is not known either;
        // the first repeat of "key": in the text is close enough for a person to find it.
        const std::string quoted = json(k).dump();
        const auto first = text_.find(quoted);
        const auto second = first == std::string_view::npos ? first : text_.find(quoted, first + quoted.size());
        locate(second == std::string_view::npos ? 0 : second);
    }

    json& root_;
    const JsonRead& how_;
    std::string_view text_;
    JsonProblem& problem_;
    std::vector<json*> stack_;
    std::vector<std::set<std::string>> keys_;
    std::string key_;
};

}  // namespace

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
