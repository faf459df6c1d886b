// The package's index for a human verifier: DAFTAR-DATA-DUKUNG.csv (RFC 4180, CRLF; a cell that
// would start a spreadsheet formula is neutralised) and DAFTAR-DATA-DUKUNG.html (printable, every
// text escaped, no script, a Content-Security-Policy that allows none).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/answers.hpp"
#include "model/pack.hpp"
#include "package/evidence_check.hpp"
#include "package/gate.hpp"
#include "package/layout.hpp"

namespace kkpham {

struct IndexInput {
    const Pack& pack;
    const Answers& answers;
    const EvidenceCheck& check;
    const std::vector<FoundFile>& files;
    const PackageLayout& layout;
    const GateResult& gate;
    std::string total;         // the claimed total, 2 decimals ("82.35")
    std::string predicate;     // its predicate's name
    std::string bagging_date;  // YYYY-MM-DD
};

// A text cell: quoted when needed; a leading = + - @ tab or CR gets a ' in front (OWASP CSV
// injection); other control characters become spaces. The same rule as the CLI's csv_text.
std::string csv_cell(std::string_view s);
std::string html_escape(std::string_view s);

std::string index_csv(const IndexInput& in);
std::string index_html(const IndexInput& in);

}  // namespace kkpham
