// The CLI's own hostile cases (tests/hostile/cli-cases.json): what only the native command line
// reads or writes — endless and oversized inputs of every kind, effort files, answers files
// without --pack, command-line values, -o targets, CSV and terminal output. The engine cases
// (cases.json) are shared with the wasm engine; these are not. Used by tests/cli/hostile-cli.test.mjs
// and tests/hostile/make-doc.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { GENERATORS, HOSTILE_DIR, REFERENCE_PACK } from './catalogue.mjs';

export const CLI_CASES_PATH = path.join(HOSTILE_DIR, 'cli-cases.json');
export const ROUNDING_PACK = 'tests/fixtures/rounding-pack.json';

const validAnswers = () => fs.readFileSync(path.join(HOSTILE_DIR, 'inputs', 'answers-valid.json'), 'utf8');

export const CLI_GENERATORS = {
  'huge-answers-100mb': GENERATORS['huge-answers-100mb'],
  'effort-deep-1e5': {
    description: 'an effort file of 100,000 nested objects {"a":{"a":...}} (600 kB)',
    make: () => Buffer.from('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)),
  },
  'effort-2mb': {
    description: 'a well-formed effort file padded with spaces to 2 MB',
    make: () => {
      const buf = Buffer.alloc(2 * 1024 * 1024, 0x20);
      buf.write('{"BANKUM-S1": 2}');
      return buf;
    },
  },
  'answers-8mb-empty-objects': {
    description: 'an answers file naming its pack, then 2.8 million empty objects {} up to just under 8 MB',
    make: () => {
      const head = '{"format":"kkpham-answers","pack":{"id":"kkpham-22-2021"},"x":[';
      const count = Math.floor((8 * 1024 * 1024 - head.length - 2) / 3);
      return Buffer.from(`${head}${'{},'.repeat(count - 1)}{}]}`);
    },
  },
  'pack-16mb-empty-objects': {
    description: 'a pack-shaped file of 5.6 million empty objects {} up to just under 16 MB',
    make: () => {
      const head = '{"format":"kkpham-pack","x":[';
      const count = Math.floor((16 * 1024 * 1024 - head.length - 2) / 3);
      return Buffer.from(`${head}${'{},'.repeat(count - 1)}{}]}`);
    },
  },
  'answers-utf16le-no-bom': {
    description: 'the valid answers file saved as UTF-16LE without a byte order mark',
    make: () => Buffer.from(validAnswers(), 'utf16le'),
  },
  'answers-windows-1252': {
    description: 'the valid answers file with "Café" saved as Windows-1252 (byte E9)',
    make: () => Buffer.from(validAnswers().replace('Kabupaten Uji', 'Kabupaten Caf\u00e9'), 'latin1'),
  },
};

export function readCliCases() {
  return JSON.parse(fs.readFileSync(CLI_CASES_PATH, 'utf8')).cases;
}

/** The bytes of a case's input; "@pack" and "@rounding-pack" replaced by those packs' SHA-256. */
export function cliCaseBytes(c, shas) {
  let buf;
  if (c.input !== undefined) buf = fs.readFileSync(path.join(HOSTILE_DIR, c.input));
  else if (CLI_GENERATORS[c.generator]) buf = CLI_GENERATORS[c.generator].make();
  else throw new Error(`${c.id}: no input`);
  const text = buf.toString('latin1');
  if (text.includes('@pack') || text.includes('@rounding-pack')) {
    buf = Buffer.from(text.replaceAll('@rounding-pack', shas.rounding).replaceAll('@pack', shas.reference), 'latin1');
  }
  return buf;
}

/** How the case's input is described in the doc: {path} for a file or device, else {text}. */
export function cliInput(c) {
  if (c.device || c.input) return { path: c.device ?? c.input };
  if (c.generator) return { text: `generated: ${CLI_GENERATORS[c.generator]?.description ?? c.generator}` };
  return { text: 'no file' };
}

// An argument as the doc shows it: anything but printable ASCII as a \uXXXX escape.
const shownArg = (a) => a.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.codePointAt(0).toString(16).padStart(4, '0')}`);

/** The command line of a case as the doc shows it. */
export function cliCommandText(c) {
  const shown = {
    '@reference': REFERENCE_PACK, '@answers': 'answers.json', '@input': c.device ?? 'FILE', '@out': 'OUT', '@csvform': 'form.csv',
  };
  return ['kkpham', ...c.args.map((a) => shown[a] ?? shownArg(a))].join(' ');
}
