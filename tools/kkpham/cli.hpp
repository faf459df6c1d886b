// The kkpham command-line tool: shared declarations of its commands.
#pragma once

#include <string>
#include <vector>

namespace kkpham::cli {

enum Exit { kOk = 0, kFileFailed = 1, kUsage = 2 };

struct Args {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> options;  // --name value
    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback = "") const;
};

// Splits argv; `with_value` lists the options that take a value. Returns false on a usage error.
bool parse_args(int argc, char** argv, int first, const std::vector<std::string>& with_value,
                const std::vector<std::string>& flags, Args& args, std::string& error);

int cmd_validate(const Args& args);
int cmd_template(const Args& args);
int cmd_score(const Args& args, const char* argv0);
int cmd_explain(const Args& args, const char* argv0);
int cmd_import_csv(const Args& args);
int cmd_gap(const Args& args, const char* argv0);
int cmd_plan(const Args& args, const char* argv0);
int cmd_compare(const Args& args, const char* argv0);
int cmd_split(const Args& args, const char* argv0);
int cmd_merge(const Args& args, const char* argv0);
int cmd_check(const Args& args, const char* argv0);
int cmd_package(const Args& args, const char* argv0);
int cmd_verify(const Args& args, const char* argv0);

// Prints a usage error and returns kUsage.
int usage_error(const std::string& message);

// Bilingual diagnostics from an engine error document, one per line, to stderr.
void print_errors(const std::string& file, const std::string& engine_json);

}  // namespace kkpham::cli
