#include "zip_package.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <zip.h>

#include "evidence_files.hpp"

namespace kkpham::cli {
namespace {

Problem zip_problem(const std::string& id, const std::string& en) {
    return {"package.invalid", "", "Paket ditolak: " + id + ".", "Package refused: " + en + "."};
}

std::string lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

// The reason a name cannot be unpacked safely, or "".
std::string unsafe_name(const std::string& name, std::string& en) {
    if (name.empty()) return en = "an entry has no name", "ada entri tanpa nama";
    if (name[0] == '/' || name[0] == '\\') return en = "absolute path " + name, "jalur absolut " + name;
    if (name.size() >= 2 && name[1] == ':') return en = "drive letter in " + name, "huruf drive di " + name;
    if (name.find('\\') != std::string::npos) return en = "backslash in " + name, "garis miring terbalik di " + name;
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x20) return en = "control character in a name", "karakter kendali di nama berkas";
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto end = name.find('/', start);
        parts.push_back(name.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (name.back() == '/') parts.pop_back();  // a folder entry
    for (const std::string& part : parts) {
        if (part == "..") return en = "path leaves the package (..): " + name, "jalur keluar dari paket (..): " + name;
        if (part.empty() || part == ".") return en = "empty or '.' path component in " + name, "komponen jalur kosong atau '.' di " + name;
    }
    return "";
}

}  // namespace

bool write_package_zip(const nlohmann::json& package, const std::string& evidence_dir, const std::string& output, Problem& problem,
                       const std::function<bool(const std::string& written, Problem& problem)>& check) {
    auto refuse = [&](const std::string& id, const std::string& en) {
        problem = {"file.unwritable", "", "Paket tidak ditulis: " + id + ".", "The package was not written: " + en + "."};
        return false;
    };
    struct stat st {};
    if (::lstat(output.c_str(), &st) == 0) {
        if (S_ISLNK(st.st_mode)) return refuse("ini tautan simbolik; kkpham tidak menulis lewat tautan", "it is a symbolic link; kkpham does not write through links");
        if (!S_ISREG(st.st_mode)) return refuse("ini bukan berkas biasa", "it is not a regular file");
    }
    const auto slash = output.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : output.substr(0, slash));
    const std::string base = slash == std::string::npos ? output : output.substr(slash + 1);
    std::string tmp = dir + "/." + base + ".kkpham-XXXXXX";
    std::vector<char> name(tmp.begin(), tmp.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) return refuse(std::strerror(errno), std::strerror(errno));
    ::close(fd);
    tmp = name.data();
    int error = 0;
    zip_t* za = zip_open(tmp.c_str(), ZIP_TRUNCATE, &error);
    if (za == nullptr) {
        ::unlink(tmp.c_str());
        return refuse("libzip tidak dapat membuat berkas", "libzip cannot create the file");
    }
    const std::string root = package["root"].get<std::string>() + "/";
    bool ok = true;
    std::string failed;
    for (const auto& e : package["entries"]) {
        const std::string path = root + e["path"].get<std::string>();
        zip_source_t* src = nullptr;
        const bool is_file = e.contains("file");
        if (is_file) {
            const std::string full = evidence_dir + "/" + e["file"].get<std::string>();
            src = zip_source_file(za, full.c_str(), 0, -1);  // opened and read only when the archive is written
        } else {
            const std::string& content = e["content"].get_ref<const std::string&>();
            src = zip_source_buffer(za, content.data(), content.size(), 0);  // the document outlives zip_close
        }
        if (src == nullptr) {
            ok = false, failed = path;
            break;
        }
        const zip_int64_t index = zip_file_add(za, path.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(src);
            ok = false, failed = path;
            break;
        }
        zip_set_file_compression(za, static_cast<zip_uint64_t>(index), is_file ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    }
    if (ok && zip_close(za) != 0) {
        failed = zip_strerror(za);
        ok = false;
        zip_discard(za);
    } else if (!ok) {
        zip_discard(za);
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        return refuse("gagal menulis " + failed, "failed writing " + failed);
    }
    if (check && !check(tmp, problem)) {
        ::unlink(tmp.c_str());
        return false;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(tmp.c_str(), 0644 & ~mask);
    if (::rename(tmp.c_str(), output.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        return refuse(why, why);
    }
    return true;
}

bool read_package_zip(const std::string& path, nlohmann::json& listing, std::string& root, Problem& problem) {
    int error = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (za == nullptr && error == ZIP_ER_EXISTS) {  // libzip finds a repeated name when it opens the archive
        problem = zip_problem("nama ganda di dalam arsip", "duplicate names in the archive");
        return false;
    }
    if (za == nullptr) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, error);
        const std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        problem = zip_problem("ini bukan berkas ZIP yang utuh (" + why + ")", "this is not an intact ZIP file (" + why + ")");
        return false;
    }
    struct Closer {
        zip_t* z;
        ~Closer() { zip_discard(z); }
    } closer{za};
    const zip_int64_t count = zip_get_num_entries(za, 0);
    if (count > kMaxEntries) {
        problem = zip_problem("berisi " + std::to_string(count) + " entri (paling banyak " + std::to_string(kMaxEntries) + ")",
                              "it holds " + std::to_string(count) + " entries (at most " + std::to_string(kMaxEntries) + ")");
        return false;
    }
    // Pass 1: names, kinds and declared sizes, before reading any data.
    std::set<std::string> seen;
    std::int64_t total = 0;
    root.clear();
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
            problem = zip_problem("entri " + std::to_string(i) + " tidak dapat dibaca", "entry " + std::to_string(i) + " cannot be read");
            return false;
        }
        const std::string name = st.name;
        std::string en;
        const std::string id = unsafe_name(name, en);
        if (!id.empty()) {
            problem = zip_problem(id, en);
            return false;
        }
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(za, static_cast<zip_uint64_t>(i), 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX) {
            const mode_t mode = static_cast<mode_t>(attributes >> 16);
            if (S_ISLNK(mode)) {
                problem = zip_problem("berisi tautan simbolik " + name, "it holds a symbolic link " + name);
                return false;
            }
        }
        if (!seen.insert(lower(name)).second) {
            problem = zip_problem("nama ganda " + name, "duplicate name " + name);
            return false;
        }
        const std::string top = name.substr(0, name.find('/'));
        if (name.find('/') == std::string::npos || (!root.empty() && top != root)) {
            problem = zip_problem("semua isi harus berada dalam satu folder paket (" + name + ")",
                                  "everything must sit in one package folder (" + name + ")");
            return false;
        }
        root = top;
        const std::int64_t size = static_cast<std::int64_t>(st.size), packed = static_cast<std::int64_t>(st.comp_size);
        total += size;
        if (size > kMaxEntrySize || total > kMaxTotalSize || (size > (1 << 20) && size / std::max<std::int64_t>(packed, 1) > kMaxRatio)) {
            problem = zip_problem("ukuran terurai terlalu besar atau rasio kompresi mencurigakan (bom ZIP?): " + name,
                                  "uncompressed size too large or a suspicious compression ratio (a ZIP bomb?): " + name);
            return false;
        }
    }
    // Pass 2: every file read as a stream and hashed; tag files and form files kept as text.
    nlohmann::json files = nlohmann::json::array(), texts = nlohmann::json::object();
    std::vector<char> buffer(1 << 20);
    std::int64_t kept = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
        const std::string name = st.name;
        if (name.back() == '/') continue;  // a folder
        const std::string rel = name.substr(root.size() + 1);
        const bool text = rel.find('/') == std::string::npos || rel.rfind("data/00-formulir/", 0) == 0;
        zip_file_t* zf = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        if (zf == nullptr) {
            problem = zip_problem("entri " + name + " tidak dapat dibuka (" + zip_strerror(za) + ")",
                                  "entry " + name + " cannot be opened (" + zip_strerror(za) + ")");
            return false;
        }
        Sha256 h;
        std::int64_t size = 0;
        std::string content;
        bool failed = false;
        for (;;) {
            const zip_int64_t n = zip_fread(zf, buffer.data(), buffer.size());
            if (n < 0) {
                failed = true;
                break;
            }
            if (n == 0) break;
            size += n;
            if (size > static_cast<std::int64_t>(st.size)) {
                failed = true;
                break;
            }
            h.update(buffer.data(), static_cast<std::size_t>(n));
            if (text) {
                if (size > kMaxText || kept + size > 4 * kMaxText) {
                    zip_fclose(zf);
                    problem = zip_problem("berkas teks " + name + " terlalu besar", "text file " + name + " is too large");
                    return false;
                }
                content.append(buffer.data(), static_cast<std::size_t>(n));
            }
        }
        zip_fclose(zf);
        if (failed || size != static_cast<std::int64_t>(st.size)) {
            problem = zip_problem("isi " + name + " rusak atau tidak sesuai ukuran yang dinyatakan",
                                  "the content of " + name + " is damaged or not the declared size");
            return false;
        }
        kept += text ? size : 0;
        files.push_back({{"path", rel}, {"size", size}, {"sha256", h.hex()}});
        if (text) texts[rel] = std::move(content);
    }
    listing = {{"files", files}, {"texts", texts}};
    return true;
}

}  // namespace kkpham::cli
