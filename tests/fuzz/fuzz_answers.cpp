// libFuzzer harness: answers file parse + validate + score (Engine::score, validate_answers).
//
// Input: the bytes of an answers file. It is scored against one of the shipped packs (loaded once
// per process): the fixture pack whose id the file mentions, else the reference pack.
// Besides "no crash", it checks:
//  * both replies keep the contract (fuzz_common.hpp);
//  * validate_answers and score agree: same ok, same first error code;
//  * a scored result is sane: totals in 0..100, evidenced <= claimed, one entry per indicator.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    {
        LoadedPack& p = pack_for(text);
        const std::string scored = p.engine.score(text);
        const json s = check_reply("score", scored);
        const std::string validated = p.engine.validate_answers(text);
        const json v = check_reply("validate_answers", validated);
        if (ok_of(s) != ok_of(v)) fail("score and validate_answers disagree", scored + "\n---\n" + validated);
        if (!ok_of(s)) {
            if (first_code(s) != first_code(v)) fail("score and validate_answers report different errors", scored + "\n---\n" + validated);
            return 0;
        }
        check_result(s, scored);
        const auto inds = s.find("indicators");
        if (inds == s.end() || !inds->is_array() || inds->size() != p.indicator_ids.size()) {
            fail("a result without one entry per indicator", scored);
        }
        for (std::size_t i = 0; i < inds->size(); ++i) {
            const json& e = (*inds)[i];
            if (e["id"] != p.indicator_ids[i]) fail("result indicators out of pack order", scored);
            const auto points = e.find("points"), max = e.find("max_points");
            if (points == e.end() || max == e.end() || !max->is_number()) fail("an indicator without points", scored);
            if (points->is_number() && (points->get<double>() < 0.0 || points->get<double>() > max->get<double>())) {
                fail("indicator points outside 0..max_points", scored);
            }
        }
    }
    return 0;
}
