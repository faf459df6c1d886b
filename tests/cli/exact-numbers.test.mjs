// Every number the CLI prints as text is the result JSON's exact decimal, rounded half-up to 2
// places — never a double through printf("%.2f") (which rounds 1.125 to 1.12, half-to-even on the
// binary value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packSha, parseCsv, root, run, workDir, writeIn } from './lib.mjs';

const work = workDir('exact');
const roundingPack = join(root, 'tests/fixtures/rounding-pack.json');
const sha = packSha(roundingPack);

// The rounding pack: two rights of one percent indicator each (linear 0..100 points), total the
// mean of the two rights, so an indicator adds half its points to the total.
function answers(a, b) {
  const v = JSON.parse(readFileSync(join(root, 'tests/vectors/rounding-1.005.json'), 'utf8'));
  v.answers.pack.sha256 = sha;
  v.answers.answers['A-H1'].value = a;
  v.answers.answers['B-H1'].value = b;
  return writeIn(work, `r-${a}-${b}.json`, v.answers);
}

/** 2-decimal half-up rounding of a decimal string, exactly (the reference for the tests). */
function halfUp(text) {
  const [whole, frac = ''] = text.split('.');
  const digits = BigInt(whole + (frac + '000').slice(0, 3));
  return ((digits + 5n) / 10n).toString().padStart(3, '0').replace(/(\d\d)$/, '.$1');
}

test('explain: a contribution of exactly 1.125 prints 1.13 and a gain of exactly 49.995 prints 50.00', () => {
  const file = answers(2.25, 0.01);
  const j = JSON.parse(run(['explain', '--pack', roundingPack, '--format', 'json', file, 'A-H1']).stdout);
  assert.equal(run(['explain', '--pack', roundingPack, '--format', 'json', file, 'A-H1']).stdout.match(/"contribution":([0-9.]+)/)[1], '1.125');
  assert.equal(j.indicator.contribution, 1.125);
  const a = run(['explain', '--pack', roundingPack, file, 'A-H1']);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /Sumbangan ke total\s+1\.13 \(maks\. 50\.00\)/);
  assert.match(a.stdout, /Bisa bertambah\s+48\.88/);  // 48.875
  const b = run(['explain', '--pack', roundingPack, '--lang', 'en', file, 'B-H1']);
  assert.match(b.stdout, /Adds to the total\s+0\.01 \(max\. 50\.00\)/);  // 0.005
  assert.match(b.stdout, /Could still gain\s+50\.00/);  // 49.995
});

test('every number in score, explain and gap text equals the JSON value rounded half-up on its decimal text', () => {
  for (const [a, b] of [[2.25, 0.01], [1.01, 1], [64.99, 65], [74.99, 75], [0.01, 0.0]]) {
    const file = answers(a, b);
    const raw = run(['score', '--pack', roundingPack, '--format', 'json', file]).stdout;
    const total = raw.match(/"total":([0-9.]+)/)[1];
    const text = run(['score', '--pack', roundingPack, file]).stdout;
    assert.match(text, new RegExp(`NILAI MURNI[^\\n]*\\s${halfUp(total).replace('.', '\\.')}\\s`));
    for (const id of ['A-H1', 'B-H1']) {
      const ej = run(['explain', '--pack', roundingPack, '--format', 'json', file, id]).stdout;
      const et = run(['explain', '--pack', roundingPack, file, id]).stdout;
      const field = (k) => ej.match(new RegExp(`"${k}":([0-9.]+)`))[1];
      // 4-decimal figures print from their exact 2-decimal twin (rounding 1.1250 of 1.12497 again would say 1.13).
      assert.match(et, new RegExp(`Sumbangan ke total\\s+${halfUp(field('contribution_2dp')).replace('.', '\\.')} `), `${a}/${b} ${id}`);
      assert.match(et, new RegExp(`Bisa bertambah\\s+${halfUp(field('gain_2dp')).replace('.', '\\.')}\\n`), `${a}/${b} ${id}`);
      assert.match(et, new RegExp(`Poin\\s+${halfUp(field('points')).replace('.', '\\.')} / 100\\.00`), `${a}/${b} ${id}`);
    }
  }
});

test('gap text: step gains from the exact decimal; --target goes to the engine exactly', () => {
  const file = answers(2.25, 0.01);
  const j = run(['gap', '--pack', roundingPack, '--format', 'json', '--target', '74,99', file]);
  assert.equal(j.status, 0, j.stderr);
  assert.match(j.stdout, /"target":74\.99/);
  const t = run(['gap', '--pack', roundingPack, '--target', '74.99', file]);
  assert.equal(t.status, 0, t.stderr);
  const gains = [...j.stdout.matchAll(/"gain_2dp":([0-9.]+)/g)].map((m) => halfUp(m[1]));
  assert.ok(gains.includes('48.88') || gains.includes('50.00'), gains.join(' '));
  for (const g of gains.slice(0, 2)) assert.ok(t.stdout.includes(`+${g}`), `+${g} in\n${t.stdout}`);
});

test('compare: the distance to 75 is exact (75 - 74.99 = 0.01), in text and CSV', () => {
  const near = answers(74.99, 74.99);
  const text = run(['compare', '--pack', roundingPack, near]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /74\.99\s+\S+\s+0\.01\s/);
  const rows = parseCsv(run(['compare', '--pack', roundingPack, '--format', 'csv', near]).stdout);
  assert.equal(rows[1][rows[0].indexOf('total')], '74.99');
});

test.after(() => rmSync(work, { recursive: true, force: true }));
