// The shared vectors that carry "expected_plan" (tests/vectors/README.md), their evidence plan
// made by the WebAssembly build through the JS facade; tests/native/plan_vectors_test.cpp checks
// the same natively. With KKPHAM_NATIVE_CLI, the plan's bytes must equal `kkpham plan --format
// json` (offices, kinds and findings included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIVE_CLI, readVectors, answersTextFor, newEngine, run } from './lib.mjs';

const vectors = readVectors().filter((v) => v.raw.expected_plan !== undefined);

test('at least one shared vector checks the evidence plan', () => {
  assert.ok(vectors.length >= 1);
});

for (const v of vectors) {
  test(`plan vector ${v.name}`, async () => {
    const engine = await newEngine();
    try {
      const loaded = engine.loadPack(v.packText);
      assert.equal(loaded.ok, true, JSON.stringify(loaded.errors));
      const plan = engine.evidencePlan(answersTextFor(v, engine, loaded.pack.sha256));
      assert.equal(plan.ok, true, JSON.stringify(plan.errors));
      const expected = v.raw.expected_plan;
      if (expected.max_offices !== undefined) assert.ok(plan.offices.length <= expected.max_offices, `${plan.offices.length} offices`);
      for (const [kind, list] of Object.entries(expected.findings ?? {})) {
        const got = plan.check.findings.filter((f) => f.kind === kind).map((f) => `${f.indicator}:${f.evidence}`);
        assert.deepEqual(got, list, kind);
      }
      for (const [indicator, office] of Object.entries(expected.office_of ?? {})) {
        const page = plan.offices.find((o) => o.items.some((i) => i.indicator === indicator));
        assert.equal(page?.office ?? '(none)', office, indicator);
      }
      if (NATIVE_CLI) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-plan-parity-'));
        try {
          const file = path.join(dir, 'answers.json');
          fs.writeFileSync(file, answersTextFor(v, engine, loaded.pack.sha256));
          const native = await run(NATIVE_CLI, ['plan', '--pack', v.pack, '--format', 'json', file]);
          assert.equal(native.code, 0, native.stderr);
          assert.equal(native.stdout, `${engine.evidencePlanRaw(fs.readFileSync(file, 'utf8'))}\n`, 'wasm == native, byte for byte');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    } finally {
      engine.dispose();
    }
  });
}
