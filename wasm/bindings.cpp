// kkpham WebAssembly binding: embind class `Engine`, a 1:1 wrapper of kkpham::Engine.
//
// The only file of the project that includes emscripten. Everything crosses the boundary as
// std::string (UTF-8 JSON or CSV text), so the wasm runs exactly the code paths of the native
// CLI and returns the same bytes. JS code never calls this directly: web/kkpham-api.js is the
// one facade over the raw module (it parses the JSON and .delete()s the Engine).
#include <emscripten/bind.h>
#include <malloc.h>  // emscripten's compat header: mallinfo() of its dlmalloc

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

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
std::string split(const Engine& e, const std::string& master_json, const std::string& options_json) {
    return e.split(master_json, options_json);
}
std::string merge(const Engine& e, const std::string& master_json, const std::string& returns_json,
                  const std::string& options_json) {
    return e.merge(master_json, returns_json, options_json);
}
std::string officeStatus(const Engine& e, const std::string& master_json) { return e.office_status(master_json); }
std::string offices(const Engine& e, const std::string& answers_json) { return e.offices(answers_json); }
std::string workbookLayout(const Engine& e, const std::string& answers_json) { return e.workbook_layout(answers_json); }
std::string readWorkbook(const Engine& e, const std::string& cells_json, const std::string& options_json) {
    return e.read_workbook(cells_json, options_json);
}
std::string evidenceCheck(const Engine& e, const std::string& answers_json, const std::string& files_json) {
    return e.evidence_check(answers_json, files_json);
}
std::string gate(const Engine& e, const std::string& answers_json, const std::string& files_json) {
    return e.gate(answers_json, files_json);
}
std::string package(const Engine& e, const std::string& answers_json, const std::string& request_json) {
    return e.package(answers_json, request_json);
}
std::string verifyPackage(const Engine& e, const std::string& listing_json) { return e.verify_package(listing_json); }
std::string compare(const std::string& summaries_json) { return Engine::compare(summaries_json); }
std::string yearOverYear(const std::string& previous_result, const std::string& current_result) {
    return Engine::year_over_year(previous_result, current_result);
}
std::string engineVersion() { return std::string(kkpham::kEngineVersion); }

// ---- The text channel ------------------------------------------------------------------------
// embind converts a std::string argument with two per-character JS loops (lengthBytesUTF8, then
// stringToUTF8) and a std::string result with a per-byte JS scan for NULs before decoding it:
// for a 35 KB answers file and its 41 KB result, that was about 40 % of a score() call. The
// `*Text` variants below take and return the same bytes through wasm memory instead:
//
//   ptr = textAlloc(capacity)            JS: TextEncoder.encodeInto(text, HEAPU8 at ptr) -> n bytes
//   res = engine.scoreText(ptr, n)       the same kkpham::Engine method, on string_view(ptr, n)
//   HEAPU32[res/4], HEAPU32[res/4 + 1]   address and length of the result's UTF-8 bytes;
//                                        JS: TextDecoder over HEAPU8 (no copy, no scan)
//   textFree(ptr); resultFree(res)
//
// The core sees exactly the bytes stringToUTF8 would have written (web/kkpham-api.js uses the
// channel only for well-formed strings, where TextEncoder and stringToUTF8 agree) and returns
// the same bytes, so the std::string functions and the *Text ones are interchangeable. The
// std::string ones stay: they are the simple path and the fallback.
static_assert(sizeof(void*) == 4, "the text channel hands 32-bit wasm addresses to JS");

struct TextResult {
    std::uint32_t data = 0;  // offset 0: address of text's bytes (JS reads it with HEAPU32)
    std::uint32_t size = 0;  // offset 4: their length in bytes
    std::string text;
};
static_assert(offsetof(TextResult, data) == 0 && offsetof(TextResult, size) == 4);

std::uintptr_t textAlloc(std::size_t capacity) {
    return reinterpret_cast<std::uintptr_t>(std::malloc(capacity == 0 ? 1 : capacity));
}
void textFree(std::uintptr_t ptr) { std::free(reinterpret_cast<void*>(ptr)); }

