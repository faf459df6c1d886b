#include "pack_cache.hpp"

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_io.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

Engine* PackCache::engine_for(const std::string& forced_pack, const std::string& answers_text, std::string& problem) {
    std::string path = forced_pack;
    if (path.empty()) {
        const auto doc = json::parse(answers_text, nullptr, false);
        std::string id;
        if (!doc.is_discarded() && doc.is_object() && doc.contains("pack") && doc["pack"].is_object() &&
            doc["pack"].contains("id") && doc["pack"]["id"].is_string()) {
            id = doc["pack"]["id"].get<std::string>();
        }
        bool safe = !id.empty();
        for (char c : id) safe = safe && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
        if (!safe || id.find("..") != std::string::npos) {
            problem = "tidak dapat menentukan paket (pack.id); pakai --pack / cannot tell the pack (pack.id); use --pack";
            return nullptr;
        }
        for (const std::string& dir : criteria_directories(argv0_)) {
            if (file_exists(dir + "/" + id + ".json")) {
                path = dir + "/" + id + ".json";
                break;
            }
        }
        if (path.empty()) {
            problem = "paket \"" + id + "\" tidak ditemukan; pakai --pack / pack \"" + id + "\" not found; use --pack";
            return nullptr;
        }
    }
    auto it = engines_.find(path);
    if (it != engines_.end()) {
        if (!it->second) problem = "paket tidak sah / invalid pack: " + path;
        return it->second.get();
    }
    std::string error;
    auto text = read_file(path, error);
    std::unique_ptr<Engine> engine;
    if (!text) {
        problem = path + ": " + error;
    } else {
        engine = std::make_unique<Engine>();
        const std::string result = engine->load_pack(*text);
        const auto doc = json::parse(result, nullptr, false);
        if (doc.is_discarded() || !doc.value("ok", false)) {
            print_errors(path, result);
            problem = "paket tidak sah / invalid pack: " + path;
            engine.reset();
        }
    }
    Engine* raw = engine.get();
    engines_.emplace(path, std::move(engine));
    return raw;
}

}  // namespace kkpham::cli
