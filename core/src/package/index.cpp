#include "package/index.hpp"

namespace kkpham {
namespace {

std::string status_words(EvidenceStatus s) {
    switch (s) {
        case EvidenceStatus::found: return "ada";
        case EvidenceStatus::renamed: return "ada (nama lain, isi sama)";
        case EvidenceStatus::changed: return "berubah sejak dirujuk";
        case EvidenceStatus::missing: return "tidak ditemukan";
        case EvidenceStatus::not_attached: return "belum dilampirkan";
    }
    return "";
}

struct Row {
    std::string right, indicator, type, evidence, document, signer, required, status, path, original, size, sha256, mtime;
};

std::vector<Row> rows_of(const IndexInput& in) {
    std::vector<Row> rows;
    for (std::size_t k = 0; k < in.check.items.size(); ++k) {
        const EvidenceCheckItem& item = in.check.items[k];
        const Indicator& ind = in.pack.indicators[item.indicator];
        Row r;
        r.right = in.pack.rights[ind.right].name.id;
        r.indicator = ind.id;
        r.type = std::string(kTypeNames[static_cast<std::size_t>(ind.type)]);
        r.evidence = item.evidence;
        r.document = item.requirement != nullptr ? item.requirement->document.id : item.evidence;
        r.signer = item.requirement != nullptr ? item.requirement->signer.id : "";
        r.required = item.needed ? "ya" : "tidak";
        r.status = status_words(item.status);
        if (item.file >= 0) {
            const FoundFile& f = in.files[static_cast<std::size_t>(item.file)];
            r.path = in.layout.item_paths[k];
            r.original = f.path;
            r.size = std::to_string(f.size);
            r.sha256 = f.sha256;
            r.mtime = f.mtime;
        } else {
            r.original = item.reference;
            r.sha256 = item.sha256;
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace

std::string csv_cell(std::string_view s) {
    std::string cell(s);
    for (char& c : cell) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\r' && c != '\n') || u == 0x7F) c = ' ';
    }
    bool quote = cell.find_first_of(",;\"\r\n") != std::string::npos;
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) {
        cell.insert(0, 1, '\'');
        quote = true;
    }
    if (!quote) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
                else out += c;
        }
    }
    return out;
}

std::string index_csv(const IndexInput& in) {
    std::string out =
        "No,Hak,Kode indikator,Jenis,Data dukung,Dokumen,Penandatangan,Wajib,Status,Berkas dalam paket,Berkas asli,Ukuran (bita),"
        "SHA-256,Tanggal berkas\r\n";
    std::size_t n = 0;
    for (const Row& r : rows_of(in)) {
        out += std::to_string(++n);
        for (const std::string* cell : {&r.right, &r.indicator, &r.type, &r.evidence, &r.document, &r.signer, &r.required, &r.status,
                                        &r.path, &r.original}) {
            out.append(",").append(csv_cell(*cell));
        }
        out += "," + r.size + "," + csv_cell(r.sha256) + "," + csv_cell(r.mtime) + "\r\n";
    }
    return out;
}

std::string index_html(const IndexInput& in) {
    const Answers& a = in.answers;
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<title>Daftar data dukung — " + html_escape(a.region.name) + " " + std::to_string(a.data_year) + "</title>\n"
        "<style>body{font:10pt sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top}"
        "td.h{font-family:monospace;font-size:7pt;word-break:break-all}.bad{color:#a00;font-weight:bold}"
        "@media print{body{margin:0}tr{page-break-inside:avoid}}</style>\n</head>\n<body>\n";
    h += "<h1>Daftar Data Dukung KKP HAM</h1>\n<p>" + html_escape(a.region.name) + ", " + html_escape(a.region.province) +
         " (kode " + html_escape(a.region.code) + ") — tahun data " + std::to_string(a.data_year) + ", tahun penilaian " +
         std::to_string(a.assessment_year) + "</p>\n";
    h += "<p>Paket kriteria: " + html_escape(in.pack.id) + " versi " + html_escape(in.pack.version) +
         " (SHA-256 <code>" + html_escape(in.pack.sha256) + "</code>). Dikemas " + html_escape(in.bagging_date) + ".</p>\n";
    h += "<p>Nilai (klaim): <b>" + html_escape(in.total) + "</b> — " + html_escape(in.predicate) + "</p>\n";
    h += std::string("<h2>Kelengkapan</h2>\n<p class=\"") + (in.gate.complete ? "\">Lengkap" : "bad\">Belum lengkap") + "</p>\n";
    if (in.gate.rules.declared) {
        h += "<p>Aturan kelengkapan paket kriteria (" + html_escape(in.gate.rules.basis == "assumed" ? "asumsi" : "dikonfirmasi") +
             "): " + html_escape(in.gate.rules.source) + "</p>\n";
    }
    if (!in.gate.reasons.empty()) {
        h += "<ul>\n";
        for (const GateReason& r : in.gate.reasons) h += "<li>" + html_escape(r.id) + "</li>\n";
        h += "</ul>\n";
    }
    h += "<h2>Data dukung</h2>\n<table>\n<thead><tr><th>No</th><th>Hak</th><th>Indikator</th><th>Data dukung</th>"
         "<th>Penandatangan</th><th>Wajib</th><th>Status</th><th>Berkas</th><th>Ukuran</th><th>SHA-256</th></tr></thead>\n<tbody>\n";
    std::size_t n = 0;
    for (const Row& r : rows_of(in)) {
        const bool bad = r.status != "ada" && r.status != "ada (nama lain, isi sama)";
        h += "<tr><td>" + std::to_string(++n) + "</td><td>" + html_escape(r.right) + "</td><td>" + html_escape(r.indicator) + " (" +
             html_escape(r.type) + ")</td><td>" + html_escape(r.document) + " <small>[" + html_escape(r.evidence) + "]</small></td><td>" +
             html_escape(r.signer) + "</td><td>" + html_escape(r.required) + "</td><td" + (bad ? " class=\"bad\"" : "") + ">" +
             html_escape(r.status) + "</td><td>" + html_escape(r.path.empty() ? r.original : r.path) + "</td><td>" + html_escape(r.size) +
             "</td><td class=\"h\">" + html_escape(r.sha256) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n</body>\n</html>\n";
    return h;
}

}  // namespace kkpham
