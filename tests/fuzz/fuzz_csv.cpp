// libFuzzer harness: CSV form import (Engine::import_csv).
//
// Input: the bytes of a CSV form. If the first line starts with "#options " the rest of that
// line is the options JSON (id, version, title, ...) and the CSV follows; otherwise the options
// are fixed. Even-sized inputs import on top of a base pack (the mini fixture: the base only gives
// the pack-level settings, and copying the 300 KB reference pack per input would slow the fuzzer
// ten-fold), odd-sized ones with no base pack, as the CLI without --base. Besides "no crash", it checks:
//  * the reply keeps the contract;
//  * a successful import is a pack: load_pack accepts the "pack" it returned, with the same
//    sha256, and the engine's max template for it scores 100 (never arithmetic.overflow);
//  * it names the encoding it read (utf-8, utf-16le, utf-16be, windows-1252);
//  * the form's thousands separators, repeated columns, multi-line cells, UTF-16 and "sep=;"
//    lines (issue 13), Windows-1252, UTF-16 BE and mixed encodings (issue 15) reach these paths
//    through the seeds in corpus/csv/.
#include "fuzz_common.hpp"

using namespace kkpham_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view csv(reinterpret_cast<const char*>(data), size);
    std::string options = size % 2 == 0 ? R"({"id":"fuzz-form","version":"1","status":"official","title":"Formulir uji"})" : "{}";
    constexpr std::string_view kOptions = "#options ";
    if (csv.substr(0, kOptions.size()) == kOptions) {
        const std::size_t nl = csv.find('\n');
        options = std::string(csv.substr(kOptions.size(), nl == std::string_view::npos ? std::string_view::npos : nl - kOptions.size()));
        csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    }
    static kkpham::Engine bare;
    const kkpham::Engine& base = size % 2 == 0 ? loaded_packs()[1].engine : bare;
    const std::string reply = base.import_csv(csv, options);
    const json doc = check_reply("import_csv", reply);
    if (!ok_of(doc)) return 0;
    const auto pack = doc.find("pack");
    if (pack == doc.end() || !pack->is_object()) fail("import_csv ok without a pack", reply);
    // The encoding the bytes were read as (forms/text_encoding.hpp) is always named.
    const auto encoding = doc.find("encoding");
    if (encoding == doc.end() || !encoding->is_string() ||
        (*encoding != "utf-8" && *encoding != "utf-16le" && *encoding != "utf-16be" && *encoding != "windows-1252")) {
        fail("import_csv ok without a known encoding", reply);
    }
    kkpham::Engine engine;
    const std::string loaded = engine.load_pack(pack->dump());
    const json l = check_reply("load_pack(imported)", loaded);
    if (!ok_of(l)) fail("load_pack refuses a pack import_csv made", loaded + "\n---\n" + reply);
    if (l["pack"]["sha256"] != doc["sha256"]) fail("the imported pack's sha256 differs once loaded", reply);
    const json t = check_reply("make_template", engine.make_template(R"({"fill":"max"})"));
    if (!ok_of(t)) fail("an imported pack cannot make a template", reply);
    const std::string scored = engine.score(t["answers"].dump());
    const json s = check_reply("score(imported max)", scored);
    // A pack that validates scores every valid answers file: arithmetic.overflow is a finding too.
    if (!ok_of(s)) fail("an imported pack's max template does not score", scored);
    if (check_result(s, scored) != 100.0) fail("an imported pack's max template does not score 100", scored);
    return 0;
}
