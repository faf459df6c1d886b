#include "forms/answers_template.hpp"

#include <algorithm>
#include <vector>

#include "util/exact.hpp"

namespace kkpham {
namespace {

using json = nlohmann::json;

// splitmix64: tiny, fast and identical on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    std::uint64_t state_;
};

json number_json(std::int64_t fixed) {
    if (fixed % kValueScale == 0) return json(fixed / kValueScale);
    return json(static_cast<double>(fixed) / static_cast<double>(kValueScale));
}

std::int64_t floor_to(std::int64_t v, std::int64_t step) {
    std::int64_t q = v / step;
    if (v % step != 0 && v < 0) --q;
    return q * step;
}

json value_json(const Indicator& ind, const Answer& a) {
    switch (ind.kind) {
        case AnswerKind::yes_no: return json(a.yes);
        case AnswerKind::level: return json(ind.levels[a.level].id);
        default: return number_json(a.value);
    }
}

int default_data_year(const Pack& pack) {
    int year = 2025;
    if (year < pack.data_year_from) year = pack.data_year_from;
    if (pack.data_year_to != 0 && year > pack.data_year_to) year = pack.data_year_to;
    return year;
}

}  // namespace

json make_answers_template(const Pack& pack, const TemplateOptions& options) {
    Random rng(options.seed);
    json doc = json::object();
    doc["format"] = "kkpham-answers";
    doc["format_version"] = 1;
    doc["pack"] = {{"id", pack.id}, {"version", pack.version}, {"sha256", pack.sha256}};
    doc["region"] = {{"name", options.region.name}, {"kind", options.region.kind},
                     {"province", options.region.province}, {"code", options.region.code}};
    const int data_year = options.data_year != 0 ? options.data_year : default_data_year(pack);
    doc["data_year"] = data_year;
    // The assessment follows the data year, within the years an answers file may carry.
    doc["assessment_year"] = options.assessment_year != 0 ? options.assessment_year : std::min(data_year + 1, 2200);
    json answers = json::object();
    for (const Indicator& ind : pack.indicators) {
        json item = json::object();
        Answer a;
        bool na = false;
        switch (options.fill) {
            case TemplateFill::blank:
                break;
            case TemplateFill::max: {
                a.state = AnswerState::answered;
                if (ind.kind == AnswerKind::yes_no) {
                    a.yes = ind.points_yes >= ind.points_no;
                } else if (ind.kind == AnswerKind::level) {
                    for (std::size_t l = 0; l < ind.levels.size(); ++l) {
                        if (ind.levels[l].points > ind.levels[a.level].points) a.level = l;
                    }
                } else {
                    a.value = best_value(ind);
                }
                break;
            }
            case TemplateFill::random: {
                const auto roll = options.complete ? 100 : rng.below(100);
                if (roll < 8) break;  // left unanswered
                if (roll < 12 && ind.na_allowed) {
                    na = true;
                    break;
                }
                a.state = AnswerState::answered;
                if (ind.kind == AnswerKind::yes_no) {
                    a.yes = rng.chance(60);
                } else if (ind.kind == AnswerKind::level) {
                    a.level = static_cast<std::size_t>(rng.below(ind.levels.size()));
                } else {
                    const std::int64_t step = ind.kind == AnswerKind::count ? kValueScale : kValueScale / 100;
                    const std::int64_t lo = ind.range_min, hi = ind.range_max;
                    const std::int64_t first = -floor_to(-lo, step);  // ceil to the step
                    const std::int64_t steps = (hi - first) / step;
                    a.value = first + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(steps) + 1)) * step;
                }
                break;
            }
        }
        item["value"] = a.state == AnswerState::answered ? value_json(ind, a) : json(nullptr);
        if (na) item["na"] = true;
        json evidence = json::array();
        for (const EvidenceRequirement& req : ind.evidence) {
            bool ready = false;
            if (options.fill == TemplateFill::max) ready = true;
            if (options.fill == TemplateFill::random) ready = a.state == AnswerState::answered && rng.chance(75);
            json e = {{"id", req.id}, {"status", ready ? "ready" : "missing"}};
            e["reference"] = ready ? ind.id + "-" + req.id + ".pdf" : "";
            evidence.push_back(std::move(e));
        }
        item["evidence"] = std::move(evidence);
        item["note"] = "";
        item["opd"] = ind.opd;
        answers[ind.id] = std::move(item);
    }
    doc["answers"] = std::move(answers);
    doc["adjustments"] = {{"aksi_ham_bonus", 0}, {"deduction", 0}};
    doc["updated_at"] = options.updated_at;
    return doc;
}

}  // namespace kkpham
