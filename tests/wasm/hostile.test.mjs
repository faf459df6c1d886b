// The hostile input catalogue (tests/hostile/cases.json, docs/hostile-inputs.md) through the
// WebAssembly engine the browser uses, via its one facade (engine/kkpham-api.js in the built app).
//
// Each file is given to the same entry point the app uses — loadPack for a pack, score for an
// answers file (against the reference pack), importCsv for the CSV form — and must be refused
// with the same code and messages as the native CLI (or accepted, with any markup returned as
// the same text). After every case the engines must still work: the reference pack is still the
// loaded one and scores a full-marks file to 100, and a good CSV form still imports. With
// exceptions off, an abort would kill the wasm instance for good, so this is what "the browser
// keeps its state" rests on.
//
// A JS string can carry only well-formed UTF-8 to the engine; for the few pack and answers files
// that are not UTF-8 the text is decoded as the app reads them (Blob.text(): bad bytes become
// U+FFFD) and the case's "browser" outcome is checked instead. A CSV form goes as its bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newEngine, SOURCE_DIR } from './lib.mjs';
import { HOSTILE_DIR, REFERENCE_PACK, caseBytes, collectStrings, engineText, isUtf8, readCases } from '../hostile/catalogue.mjs';

const cases = readCases();
const referenceText = fs.readFileSync(path.join(SOURCE_DIR, REFERENCE_PACK), 'utf8');
const goodCsv = fs.readFileSync(path.join(HOSTILE_DIR, 'inputs', 'csv-semicolon.csv'), 'utf8');

let engine;     // holds the reference pack: packs and answers files go here, as in the app
let csvEngine;  // no pack loaded, as `kkpham criteria import-csv` without --base
let sha256;
let fullMarks;  // an answers file that scores 100 with the reference pack

before(async () => {
  engine = await newEngine();
  const loaded = engine.loadPack(referenceText);
  assert.equal(loaded.ok, true, JSON.stringify(loaded.errors));
  sha256 = loaded.pack.sha256;
  fullMarks = JSON.stringify(engine.makeTemplate({ fill: 'max' }).answers);
  csvEngine = await newEngine();
});
after(() => {
  engine?.dispose();
  csvEngine?.dispose();
});

function call(c, text) {
  switch (c.file_kind) {
    case 'pack': return engine.loadPackRaw(text);
    case 'answers': return engine.scoreRaw(text);
    case 'csv': return csvEngine.importCsvRaw(text, {});
    default: throw new Error(`${c.id}: file_kind ${c.file_kind}`);
  }
}

function stillWorks() {
  assert.ok(engine.usable && csvEngine.usable, 'an engine was poisoned (its wasm instance aborted)');
  assert.equal(engine.packSummary().sha256, sha256, 'the reference pack is no longer the loaded one');
  const scored = engine.score(fullMarks);
  assert.equal(scored.ok, true, JSON.stringify(scored.errors));
  assert.equal(scored.total, 100);
  const imported = csvEngine.importCsv(goodCsv);
  assert.equal(imported.ok, true, JSON.stringify(imported.errors));
}

test('the wasm engine runs the whole catalogue (at least 40 cases, every file kind)', () => {
  assert.ok(cases.length >= 40);
  for (const kind of ['pack', 'answers', 'csv']) assert.ok(cases.some((c) => c.file_kind === kind), kind);
});

for (const c of cases) {
  test(`hostile ${c.file_kind} ${c.id} in the wasm engine`, () => {
    const bytes = caseBytes(c, c.file_kind === 'answers' ? sha256 : null);
    // The app hands a CSV form's bytes to the engine as read (importCsvBytes: the engine decides
    // the encoding); packs and answers files go as text.
    const exact = isUtf8(bytes) || c.file_kind === 'csv';
    if (!exact) assert.ok(c.browser, `${c.id} is not UTF-8: cases.json needs its "browser" outcome`);
    const code = exact ? c.expect.code : c.browser.code;
    const raw = c.file_kind === 'csv' ? csvEngine.importCsvBytesRaw(bytes, {}) : call(c, engineText(bytes));
    const doc = JSON.parse(raw);
    assert.equal(doc.ok, code === null, `ok; first error: ${JSON.stringify(doc.errors?.[0])}`);
    if (code !== null) {
      const first = doc.errors[0];
      assert.equal(first.code, code);
      assert.ok(first.message.id.trim() && first.message.en.trim(), 'both messages are non-empty');
      if (exact) {
        assert.equal(first.message.id, c.expect.message_id);
        assert.equal(first.message.en, c.expect.message_en);
      }
    } else if (exact) {
      const strings = collectStrings(doc);
      for (const s of c.expect.output_strings ?? []) {
        assert.ok(strings.some((v) => v.includes(s)), `${JSON.stringify(s)} is not in the JSON output`);
      }
      assert.doesNotMatch(raw, /&lt;|&gt;|&amp;/, 'text was HTML-escaped');
    }
    // An accepted pack replaces the loaded one, as in the app; put the reference pack back.
    if (c.file_kind === 'pack' && doc.ok) assert.equal(engine.loadPack(referenceText).ok, true);
    stillWorks();
  });
}
