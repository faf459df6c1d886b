// The gap analysis on the pack whose max points are 100/k (k = 1..7): its exact gains need
// integers wider than 128 bits (it answered gap.too_complex before the solver took integers of any
// size). The same answers and options give the same bytes from the wasm engine (gapRaw) and from
// the native CLI (kkpham gap --format json), for several random assessments and targets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIVE_CLI, SOURCE_DIR, newEngine, run } from './lib.mjs';

const PACK = path.join(SOURCE_DIR, 'tests', 'vectors', 'packs', 'points-100-over-k.json');
let engine;
let work;

before(async () => {
  engine = await newEngine();
  const loaded = engine.loadPack(fs.readFileSync(PACK, 'utf8'));
  assert.equal(loaded.ok, true, JSON.stringify(loaded.errors));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-gap-parity-'));
});
after(() => {
  engine?.dispose();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('gap computes on the 100/k pack in wasm: steps that reach the target, no gap.too_complex', () => {
  for (let seed = 1; seed <= 12; seed += 1) {
    const answers = engine.makeTemplate({ fill: 'random', seed }).answers;
    const score = engine.score(answers);
    assert.equal(score.ok, true);
    const gap = engine.gap(answers, { target: 99 });
    assert.equal(gap.ok, true, `seed ${seed}: ${JSON.stringify(gap.errors)}`);
    if (score.total === null) continue;
    assert.equal(gap.current, score.total);
    assert.equal(gap.reachable, true);
    assert.ok(gap.total >= 99, `seed ${seed}: ${gap.total}`);
  }
});

for (const [target, args] of [[null, []], ['90', ['--target', '90']], ['75.5', ['--target', '75,5']]]) {
  test(`gap --target ${target ?? '(default)'} on the 100/k pack: the same bytes natively and in wasm`, { skip: !NATIVE_CLI && 'KKPHAM_NATIVE_CLI is not set' }, async () => {
    for (let seed = 1; seed <= 6; seed += 1) {
      const text = JSON.stringify(engine.makeTemplate({ fill: 'random', seed }).answers);
      const file = path.join(work, `answers-${seed}.json`);
      fs.writeFileSync(file, text);
      const native = await run(NATIVE_CLI, ['gap', '--pack', PACK, '--format', 'json', ...args, file]);
      assert.equal(native.code, 0, native.stderr);
      const wasm = engine.gapRaw(text, `{"target":${target ?? 'null'}}`);
      assert.equal(native.stdout, `${wasm}\n`, `seed ${seed}`);
      assert.equal(JSON.parse(wasm).ok, true);
    }
  });
}
