// kkpham — score a KKP HAM self-assessment from the command line.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli.hpp"
#include "kkpham/engine.hpp"

namespace kkpham::cli {

namespace {

const char* const kUsageText =
    "kkpham " "%s" " — kalkulator swanilai Kabupaten/Kota Peduli HAM (KKP HAM)\n"
    "\n"
    "Pemakaian / usage:\n"
    "  kkpham validate PACK.json [--format text|json]\n"
    "      Memeriksa paket kriteria. / Checks a criteria pack.\n"
    "  kkpham template PACK.json [--fill blank|max|random] [--seed N] [--region NAMA]\n"
    "                 [--kind kabupaten|kota] [--province P] [--data-year Y] [-o FILE]\n"
    "      Membuat berkas jawaban. / Makes an answers file.\n"
    "  kkpham score [--pack PACK.json] [--format text|json|csv] [--lang id|en] ANSWERS.json...\n"
    "      Menghitung nilai; banyak berkas -> satu tabel. / Scores; many files -> one table.\n"
    "  kkpham explain [--pack PACK.json] [--format text|json] [--lang id|en] ANSWERS.json INDICATOR\n"
    "      Menjelaskan poin satu indikator. / Explains one indicator's points.\n"
    "  kkpham gap [--pack PACK.json] [--target 75] [--effort EFFORT.json] [--basis claimed|evidenced]\n"
    "             [--format text|json] ANSWERS.json\n"
    "      Perbaikan termurah untuk mencapai target. / The cheapest improvements to reach a target.\n"
    "  kkpham plan [--pack PACK.json] [--format text|json] ANSWERS.json\n"
    "      Data dukung per OPD + pemeriksaan sebelum kirim. / Evidence per office + pre-submission check.\n"
    "  kkpham compare [--pack PACK.json] [--format text|json|csv] ANSWERS.json...\n"
    "      Membandingkan banyak daerah. / Compares many regencies.\n"
    "  kkpham criteria import-csv FORM.csv [--base PACK.json] [--id ID] [--version V] [--title T]\n"
    "                 [--regulation R] [--status reference|official] [-o PACK.json]\n"
    "      Mengubah formulir CSV menjadi paket. / Turns a CSV form into a pack.\n"
    "\n"
    "Tanpa --pack, paket dicari menurut pack.id di berkas jawaban dalam $KKPHAM_CRITERIA_DIR,\n"
    "folder criteria/ repositori, atau ./criteria.\n"
    "Status keluar / exit status: 0 semua berhasil / all good; 1 ada berkas gagal / some file failed;\n"
    "2 salah pemakaian / usage error.\n";

void print_usage(std::FILE* to) { std::fprintf(to, kUsageText, std::string(kEngineVersion).c_str()); }

}  // namespace

int usage_error(const std::string& message) {
    std::fprintf(stderr, "kkpham: %s\n\n", message.c_str());
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
    if (command == "criteria") {
        if (argc < 3 || std::strcmp(argv[2], "import-csv") != 0) {
            return usage_error("perintah criteria yang dikenal: import-csv / known criteria command: import-csv");
        }
        if (!parse(3, {"--base", "--id", "--version", "--title", "--regulation", "--status", "-o", "--output"}, {}))
            return usage_error(error);
        return cmd_import_csv(args);
    }
    return usage_error("perintah tidak dikenal / unknown command: " + command);
}
