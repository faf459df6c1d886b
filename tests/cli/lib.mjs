// Shared helpers of the native CLI tests: running kkpham, making answers files, reading CSV and
// checking terminal text. (Not a test file: node --test runs only *.test.mjs.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCsv } from '../lib/csv.mjs';

export const root = process.env.KKPHAM_SOURCE_DIR ?? resolve(import.meta.dirname, '../..');
export const cli = resolve(process.env.KKPHAM_CLI ?? join(root, 'build/native/tools/kkpham/kkpham'));
export const referencePack = join(root, 'criteria/kkpham-22-2021.json');
export const criteriaDir = join(root, 'criteria');

export function workDir(prefix) {
  return mkdtempSync(join(tmpdir(), `kkpham-${prefix}-`));
}

/** Runs kkpham; output as UTF-8 text unless `encoding: 'buffer'`. A kill (crash, timeout) fails. */
export function run(args, options = {}) {
  const r = spawnSync(cli, args, {
    encoding: 'utf8', maxBuffer: 1 << 28, timeout: 60_000,
    env: { ...process.env, KKPHAM_CRITERIA_DIR: criteriaDir }, ...options,
  });
  if (r.error && r.error.code !== 'ETIMEDOUT') throw r.error;
  assert.equal(r.signal, null, `kkpham ${args.join(' ')} was killed by ${r.signal}`);
  return r;
}

export function template(fill, extra = [], pack = referencePack) {
  const r = run(['template', pack, '--fill', fill, ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

export function writeIn(dir, name, content) {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  return path;
}

export function packSha(pack) {
  const r = run(['validate', '--format', 'json', pack]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).pack.sha256;
}

export { parseCsv };

/** Every row has as many cells as the header; no cell could start a spreadsheet formula. */
export function assertSafeCsv(text) {
  const rows = parseCsv(text);
  assert.ok(rows.length >= 2, `a header and at least one row:\n${text}`);
  for (const [k, r] of rows.entries()) {
    assert.equal(r.length, rows[0].length, `row ${k} has ${r.length} cells, the header ${rows[0].length}`);
    for (const cell of r) {
      const number = /^-?\d+(\.\d+)?$/.test(cell);
      assert.ok(number || !/^[=+\-@\t\r]/.test(cell), `row ${k}: the cell ${JSON.stringify(cell)} starts a formula`);
      assert.ok(!cell.includes('\0'), `row ${k}: a NUL in ${JSON.stringify(cell)}`);
    }
  }
  return rows;
}

// C0 controls other than LF (and TAB, FF where allowed), DEL, C1, bidi marks/overrides/isolates.
const UNSAFE = /[\u0000-\u0008\u000b\u000d-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_FF = /[\u0000-\u0008\u000b\u000c\u000d-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** No raw control or bidi character, and only well-formed UTF-8, in what the CLI printed. */
export function assertSafeTerminal(buffer, what, { formFeed = false } = {}) {
  const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    assert.fail(`${what}: not well-formed UTF-8`);
  }
  const m = (formFeed ? UNSAFE : UNSAFE_FF).exec(text);
  assert.equal(m, null, `${what}: raw U+${m?.[0].codePointAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 10))}`);
  return text;
}
