// validate -> score -> gap on the pack whose indicators carry max points 100/k (k = 1..7): its
// exact sums have denominators past 128 bits. Every step of the chain computes (gap said
// gap.too_complex before the solver took integers of any size), and applying the plan's steps
// reaches the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, template, workDir, writeIn } from './lib.mjs';

const pack = join(root, 'tests/vectors/packs/points-100-over-k.json');
const work = workDir('gap-big');
test.after(() => rmSync(work, { recursive: true, force: true }));

test('the 100/k pack: validate, score and gap (json and text) all succeed, and the plan reaches 90', () => {
  assert.equal(run(['validate', pack]).status, 0);
  const max = template('max', [], pack);
  let planned = 0;
  for (const seed of [2, 5, 8, 13]) {
    const answers = template('random', ['--seed', String(seed)], pack);
    const file = writeIn(work, `random-${seed}.json`, answers);
    const scored = run(['score', '--pack', pack, '--format', 'json', file]);
    assert.equal(scored.status, 0, scored.stderr);
    const total = JSON.parse(scored.stdout).total;
    const g = run(['gap', '--pack', pack, '--format', 'json', '--target', '90', file]);
    assert.equal(g.status, 0, g.stderr);
    const gap = JSON.parse(g.stdout);
    assert.equal(gap.ok, true);
    assert.equal(gap.current, total);
    const text = run(['gap', '--pack', pack, '--target', '90', file]);
    assert.equal(text.status, 0, text.stderr);
    assert.doesNotMatch(text.stdout + text.stderr, /too_complex|terlalu besar/);
    if (gap.already_reached) continue;
    assert.equal(gap.reachable, true);
    // Raise the plan's indicators to full marks: the published total reaches 90 and equals the plan's.
    for (const s of gap.steps) answers.answers[s.id] = max.answers[s.id];
    const after = run(['score', '--pack', pack, '--format', 'json', writeIn(work, `applied-${seed}.json`, answers)]);
    assert.equal(after.status, 0, after.stderr);
    const reached = JSON.parse(after.stdout).total;
    assert.ok(reached >= 90, `seed ${seed}: ${reached}`);
    assert.equal(reached, gap.total);
    planned += 1;
  }
  assert.ok(planned >= 2, `${planned} plans checked`);
});
