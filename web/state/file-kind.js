// What a chosen file is, told from its first bytes and a look at its text before any JSON
// parsing: a PDF, a Word or Excel file, an image, an empty file, a CSV where JSON is expected,
// a pack where answers are expected (and the other way round), kkpham's own score CSV.
// Pure (no DOM, no state): every file input of the app asks it first (Start: answers, pack,
// CSV form; Compare; Year over year), so a wrong file gets its kind named, not a parser error.
// Loaded on demand (import()) — the first screen does not need it.

import { tIn } from '../ui/i18n.js';
import './plain-path.js'; // the messages of the files checked name fields in plain words

// How many bytes are looked at: enough for a ZIP's first entry names and a JSON's first keys.
const HEAD = 64 * 1024;

// The largest file each input reads: the CLI's limits (tools/kkpham/cli_io.cpp, input_limit),
// 1 MB for a migration's mapping, 32 MB for an Excel workbook (a filled kkpham workbook or the
// official form is well under 1 MB). A larger file is refused before it is read, so a wrong huge
// file (a video, a disk image) never fills the page's memory.
const MB = 1024 * 1024;
export const MAX_BYTES = { answers: 8 * MB, pack: 16 * MB, 'csv-form': 8 * MB, mapping: 1 * MB, workbook: 32 * MB };

// null when the file is not larger than `expected` takes, else tooLargeDiag.
export function tooLarge(file, expected) {
  return file.size > MAX_BYTES[expected] ? tooLargeDiag(file, expected) : null;
}

// A file too large for the input expecting it, as a message for people (sizes in whole MB, as
// the language writes numbers).
export function tooLargeDiag(file, expected) {
  const mb = (lang, n) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 0 }).format(Math.ceil(n / MB));
  return {
    code: 'file.too_large',
    path: '',
    message: (lang) => tIn(lang, 'file.tooLarge', { file: file.name, size: mb(lang, file.size), limit: mb(lang, MAX_BYTES[expected]) }),
  };
}

const startsWith = (b, sig) => sig.every((x, i) => b[i] === x);

// Names of the entries of a ZIP archive seen in its first bytes (local file headers).
function zipNames(b) {
  const names = [];
  let i = 0;
  while (i + 30 <= b.length && names.length < 40) {
    if (!(b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x03 && b[i + 3] === 0x04)) break;
    const flags = b[i + 6] | (b[i + 7] << 8);
    const csize = (b[i + 18] | (b[i + 19] << 8) | (b[i + 20] << 16) | (b[i + 21] << 24)) >>> 0;
    const nlen = b[i + 26] | (b[i + 27] << 8);
    const xlen = b[i + 28] | (b[i + 29] << 8);
    if (i + 30 + nlen > b.length) break;
    names.push(String.fromCharCode(...b.subarray(i + 30, i + 30 + nlen)));
    if (flags & 0x08) break; // size known only after the data: stop here
    i += 30 + nlen + xlen + csize;
  }
  return names;
}

function zipKind(b) {
  const names = zipNames(b);
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  // Office files whose first entry is [Content_Types].xml name their parts further on.
  if (names.includes('[Content_Types].xml')) return 'office';
  return 'zip';
}

// The first line of a CSV text, lower case, without a byte order mark.
function firstLine(text) {
  const end = text.search(/\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, '').trim().toLowerCase();
}

function csvKind(line) {
  const cells = line.split(/[;,\t]/).map((c) => c.replace(/^"|"$/g, '').trim());
  if (cells.includes('indicator_id') && cells.includes('answer_kind')) return 'csv-form';
  // kkpham's score tables: the app's (Indonesian or English headers) and the CLI's.
  const app = ['tingkat', 'kode', 'nama'].every((c, i) => cells[i] === c) || ['level', 'id', 'name'].every((c, i) => cells[i] === c);
  const cli = cells[0] === 'file' && cells.includes('total') && cells.includes('pack_sha256');
  if (app || cli) return 'score-csv';
  return cells.length > 1 ? 'csv' : null;
}

// JSON documents: which kkpham file it is, from its "format" (or a pack's shape).
function jsonKind(text) {
  let obj;
  try {
    obj = JSON.parse(text);
  } catch {
    // The head of a large file may stop mid-document: look at the first keys instead.
    const fmt = /"format"\s*:\s*"([^"]{0,40})"/.exec(text.slice(0, 4096))?.[1];
    if (fmt) return fmtKind(fmt);
    if (/"indicators"\s*:/.test(text) && /"rights"\s*:/.test(text)) return 'pack';
    return 'json';
  }
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    if (typeof obj.format === 'string') return fmtKind(obj.format);
    if (Array.isArray(obj.indicators) && Array.isArray(obj.rights)) return 'pack';
  }
  return 'json';
}

