// libFuzzer harness: carrying answers to another edition of a pack (Engine::migrate).
//
// Input: "<mapping JSON>\n<old answers file>" (the first line may be empty: no mapping). The
// target pack is one of the shipped packs, chosen by the input's size. It checks:
//  * the reply keeps the contract (fuzz_common.hpp);
//  * migrate's promise: the answers it returns are valid for the target pack — score() accepts them.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = input.find('\n');
    const std::string_view mapping = nl == std::string_view::npos ? std::string_view() : input.substr(0, nl);
    const std::string_view old_answers = nl == std::string_view::npos ? input : input.substr(nl + 1);
    LoadedPack& p = loaded_packs()[size % loaded_packs().size()];

    const std::string reply = p.engine.migrate(old_answers, mapping);
    const json m = check_reply("migrate", reply);
    if (!ok_of(m)) return 0;
    const auto answers = m.find("answers");
    const auto report = m.find("report");
    if (answers == m.end() || !answers->is_object() || report == m.end() || !report->is_object()) {
        fail("migrate ok without answers and report", reply);
    }
    const std::string migrated = answers->dump();
    const std::string scored = p.engine.score(migrated);
    if (!ok_of(check_reply("score(migrated)", scored))) {
        fail("migrate returned answers that do not score against its pack", scored + "\n--- migrated:\n" + migrated);
    }
    return 0;
}
