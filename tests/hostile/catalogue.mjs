// The hostile input catalogue (tests/hostile/cases.json): reading it, the generators of the inputs
// too big to commit, and how each file kind is given to the native CLI. Shared by
// tests/cli/hostile.test.mjs, tests/wasm/hostile.test.mjs and tests/hostile/make-doc.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOSTILE_DIR = path.dirname(fileURLToPath(import.meta.url));
const MB = 1024 * 1024;

function small(name) {
  return fs.readFileSync(path.join(HOSTILE_DIR, 'inputs', name), 'utf8');
}
const validPack = () => JSON.parse(small('pack-valid.json'));
const validAnswers = () => JSON.parse(small('answers-valid.json'));
const validCsv = () => small('csv-semicolon.csv');

// A JSON value padded with spaces to `bytes` in total: still well-formed, only too big.
function padJson(text, bytes) {
  const buf = Buffer.alloc(bytes, 0x20);
  buf.write(text, 0, 'utf8');
  return buf;
}

export const GENERATORS = {
  'deep-array-1e6': {
    description: '10^6 nested arrays: "[" x 1,000,000 then "]" x 1,000,000 (2 MB)',
    make: () => Buffer.from('['.repeat(1_000_000) + ']'.repeat(1_000_000)),
  },
  'deep-object-1e6': {
    description: '10^6 nested objects {"a":{"a":...}} (6 MB)',
    make: () => Buffer.from('{"a":'.repeat(1_000_000) + '1' + '}'.repeat(1_000_000)),
  },
  'huge-pack-100mb': {
    description: 'a valid pack followed by spaces up to 100 MB',
    make: () => padJson(JSON.stringify(validPack()), 100 * MB),
  },
  'huge-answers-100mb': {
    description: 'a valid answers file followed by spaces up to 100 MB',
    make: () => padJson(JSON.stringify(validAnswers()), 100 * MB),
  },
  'huge-csv-100mb': {
    description: 'the valid CSV form with its data row repeated up to 100 MB',
    make: () => {
      const lines = validCsv().split(/\r?\n/).filter((l) => l !== '');
      const row = lines[1] + '\n';
      const count = Math.ceil((100 * MB) / Buffer.byteLength(row));
      return Buffer.from(lines[0] + '\n' + row.repeat(count));
    },
  },
  'pack-16mb-empty-objects': {
    description: 'a pack-shaped file of 5.6 million empty objects {} up to just under 16 MB',
    make: () => {
      const head = '{"format":"kkpham-pack","x":[';
      const count = Math.floor((16 * MB - head.length - 2) / 3);
      return Buffer.from(`${head}${'{},'.repeat(count - 1)}{}]}`);
    },
  },
  'pack-long-title-1mb': {
    description: 'the valid pack with a 1 MB title',
    make: () => {
      const p = validPack();
      p.title.id = 'a'.repeat(MB);
      return Buffer.from(JSON.stringify(p));
    },
  },
  'pack-6000-indicators': {
    description: 'the valid pack with 6,000 indicators (the limit is 5,000)',
    make: () => {
      const p = validPack();
      const first = p.indicators[0];
      p.indicators = Array.from({ length: 6000 }, (_, i) => ({ ...first, id: `R1-X${i}` }));
      return Buffer.from(JSON.stringify(p));
    },
  },
  'pack-huge-array': {
    description: 'the valid pack with an unknown field holding an array of 10^6 numbers',
    make: () => {
      const p = validPack();
      return Buffer.from(JSON.stringify(p).replace(/^\{/, `{"extra":[${new Array(1_000_000).fill(0).join(',')}],`));
    },
  },
  'answers-long-note-1mb': {
    description: 'the valid answers file with a 1 MB note (the limit is 20,000 bytes)',
    make: () => {
      const a = validAnswers();
      a.answers['BANKUM-S1'].note = 'x'.repeat(MB);
      return Buffer.from(JSON.stringify(a));
    },
  },
  'answers-huge-evidence-array': {
    description: 'the valid answers file with 100,000 evidence items on one indicator (3 MB)',
    make: () => {
      const a = JSON.stringify(validAnswers());
      const arr = `[${Array.from({ length: 100_000 }, (_, i) => `{"id":"e${i}","status":"missing"}`).join(',')}]`;
      return Buffer.from(a.replace('"BANKUM-S1":{', `"BANKUM-S1":{"evidence":${arr},`));
    },
  },
  'answers-many-unknown-ids': {
    description: 'the valid answers file with 100,000 answers for indicators the pack does not have',
    make: () => {
      const a = validAnswers();
      for (let i = 0; i < 100_000; i++) a.answers[`TIDAK-ADA-${i}`] = { value: true };
      return Buffer.from(JSON.stringify(a));
    },
  },
  'csv-long-field-1mb': {
    description: 'the valid CSV form with a 1 MB indicator text',
    make: () => {
      const lines = validCsv().split(/\r?\n/).filter((l) => l !== '');
      const header = lines[0].split(';');
      const cells = lines[1].split(';');
      cells[header.indexOf('text')] = 'x'.repeat(MB);
      return Buffer.from([lines[0], cells.join(';'), ...lines.slice(2)].join('\n') + '\n');
    },
  },
  'csv-6000-rows': {
    description: 'a CSV form with 6,000 indicator rows (the limit is 5,000)',
    make: () => {
      const lines = validCsv().split(/\r?\n/).filter((l) => l !== '');
      const header = lines[0].split(';');
      const cells = lines[1].split(';');
      const at = header.indexOf('indicator_id');
      const rows = Array.from({ length: 6000 }, (_, i) => {
        const c = [...cells];
        c[at] = `R1-X${i}`;
        return c.join(';');
      });
      return Buffer.from([lines[0], ...rows].join('\n') + '\n');
    },
  },
};

/** The bytes of a case: its input file, or its generator's output; "@pack" replaced by `sha256`. */
export function caseBytes(c, sha256) {
  let buf;
  if (c.input !== undefined) buf = fs.readFileSync(path.join(HOSTILE_DIR, c.input));
  else if (GENERATORS[c.generator]) buf = GENERATORS[c.generator].make();
  else throw new Error(`${c.id}: unknown generator ${c.generator}`);
  if (sha256 && buf.includes('@pack')) buf = Buffer.from(buf.toString('latin1').replaceAll('@pack', sha256), 'latin1');
  return buf;
}

export function readCases() {
  return JSON.parse(fs.readFileSync(path.join(HOSTILE_DIR, 'cases.json'), 'utf8')).cases;
}

/** The reference pack that answers cases are scored with (repository-relative). */
export const REFERENCE_PACK = 'criteria/kkpham-22-2021.json';

/**
 * The native CLI command for a case's file: `validate` for packs, `score --pack <reference>` for
 * answers, `criteria import-csv` for the CSV form. json: the JSON output (validate, score only).
 */
export function cliArgs(c, file, root, { json = false } = {}) {
  switch (c.file_kind) {
    case 'pack': return ['validate', ...(json ? ['--format', 'json'] : []), file];
    case 'answers': return ['score', '--pack', path.join(root, REFERENCE_PACK), ...(json ? ['--format', 'json'] : []), file];
    case 'csv': return ['criteria', 'import-csv', file];
    default: throw new Error(`${c.id}: unknown file_kind ${c.file_kind}`);
  }
}

export const fileExtension = (c) => (c.file_kind === 'csv' ? '.csv' : '.json');

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first error the CLI printed for `file` on stderr:
 *   FILE: CODE[ at PATH]\n    [id] MESSAGE\n    [en] MESSAGE
 * Returns {code, path, id, en} or null.
 */
export function firstCliError(stderr, file) {
  const re = new RegExp(`^${escapeRegExp(file)}: (\\S+)(?: at ([^\\n]*))?\\n {4}\\[id\\] ([^\\n]*)\\n {4}\\[en\\] ([^\\n]*)$`, 'm');
  const m = re.exec(stderr);
  return m ? { code: m[1], path: m[2] ?? '', id: m[3], en: m[4] } : null;
}

/** Every string value (and key) in a parsed JSON document. */
export function collectStrings(value, into = []) {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      collectStrings(v, into);
    }
  }
  return into;
}

/** True when `buf` is well-formed UTF-8 (then a JS string carries it to the engine byte for byte). */
export function isUtf8(buf) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** The text the engine gets for `buf`: exact when it is UTF-8 (a BOM kept), else as Blob.text() reads it. */
export function engineText(buf) {
  return isUtf8(buf) ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf) : new TextDecoder().decode(buf);
}
