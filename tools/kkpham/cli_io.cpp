#include "cli_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace kkpham::cli {

std::optional<std::string> read_file(const std::string& path, std::string& error) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a directory";
        return std::nullopt;
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    std::string data;
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) data.append(buffer, n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) {
        error = "read error";
        return std::nullopt;
    }
    return data;
}

bool write_file(const std::string& path, const std::string& content, std::string& error) {
    // Write to a temporary file first so a failure never leaves a half-written file.
    const std::string tmp = path + ".tmp-kkpham";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) {
        error = std::strerror(errno);
        return false;
    }
    const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    if (std::fclose(f) != 0 || !ok) {
        error = "write error";
        std::remove(tmp.c_str());
        return false;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        error = std::strerror(errno);
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

bool file_exists(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> criteria_directories(const char* argv0) {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("KKPHAM_CRITERIA_DIR"); env != nullptr && *env != '\0') dirs.emplace_back(env);
    char exe[4096] = {0};
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    std::string self = n > 0 ? std::string(exe, static_cast<std::size_t>(n)) : std::string(argv0 ? argv0 : "");
    const auto slash = self.rfind('/');
    if (slash != std::string::npos) {
        const std::string dir = self.substr(0, slash);
        dirs.push_back(dir + "/../../../../criteria");  // build/native/tools/kkpham -> repository
        dirs.push_back(dir + "/../share/kkpham/criteria");
    }
    dirs.emplace_back("criteria");
    dirs.emplace_back("/usr/share/kkpham/criteria");
    return dirs;
}

}  // namespace kkpham::cli
