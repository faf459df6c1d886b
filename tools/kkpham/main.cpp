// kkpham — score a KKP HAM self-assessment from the command line.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli.hpp"
#include "cli_text.hpp"
#include "kkpham/engine.hpp"

namespace kkpham::cli {

namespace {

struct CommandUsage {
    const char* name;
    const char* text;
};

const CommandUsage kCommands[] = {
    {"validate",
     "  kkpham validate PACK.json [--format text|json]\n"
     "      Memeriksa paket kriteria. / Checks a criteria pack.\n"},
    {"template",
     "  kkpham template PACK.json [--fill blank|max|random] [--seed N] [--region NAMA]\n"
     "                 [--kind kabupaten|kota] [--province P] [--data-year Y] [-o FILE]\n"
     "      Membuat berkas jawaban. / Makes an answers file.\n"},
    {"score",
     "  kkpham score [--pack PACK.json] [--format text|json|csv] [--lang id|en] ANSWERS.json...\n"
     "      Menghitung nilai; banyak berkas -> satu tabel. / Scores; many files -> one table.\n"},
    {"explain",
     "  kkpham explain [--pack PACK.json] [--format text|json] [--lang id|en] ANSWERS.json INDICATOR\n"
     "      Menjelaskan poin satu indikator. / Explains one indicator's points.\n"},
    {"gap",
     "  kkpham gap [--pack PACK.json] [--target 75] [--effort EFFORT.json] [--basis claimed|evidenced]\n"
     "             [--format text|json] ANSWERS.json\n"
     "      Perbaikan termurah untuk mencapai target. / The cheapest improvements to reach a target.\n"},
    {"plan",
     "  kkpham plan [--pack PACK.json] [--format text|json] ANSWERS.json\n"
     "      Data dukung per OPD + pemeriksaan sebelum kirim. / Evidence per office + pre-submission check.\n"},
    {"compare",
     "  kkpham compare [--pack PACK.json] [--format text|json|csv] ANSWERS.json...\n"
     "      Membandingkan banyak daerah. / Compares many regencies.\n"},
    {"check",
     "  kkpham check [--pack PACK.json] [--evidence DIR] [--all] [--format text|json] [--lang id|en] ANSWERS.json\n"
     "      Mencocokkan folder data dukung dengan jawaban + kelengkapan (tanpa --evidence: menurut tanda \"siap\").\n"
     "      / Checks an evidence folder + completeness (without --evidence: by the \"ready\" marks).\n"},
    {"package",
     "  kkpham package [--pack PACK.json] --evidence DIR [--date YYYY-MM-DD] -o PAKET.zip ANSWERS.json\n"
     "      Membuat paket ZIP (BagIt) untuk Kanwil. / Builds the ZIP package (BagIt) for the Kanwil.\n"},
    {"verify",
     "  kkpham verify [--pack PACK.json] [--format text|html|json] [-o FILE] [--lang id|en] PAKET.zip\n"
     "      Memeriksa paket yang diterima; lembar verifikasi. / Verifies a received package; verification sheet.\n"},
    {"split",
     "  kkpham split [--pack PACK.json] (--by-office | --office ID) -o FOLDER [--made-at WAKTU]\n"
     "               [--assessment-id ID] [--master-out INDUK.json] [--format text|json] INDUK.json\n"
     "      Satu paket per OPD (<OPD>.kkpham.json). / One package per office.\n"},
    {"merge",
     "  kkpham merge [--pack PACK.json] -o BARU.json [--resolve PILIHAN.json] [--merged-at WAKTU]\n"
     "               [--format text|json] [--lang id|en] INDUK.json KEMBALI.json...\n"
     "      Menggabungkan paket OPD yang kembali; status 1 selama ada konflik terbuka atau berkas ditolak.\n"
     "      / Merges returned office packages; status 1 while conflicts are open or a file is refused.\n"},
    {"criteria",
     "  kkpham criteria import-csv FORM.csv [--base PACK.json] [--id ID] [--version V] [--title T]\n"
     "                 [--regulation R] [--status reference|official] [-o PACK.json]\n"
     "      Mengubah formulir CSV menjadi paket. / Turns a CSV form into a pack.\n"},
};

const char* const kUsageFooter =
    "\n"
    "Tanpa --pack, paket dicari menurut pack.id di berkas jawaban dalam $KKPHAM_CRITERIA_DIR,\n"
    "folder criteria/ repositori, atau ./criteria.\n"
    "-o FILE menulis berkas baru atau mengganti berkas biasa (bukan tautan, folder atau perangkat);\n"
    "-o - menulis ke keluaran standar. / -o FILE writes a new file or replaces a regular file (not a\n"
    "link, a folder or a device); -o - writes to standard output.\n"
    "Batas ukuran / size limits: paket / pack 16 MB, jawaban / answers 8 MB, CSV 8 MB, --effort 1 MB.\n"
    "Status keluar / exit status: 0 semua berhasil / all good; 1 ada berkas gagal / some file failed;\n"
    "2 salah pemakaian / usage error.\n";

void print_usage(std::FILE* to, const char* only = nullptr) {
    std::fprintf(to, "kkpham %s — kalkulator swanilai Kabupaten/Kota Peduli HAM (KKP HAM)\n\nPemakaian / usage:\n",
                 std::string(kEngineVersion).c_str());
    for (const CommandUsage& c : kCommands) {
        if (only == nullptr || std::strcmp(only, c.name) == 0) std::fputs(c.text, to);
    }
    std::fputs(kUsageFooter, to);
}

// `kkpham COMMAND --help` (or -h) anywhere before a "--".
bool asks_for_help(int argc, char** argv) {
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0) return false;
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) return true;
    }
    return false;
}

}  // namespace

