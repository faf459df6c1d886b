// The shared test vectors (tests/vectors/*.json), run through the WebAssembly build via the
// JS facade — the same vectors the C++ doctest suite runs natively and under node.
//
// A vector: {"pack": "<path from the repo root>",
//            "answers": {...} | "answers_file": "<path>",
//            "expected": {...}}
// "expected" is read as:
//   {"error": "<code>"} (or "error_code")  the pack load or the scoring fails with that code;
//   {"ok": ..., ...}                        a subset of the whole output of score();
//   anything else                           a subset of output.result (the score succeeds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVectors, newEngine, subsetMismatch, VECTORS_DIR } from './lib.mjs';

const vectors = readVectors();

test('tests/vectors/ holds vectors', () => {
  assert.ok(vectors.length > 0, `no *.json vector in ${VECTORS_DIR}: nothing would be checked`);
});

function errorCodes(output) {
  return (output?.errors ?? []).map((e) => e?.code);
}

for (const v of vectors) {
  test(`vector ${v.name}`, async () => {
    assert.ok(v.packText !== null, `${v.file}: "pack" (a path) is required`);
    assert.ok(v.answersText !== null, `${v.file}: "answers" or "answers_file" is required`);
    assert.ok(v.expected !== undefined, `${v.file}: "expected" is required`);
    const expectedError = v.expected?.error ?? v.expected?.error_code;

    const engine = await newEngine();
    try {
      const loaded = engine.loadPack(v.packText);
      if (!loaded.ok) {
        assert.ok(expectedError, `pack ${v.raw.pack} did not load: ${JSON.stringify(loaded.errors)}`);
        assert.ok(
          errorCodes(loaded).includes(expectedError),
          `expected error ${expectedError}, the pack load gave ${JSON.stringify(errorCodes(loaded))}`,
        );
        return;
      }

      const raw = engine.scoreRaw(v.answersText);
      const output = JSON.parse(raw);
      if (expectedError) {
        assert.equal(output.ok, false, `expected error ${expectedError}, got ok: ${raw.slice(0, 300)}`);
        assert.ok(
          errorCodes(output).includes(expectedError),
          `expected error ${expectedError}, got ${JSON.stringify(errorCodes(output))}`,
        );
        return;
      }
      if (v.expected !== null && typeof v.expected === 'object' && 'ok' in v.expected) {
        const m = subsetMismatch(v.expected, output);
        assert.equal(m, null, m ?? '');
        return;
      }
      assert.equal(output.ok, true, `scoring failed: ${JSON.stringify(output.errors)}`);
      const m = subsetMismatch(v.expected, output.result, '$.result');
      assert.equal(m, null, m ?? '');
    } finally {
      engine.dispose();
    }
  });
}
