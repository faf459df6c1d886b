// The CSV form's bytes in every encoding the engine reads (UTF-8 with and without BOM, UTF-16 LE/BE,
// Windows-1252) and the ones it refuses, through the facade's bytes entry (importCsvBytes, what the
// browser now calls with the file as read) and through the native CLI (kkpham criteria import-csv):
// the same bytes give the same pack (same SHA-256, same document) or the same refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIVE_CLI, SOURCE_DIR, newEngine, run } from './lib.mjs';

const INPUTS = path.join(SOURCE_DIR, 'tests', 'hostile', 'inputs');
const CASES = [
  { file: 'csv-semicolon.csv', encoding: 'utf-8' },
  { file: 'csv-bom.csv', encoding: 'utf-8' },
  { file: 'csv-utf16.csv', encoding: 'utf-16le' },
  { file: 'csv-utf16le-no-bom.csv', encoding: 'utf-16le' },
  { file: 'csv-utf16be.csv', encoding: 'utf-16be' },
  { file: 'csv-invalid-utf8.csv', encoding: 'windows-1252' },
  { file: 'csv-windows-1252-punctuation.csv', encoding: 'windows-1252' },
  { file: 'csv-mixed-encodings.csv', code: 'csv.encoding' },
  { file: 'csv-undefined-1252-byte.csv', code: 'csv.encoding' },
];
let engine;
let work;

before(async () => {
  engine = await newEngine();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-csv-encoding-'));
});
after(() => {
  engine?.dispose();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('importCsvBytes reads every encoding to the same text the UTF-8 twin gives', () => {
  const utf8 = engine.importCsvBytes(fs.readFileSync(path.join(INPUTS, 'csv-semicolon.csv')));
  assert.equal(utf8.ok, true, JSON.stringify(utf8.errors));
  // The UTF-16 files hold the same form as csv-semicolon.csv (csv-utf16be.csv has one text changed).
  for (const file of ['csv-utf16.csv', 'csv-utf16le-no-bom.csv']) {
    const r = engine.importCsvBytes(fs.readFileSync(path.join(INPUTS, file)));
    assert.equal(r.ok, true, `${file}: ${JSON.stringify(r.errors)}`);
    assert.equal(r.sha256, utf8.sha256, file);
  }
  const be = engine.importCsvBytes(fs.readFileSync(path.join(INPUTS, 'csv-utf16be.csv')));
  assert.equal(be.pack.indicators.find((i) => i.id === 'R2-H1').text.id, 'Angka kematian ibu (‰)');
  // An ArrayBuffer works too (a Node Buffer may be a view into a larger pool: cut out its bytes).
  const b = fs.readFileSync(path.join(INPUTS, 'csv-windows-1252-punctuation.csv'));
  const cp = engine.importCsvBytes(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  assert.equal(cp.ok, true, JSON.stringify(cp.errors));
  assert.equal(cp.encoding, 'windows-1252');
  assert.equal(cp.pack.indicators.find((i) => i.id === 'R1-S1').text.id, 'Ada Perda „bantuan hukum“ ’24 (biaya € 5, café)');
  assert.ok(cp.warnings.some((w) => w.code === 'csv.encoding_read' && w.message.id.includes('Windows-1252')));
  // A JS string goes in as UTF-8: importCsv(text) and importCsvBytes(its UTF-8 bytes) agree byte for byte.
  const text = fs.readFileSync(path.join(INPUTS, 'csv-semicolon.csv'), 'utf8');
  assert.equal(engine.importCsvRaw(text, {}), engine.importCsvBytesRaw(new TextEncoder().encode(text), {}));
  assert.throws(() => engine.importCsvBytes('text'), TypeError);
});

for (const c of CASES) {
  test(`${c.file}: the same bytes give the same ${c.code ? 'refusal' : 'pack'} natively and in wasm`, { skip: !NATIVE_CLI && 'KKPHAM_NATIVE_CLI is not set' }, async () => {
    const bytes = fs.readFileSync(path.join(INPUTS, c.file));
    const wasm = JSON.parse(engine.importCsvBytesRaw(bytes, {}));
    const file = path.join(work, c.file);
    fs.writeFileSync(file, bytes);
    const native = await run(NATIVE_CLI, ['criteria', 'import-csv', file]);
    if (c.code) {
      assert.equal(wasm.ok, false);
      assert.equal(wasm.errors[0].code, c.code);
      assert.equal(native.code, 1);
      assert.equal(native.stdout, '');
      assert.ok(native.stderr.includes(c.code), native.stderr);
      assert.ok(native.stderr.includes(wasm.errors[0].message.id), `the same message natively:\n${native.stderr}`);
      return;
    }
    assert.equal(wasm.ok, true, JSON.stringify(wasm.errors));
    assert.equal(wasm.encoding, c.encoding);
    assert.equal(native.code, 0, native.stderr);
    assert.deepEqual(JSON.parse(native.stdout), wasm.pack);
    assert.match(native.stderr, new RegExp(`sha256 ${wasm.sha256}`));
    if (c.encoding !== 'utf-8') assert.match(native.stderr, /dibaca sebagai \/ read as (Windows-1252|UTF-16 [LB]E)/);
  });
}
