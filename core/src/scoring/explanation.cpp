#include "scoring/explanation.hpp"

#include "util/exact.hpp"

namespace kkpham {
namespace {

std::string pts(std::int64_t p, bool id) { return display_number(p, kPointDecimals, id); }
std::string val(std::int64_t v, bool id) { return display_number(v, kValueDecimals, id); }

std::string band_bounds(const Band& b, bool id) {
    std::string s = b.has_min ? std::string(b.min_inclusive ? "[" : "(") + val(b.min, id) : std::string("(−∞");
    s += id ? "; " : ", ";
    s += b.has_max ? val(b.max, id) + (b.max_inclusive ? "]" : ")") : std::string("∞)");
    return s;
}

std::string label_of(const Text& t, bool id) { return (!id && !t.en.empty()) ? t.en : t.id; }

}  // namespace

std::string display_number(std::int64_t fixed, int decimals, bool indonesian) {
    std::string s = format_fixed(fixed, decimals, 0);
    if (indonesian) {
        for (char& c : s) {
            if (c == '.') c = ',';
        }
    }
    return s;
}

std::string display_answer(const Indicator& ind, const Answer& a, bool id) {
    switch (a.state) {
        case AnswerState::unanswered: return id ? "belum dijawab" : "not answered";
        case AnswerState::not_applicable: return id ? "tidak berlaku" : "not applicable";
        case AnswerState::answered: break;
    }
    switch (ind.kind) {
        case AnswerKind::yes_no: return a.yes ? (id ? "ya" : "yes") : (id ? "tidak" : "no");
        case AnswerKind::level: {
            const Level& l = ind.levels[a.level];
            return l.id + " — " + label_of(l.label, id);
        }
        default: {
            std::string s = val(a.value, id) + " " + ind.unit;
            if (a.has_fraction) {
                s += " (" + val(a.numerator, id) + " / " + val(a.denominator, id) + ")";
            }
            return s;
        }
    }
}

Text explain_indicator(const Indicator& ind, const Answer& a, const IndicatorScore& s) {
    Text out;
    for (int lang = 0; lang < 2; ++lang) {
        const bool id = lang == 0;
        std::string t;
        const std::string of_max = pts(s.points, id) + (id ? " dari " : " of ") + pts(ind.max_points, id) + (id ? " poin" : " points");
        if (a.state == AnswerState::not_applicable) {
            t = id ? "Tidak berlaku: indikator ini tidak dihitung (dikeluarkan dari penyebut jenisnya)."
                   : "Not applicable: this indicator is left out (removed from its type's denominator).";
        } else if (a.state == AnswerState::unanswered) {
            t = id ? "Belum dijawab: " + of_max + " (jawaban kosong dihitung 0)."
                   : "Not answered: " + of_max + " (an unanswered indicator scores 0).";
        } else {
            const std::string answer = display_answer(ind, a, id);
            switch (ind.rule) {
                case Rule::binary:
                    t = (id ? "Jawaban \"" : "Answer \"") + answer + "\" → " + of_max + (id ? " (aturan ya/tidak)." : " (yes/no rule).");
                    break;
                case Rule::levels:
                    t = (id ? "Tingkat \"" : "Level \"") + answer + "\" → " + of_max + ".";
                    break;
                case Rule::bands: {
                    const Band* hit = nullptr;
                    for (const Band& b : ind.bands) {
                        if (static_cast<int>(b.source_index) == s.band) hit = &b;
                    }
                    t = (id ? "Nilai " : "Value ") + answer;
                    if (hit != nullptr) t += (id ? " masuk pita " : " falls in band ") + band_bounds(*hit, id);
                    t += " → " + of_max + ".";
                    break;
                }
                case Rule::linear: {
                    t = (id ? "Nilai " : "Value ") + answer + (id ? " pada garis " : " on the line ") +
                        val(ind.linear_from_value, id) + " → " + pts(ind.linear_from_points, id) + (id ? " poin, " : " points, ") +
                        val(ind.linear_to_value, id) + " → " + pts(ind.linear_to_points, id) + (id ? " poin" : " points") +
                        (id ? " (dibatasi di kedua ujung) → " : " (clamped at both ends) → ") + of_max + ".";
                    break;
                }
            }
        }
        if (a.state != AnswerState::not_applicable && s.points > 0 && !s.evidence_complete) {
            std::string missing;
            for (const std::string& e : evidence_missing(ind, a)) missing += (missing.empty() ? "" : ", ") + e;
            t += id ? " Data dukung wajib belum siap (" + missing + "): poin ini tidak dihitung dalam nilai terverifikasi."
                    : " Required evidence is not ready (" + missing + "): these points do not count in the evidenced score.";
        }
        (id ? out.id : out.en) = t;
    }
    return out;
}

}  // namespace kkpham
