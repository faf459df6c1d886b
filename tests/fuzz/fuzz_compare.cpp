// libFuzzer harness: comparing regencies and years (Engine::compare, Engine::year_over_year, and
// the summary()/score() documents they read).
//
// Input: "<text A>\n#---\n<text B>" (without the separator line, B is empty). It checks:
//  * compare(A), year_over_year(A, B), and both beside a real result/summary of A, keep the
//    contract whatever A and B are (these read documents a user may hand in: saved summaries and
//    last year's result);
//  * when A and B are answers files that score, year_over_year(result A, result B) succeeds, and
//    compare([summary A, summary B]) succeeds when both use the same pack.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view kSeparator = "\n#---\n";
    const std::size_t cut = input.find(kSeparator);
    const std::string_view a = cut == std::string_view::npos ? input : input.substr(0, cut);
    const std::string_view b = cut == std::string_view::npos ? std::string_view() : input.substr(cut + kSeparator.size());

    check_reply("compare(A)", kkpham::Engine::compare(a));
    check_reply("year_over_year(A, B)", kkpham::Engine::year_over_year(a, b));

    LoadedPack& pa = pack_for(a);
    LoadedPack& pb = pack_for(b);
    const std::string ra = pa.engine.score(a);
    const std::string rb = pb.engine.score(b);
    const json ja = check_reply("score(A)", ra);
    const json jb = check_reply("score(B)", rb);
    if (ok_of(ja)) {
        // A real result or summary beside fuzzed text.
        check_reply("year_over_year(result A, B)", kkpham::Engine::year_over_year(ra, b));
        check_reply("year_over_year(B, result A)", kkpham::Engine::year_over_year(b, ra));
        check_reply("compare([summary A, B])", kkpham::Engine::compare("[" + pa.engine.summary(a) + "," + std::string(b) + "]"));
    }
    if (!ok_of(ja) || !ok_of(jb)) return 0;
    const std::string yoy = kkpham::Engine::year_over_year(ra, rb);
    if (!ok_of(check_reply("year_over_year(result A, result B)", yoy))) fail("year_over_year refuses two real results", yoy);

    const std::string sa = pa.engine.summary(a);
    const std::string sb = pb.engine.summary(b);
    if (!ok_of(check_reply("summary(A)", sa, "kkpham-summary")) || !ok_of(check_reply("summary(B)", sb, "kkpham-summary"))) fail("summary refuses answers that score", sa + "\n---\n" + sb);
    const std::string compared = kkpham::Engine::compare("[" + sa + "," + sb + "]");
    const json c = check_reply("compare(summaries)", compared);
    if (&pa == &pb && !ok_of(c)) fail("compare refuses two summaries of the same pack", compared);
    return 0;
}
