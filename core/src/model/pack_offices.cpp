// The pack's offices (OPD): the declared `offices` list, the office ids each right and indicator
// names, and — for a pack without a list — offices made from the free-text `opd` names.
#include <algorithm>

#include "json/json_text.hpp"
#include "model/pack_parser.hpp"

namespace kkpham {

std::string office_key(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    bool space = false;
    for (const char c : name) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !key.empty();
            continue;
        }
        if (space) key.push_back(' ');
        space = false;
        key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return key;
}

std::vector<std::string> split_office_names(std::string_view text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ',' && text[i] != ';' && text[i] != '|') continue;
        std::string_view part = text.substr(start, i - start);
        while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
        while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
        if (!part.empty()) names.emplace_back(part);
        start = i + 1;
    }
    return names;
}

std::string office_names(const Pack& pack, const std::vector<std::size_t>& offices) {
    std::string out;
    for (const std::size_t o : offices) {
        if (o >= pack.offices.size()) continue;
        if (!out.empty()) out += ", ";
        out += pack.offices[o].short_name;
    }
    return out;
}

std::size_t Pack::find_office(std::string_view name) const {
    const auto it = office_keys.find(office_key(name));
    return it == office_keys.end() ? SIZE_MAX : it->second;
}

OfficeText read_office_text(const Pack& pack, std::string_view text) {
    OfficeText read;
    if (const std::size_t whole = pack.find_office(text); whole != SIZE_MAX) {
        read.offices.push_back(whole);
        return read;
    }
    for (const std::string& name : split_office_names(text)) {
        const std::size_t o = pack.find_office(name);
        if (o == SIZE_MAX) read.unknown.push_back(name);
        else if (std::find(read.offices.begin(), read.offices.end(), o) == read.offices.end()) read.offices.push_back(o);
    }
    return read;
}

namespace pack_reading {
namespace {

constexpr std::size_t kMaxOffices = 500;
constexpr std::size_t kMaxOfficesPerIndicator = 20;

// "Dinas Lingkungan Hidup" -> "dinas-lingkungan-hidup", unique among the pack's offices.
std::string derived_id(const Pack& pack, std::string_view name) {
    std::string id;
    for (const char c : office_key(name)) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum) id.push_back(c);
        else if (!id.empty() && id.back() != '-') id.push_back('-');
        if (id.size() >= 56) break;
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.empty()) id = "opd";
    const auto taken = [&](const std::string& x) {
        return std::any_of(pack.offices.begin(), pack.offices.end(), [&](const Office& o) { return o.id == x; });
    };
    std::string unique = id;
    for (int n = 2; taken(unique); ++n) unique = id + "-" + std::to_string(n);
    return unique;
}

}  // namespace

void PackParser::parse_offices(const json& root, Pack& pack) {
    const json* list = read_.array(root, "offices", "$", Need::optional);
    if (list == nullptr) return;
    pack.offices_declared = true;
    if (list->empty()) {
        error("pack.offices.empty", "$.offices", "$.offices tidak boleh kosong; hapus saja bila paket tidak memuat daftar OPD.",
              "$.offices must not be empty; leave it out when the pack has no list of offices.");
        return;
    }
    if (list->size() > kMaxOffices) {
        error("pack.offices.too_many", "$.offices", "Paket memuat lebih dari 500 OPD.", "The pack has more than 500 offices.");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string p = path_index("$.offices", i);
        const json& o = (*list)[i];
        if (!o.is_object()) {
            read_.type_error(p, "objek {\"id\", \"name\", \"short_name\"}", "an object {\"id\", \"name\", \"short_name\"}");
            continue;
        }
        read_.unknown_keys(o, p, {"id", "name", "short_name", "aliases"});
        auto id = read_.identifier(o, "id", p, Need::required);
        auto name = read_.text(o, "name", p, Need::required);
        auto short_name = read_.string(o, "short_name", p, Need::required, 64);
        if (!id || !name || !short_name) continue;
        if (office_key(*short_name).empty()) {
            error("pack.office.short_name", p + ".short_name", "Nama singkat OPD \"" + *id + "\" tidak boleh kosong.",
                  "The short name of office \"" + *id + "\" must not be empty.");
            continue;
        }
        if (std::any_of(pack.offices.begin(), pack.offices.end(), [&](const Office& x) { return x.id == *id; })) {
            error("pack.office.duplicate", p + ".id", "Kode OPD \"" + *id + "\" dipakai lebih dari sekali di $.offices.",
                  "Office id \"" + *id + "\" is used more than once in $.offices.");
            continue;
        }
        Office office{*id, *name, *short_name, {}};
        if (const json* aliases = read_.array(o, "aliases", p, Need::optional)) {
            for (std::size_t k = 0; k < aliases->size() && k < 20; ++k) {
                const json& a = (*aliases)[k];
                if (!a.is_string() || office_key(a.get_ref<const std::string&>()).empty() || a.get_ref<const std::string&>().size() > 200) {
                    read_.type_error(path_index(p + ".aliases", k), "nama (teks, paling banyak 200 karakter)",
                                     "a name (text, at most 200 characters)");
                    continue;
                }
                office.aliases.push_back(a.get<std::string>());
            }
        }
        // Every id and name must point to one office only: answers name offices by any of them.
        const std::size_t index = pack.offices.size();
        bool clash = false;
        const auto claim = [&](const std::string& n) {
            const std::string key = office_key(n);
            if (key.empty()) return;
            const auto [it, fresh] = pack.office_keys.emplace(key, index);
            if (fresh || it->second == index || clash) return;
            clash = true;
            error("pack.office.name_clash", p, "Nama \"" + n + "\" pada OPD \"" + *id + "\" sudah dipakai OPD \"" +
                      pack.offices[it->second].id + "\"; setiap kode dan nama OPD harus menunjuk satu OPD saja.",
                  "The name \"" + n + "\" of office \"" + *id + "\" is already used by office \"" + pack.offices[it->second].id +
                      "\"; every office id and name must point to one office only.");
        };
        claim(office.id);
        claim(office.short_name);
        claim(office.name.id);
        if (!office.name.en.empty()) claim(office.name.en);
        for (const std::string& a : office.aliases) claim(a);
        pack.offices.push_back(std::move(office));
    }
}