int usage_error(const std::string& message) {
    std::fprintf(stderr, "kkpham: %s\n\n", term(message).c_str());
    print_usage(stderr);
    return kUsage;
}

}  // namespace kkpham::cli

int main(int argc, char** argv) {
    using namespace kkpham::cli;
    if (argc < 2) return usage_error("perintah tidak ada / no command given");
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        print_usage(stdout);
        return kOk;
    }
    if (command == "--version") {
        std::printf("kkpham %s\n", std::string(kkpham::kEngineVersion).c_str());
        return kOk;
    }
    for (const CommandUsage& c : kCommands) {
        if (command == c.name && asks_for_help(argc, argv)) {
            print_usage(stdout, c.name);
            return kOk;
        }
    }
    Args args;
    std::string error;
    auto parse = [&](int first, const std::vector<std::string>& with_value, const std::vector<std::string>& flags) {
        if (!parse_args(argc, argv, first, with_value, flags, args, error)) return false;
        return true;
    };
    if (command == "validate") {
        if (!parse(2, {"--format"}, {})) return usage_error(error);
        return cmd_validate(args);
    }
    if (command == "template") {
        if (!parse(2, {"--fill", "--seed", "--region", "--kind", "--province", "--code", "--data-year", "--assessment-year", "-o", "--output"}, {}))
            return usage_error(error);
        return cmd_template(args);
    }
    if (command == "score") {
        if (!parse(2, {"--pack", "--format", "--lang"}, {})) return usage_error(error);
        return cmd_score(args, argv[0]);
    }
    if (command == "explain") {
        if (!parse(2, {"--pack", "--format", "--lang"}, {})) return usage_error(error);
        return cmd_explain(args, argv[0]);
    }
    if (command == "gap") {
        if (!parse(2, {"--pack", "--format", "--lang", "--target", "--effort", "--basis"}, {})) return usage_error(error);
        return cmd_gap(args, argv[0]);
    }
    if (command == "plan") {
        if (!parse(2, {"--pack", "--format", "--lang"}, {})) return usage_error(error);
        return cmd_plan(args, argv[0]);
    }
    if (command == "compare") {
        if (!parse(2, {"--pack", "--format", "--lang"}, {})) return usage_error(error);
        return cmd_compare(args, argv[0]);
    }
    if (command == "check") {
        if (!parse(2, {"--pack", "--format", "--lang", "--evidence"}, {"--all"})) return usage_error(error);
        return cmd_check(args, argv[0]);
    }
    if (command == "package") {
        if (!parse(2, {"--pack", "--lang", "--evidence", "--date", "-o", "--output"}, {})) return usage_error(error);
        return cmd_package(args, argv[0]);
    }
    if (command == "verify") {
        if (!parse(2, {"--pack", "--format", "--lang", "-o", "--output"}, {})) return usage_error(error);
        return cmd_verify(args, argv[0]);
    }
    if (command == "split") {
        if (!parse(2, {"--pack", "--format", "--lang", "--office", "--made-at", "--assessment-id", "--master-out", "-o", "--output"}, {"--by-office"}))
            return usage_error(error);
        return cmd_split(args, argv[0]);
    }
    if (command == "merge") {
        if (!parse(2, {"--pack", "--format", "--lang", "--resolve", "--merged-at", "-o", "--output"}, {})) return usage_error(error);
        return cmd_merge(args, argv[0]);
    }
    if (command == "criteria") {
        if (argc < 3 || std::strcmp(argv[2], "import-csv") != 0) {
            return usage_error("perintah criteria yang dikenal: import-csv / known criteria command: import-csv");
        }
        if (!parse(3, {"--base", "--id", "--version", "--title", "--regulation", "--status", "-o", "--output"}, {}))
            return usage_error(error);
        return cmd_import_csv(args);
    }
    return usage_error("perintah tidak dikenal / unknown command: " + term(command));
}
