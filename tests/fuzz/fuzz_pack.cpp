// libFuzzer harness: criteria pack parse + validate (Engine::load_pack).
//
// Input: the bytes of a pack file. Besides "no crash", it checks:
//  * the reply keeps the contract (fuzz_common.hpp) and "ok" matches has_pack();
//  * a failed load keeps the engine without a pack (no half-loaded state);
//  * a pack that loads is usable: its summary has a 64-hex sha256, and the answers the engine
//    itself makes for it (blank, max, random) score — blank to 0, max to 100 — so a pack that
//    passes validation can never crash or mis-score the scorer.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

namespace {

bool is_hex64(const json& v) {
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void score_template(const kkpham::Engine& engine, const char* options, double expect_total) {
    const std::string made = engine.make_template(options);
    const json t = check_reply("make_template", made);
    if (!ok_of(t)) fail("a valid pack cannot make a template", made);
    const std::string answers = t["answers"].dump();
    const std::string reply = engine.score(answers);
    const json r = check_reply("score(template)", reply);
    if (!ok_of(r)) {
        // A pack that validates scores every valid answers file (arithmetic.overflow included).
        fail("the engine's own template does not score", reply + "\n--- answers:\n" + answers);
    }
    const double total = check_result(r, reply);
    if (expect_total >= 0.0 && total != expect_total) {
        fail(expect_total == 0.0 ? "a blank template does not score 0" : "a max template does not score 100",
             reply + "\n--- answers:\n" + answers);
    }
    if (engine.validate_answers(answers).find("\"ok\":true") == std::string::npos) {
        fail("validate_answers refuses what score accepts", answers);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    kkpham::Engine engine;
    const std::string reply = engine.load_pack(text);
    const json doc = check_reply("load_pack", reply);
    if (ok_of(doc) != engine.has_pack()) fail("load_pack ok does not match has_pack()", reply);
    if (!ok_of(doc)) {
        if (first_code(json::parse(engine.pack_summary(), nullptr, false)) != "engine.no_pack") fail("a failed load left a pack behind", reply);
        return 0;
    }
    const auto pack = doc.find("pack");
    if (pack == doc.end() || !pack->is_object() || !is_hex64((*pack)["sha256"])) fail("a loaded pack without sha256", reply);
    const json summary = json::parse(engine.pack_summary(), nullptr, false);
    if (summary.is_discarded() || summary != *pack) fail("pack_summary differs from load_pack's summary", reply);

    score_template(engine, R"({"fill":"blank"})", 0.0);
    score_template(engine, R"({"fill":"max"})", 100.0);
    score_template(engine, R"({"fill":"random","seed":7})", -1.0);
    score_template(engine, R"({"fill":"random","seed":8,"complete":true})", -1.0);

    // A second, failing load must keep the first pack.
    kkpham::Engine copy = engine;
    const json again = check_reply("load_pack(garbage)", copy.load_pack("{"));
    if (ok_of(again) || !copy.has_pack() || copy.pack_summary() != engine.pack_summary()) {
        fail("a failed load_pack dropped the loaded pack", reply);
    }
    return 0;
}