void PackParser::parse_office_refs(const json& item, const std::string& p, const std::string& owner, Pack& pack,
                                   std::vector<std::size_t>& offices) {
    if (pack.offices_declared) {
        if (item.contains("opd")) {
            error("pack.opd.with_offices", p + ".opd",
                  owner + ": paket ini memuat daftar OPD ($.offices), jadi tulis OPD sebagai kode di \"offices\", mis. [\"dlh\"], bukan teks \"opd\".",
                  owner + ": this pack has a list of offices ($.offices), so name offices by id in \"offices\", e.g. [\"dlh\"], not as \"opd\" text.");
        }
        const json* list = read_.array(item, "offices", p, Need::optional);
        if (list == nullptr) return;
        if (list->empty() || list->size() > kMaxOfficesPerIndicator) {
            error("pack.offices.count", p + ".offices", owner + ": \"offices\" memuat 1 sampai 20 kode OPD.",
                  owner + ": \"offices\" holds 1 to 20 office ids.");
            return;
        }
        for (std::size_t k = 0; k < list->size(); ++k) {
            const std::string op = path_index(p + ".offices", k);
            const json& ref = (*list)[k];
            if (!ref.is_string()) {
                read_.type_error(op, "kode OPD (teks)", "an office id (text)");
                continue;
            }
            const std::string& id = ref.get_ref<const std::string&>();
            const auto o = std::find_if(pack.offices.begin(), pack.offices.end(), [&](const Office& x) { return x.id == id; });
            if (o == pack.offices.end()) {
                error("pack.office.unknown", op,
                      owner + " merujuk OPD \"" + id + "\" yang tidak ada di $.offices.",
                      owner + " refers to office \"" + id + "\", which is not in $.offices.");
                continue;
            }
            const std::size_t index = static_cast<std::size_t>(o - pack.offices.begin());
            if (std::find(offices.begin(), offices.end(), index) != offices.end()) {
                error("pack.office.repeated", op, owner + " menyebut OPD \"" + id + "\" lebih dari sekali.",
                      owner + " names office \"" + id + "\" more than once.");
                continue;
            }
            offices.push_back(index);
        }
        return;
    }
    if (item.contains("offices")) {
        error("pack.offices.undeclared", p + ".offices",
              owner + " menyebut kode OPD, tetapi paket tidak memuat daftar OPD ($.offices).",
              owner + " names office ids, but the pack has no list of offices ($.offices).");
        return;
    }
    auto opd = read_.string(item, "opd", p, Need::optional, 200);
    if (!opd) return;
    // A pack without a list: one office per distinct name (case and spaces ignored).
    for (const std::string& name : split_office_names(*opd)) {
        std::size_t index = pack.find_office(name);
        if (index == SIZE_MAX) {
            if (pack.offices.size() >= kMaxOffices) continue;
            index = pack.offices.size();
            std::string shown;
            for (const char c : name) {
                if (c == '\t' || c == '\n' || c == '\r') continue;
                if (c == ' ' && !shown.empty() && shown.back() == ' ') continue;
                shown.push_back(c);
            }
            pack.offices.push_back(Office{derived_id(pack, name), Text{shown, ""}, shown, {}});
            pack.office_keys.emplace(office_key(name), index);
            pack.office_keys.emplace(pack.offices.back().id, index);
        }
        if (std::find(offices.begin(), offices.end(), index) == offices.end() && offices.size() < kMaxOfficesPerIndicator) {
            offices.push_back(index);
        }
    }
}

}  // namespace pack_reading
}  // namespace kkpham
