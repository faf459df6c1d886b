// libFuzzer harness: gap analysis, evidence plan and summary (Engine::gap, evidence_plan, summary).
//
// Input: "<gap options JSON>\n<answers file>" (the first line may be empty: default options). The
// pack is the fixture pack whose id the answers mention, else the reference pack. It checks:
//  * every reply keeps the contract (fuzz_common.hpp);
//  * score, evidence_plan and summary agree on whether the answers are usable;
//  * for usable answers, gap either succeeds ("format":"kkpham-gap") or refuses its options with
//    a gap.* code; its plan never claims a total outside 0..100.
// The gap solver is an exact knapsack over efforts (1..1000 per indicator): the fuzzer's -timeout
// catches any options that would make it run for long.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = input.find('\n');
    const std::string_view options = nl == std::string_view::npos ? std::string_view() : input.substr(0, nl);
    const std::string_view answers = nl == std::string_view::npos ? input : input.substr(nl + 1);
    LoadedPack& p = pack_for(answers);

    const std::string scored = p.engine.score(answers);
    const json s = check_reply("score", scored);
    const std::string planned = p.engine.evidence_plan(answers);
    const json plan = check_reply("evidence_plan", planned);
    const std::string summarised = p.engine.summary(answers);
    const json summary = check_reply("summary", summarised, "kkpham-summary");
    if (ok_of(s) != ok_of(plan) || ok_of(s) != ok_of(summary)) {
        fail("score, evidence_plan and summary disagree", scored + "\n---\n" + planned + "\n---\n" + summarised);
    }
    const std::string gapped = p.engine.gap(answers, options);
    const json g = check_reply("gap", gapped);
    if (!ok_of(s)) {
        if (ok_of(g)) fail("gap accepts answers that score refuses", gapped);
        return 0;
    }
    if (!ok_of(g)) {
        if (first_code(g).rfind("gap.", 0) != 0) fail("gap refuses usable answers with a non-option error", gapped);
        return 0;
    }
    if (!is_string(g, "format") || g["format"] != "kkpham-gap") fail("gap result without format kkpham-gap", gapped);
    // Each step's 2-decimal gain is its exact gain rounded once: within 0.005 of the 4-decimal one.
    for (const char* list : {"opportunities"}) {
        const auto steps = g.find(list);
        if (steps == g.end() || !steps->is_array()) fail("gap result without opportunities", gapped);
        for (const json& step : *steps) {
            if (!step.contains("gain_2dp") || !step["gain_2dp"].is_number() ||
                std::fabs(step["gain"].get<double>() - step["gain_2dp"].get<double>()) > 0.00505) {
                fail("a gap step's gain_2dp is not its 2-decimal rounding", gapped);
            }
        }
    }
    for (const char* k : {"total", "target"}) {
        const auto it = g.find(k);
        if (it != g.end() && it->is_number() && (it->get<double>() < 0.0 || it->get<double>() > 100.0)) {
            fail(std::string("gap ") + k + " outside 0..100", gapped);
        }
    }
    return 0;
}
