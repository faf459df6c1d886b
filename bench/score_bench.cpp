// Scoring throughput of the native core: generated complete assessments of the
// reference pack, each parsed, validated, scored and serialised as the CLI does.
// Prints figures; it is not a test. Usage: kkpham_bench [ASSESSMENTS] [PACK]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kkpham/engine.hpp"

namespace {

std::string read_file(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        std::fprintf(stderr, "cannot open %s\n", path.c_str());
        std::exit(2);
    }
    std::string data;
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) data.append(buffer, n);
    std::fclose(f);
    return data;
}

using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 20000;
    const std::string pack_path = argc > 2 ? argv[2] : std::string(KKPHAM_SOURCE_DIR) + "/criteria/kkpham-22-2021.json";
    kkpham::Engine engine;
    const std::string pack_text = read_file(pack_path);
    const auto pack_start = Clock::now();
    const auto loaded = nlohmann::json::parse(engine.load_pack(pack_text), nullptr, false);
    const double pack_us = micros(Clock::now() - pack_start);
    if (loaded.is_discarded() || !loaded["ok"].get<bool>()) {
        std::fprintf(stderr, "pack did not load\n");
        return 2;
    }

    // Distinct generated assessments, so caches see realistic variety.
    const int distinct = std::min(count, 1000);
    std::vector<std::string> files;
    std::size_t bytes = 0;
    for (int i = 0; i < distinct; ++i) {
        const auto t = nlohmann::json::parse(
            engine.make_template(R"({"fill":"random","complete":true,"seed":)" + std::to_string(i + 1) + "}"), nullptr, false);
        files.push_back(t["answers"].dump(2));
        bytes += files.back().size();
    }

    for (const std::string& file : files) (void)engine.score(file);  // warm-up: each file once (as bench/web-load.mjs)

    std::vector<double> latency;
    latency.reserve(static_cast<std::size_t>(count));
    std::size_t checksum = 0;
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
        const auto t0 = Clock::now();
        const std::string result = engine.score(files[static_cast<std::size_t>(i % distinct)]);
        latency.push_back(micros(Clock::now() - t0));
        checksum += result.size();
    }
    const double total_s = micros(Clock::now() - start) / 1e6;
    std::sort(latency.begin(), latency.end());
    auto pct = [&](double p) { return latency[static_cast<std::size_t>(p * static_cast<double>(latency.size() - 1))]; };

    std::printf("kkpham native scoring benchmark (one core, parse + validate + score + serialise)\n");
    std::printf("  pack                 : %s (%d indicators), loaded in %.0f us\n", loaded["pack"]["id"].get<std::string>().c_str(),
                loaded["pack"]["indicator_count"].get<int>(), pack_us);
    std::printf("  answers files        : %d distinct, %.1f KB on average\n", distinct, static_cast<double>(bytes) / distinct / 1024.0);
    std::printf("  assessments scored   : %d in %.3f s\n", count, total_s);
    std::printf("  throughput           : %.0f assessments/s (target >= 5000)\n", count / total_s);
    std::printf("  latency per file     : p50 %.1f us, p95 %.1f us, p99 %.1f us, max %.1f us\n", pct(0.50), pct(0.95), pct(0.99),
                latency.back());
    std::printf("  (checksum %zu)\n", checksum);
    return 0;
}
