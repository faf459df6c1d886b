// The offices as the engine reads them, for a screen (see offices/reading.hpp).
#include "offices/reading.hpp"

#include <vector>

#include "json/diagnostic.hpp"
#include "json/json_text.hpp"
#include "json/json_writer.hpp"

namespace kkpham::offices {
namespace {

using json = nlohmann::json;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// "  Dinas X " -> "Dinas X".
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

void write_name(JsonWriter& w, const Text& t) {
    w.begin_object().key("id").string(t.id).key("en").string(t.en.empty() ? t.id : t.en).end_object();
}

void write_office(JsonWriter& w, std::string_view id, std::string_view short_name, const Text& name,
                  const std::vector<std::string>& aliases) {
    w.begin_object().key("id").string(id).key("short_name").string(short_name).key("name");
    write_name(w, name);
    w.key("aliases").begin_array();
    for (const std::string& a : aliases) w.string(a);
    w.end_array().end_object();
}

void write_ids(JsonWriter& w, const Pack& pack, const std::vector<std::size_t>& offices) {
    w.begin_array();
    for (const std::size_t o : offices) {
        if (o < pack.offices.size()) w.string(pack.offices[o].id);
    }
    w.end_array();
}

// The answer's `opd` text of indicator `id`, or empty (no entry, not a string, only spaces).
std::string_view typed_opd(const json* answers, const std::string& id) {
    if (answers == nullptr) return {};
    const auto entry = answers->find(id);
    if (entry == answers->end() || !entry->is_object()) return {};
    const auto opd = entry->find("opd");
    if (opd == entry->end() || !opd->is_string()) return {};
    const std::string& text = opd->get_ref<const std::string&>();
    return trimmed(text).empty() ? std::string_view() : std::string_view(text);
}

// One indicator: its pack offices, and those its answer's `opd` names. As resolve_answer_offices
// reads it: a text naming known offices only gives them; else, with a list, an unknown name leaves
// the known ones (none known: the pack's offices) and is listed in "unknown"; without a list, the
// text is the answer's own office, as typed ("own", its id "~" + office_key of the text).
void write_indicator(JsonWriter& w, const Pack& pack, const Indicator& ind, std::string_view typed) {
    w.begin_object().key("pack");
    write_ids(w, pack, ind.offices);
    w.key("offices");
    if (typed.empty()) {
        write_ids(w, pack, ind.offices);
        w.key("typed").string("").key("unknown").begin_array().end_array().end_object();
        return;
    }
    const OfficeText read = read_office_text(pack, typed);
    const bool known = read.unknown.empty() && !read.offices.empty();
    if (!known && !pack.offices_declared) {
        const std::string shown(trimmed(typed));
        std::string id = "~";  // built with append: GCC 12's -Wrestrict false positive on "~" + string
        id.append(office_key(shown));
        w.begin_array().string(id).end_array();
        w.key("typed").string(typed).key("unknown").begin_array().end_array().key("own");
        write_office(w, id, shown, Text{shown, ""}, {});
        w.end_object();
        return;
    }
    write_ids(w, pack, read.offices.empty() ? ind.offices : read.offices);
    w.key("typed").string(typed).key("unknown").begin_array();
    if (!known) {
        for (const std::string& name : read.unknown) w.string(name);
    }
    w.end_array().end_object();
}

}  // namespace

std::string offices_json(const Pack& pack, std::string_view answers_text) {
    Diagnostics diagnostics;
    ParsedJson parsed = parse_json_text(answers_text, "jawaban", "answers");
    const json* answers = nullptr;
    if (!parsed.ok) {
        diagnostics.add_error(std::move(parsed.error));
    } else if (!parsed.value.is_object()) {
        diagnostics.error("answers.type", "$", "Berkas jawaban harus berupa objek JSON.", "The answers file must be a JSON object.");
    } else if (const auto a = parsed.value.find("answers"); a != parsed.value.end()) {
        if (a->is_object()) answers = &*a;
        else diagnostics.error("answers.type", "$.answers", "$.answers harus berupa objek {\"<kode indikator>\": {..}}.",
                               "$.answers must be an object {\"<indicator id>\": {..}}.");
    }

    JsonWriter w;
    w.reserve(256 + 160 * (pack.offices.size() + pack.indicators.size()));
    w.begin_object().key("ok").boolean(true).key("format").string("kkpham-offices")
        .key("declared").boolean(pack.offices_declared).key("offices").begin_array();
    for (const Office& o : pack.offices) write_office(w, o.id, o.short_name, o.name, o.aliases);
    // Right and indicator ids are identifiers (json_fields is_identifier): keys need no escaping.
    w.end_array().key("rights").begin_object();
    for (const Right& r : pack.rights) {
        w.key(r.id);
        write_ids(w, pack, r.offices);
    }
    w.end_object().key("indicators").begin_object();
    for (const Indicator& ind : pack.indicators) {
        w.key(ind.id);
        write_indicator(w, pack, ind, typed_opd(answers, ind.id));
    }
    w.end_object();
    // The answers' problems, if any ("errors":[..],"warnings":[..] of the failure document).
    const std::string doc = failure_json(diagnostics);
    const std::size_t start = doc.find("\"errors\"");
    w.raw_members(std::string_view(doc).substr(start, doc.size() - start - 1));
    w.end_object();
    return w.take();
}

}  // namespace kkpham::offices
