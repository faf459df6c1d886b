// kkpham WebAssembly binding: embind class `Engine`, a 1:1 wrapper of kkpham::Engine.
//
// The only file of the project that includes emscripten. Everything crosses the boundary as
// std::string (UTF-8 JSON or CSV text), so the wasm runs exactly the code paths of the native
// CLI and returns the same bytes. JS code never calls this directly: web/kkpham-api.js is the
// one facade over the raw module (it parses the JSON and .delete()s the Engine).
#include <emscripten/bind.h>
#include <malloc.h>  // emscripten's compat header: mallinfo() of its dlmalloc

#include <string>

#include "kkpham/engine.hpp"

namespace {

using kkpham::Engine;

std::string loadPack(Engine& e, const std::string& pack_json) { return e.load_pack(pack_json); }
bool hasPack(const Engine& e) { return e.has_pack(); }
std::string packSummary(const Engine& e) { return e.pack_summary(); }
std::string score(const Engine& e, const std::string& answers_json) { return e.score(answers_json); }
std::string validateAnswers(const Engine& e, const std::string& answers_json) {
    return e.validate_answers(answers_json);
}
std::string makeTemplate(const Engine& e, const std::string& options_json) {
    return e.make_template(options_json);
}
std::string explain(const Engine& e, const std::string& answers_json, const std::string& indicator_id) {
    return e.explain(answers_json, indicator_id);
}
std::string importCsv(const Engine& e, const std::string& csv_text, const std::string& options_json) {
    return e.import_csv(csv_text, options_json);
}
std::string gap(const Engine& e, const std::string& answers_json, const std::string& options_json) {
    return e.gap(answers_json, options_json);
}
std::string evidencePlan(const Engine& e, const std::string& answers_json) { return e.evidence_plan(answers_json); }
std::string summary(const Engine& e, const std::string& answers_json) { return e.summary(answers_json); }
std::string migrate(const Engine& e, const std::string& old_answers_json, const std::string& mapping_json) {
    return e.migrate(old_answers_json, mapping_json);
}
std::string compare(const std::string& summaries_json) { return Engine::compare(summaries_json); }
std::string yearOverYear(const std::string& previous_result, const std::string& current_result) {
    return Engine::year_over_year(previous_result, current_result);
}
std::string engineVersion() { return std::string(kkpham::kEngineVersion); }

// Diagnostic: bytes currently allocated on the wasm heap (the facade's heapBytesInUse, used by
// the leak test: a call that frees everything it allocated leaves this unchanged).
double heapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(kkpham) {
    emscripten::class_<Engine>("Engine")
        .constructor<>()
        .function("loadPack", &loadPack)
        .function("hasPack", &hasPack)
        .function("packSummary", &packSummary)
        .function("score", &score)
        .function("validateAnswers", &validateAnswers)
        .function("makeTemplate", &makeTemplate)
        .function("explain", &explain)
        .function("importCsv", &importCsv)
        .function("gap", &gap)
        .function("evidencePlan", &evidencePlan)
        .function("summary", &summary)
        .function("migrate", &migrate)
        .class_function("compare", &compare)
        .class_function("yearOverYear", &yearOverYear);
    emscripten::function("engineVersion", &engineVersion);
    emscripten::function("heapBytesInUse", &heapBytesInUse);
}
