#include "cli_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_json.hpp"
#include "cli_text.hpp"

namespace kkpham::cli {

namespace {

constexpr std::size_t kMB = 1024 * 1024;
// A pack whose parsed tree would take more than 64 MB (16 MB of "{}," would take 630 MB) is
// refused by the engine's own reader while it reads (core/src/json/json_text.cpp, pack.too_complex),
// in the CLI and the browser alike.

struct KindText {
    const char* id;
    const char* en;
};

KindText kind_text(InputKind kind) {
    switch (kind) {
        case InputKind::answers: return {"jawaban", "answers"};
        case InputKind::pack: return {"paket kriteria", "criteria pack"};
        case InputKind::csv: return {"CSV", "CSV"};
        case InputKind::effort: return {"usaha (--effort)", "effort (--effort)"};
        case InputKind::resolutions: return {"penyelesaian konflik (--resolve)", "conflict resolutions (--resolve)"};
    }
    return {"", ""};
}

Problem unreadable(InputKind kind, const std::string& reason_id, const std::string& reason_en) {
    const KindText k = kind_text(kind);
    return {"file.unreadable", "", std::string("Berkas ") + k.id + " tidak dapat dibaca: " + reason_id + ".",
            std::string("The ") + k.en + " file cannot be read: " + reason_en + "."};
}

// The core's own wording (core json_text check_envelope; csv_import for the CSV form), so the CLI
// and the browser say the same.
Problem too_large(InputKind kind, const std::string& size_id, const std::string& size_en) {
    const KindText k = kind_text(kind);
    const std::string mb = std::to_string(input_limit(kind) / kMB);
    if (kind == InputKind::csv) {
        return {"file.too_large", "", "Berkas CSV terlalu besar (paling banyak " + mb + " MB).",
                "The CSV file is too large (at most " + mb + " MB)."};
    }
    return {"file.too_large", "$",
            std::string("Berkas ") + k.id + " terlalu besar (" + size_id + " bita; paling banyak " + mb +
                " MB). Periksa apakah berkas yang dipilih benar.",
            std::string("The ") + k.en + " file is too large (" + size_en + " bytes; at most " + mb +
                " MB). Check that you picked the right file."};
}

std::string system_error(int error) { return std::strerror(error); }

}  // namespace

std::size_t input_limit(InputKind kind) {
    switch (kind) {
        case InputKind::pack: return 16 * kMB;
        case InputKind::answers: return 8 * kMB;
        case InputKind::csv: return 8 * kMB;
        case InputKind::effort: return 1 * kMB;
        case InputKind::resolutions: return 1 * kMB;
    }
    return kMB;
}

std::optional<std::string> read_input(const std::string& path, InputKind kind, Problem& problem) {
    const std::size_t limit = input_limit(kind);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        problem = e == ENOENT ? unreadable(kind, "berkas tidak ada", "no such file")
                              : unreadable(kind, system_error(e), system_error(e));
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        ::close(fd);
        problem = unreadable(kind, "ini sebuah folder", "it is a directory");
        return std::nullopt;
    }
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit) {
        ::close(fd);
        const auto size = static_cast<std::uint64_t>(st.st_size);
        problem = too_large(kind, whole_number(size, true), whole_number(size, false));
        return std::nullopt;
    }
    std::string data;
    if (S_ISREG(st.st_mode)) data.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    while (data.size() <= limit) {
        const std::size_t want = std::min(sizeof buffer, limit + 1 - data.size());
        const ssize_t n = ::read(fd, buffer, want);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            problem = unreadable(kind, system_error(e), system_error(e));
            return std::nullopt;
        }
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (data.size() > limit) {
        problem = too_large(kind, "lebih dari " + whole_number(limit, true), "more than " + whole_number(limit, false));
        return std::nullopt;
    }
    return data;
}

bool write_output(const std::string& path, const std::string& content, Problem& problem) {
    auto refuse = [&](const std::string& id, const std::string& en) {
        problem = {"file.unwritable", "", "Berkas keluaran tidak ditulis: " + id + ".", "The output file was not written: " + en + "."};
        return false;
    };
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (S_ISLNK(st.st_mode)) {
            return refuse("ini tautan simbolik; kkpham tidak menulis lewat tautan (tulis ke nama lain)",
                          "it is a symbolic link; kkpham does not write through links (write to another name)");
        }
        if (S_ISDIR(st.st_mode)) return refuse("ini sebuah folder", "it is a directory");
        if (!S_ISREG(st.st_mode)) {
            return refuse("ini bukan berkas biasa (perangkat, FIFO atau soket); pakai -o - untuk keluaran standar",
                          "it is not a regular file (a device, a FIFO or a socket); use -o - for standard output");
        }
    } else if (errno != ENOENT) {
        const int e = errno;
        return refuse(system_error(e), system_error(e));
    }
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.empty()) return refuse("nama berkas kosong", "the file name is empty");
    std::string tmp = dir + "/." + base + ".kkpham-XXXXXX";
    std::vector<char> name(tmp.begin(), tmp.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);  // O_CREAT | O_EXCL, a unique name
    if (fd < 0) {
        const int e = errno;
        return refuse(system_error(e), system_error(e));
    }
    tmp = name.data();
    const mode_t mask = ::umask(0);
    ::umask(mask);
    bool ok = ::fchmod(fd, 0644 & ~mask) == 0;
    for (std::size_t done = 0; ok && done < content.size();) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ok = false;
        else done += static_cast<std::size_t>(n);
    }
    const int write_errno = errno;
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        ::unlink(tmp.c_str());
        return refuse(system_error(write_errno), system_error(write_errno));
    }
    // rename() replaces a name, never what a link at that name points to; a directory put there
    // since the check makes it fail.
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp.c_str());
        return refuse(system_error(e), system_error(e));
    }
    return true;
}

void print_problem(const std::string& file, const Problem& p) {
    std::fprintf(stderr, "%s: %s%s\n    [id] %s\n    [en] %s\n", term(file).c_str(), term(p.code).c_str(),
                 p.path.empty() ? "" : (" at " + term(p.path)).c_str(), term(p.id).c_str(), term(p.en).c_str());
}

std::string problem_json(const Problem& p) {
    const nlohmann::json doc = {{"ok", false},
                                {"errors", nlohmann::json::array({{{"code", p.code}, {"path", p.path}, {"line", 0}, {"column", 0},
                                                                   {"message", {{"id", p.id}, {"en", p.en}}}}})},
                                {"warnings", nlohmann::json::array()}};
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
