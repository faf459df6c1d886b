// The native `kkpham` CLI on good and bad files: output, exit status, nothing overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = process.env.KKPHAM_SOURCE_DIR ?? resolve(import.meta.dirname, '../..');
const cli = resolve(process.env.KKPHAM_CLI ?? join(root, 'build/native/tools/kkpham/kkpham'));
const pack = join(root, 'criteria/kkpham-22-2021.json');
const work = mkdtempSync(join(tmpdir(), 'kkpham-cli-'));

function run(args, options = {}) {
  const r = spawnSync(cli, args, { encoding: 'utf8', cwd: work, ...options });
  if (r.error) throw r.error;
  return r;
}
function template(fill, extra = []) {
  const r = run(['template', pack, '--fill', fill, ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
function write(name, content) {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

test('validate: the reference pack is valid, has 10 rights and 120 indicators', () => {
  const r = run(['validate', pack]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /SAH \/ VALID/);
  assert.match(r.stdout, /10 hak, 120 indikator/);
  assert.match(r.stdout, /BUKAN teks resmi/);
  const j = JSON.parse(run(['validate', '--format', 'json', pack]).stdout);
  assert.equal(j.ok, true);
  assert.equal(j.pack.indicator_count, 120);
  assert.match(j.pack.sha256, /^[0-9a-f]{64}$/);
});

test('validate: a broken pack exits 1 and names the JSON path in both languages', () => {
  const broken = JSON.parse(readFileSync(pack, 'utf8'));
  broken.indicators[5].type = 'output';
  const r = run(['validate', write('broken-pack.json', broken)]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /pack\.indicator\.type at \$\.indicators\[5\]\.type/);
  assert.match(r.stderr, /\[id\] .*harus/);
  assert.match(r.stderr, /\[en\] .*must be/);
});

test('template --fill max scores 100.00 Peduli; blank scores 0.00 with completeness 0', () => {
  const max = write('max.json', template('max'));
  const j = JSON.parse(run(['score', '--format', 'json', max]).stdout);
  assert.equal(j.total, 100);
  assert.equal(j.predicate.id, 'peduli');
  assert.equal(j.completeness, 100);
  const raw = run(['score', '--format', 'json', max]).stdout;
  assert.match(raw, /"total":100\.00,/);
  const blank = write('blank.json', template('blank'));
  const b = JSON.parse(run(['score', '--format', 'json', blank]).stdout);
  assert.equal(b.total, 0);
  assert.equal(b.completeness, 0);
  assert.match(run(['score', '--format', 'json', blank]).stdout, /"total":0\.00,"predicate"/);
  for (const key of ['total', 'predicate', 'completeness', 'evidenced_total', 'rights']) assert.ok(key in b, key);
  for (const right of b.rights) assert.ok('id' in right && 'score' in right);
});

test('template --fill random is reproducible with --seed and differs between seeds', () => {
  const a = run(['template', pack, '--fill', 'random', '--seed', '42']).stdout;
  const b = run(['template', pack, '--fill', 'random', '--seed', '42']).stdout;
  const c = run(['template', pack, '--fill', 'random', '--seed', '43']).stdout;
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('score finds the pack by the id pinned in the answers when --pack is absent', () => {
  const file = write('by-id.json', template('max'));
  const r = run(['score', file], { env: { ...process.env, KKPHAM_CRITERIA_DIR: join(root, 'criteria') } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /NILAI MURNI/);
  assert.match(r.stdout, /100\.00\s+Peduli HAM/);
});

test('score: one wrong type exits 1 and names the path; the other files are still scored', () => {
  const good = write('good.json', template('random', ['--seed', '5']));
  const wrong = template('blank');
  const packJson = JSON.parse(readFileSync(pack, 'utf8'));
  const first = packJson.indicators.find((i) => i.answer.kind === 'percent').id;
  wrong.answers[first].value = 'delapan puluh';
  const bad = write('wrong-type.json', wrong);
  const r = run(['score', '--pack', pack, good, bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`type\\.mismatch at \\$\\.answers\\['${first}'\\]\\.value`));
  assert.match(r.stdout, /good\.json/);
  assert.doesNotMatch(r.stdout, /wrong-type\.json/);
  const j = JSON.parse(run(['score', '--pack', pack, '--format', 'json', good, bad]).stdout);
  assert.equal(j.length, 2);
  assert.equal(j[0].ok, true);
  assert.equal(j[1].ok, false);
  assert.equal(j[1].errors[0].path, `$.answers['${first}'].value`);
});

test('score: an unknown indicator exits 1 and names it', () => {
  const a = template('blank');
  a.answers['TIDAK-ADA-1'] = { value: true };
  const r = run(['score', '--pack', pack, write('unknown.json', a)]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /answers\.unknown_indicator at \$\.answers\['TIDAK-ADA-1'\]/);
});

test('score: unreadable, not-JSON, truncated and hostile files each fail cleanly with status 1', () => {
  const files = [
    join(work, 'does-not-exist.json'),
    write('not-json.json', 'hello'),
    write('truncated.json', '{"format": "kkpham-answers", "answers": {'),
    write('deep.json', '['.repeat(1_000_000) + ']'.repeat(1_000_000)),
    write('overflow.json', '{"data_year": 1e999}'),
  ];
  for (const f of files) {
    const r = run(['score', '--pack', pack, f]);
    assert.equal(r.status, 1, f);
    assert.ok(r.stderr.length > 0, f);
  }
});

test('score --format csv: one row per file with every right', () => {
  const a = write('csv-a.json', template('random', ['--seed', '1', '--region', 'Kota Satu', '--kind', 'kota']));
  const b = write('csv-b.json', template('random', ['--seed', '2', '--region', 'Kabupaten Dua, Timur']));
  const r = run(['score', '--pack', pack, '--format', 'csv', a, b]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^file,region,kind,province,code,data_year,total,predicate/);
  assert.match(lines[0], /SP1_BANKUM.*EK5_PEREMPUAN_ANAK/);
  assert.match(lines[2], /"Kabupaten Dua, Timur"/);
});

test('usage errors exit 2', () => {
  assert.equal(run([]).status, 2);
  assert.equal(run(['frobnicate']).status, 2);
  assert.equal(run(['score']).status, 2);
  assert.equal(run(['score', '--format', 'xml', 'a.json']).status, 2);
  assert.equal(run(['template', pack, '--seed']).status, 2);
  assert.equal(run(['validate']).status, 2);
  assert.equal(run(['--help']).status, 0);
});

test('explain: shows the rule, points, evidence and legal basis of one indicator', () => {
  const file = write('explain.json', template('random', ['--seed', '9']));
  const r = run(['explain', '--pack', pack, file, 'KES-H3']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /KES-H3 \[EK1_KESEHATAN, hasil\]/);
  assert.match(r.stdout, /Poin\s+\d+\.\d\d \/ 100\.00/);
  assert.match(r.stdout, /Dasar hukum/);
  const j = JSON.parse(run(['explain', '--pack', pack, '--format', 'json', file, 'KES-H3']).stdout);
  assert.equal(j.indicator.id, 'KES-H3');
  assert.equal(run(['explain', '--pack', pack, file, 'NOPE']).status, 1);
});

test('criteria import-csv turns the shipped CSV form into a valid pack, and refuses a broken one without writing', () => {
  const out = join(work, 'imported.json');
  const r = run(['criteria', 'import-csv', join(root, 'criteria/kkpham-22-2021.csv'), '--base', pack, '--id', 'form-x', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const v = run(['validate', out]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /form-x/);
  const before = readFileSync(out, 'utf8');
  const bad = write('bad.csv', 'right_id;indicator_id\nR1;X\n');
  const b = run(['criteria', 'import-csv', bad, '-o', out]);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /csv\.missing_column/);
  assert.equal(readFileSync(out, 'utf8'), before, 'a failed import must not overwrite the output');
});

test('every vector file is listed in tests/vectors/index.json (both builds read that list)', () => {
  const listed = JSON.parse(readFileSync(join(root, 'tests/vectors/index.json'), 'utf8')).sort();
  const present = readdirSync(join(root, 'tests/vectors'))
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .map((f) => f.slice(0, -5))
    .sort();
  assert.deepEqual(listed, present);
  assert.ok(existsSync(cli));
});

test('gap --format json: steps with indicator ids whose total reaches 75', () => {
  const file = write('gap.json', template('random', ['--seed', '3']));
  const r = run(['gap', '--pack', pack, '--format', 'json', file]);
  assert.equal(r.status, 0, r.stderr);
  const g = JSON.parse(r.stdout);
  assert.equal(g.target, 75);
  assert.ok(g.current < 75);
  assert.equal(g.reachable, true);
  assert.ok(g.steps.length > 0);
  for (const s of g.steps) assert.match(s.id, /^[A-Z]+-[SPH]\d$/);
  assert.ok(g.total >= 75);
  // The reported steps, applied to the answers, really give that total.
  const answers = JSON.parse(readFileSync(file, 'utf8'));
  const max = template('max');
  for (const s of g.steps) answers.answers[s.id] = max.answers[s.id];
  const scored = JSON.parse(run(['score', '--pack', pack, '--format', 'json', write('gap-applied.json', answers)]).stdout);
  assert.ok(scored.total >= 75, `applying the steps gives ${scored.total}`);
  assert.ok(Math.abs(scored.total - g.total) < 0.011 * g.steps.length + 0.011);
  const text = run(['gap', '--pack', pack, file]);
  assert.match(text.stdout, /Target 75\.00 \(Peduli HAM\)/);
});

test('gap with an effort file changes the plan; bad options are refused', () => {
  const file = write('gap-effort.json', template('random', ['--seed', '4']));
  const base = JSON.parse(run(['gap', '--pack', pack, '--format', 'json', file]).stdout);
  const effort = Object.fromEntries(base.steps.map((s) => [s.id, 1000]));
  const steered = JSON.parse(run(['gap', '--pack', pack, '--format', 'json', '--effort', write('effort.json', effort), file]).stdout);
  assert.ok(steered.steps.some((s) => !(s.id in effort)), 'expensive indicators are avoided where possible');
  const bad = run(['gap', '--pack', pack, '--effort', write('bad-effort.json', { 'NOPE-1': 2 }), file]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /gap\.effort\.unknown_indicator/);
  assert.equal(run(['gap', '--pack', pack, '--target', 'tinggi', file]).status, 2);
});

test('plan prints one page per office and the pre-submission check', () => {
  const file = write('plan.json', template('random', ['--seed', '6']));
  const r = run(['plan', '--pack', pack, file]);
  assert.equal(r.status, 0, r.stderr);
  const pages = r.stdout.split('\f');
  const j = JSON.parse(run(['plan', '--pack', pack, '--format', 'json', file]).stdout);
  assert.equal(pages.length, j.offices.length + 1);
  for (const office of j.offices) {
    assert.ok(office.items.length > 0);
    for (const item of office.items) assert.ok(item.signer.id.length > 0);
  }
  assert.match(pages.at(-1), /pemeriksaan sebelum pengiriman/);
  assert.ok(j.check.findings.some((f) => f.kind === 'unevidenced'));
});

test('compare: many regencies -> ranking, CSV with every right', () => {
  const files = [1, 2, 3, 4].map((s) => write(`cmp-${s}.json`, template('random', ['--seed', String(s), '--region', `Kabupaten ${s}`])));
  files.push(write('cmp-max.json', template('max', ['--region', 'Kota Teladan'])));
  const j = JSON.parse(run(['compare', '--pack', pack, '--format', 'json', ...files]).stdout);
  assert.equal(j.count, 5);
  assert.equal(j.rows[0].region.name, 'Kota Teladan');
  assert.equal(j.rows[0].rank, 1);
  const csv = run(['compare', '--pack', pack, '--format', 'csv', ...files]).stdout.trim().split('\n');
  assert.equal(csv.length, 6);
  assert.match(csv[0], /^rank,file,region/);
  assert.match(csv[1], /^1,.*cmp-max\.json,Kota Teladan/);
  const bad = run(['compare', '--pack', pack, ...files, write('cmp-bad.json', 'nope')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /Kota Teladan/);
});
