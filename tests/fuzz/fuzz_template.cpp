// libFuzzer harness: template -> score round trip with fuzzed options (Engine::make_template).
//
// Input: the options JSON text ({"fill","seed","complete","region","data_year",...}), used with
// one shipped pack, chosen by the input's size (size % number of packs), so mutations visit all:
//  * make_template keeps the contract and is deterministic (same options, same bytes);
//  * when it succeeds, the answers it made score: blank -> 0, max -> 100, and validate_answers agrees.
//  * options an answers file cannot hold (a 300-character region name, data_year outside the
//    pack's years, a region kind other than kabupaten/kota) are refused (finding F2, now fixed):
//    every template make_template returns scores, whatever the options.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const json options = json::parse(text, nullptr, false);  // discarded when not JSON: fine
    std::string fill = "blank";
    if (options.is_object() && options.contains("fill") && options["fill"].is_string()) fill = options["fill"].get<std::string>();
    {
        LoadedPack& p = loaded_packs()[size % loaded_packs().size()];
        const std::string made = p.engine.make_template(text);
        const json t = check_reply("make_template", made);
        if (made != p.engine.make_template(text)) fail("make_template is not deterministic", made);
        if (!ok_of(t)) return 0;
        // Empty options mean the defaults; anything else must be a JSON object.
        if (!text.empty() && !options.is_object()) fail("make_template accepted options that are not JSON", made);
        const auto answers = t.find("answers");
        if (answers == t.end() || !answers->is_object()) fail("make_template ok without answers", made);
        const std::string answers_text = answers->dump();
        const std::string scored = p.engine.score(answers_text);
        const json s = check_reply("score(template)", scored);
        if (!ok_of(s)) fail("a template that was made does not score", scored + "\n--- options:\n" + std::string(text));
        const double total = check_result(s, scored);
        if (fill == "blank" && total != 0.0) fail("a blank template does not score 0", scored);
        if (fill == "max" && total != 100.0) fail("a max template does not score 100", scored);
        if (p.engine.validate_answers(answers_text).find("\"ok\":true") == std::string::npos) {
            fail("validate_answers refuses a template that scores", answers_text);
        }
    }
    return 0;
}
