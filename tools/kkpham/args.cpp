#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_text.hpp"

namespace kkpham::cli {

bool Args::has(const std::string& name) const {
    return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.first == name; });
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    for (const auto& o : options) {
        if (o.first == name) return o.second;
    }
    return fallback;
}

bool parse_args(int argc, char** argv, int first, const std::vector<std::string>& with_value,
                const std::vector<std::string>& flags, Args& args, std::string& error) {
    bool only_positional = false;
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (only_positional || a.size() < 2 || a[0] != '-') {
            args.positional.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positional = true;
            continue;
        }
        std::string value;
        const auto eq = a.find('=');
        const bool inline_value = a.rfind("--", 0) == 0 && eq != std::string::npos;
        if (inline_value) {
            value = a.substr(eq + 1);
            a = a.substr(0, eq);
        }
        if (std::find(with_value.begin(), with_value.end(), a) != with_value.end()) {
            if (!inline_value) {
                if (i + 1 >= argc) {
                    error = "opsi " + a + " memerlukan nilai / option " + a + " needs a value";
                    return false;
                }
                value = argv[++i];
            }
            if (a == "--output") a = "-o";
            args.options.emplace_back(a, value);
        } else if (std::find(flags.begin(), flags.end(), a) != flags.end() && !inline_value) {
            args.options.emplace_back(a, "");
        } else {
            error = "opsi tidak dikenal / unknown option: " + a;
            return false;
        }
    }
    return true;
}

void print_errors(const std::string& file, const std::string& engine_json) {
    const auto doc = nlohmann::json::parse(engine_json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("errors") || !doc["errors"].is_array()) {
        std::fprintf(stderr, "%s: %s\n", term(file).c_str(), term(engine_json).c_str());
        return;
    }
    for (const auto& e : doc["errors"]) {
        const std::string path = e.value("path", "");
        const auto& message = e["message"];
        std::fprintf(stderr, "%s: %s%s\n    [id] %s\n    [en] %s\n", term(file).c_str(), term(e.value("code", "")).c_str(),
                     path.empty() ? "" : (" at " + term(path)).c_str(), term(message.value("id", "")).c_str(),
                     term(message.value("en", "")).c_str());
    }
}

}  // namespace kkpham::cli
