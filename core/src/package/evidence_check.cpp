#include "package/evidence_check.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "model/indicator_rule.hpp"
#include "package/safe_name.hpp"

namespace kkpham {
namespace {

bool is_hash(std::string& s) {
    if (s.size() != 64) return false;
    for (char& c : s) {
        if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

struct Message {
    std::string id, en;
};

Message status_message(const EvidenceCheckItem& item, const std::vector<FoundFile>& files) {
    const std::string where = item.file >= 0 ? files[static_cast<std::size_t>(item.file)].path : std::string();
    const std::string ref = item.reference.empty() ? item.sha256.substr(0, 12) : item.reference;
    switch (item.status) {
        case EvidenceStatus::found:
            if (item.sha256.empty()) {
                return {"Ditemukan: " + where + " (SHA-256 belum dicatat, isi tidak dapat dipastikan sama).",
                        "Found: " + where + " (no SHA-256 recorded, so the content cannot be confirmed)."};
            }
            return {"Ditemukan: " + where + ".", "Found: " + where + "."};
        case EvidenceStatus::renamed:
            return {"Ditemukan dengan nama lain: " + where + " (isinya sama dengan \"" + ref + "\").",
                    "Found under another name: " + where + " (same content as \"" + ref + "\")."};
        case EvidenceStatus::changed:
            return {"Berubah sejak dirujuk: " + where + " isinya lain (SHA-256 berbeda). Periksa apakah ini versi yang ditandatangani.",
                    "Changed since referenced: " + where + " has other content (another SHA-256). Check that it is the signed version."};
        case EvidenceStatus::missing:
            return {"Tidak ditemukan: tidak ada berkas \"" + ref + "\" atau berkas yang isinya sama di folder.",
                    "Missing: no file \"" + ref + "\" nor a file with the same content in the folder."};
        case EvidenceStatus::not_attached:
            return {"Belum dilampirkan: data dukung wajib ini belum dirujuk (nama berkas dan SHA-256 kosong).",
                    "Not attached: this required evidence has no reference yet (no file name, no SHA-256)."};
    }
    return {"", ""};
}

}  // namespace

std::string_view evidence_status_name(EvidenceStatus s) {
    switch (s) {
        case EvidenceStatus::found: return "found";
        case EvidenceStatus::renamed: return "renamed";
        case EvidenceStatus::changed: return "changed";
        case EvidenceStatus::missing: return "missing";
        case EvidenceStatus::not_attached: return "not_attached";
    }
    return "";
}

bool read_found_files(const nlohmann::json& list, const std::string& where, std::vector<FoundFile>& out, Diagnostics& d) {
    if (!list.is_array()) {
        d.error("files.type", where, where + " harus daftar berkas.", where + " must be a list of files.");
        return false;
    }
    if (list.size() > kMaxFoundFiles) {
        d.error("files.too_many", where, "Terlalu banyak berkas (paling banyak " + std::to_string(kMaxFoundFiles) + ").",
                "Too many files (at most " + std::to_string(kMaxFoundFiles) + ").");
        return false;
    }
    out.clear();
    out.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const nlohmann::json& f = list[i];
        const std::string p = where + "[" + std::to_string(i) + "]";
        FoundFile file;
        auto text = [&](const char* key, std::string& into, bool required, std::size_t max) {
            const auto it = f.find(key);
            if (it == f.end() || it->is_null()) {
                if (required) d.error("files.field", p + "." + key, p + "." + key + " tidak ada.", p + "." + key + " is missing.");
                return;
            }
            if (!it->is_string() || it->get_ref<const std::string&>().size() > max) {
                d.error("files.field", p + "." + key, p + "." + key + " harus teks (paling panjang " + std::to_string(max) + ").",
                        p + "." + key + " must be text (at most " + std::to_string(max) + " long).");
                return;
            }
            into = it->get<std::string>();
        };
        if (!f.is_object()) {
            d.error("files.type", p, p + " harus objek {path, size, sha256}.", p + " must be an object {path, size, sha256}.");
            continue;
        }
        text("path", file.path, true, 4096);
        text("name", file.name, false, 1024);
        text("sha256", file.sha256, true, 64);
        text("mtime", file.mtime, false, 64);
        if (file.name.empty()) file.name = std::string(base_name(file.path));
        if (!file.sha256.empty() && !is_hash(file.sha256)) {
            d.error("files.sha256", p + ".sha256", p + ".sha256 harus 64 digit heksadesimal.", p + ".sha256 must be 64 hex digits.");
        }
        const auto size = f.find("size");
        if (size == f.end() || !size->is_number_integer() || size->get<std::int64_t>() < 0) {
            d.error("files.size", p + ".size", p + ".size harus bilangan bulat >= 0.", p + ".size must be a whole number >= 0.");
        } else {
            file.size = size->get<std::int64_t>();
        }
        out.push_back(std::move(file));
    }
    return d.ok();
}

std::vector<EvidenceCheckItem> evidence_items(const Pack& pack, const Answers& answers) {
    std::vector<EvidenceCheckItem> items;
    for (std::size_t i = 0; i < pack.indicators.size(); ++i) {
        const Indicator& ind = pack.indicators[i];
        const Answer& a = answers.answers[i];
        const bool claims = a.state == AnswerState::answered && answer_points(ind, a) > 0;
        auto add = [&](const EvidenceRequirement* req, const EvidenceItem* e) {
            const bool named = e != nullptr && (!e->reference.empty() || !e->sha256.empty());
            // Evidence is needed for what an answer claims: an answer worth no points ("Tidak ada")
            // has nothing to prove.
            const bool needed = req != nullptr && req->required && claims;
            if (!named && !needed) return;
            EvidenceCheckItem item;
            item.indicator = i;
            item.evidence = req != nullptr ? req->id : e->id;
            item.requirement = req;
            item.needed = needed;
            if (named) {
                item.reference = e->reference;
                item.sha256 = e->sha256;
                for (char& c : item.sha256) {
                    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
                }
                item.file_name = std::string(base_name(e->reference));
                item.status = EvidenceStatus::missing;
            } else {
                item.status = EvidenceStatus::not_attached;
            }
            items.push_back(std::move(item));
        };
        for (const EvidenceRequirement& req : ind.evidence) {
            const auto it = std::find_if(a.evidence.begin(), a.evidence.end(), [&](const EvidenceItem& e) { return e.id == req.id; });
            add(&req, it == a.evidence.end() ? nullptr : &*it);
        }
        for (const EvidenceItem& e : a.evidence) {
            const bool in_pack = std::any_of(ind.evidence.begin(), ind.evidence.end(), [&](const EvidenceRequirement& r) { return r.id == e.id; });
            if (!in_pack) add(nullptr, &e);
        }
    }
    return items;
}

EvidenceCheck check_evidence(const Pack& pack, const Answers& answers, const std::vector<FoundFile>& files) {
    EvidenceCheck check;
    check.items = evidence_items(pack, answers);
    std::map<std::string, std::size_t> by_hash;            // first file with this content
    std::map<std::string, std::vector<std::size_t>> by_name;  // case-folded name -> files
    for (std::size_t f = 0; f < files.size(); ++f) {
        if (!files[f].sha256.empty()) by_hash.emplace(files[f].sha256, f);
        by_name[fold_case(files[f].name)].push_back(f);
    }
    std::vector<bool> used(files.size(), false);
    for (EvidenceCheckItem& item : check.items) {
        if (item.status == EvidenceStatus::not_attached) continue;
        const auto named = item.file_name.empty() ? by_name.end() : by_name.find(fold_case(item.file_name));
        long same_name = -1, same_both = -1;
        if (named != by_name.end()) {
            same_name = static_cast<long>(named->second.front());
            for (std::size_t f : named->second) {
                if (!item.sha256.empty() && files[f].sha256 == item.sha256) {
                    same_both = static_cast<long>(f);
                    break;
                }
            }
        }
        if (item.sha256.empty()) {
            if (same_name >= 0) item.status = EvidenceStatus::found, item.file = same_name;
        } else if (same_both >= 0) {
            item.status = EvidenceStatus::found, item.file = same_both;
        } else if (const auto h = by_hash.find(item.sha256); h != by_hash.end()) {
            item.status = EvidenceStatus::renamed, item.file = static_cast<long>(h->second);
        } else if (same_name >= 0) {
            item.status = EvidenceStatus::changed, item.file = same_name;
        }
        if (item.file >= 0) {
            used[static_cast<std::size_t>(item.file)] = true;
            if (item.file_name.empty()) item.file_name = files[static_cast<std::size_t>(item.file)].name;
        }
    }
    for (std::size_t f = 0; f < files.size(); ++f) {
        if (!used[f]) check.unreferenced.push_back(f);
    }
    return check;
}

void write_evidence_check(JsonWriter& w, const Pack& pack, const EvidenceCheck& check, const std::vector<FoundFile>& files) {
    std::array<std::int64_t, 5> counts{};
    w.begin_object().key("items").begin_array();
    for (const EvidenceCheckItem& item : check.items) {
        const Indicator& ind = pack.indicators[item.indicator];
        ++counts[static_cast<std::size_t>(item.status)];
        w.begin_object().key("indicator").string(ind.id).key("right").string(pack.rights[ind.right].id)
            .key("evidence").string(item.evidence).key("document");
        const Text doc = item.requirement != nullptr ? item.requirement->document : Text{item.evidence, item.evidence};
        w.begin_object().key("id").string(doc.id).key("en").string(doc.en.empty() ? doc.id : doc.en).end_object();
        w.key("signer");
        const Text signer = item.requirement != nullptr ? item.requirement->signer : Text{};
        w.begin_object().key("id").string(signer.id).key("en").string(signer.en.empty() ? signer.id : signer.en).end_object();
        w.key("required").boolean(item.needed).key("in_pack").boolean(item.requirement != nullptr)
            .key("reference").string(item.reference).key("sha256").string(item.sha256)
            .key("status").string(evidence_status_name(item.status)).key("file");
        if (item.file >= 0) {
            const FoundFile& f = files[static_cast<std::size_t>(item.file)];
            w.begin_object().key("path").string(f.path).key("name").string(f.name).key("size").integer(f.size)
                .key("sha256").string(f.sha256).key("mtime").string(f.mtime).end_object();
        } else {
            w.null();
        }
        const Message m = status_message(item, files);
        w.key("message").begin_object().key("id").string(m.id).key("en").string(m.en).end_object();
        w.end_object();
    }
    w.end_array().key("unreferenced").begin_array();
    for (std::size_t f : check.unreferenced) {
        w.begin_object().key("path").string(files[f].path).key("name").string(files[f].name).key("size").integer(files[f].size)
            .key("sha256").string(files[f].sha256).end_object();
    }
    w.end_array().key("counts").begin_object();
    for (std::size_t s = 0; s < counts.size(); ++s) w.key(evidence_status_name(static_cast<EvidenceStatus>(s))).integer(counts[s]);
    w.key("unreferenced").integer(static_cast<std::int64_t>(check.unreferenced.size()));
    w.end_object().end_object();
}

}  // namespace kkpham