function fmtKind(fmt) {
  if (fmt === 'kkpham-answers') return 'answers';
  if (fmt === 'kkpham-pack') return 'pack';
  if (fmt.startsWith('kkpham-')) return 'kkpham-other';
  return 'json';
}

// The kind of a file from its first bytes (Uint8Array) and whether that is all of it.
// → 'empty' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'office' | 'zip' | 'ole' | 'png' | 'jpeg' | 'gif'
//   | 'utf16' | 'binary' | 'answers' | 'pack' | 'kkpham-other' | 'json' | 'csv-form'
//   | 'score-csv' | 'csv' | 'text'
export function kindOfBytes(b, complete = true) {
  if (b.length === 0 || (complete && b.every((x) => x === 0x20 || x === 0x0a || x === 0x0d || x === 0x09))) return 'empty';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf'; // %PDF
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return zipKind(b);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole'; // .doc / .xls of Office 97–2003
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'gif'; // GIF8
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return 'utf16';
  // UTF-16 without a byte order mark: every other byte is zero in ASCII text.
  const probe = b.subarray(0, 512);
  let zeros = 0;
  for (const x of probe) if (x === 0) zeros += 1;
  if (zeros > probe.length / 4) return probe.length > 1 && (probe[0] === 0 || probe[1] === 0) ? 'utf16' : 'binary';
  if (zeros > 0) return 'binary';
  const text = new TextDecoder('utf-8').decode(b).replace(/^\uFEFF/, '');
  const lead = text.trimStart()[0];
  if (lead === '{' || lead === '[') return jsonKind(text);
  return csvKind(firstLine(text)) ?? 'text';
}

// The kind of a File (or Blob): reads only its first bytes.
export async function kindOfFile(file) {
  const buf = new Uint8Array(await file.slice(0, HEAD).arrayBuffer());
  return kindOfBytes(buf, file.size <= HEAD);
}

// What each input expects, and the kinds it takes as they are (anything else is refused with
// its kind named). 'json' and 'text' are left to the reader's own checks (a broken answers file
// is named with its line and column by the engine).
const ACCEPTS = {
  answers: new Set(['answers', 'json', 'text']),
  pack: new Set(['pack', 'json', 'text']),
  'csv-form': new Set(['csv-form', 'csv', 'text', 'utf16']), // the engine reads UTF-16 (and Windows-1252) forms
  mapping: new Set(['json', 'text']), // a migration's {"old id": "new id"} map
};

// null when the file may be what the input expects, else the kind to name in the message
// (messages: i18n 'file.kind.<kind>' says what the file is, 'file.instead.<expected>' which
// file to choose).
export function wrongKind(kind, expected) {
  return ACCEPTS[expected]?.has(kind) ? null : kind;
}

// A wrong file as a message for people: what the file is and which file to choose instead.
// Its message is a function of the language, so ui/widgets.js shows it in the UI language with
// the other one a click away (diagItem); `code` names the kind for the technical detail.
export function wrongFileDiag(kind, expected, name) {
  // Where a file of another kind goes (on Start); not beside the mapping input, which sits next to
  // the migration's own answers input.
  const hint = ['pack', 'answers', 'csv-form'].includes(kind) && kind !== expected && expected !== 'mapping' ? `file.hint.${kind}` : null;
  return {
    code: `file.${kind}`,
    message: (lang) => [
      tIn(lang, 'file.is', { file: name, what: tIn(lang, `file.what.${kind}`) }),
      hint ? tIn(lang, hint) : null,
      tIn(lang, `file.instead.${expected}`),
    ].filter(Boolean).join(' '),
  };
}

// Looks at a chosen file before it is parsed: null when it may be what the input expects
// ('answers' | 'pack' | 'csv-form' | 'mapping'), else a diagnostic naming its kind, or saying that
// it is too large to read (the kind first: "this is a PDF" helps more than its size).
export async function checkFile(file, expected) {
  let kind;
  try {
    kind = await kindOfFile(file);
  } catch {
    return { code: 'file.unreadable', message: (lang) => tIn(lang, 'file.unreadable', { file: file.name }) };
  }
  if (wrongKind(kind, expected)) return wrongFileDiag(kind, expected, file.name);
  return tooLarge(file, expected);
}
