// libFuzzer harness: explain one indicator (Engine::explain).
//
// Input: "<indicator>\n<answers file>". <indicator> is an indicator id, or "#N" for the N-th
// indicator of the pack. The pack is the fixture pack whose id the answers mention, else the
// reference pack. It checks:
//  * the reply keeps the contract;
//  * an id the pack does not have gives explain.unknown_indicator;
//  * when score() accepts the answers and the id is known, explain() succeeds and its points
//    and gain are those of the same indicator in the score result.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = input.find('\n');
    const std::string_view head = nl == std::string_view::npos ? input : input.substr(0, nl);
    const std::string_view answers = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
    {
        LoadedPack& p = pack_for(answers);
        std::string id(head);
        if (head.size() >= 2 && head.size() <= 6 && head[0] == '#' &&
            std::all_of(head.begin() + 1, head.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            id = p.indicator_ids[std::stoul(std::string(head.substr(1))) % p.indicator_ids.size()];
        }
        const std::string reply = p.engine.explain(answers, id);
        const json e = check_reply("explain", reply);
        const auto index = std::find(p.indicator_ids.begin(), p.indicator_ids.end(), id);
        if (index == p.indicator_ids.end()) {
            if (ok_of(e) || first_code(e) != "explain.unknown_indicator") fail("explain of an unknown id", reply);
            return 0;
        }
        const std::string scored = p.engine.score(answers);
        const json s = check_reply("score", scored);
        if (ok_of(s) != ok_of(e)) fail("explain and score disagree on the answers", reply + "\n---\n" + scored);
        if (!ok_of(e)) return 0;
        const json& ind = e["indicator"];
        const json& in_result = s["indicators"][static_cast<std::size_t>(index - p.indicator_ids.begin())];
        if (!ind.is_object() || ind["id"] != id) fail("explain answered another indicator", reply);
        for (const char* k : {"points", "max_points", "gain", "contribution"}) {
            if (ind[k] != in_result[k]) fail(std::string("explain and score differ on ") + k, reply + "\n---\n" + in_result.dump());
        }
        const auto why = ind.find("explanation");
        if (why == ind.end() || !is_nonempty_string(*why, "id") || !is_nonempty_string(*why, "en")) {
            fail("explain without a bilingual explanation", reply);
        }
    }
    return 0;
}