std::string_view bytes(std::uintptr_t ptr, std::size_t size) { return {reinterpret_cast<const char*>(ptr), size}; }

std::uintptr_t result(std::string&& s) {
    auto* r = new TextResult;
    r->text = std::move(s);
    r->data = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(r->text.data()));
    r->size = static_cast<std::uint32_t>(r->text.size());
    return reinterpret_cast<std::uintptr_t>(r);
}
void resultFree(std::uintptr_t r) { delete reinterpret_cast<TextResult*>(r); }

// One template per shape of kkpham::Engine method: (text) and (text, text), const or static.
template <std::string (Engine::*method)(std::string_view) const>
std::uintptr_t text1(const Engine& e, std::uintptr_t a, std::size_t an) {
    return result((e.*method)(bytes(a, an)));
}
template <std::string (Engine::*method)(std::string_view, std::string_view) const>
std::uintptr_t text2(const Engine& e, std::uintptr_t a, std::size_t an, std::uintptr_t b, std::size_t bn) {
    return result((e.*method)(bytes(a, an), bytes(b, bn)));
}
template <std::string (Engine::*method)(std::string_view, std::string_view, std::string_view) const>
std::uintptr_t text3(const Engine& e, std::uintptr_t a, std::size_t an, std::uintptr_t b, std::size_t bn, std::uintptr_t c,
                     std::size_t cn) {
    return result((e.*method)(bytes(a, an), bytes(b, bn), bytes(c, cn)));
}
std::uintptr_t loadPackText(Engine& e, std::uintptr_t a, std::size_t an) { return result(e.load_pack(bytes(a, an))); }
std::uintptr_t compareText(std::uintptr_t a, std::size_t an) { return result(Engine::compare(bytes(a, an))); }
std::uintptr_t yearOverYearText(std::uintptr_t a, std::size_t an, std::uintptr_t b, std::size_t bn) {
    return result(Engine::year_over_year(bytes(a, an), bytes(b, bn)));
}

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
        .function("split", &split)
        .function("merge", &merge)
        .function("officeStatus", &officeStatus)
        .function("offices", &offices)
        .function("workbookLayout", &workbookLayout)
        .function("readWorkbook", &readWorkbook)
        .function("evidenceCheck", &evidenceCheck)
        .function("gate", &gate)
        .function("package", &package)
        .function("verifyPackage", &verifyPackage)
        .class_function("compare", &compare)
        .class_function("yearOverYear", &yearOverYear)
        // The text channel (see above): the same methods over UTF-8 bytes in wasm memory.
        .function("loadPackText", &loadPackText)
        .function("scoreText", &text1<&Engine::score>)
        .function("validateAnswersText", &text1<&Engine::validate_answers>)
        .function("makeTemplateText", &text1<&Engine::make_template>)
        .function("explainText", &text2<&Engine::explain>)
        .function("importCsvText", &text2<&Engine::import_csv>)
        .function("gapText", &text2<&Engine::gap>)
        .function("evidencePlanText", &text1<&Engine::evidence_plan>)
        .function("summaryText", &text1<&Engine::summary>)
        .function("migrateText", &text2<&Engine::migrate>)
        .function("splitText", &text2<&Engine::split>)
        .function("mergeText", &text3<&Engine::merge>)
        .function("officeStatusText", &text1<&Engine::office_status>)
        .function("officesText", &text1<&Engine::offices>)
        .function("workbookLayoutText", &text1<&Engine::workbook_layout>)
        .function("readWorkbookText", &text2<&Engine::read_workbook>)
        .function("evidenceCheckText", &text2<&Engine::evidence_check>)
        .function("gateText", &text2<&Engine::gate>)
        .function("packageText", &text2<&Engine::package>)
        .function("verifyPackageText", &text1<&Engine::verify_package>)
        .class_function("compareText", &compareText)
        .class_function("yearOverYearText", &yearOverYearText);
    emscripten::function("engineVersion", &engineVersion);
    emscripten::function("heapBytesInUse", &heapBytesInUse);
    emscripten::function("textAlloc", &textAlloc);
    emscripten::function("textFree", &textFree);
    emscripten::function("resultFree", &resultFree);
}
