#include "evidence_files.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

namespace kkpham::cli {
namespace {

constexpr std::size_t kMaxFiles = 100000;
constexpr int kMaxDepth = 32;

// A name that is not UTF-8 cannot travel through the engine's JSON unchanged (nor open again).
bool is_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

std::string iso_time(time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool walk(const std::string& full, const std::string& rel, int depth, std::vector<EvidenceFile>& files, std::vector<std::string>& skipped,
          Problem& problem) {
    DIR* d = ::opendir(full.c_str());
    if (d == nullptr) {
        const std::string why = std::strerror(errno);
        problem = {"evidence.unreadable", "", "Folder data dukung tidak dapat dibaca: " + full + " (" + why + ").",
                   "The evidence folder cannot be read: " + full + " (" + why + ")."};
        return false;
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        const std::string f = full + "/" + name, r = rel.empty() ? name : rel + "/" + name;
        struct stat st {};
        if (::lstat(f.c_str(), &st) != 0) continue;
        if (!is_utf8(name)) {
            skipped.push_back(r);  // printed escaped; rename the file to include it
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth >= kMaxDepth) {
                skipped.push_back(r + "/");
                continue;
            }
            if (!walk(f, r, depth + 1, files, skipped, problem)) return false;
        } else if (S_ISREG(st.st_mode)) {
            if (files.size() >= kMaxFiles) {
                problem = {"evidence.too_many", "", "Folder data dukung berisi lebih dari 100.000 berkas; pilih folder yang benar.",
                           "The evidence folder holds more than 100,000 files; pick the right folder."};
                return false;
            }
            files.push_back({r, f, static_cast<std::int64_t>(st.st_size), "", iso_time(st.st_mtime)});
        } else {
            skipped.push_back(r);  // a symbolic link, FIFO, device or socket: never followed or read
        }
    }
    return true;
}

}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr); }
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void Sha256::update(const void* data, std::size_t size) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data, size); }
std::string Sha256::hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &n);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
        out += digits[md[i] >> 4];
        out += digits[md[i] & 15];
    }
    return out;
}

bool list_evidence(const std::string& dir, std::vector<EvidenceFile>& files, std::vector<std::string>& skipped, Problem& problem) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        problem = {"evidence.not_folder", "", "--evidence harus sebuah folder: " + dir, "--evidence must be a folder: " + dir};
        return false;
    }
    std::string root = dir;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return walk(root, "", 0, files, skipped, problem);
}

bool hash_evidence(std::vector<EvidenceFile>& files, Problem& problem, std::int64_t& bytes, double& seconds) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<unsigned char> buffer(1 << 20);
    bytes = 0;
    for (EvidenceFile& f : files) {
        const int fd = ::open(f.full.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            const std::string why = std::strerror(errno);
            problem = {"evidence.unreadable", "", "Berkas data dukung tidak dapat dibaca: " + f.path + " (" + why + ").",
                       "An evidence file cannot be read: " + f.path + " (" + why + ")."};
            return false;
        }
        Sha256 h;
        std::int64_t size = 0;
        for (;;) {
            const ssize_t n = ::read(fd, buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            h.update(buffer.data(), static_cast<std::size_t>(n));
            size += n;
        }
        ::close(fd);
        f.size = size;
        f.sha256 = h.hex();
        bytes += size;
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return true;
}

nlohmann::json files_json(const std::vector<EvidenceFile>& files) {
    nlohmann::json list = nlohmann::json::array();
    for (const EvidenceFile& f : files) {
        const auto slash = f.path.rfind('/');
        list.push_back({{"path", f.path}, {"name", slash == std::string::npos ? f.path : f.path.substr(slash + 1)}, {"size", f.size},
                        {"sha256", f.sha256}, {"mtime", f.mtime}});
    }
    return {{"files", list}};
}

}  // namespace kkpham::cli
