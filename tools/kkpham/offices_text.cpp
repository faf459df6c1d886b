#include "offices_text.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/stat.h>

#include "cli_text.hpp"

namespace kkpham::cli {

using json = nlohmann::json;

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string entry_text(const json& entry, bool id) {
    if (!entry.is_object() || entry.empty()) return id ? "kosong" : "empty";
    std::string out;
    auto add = [&](const std::string& part) {
        if (!out.empty()) out += " · ";
        out += part;
    };
    if (entry.value("na", false) == true) {
        add(id ? "tidak berlaku" : "not applicable");
    } else if (auto v = entry.find("value"); v != entry.end() && !v->is_null()) {
        std::string shown;
        if (v->is_string()) shown = v->get<std::string>();
        else if (v->is_boolean()) shown = v->get<bool>() ? (id ? "ya" : "yes") : (id ? "tidak" : "no");
        else shown = v->dump();
        add(std::string(id ? "nilai " : "value ") + term(shown));
    } else if (entry.contains("numerator")) {
        add(std::string(id ? "nilai " : "value ") + term(entry["numerator"].dump()) + "/" + term(entry.value("denominator", json()).dump()));
    } else {
        add(id ? "belum dijawab" : "not answered");
    }
    if (auto e = entry.find("evidence"); e != entry.end() && e->is_array() && !e->empty()) {
        std::size_t ready = 0;
        for (const json& item : *e) {
            if (item.is_object() && item.value("status", "") == "ready") ++ready;
        }
        add((id ? "bukti " : "evidence ") + std::to_string(ready) + "/" + std::to_string(e->size()) + (id ? " siap" : " ready"));
    }
    if (auto n = entry.find("note"); n != entry.end() && n->is_string() && !n->get_ref<const std::string&>().empty()) {
        std::string note = n->get<std::string>();
        if (note.size() > 40) {
            std::size_t cut = 40;
            while (cut > 0 && (static_cast<unsigned char>(note[cut]) & 0xC0) == 0x80) --cut;  // on a character
            note = note.substr(0, cut) + "…";
        }
        add(std::string(id ? "catatan \"" : "note \"") + term(note) + "\"");
    }
    if (auto o = entry.find("opd"); o != entry.end() && o->is_string()) add("OPD " + term(o->get<std::string>()));
    return out;
}

std::string office_text(const json& office) {
    if (!office.is_object()) return "-";
    const std::string s = office.value("short_name", "");
    return term(s.empty() ? office.value("id", "-") : s);
}

bool output_folder(const std::string& dir, Problem& problem) {
    auto refuse = [&](const std::string& id, const std::string& en) {
        problem = {"file.unwritable", "", "Folder keluaran tidak dipakai: " + id + ".", "The output folder was not used: " + en + "."};
        return false;
    };
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) {
        if (errno != ENOENT) return refuse(std::strerror(errno), std::strerror(errno));
        if (::mkdir(dir.c_str(), 0755) != 0) return refuse(std::strerror(errno), std::strerror(errno));
        return true;
    }
    if (S_ISLNK(st.st_mode)) {
        return refuse("ini tautan simbolik; kkpham tidak menulis lewat tautan", "it is a symbolic link; kkpham does not write through links");
    }
    if (!S_ISDIR(st.st_mode)) return refuse("ini bukan folder", "it is not a folder");
    return true;
}

}  // namespace kkpham::cli
