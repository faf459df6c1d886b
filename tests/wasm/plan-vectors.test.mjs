// The shared vectors that carry "expected_plan" (tests/vectors/README.md), their evidence plan
// made by the WebAssembly build through the JS facade; tests/native/plan_vectors_test.cpp checks
// the same natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVectors, answersTextFor, newEngine } from './lib.mjs';

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
    } finally {
      engine.dispose();
    }
  });
}
