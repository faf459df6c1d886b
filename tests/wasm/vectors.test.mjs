// The shared test vectors (tests/vectors/, format in tests/vectors/README.md), run through the
// WebAssembly build via the JS facade. tests/native/vectors_test.cpp runs the same files
// natively and as wasm under node; the rules here mirror it:
//   "expected"        a part of score()'s output: every key given must match;
//   "expected_error"  score() fails and its first error has this code (and path), with a
//                     message in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  readVectors, readVectorIndex, answersTextFor, newEngine, subsetMismatch, VECTORS_DIR,
} from './lib.mjs';

const vectors = readVectors();

test('tests/vectors/index.json lists the vectors, and every vector file is listed', () => {
  assert.ok(vectors.length > 0, `no vector listed in ${VECTORS_DIR}/index.json: nothing would be checked`);
  const listed = new Set(readVectorIndex());
  const files = fs.readdirSync(VECTORS_DIR).filter((f) => f.endsWith('.json') && f !== 'index.json');
  for (const f of files) assert.ok(listed.has(f.replace(/\.json$/, '')), `${f} is not in index.json`);
  assert.equal(listed.size, vectors.length, 'a name is listed twice');
});

for (const v of vectors) {
  test(`vector ${v.name}`, async () => {
    assert.ok(v.packText !== null, `${v.file}: "pack" (a path) is required`);
    const hasExpected = v.raw.expected !== undefined;
    const expectedError = v.raw.expected_error;
    assert.ok(hasExpected !== (expectedError !== undefined), `${v.file}: give "expected" or "expected_error"`);

    const engine = await newEngine();
    try {
      const loaded = engine.loadPack(v.packText);
      assert.equal(loaded.ok, true, `pack ${v.raw.pack} did not load: ${JSON.stringify(loaded.errors)}`);
      const answers = answersTextFor(v, engine, loaded.pack.sha256);
      const raw = engine.scoreRaw(answers);
      const output = JSON.parse(raw);

      if (expectedError) {
        assert.equal(output.ok, false, `expected error ${expectedError.code}, got ok: ${raw.slice(0, 300)}`);
        const first = output.errors?.[0];
        assert.equal(first?.code, expectedError.code, `first error: ${JSON.stringify(first)}`);
        if ('path' in expectedError) assert.equal(first.path, expectedError.path);
        assert.ok(first.message?.id, 'an Indonesian message');
        assert.ok(first.message?.en, 'an English message');
        return;
      }
      assert.equal(output.ok, true, `scoring failed: ${raw.slice(0, 600)}`);
      const m = subsetMismatch(v.raw.expected, output);
      assert.equal(m, null, m ?? '');
    } finally {
      engine.dispose();
    }
  });
}
