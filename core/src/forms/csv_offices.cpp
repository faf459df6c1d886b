#include "forms/csv_offices.hpp"

#include <algorithm>

namespace kkpham::csv_cells {

CsvOffices::CsvOffices(const json& document, const json& options, bool offices_column, Diagnostics& diagnostics)
    : diag_(diagnostics) {
    const json* list = nullptr;
    if (const auto it = options.find("offices"); it != options.end() && it->is_array()) list = &*it;
    else if (const auto d = document.find("offices"); d != document.end() && d->is_array()) list = &*d;
    declared_ = list != nullptr || offices_column;
    if (list == nullptr) return;
    list_ = *list;
    // Keys as the pack reads them; a malformed entry is left for the pack's validation to report.
    for (const json& o : list_) {
        if (!o.is_object() || !o.contains("id") || !o["id"].is_string()) continue;
        const std::string id = o["id"].get<std::string>();
        const auto claim = [&](const json& name) {
            if (name.is_string()) keys_.emplace(office_key(name.get<std::string>()), id);
        };
        claim(o["id"]);
        if (o.contains("short_name")) claim(o["short_name"]);
        if (o.contains("name") && o["name"].is_object()) {
            if (o["name"].contains("id")) claim(o["name"]["id"]);
            if (o["name"].contains("en")) claim(o["name"]["en"]);
        }
        if (o.contains("aliases") && o["aliases"].is_array()) {
            for (const json& a : o["aliases"]) claim(a);
        }
    }
}

void CsvOffices::right_from_base(json& right, const Right& base_right, const Pack& base) const {
    if (!declared_) {
        if (!base_right.opd.empty()) right["opd"] = base_right.opd;
        return;
    }
    json ids = json::array();
    for (const std::size_t o : base_right.offices) {
        if (o >= base.offices.size() || keys_.count(office_key(base.offices[o].id)) == 0) return;
        ids.push_back(base.offices[o].id);
    }
    if (!ids.empty()) right["offices"] = std::move(ids);
}

std::string CsvOffices::id_for(const std::string& name, int line) {
    const std::string key = office_key(name);
    if (const auto it = keys_.find(key); it != keys_.end()) return it->second;
    // A name the list does not have: a new office, named as written, with an id made from it.
    std::string base;
    for (const char c : key) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum) base.push_back(c);
        else if (!base.empty() && base.back() != '-') base.push_back('-');
        if (base.size() >= 56) break;
    }
    while (!base.empty() && base.back() == '-') base.pop_back();
    if (base.empty()) base = "opd";
    std::string id = base;
    const auto taken = [&](const std::string& x) {
        return std::any_of(keys_.begin(), keys_.end(), [&](const auto& kv) { return kv.second == x; });
    };
    for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
    list_.push_back({{"id", id}, {"name", {{"id", name}}}, {"short_name", name}});
    keys_.emplace(key, id);
    keys_.emplace(office_key(id), id);
    Diagnostic d;
    d.code = "csv.office.new";
    d.path = "line " + std::to_string(line) + ", offices";
    d.line = line;
    d.message_id = "Baris " + std::to_string(line) + ": OPD \"" + name + "\" tidak ada dalam daftar OPD; ditambahkan sebagai OPD baru (kode \"" +
                   id + "\"). Periksa bahwa ini bukan nama lain dari OPD yang sudah ada.";
    d.message_en = "Line " + std::to_string(line) + ": office \"" + name + "\" is not in the list of offices; added as a new office (id \"" + id +
                   "\"). Check that it is not another name of an office already listed.";
    diag_.warning(d.code, d.path, d.message_id, d.message_en);
    return id;
}

void CsvOffices::assign(json& target, const std::string& cell, int line) {
    if (cell.empty()) return;
    if (!declared_) {
        target["opd"] = cell;
        return;
    }
    json ids = json::array();
    // The whole cell first: an office name may itself hold a separator.
    std::vector<std::string> names;
    if (keys_.count(office_key(cell)) != 0) names.push_back(cell);
    else names = split_office_names(cell);
    for (const std::string& name : names) {
        const std::string id = id_for(name, line);
        if (std::find(ids.begin(), ids.end(), json(id)) == ids.end()) ids.push_back(id);
    }
    if (!ids.empty()) target["offices"] = std::move(ids);
}

void CsvOffices::finish(json& document) const {
    if (declared_ && !list_.empty()) document["offices"] = list_;
    else if (!declared_) document.erase("offices");
}

}  // namespace kkpham::csv_cells
