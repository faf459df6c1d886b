// Files the CLI reads and writes: size limits before parsing (a 100 MB file, /dev/zero), depth
// and repeated keys in effort files, -o written atomically and never through a link, device, FIFO
// or directory, the real reason when the pack cannot be told, --target checked, a repeated file or
// region counted once by compare, and --help for every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { GENERATORS } from '../hostile/catalogue.mjs';
import { cli, criteriaDir, referencePack, run, template, workDir, writeIn } from './lib.mjs';

const work = workDir('files');
const answers = () => writeIn(work, 'answers.json', template('random', ['--seed', '21', '--region', 'Kabupaten Satu']));

// --- size limits ----------------------------------------------------------------------------

const LIMITS = [
  // [what, args (FILE = the big input), limit named in the message]
  ['answers without --pack', (f) => ['score', f], '8 MB'],
  ['answers with --pack', (f) => ['score', '--pack', referencePack, f], '8 MB'],
  ['answers for explain', (f) => ['explain', f, 'KES-H3'], '8 MB'],
  ['answers for gap', (f) => ['gap', f], '8 MB'],
  ['answers for plan', (f) => ['plan', f], '8 MB'],
  ['answers for compare', (f) => ['compare', f], '8 MB'],
  ['a pack (validate)', (f) => ['validate', f], '16 MB'],
  ['a pack (--pack)', (f) => ['score', '--pack', f, answers()], '16 MB'],
  ['a base pack (--base)', (f) => ['criteria', 'import-csv', '--base', f, 'form.csv'], '16 MB'],
  ['a CSV form', (f) => ['criteria', 'import-csv', f], '8 MB'],
  ['an effort file', (f) => ['gap', '--pack', referencePack, '--effort', f, answers()], '1 MB'],
];

// Peak resident memory (kB) of a run, from GNU time when it is installed.
const gnuTime = ['/usr/bin/time'].find((p) => existsSync(p));
function peakKb(args) {
  const r = spawnSync(gnuTime, ['-f', '%M', cli, ...args], {
    encoding: 'utf8', cwd: work, timeout: 10_000, env: { ...process.env, KKPHAM_CRITERIA_DIR: criteriaDir },
  });
  return Number(r.stderr.trim().split('\n').at(-1));
}

function refusedFast(args, limit, what) {
  const started = process.hrtime.bigint();
  const r = run(args, { cwd: work, timeout: 10_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(r.status, 1, `${what}: ${r.stderr.slice(0, 500)}`);
  assert.match(r.stderr, /file\.too_large/, what);
  assert.ok(r.stderr.includes(`paling banyak ${limit}`) && r.stderr.includes(`at most ${limit}`), `${what}: the limit is named\n${r.stderr}`);
  assert.ok(ms < 1000, `${what}: refused in ${ms.toFixed(0)} ms`);
  return r;
}

test('a 100 MB file is refused by its size, within a second, for every kind of input', () => {
  const big = join(work, 'big.json');
  writeFileSync(big, GENERATORS['huge-answers-100mb'].make());
  writeFileSync(join(work, 'form.csv'), readFileSync(join(criteriaDir, 'kkpham-22-2021.csv')));
  for (const [what, args, limit] of LIMITS) refusedFast(args(big), limit, `${what}, 100 MB`);
  if (gnuTime) {
    const kb = peakKb(['score', big]);
    assert.ok(kb > 0 && kb < 50_000, `peak RSS ${kb} kB`);
  }
  rmSync(big);
});

test('/dev/zero (endless) is read only up to the limit and refused within a second, in bounded memory', () => {
  writeFileSync(join(work, 'form.csv'), readFileSync(join(criteriaDir, 'kkpham-22-2021.csv')));
  for (const [what, args, limit] of LIMITS) {
    const r = refusedFast(args('/dev/zero'), limit, `${what}, /dev/zero`);
    // The CSV form's message is the core's, which names no size.
    if (what !== 'a CSV form') assert.match(r.stderr, /lebih dari \d{1,3}(\.\d{3})+ bita/, what);
  }
  if (gnuTime) {
    for (const args of [['score', '/dev/zero'], ['validate', '/dev/zero'], ['score', '--pack', '/dev/zero', answers()]]) {
      const kb = peakKb(args);
      assert.ok(kb > 0 && kb < 200_000, `${args.join(' ')}: peak RSS ${kb} kB`);
    }
  }
});

test('score --format json reports a too-large file as the engine would (file.too_large, path $)', () => {
  const r = run(['score', '--pack', referencePack, '--format', 'json', '/dev/zero']);
  assert.equal(r.status, 1);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.errors[0].code, 'file.too_large');
});

// --- effort files ---------------------------------------------------------------------------

test('an effort file nested 100,000 deep is refused (json.too_deep), not a crash', () => {
  const deep = writeIn(work, 'deep-effort.json', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
  const r = run(['gap', '--pack', referencePack, '--effort', deep, answers()]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /json\.too_deep/);
  const arrays = writeIn(work, 'deep-effort-arrays.json', '['.repeat(100_000) + ']'.repeat(100_000));
  assert.match(run(['gap', '--pack', referencePack, '--effort', arrays, answers()]).stderr, /json\.too_deep/);
});

test('an effort file with a repeated key is refused (json.duplicate_key), like every other input', () => {
  const file = answers();
  const dup = writeIn(work, 'dup-effort.json', '{"KES-H3": 2, "DIK-H2": 3, "KES-H3": 900}');
  const r = run(['gap', '--pack', referencePack, '--effort', dup, file]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /json\.duplicate_key/);
  assert.match(r.stderr, /"KES-H3"/);
  assert.match(r.stderr, /baris 1/);
  assert.equal(r.stdout, '');
  for (const [name, text, code] of [['not-json', 'usaha', 'json.syntax'], ['cut', '{"KES-H3": 2', 'json.truncated'], ['array', '[1]', 'gap.effort']]) {
    const e = run(['gap', '--pack', referencePack, '--effort', writeIn(work, `effort-${name}.json`, text), file]);
    assert.equal(e.status, 1, name);
    assert.match(e.stderr, new RegExp(code.replace('.', '\\.')), name);
  }
});

// --- gap --target -------------------------------------------------------------------------

test('gap --target: NaN, infinities, out of range and junk are usage errors; 0..100 with 2 decimals is taken', () => {
  const file = answers();
  for (const t of ['nan', 'NaN', 'inf', '-inf', 'Infinity', '-1', '100.01', '101', '1e2', '0x10', '75abc', '', ' 75', '75.', '7.555', '1,000']) {
    const r = run(['gap', '--pack', referencePack, '--target', t, file]);
    assert.equal(r.status, 2, `--target ${JSON.stringify(t)}: ${r.stderr.slice(0, 200)}`);
    assert.match(r.stderr, /--target/);
  }
  for (const [t, json] of [['0', 0], ['100', 100], ['74.99', 74.99], ['74,5', 74.5], ['065', 65]]) {
    const r = run(['gap', '--pack', referencePack, '--format', 'json', '--target', t, file]);
    assert.equal(r.status, 0, `--target ${t}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).target, json);
  }
});

// --- -o -------------------------------------------------------------------------------------

function outDir() {
  const dir = join(work, `out-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return dir;
}
const leftovers = (dir, keep) => readdirSync(dir).filter((f) => !keep.includes(f));

test('-o FILE: a new file and a replaced regular file are written whole, mode 0644 minus the umask, no temporary left', () => {
  const dir = outDir();
  const out = join(dir, 'jawaban.json');
  const r = run(['template', referencePack, '--fill', 'max', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).format, 'kkpham-answers');
  assert.equal(statSync(out).mode & 0o777, 0o644 & ~process.umask());
  writeFileSync(out, 'lama');
  assert.equal(run(['template', referencePack, '-o', out]).status, 0);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).format, 'kkpham-answers');
  assert.deepEqual(leftovers(dir, ['jawaban.json']), []);
  const stdout = run(['template', referencePack, '-o', '-']);
  assert.equal(JSON.parse(stdout.stdout).format, 'kkpham-answers');
});

test('-o refuses a symbolic link (the link and its target stay as they were)', () => {
  const dir = outDir();
  const victim = writeIn(dir, 'victim.txt', 'rahasia');
  const link = join(dir, 'link.json');
  symlinkSync(victim, link);
  const r = run(['template', referencePack, '-o', link]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /tautan simbolik/);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), victim);
  assert.equal(readFileSync(victim, 'utf8'), 'rahasia');
  assert.deepEqual(leftovers(dir, ['victim.txt', 'link.json']), []);
});

test('-o never writes through a symbolic link planted at a temporary name', () => {
  const dir = outDir();
  const victim = writeIn(dir, 'victim.txt', 'rahasia');
  const out = join(dir, 'out.json');
  // The name the CLI used to write to before renaming (a fixed name was predictable).
  symlinkSync(victim, `${out}.tmp-kkpham`);
  const r = run(['template', referencePack, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'rahasia');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).format, 'kkpham-answers');
});

test('-o refuses a FIFO and a directory (left as they are, nothing written)', () => {
  const dir = outDir();
  const fifo = join(dir, 'fifo.json');
  const mk = spawnSync('mkfifo', [fifo]);
  if (mk.status === 0) {
    const r = run(['template', referencePack, '-o', fifo], { timeout: 5_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /FIFO/);
    assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO is still there');
  }
  const sub = join(dir, 'folder.json');
  mkdirSync(sub);
  const d = run(['criteria', 'import-csv', join(criteriaDir, 'kkpham-22-2021.csv'), '--base', referencePack, '-o', sub]);
  assert.equal(d.status, 1);
  assert.match(d.stderr, /folder/);
  assert.ok(statSync(sub).isDirectory());
  assert.deepEqual(readdirSync(sub), []);
  assert.deepEqual(leftovers(dir, ['fifo.json', 'folder.json']), []);
});

// --- without --pack: the real reason ---------------------------------------------------------

test('without --pack, a file that cannot be read as answers gets its real reason, once', () => {
  const good = JSON.stringify(template('random', ['--seed', '5']));
  const cases = [
    ['empty', '', 'file.empty'],
    ['spaces', '  \n ', 'file.empty'],
    ['truncated', good.slice(0, 200), 'json.truncated'],
    ['utf16-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]), 'file.utf16'],
    ['utf16-no-bom', Buffer.from(good, 'utf16le'), 'file.utf16'],
    ['utf16be-no-bom', Buffer.from(good, 'utf16le').swap16(), 'file.utf16'],
    ['windows-1252', Buffer.from(good.replace('Kabupaten Contoh', 'Kabupaten Caf\u00e9'), 'latin1'), 'json.invalid_utf8'],
    ['pack-as-answers', readFileSync(referencePack), 'answers.format'],
    ['not-an-object', '[1, 2]', 'type.mismatch'],
    ['no-pack-id', JSON.stringify({ format: 'kkpham-answers', answers: {} }), 'field.missing'],
    ['path-in-pack-id', good.replace('"id":"kkpham-22-2021"', '"id":"../../etc/passwd"'), 'id.invalid'],
  ];
  for (const [name, bytes, code] of cases) {
    const file = writeIn(work, `unpinned-${name}.json`, bytes);
    const r = run(['score', file]);
    assert.equal(r.status, 1, name);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith(`${file}:`));
    assert.equal(lines.length, 1, `${name}: reported once\n${r.stderr}`);
    assert.ok(lines[0].startsWith(`${file}: ${code}`), `${name}: ${lines[0]}`);
    assert.doesNotMatch(r.stderr, /cannot tell the pack/);
    assert.match(r.stderr, /\[id\] .+\n {4}\[en\] .+/);
    const j = run(['score', '--format', 'json', file]);
    assert.equal(JSON.parse(j.stdout).errors[0].code, code, name);
  }
  const missing = writeIn(work, 'unknown-pack.json', good.replace('"id":"kkpham-22-2021"', '"id":"kkpham-99-2099"'));
  assert.match(run(['score', missing]).stderr, /pack\.not_found[^]*kkpham-99-2099/);
});

// --- compare: the same file or region twice --------------------------------------------------

test('compare: the same file, the same content or the same region and data year given twice is counted once, with a warning', () => {
  const a = answers();
  const copy = writeIn(work, 'answers-copy.json', readFileSync(a));
  const sameRegion = JSON.parse(readFileSync(a, 'utf8'));
  sameRegion.answers[Object.keys(sameRegion.answers)[0]].note = 'revisi';
  const revised = writeIn(work, 'answers-revised.json', sameRegion);
  const other = writeIn(work, 'other.json', template('random', ['--seed', '22', '--region', 'Kota Dua']));
  const nextYear = writeIn(work, 'next-year.json', template('random', ['--seed', '23', '--region', 'Kabupaten Satu', '--data-year', '2024']));
  const r = run(['compare', '--pack', referencePack, '--format', 'json', a, a, copy, revised, other, nextYear]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).count, 3);
  assert.match(r.stderr, /answers\.json: peringatan \/ warning: berkas yang sama dengan/);
  assert.match(r.stderr, /answers-copy\.json: peringatan \/ warning: isinya sama dengan .*answers\.json/);
  assert.match(r.stderr, /answers-revised\.json: peringatan \/ warning: daerah dan tahun data yang sama dengan .*answers\.json/);
  assert.match(r.stderr, /counted once/);
  const text = run(['compare', '--pack', referencePack, a, `${work}/./answers.json`]);
  assert.equal(text.stdout.split('\n').filter((l) => l.includes('Kabupaten Satu')).length, 1);
});

// --- --help -------------------------------------------------------------------------------

test('every command prints its own usage for --help and -h (exit 0)', () => {
  for (const command of ['validate', 'template', 'score', 'explain', 'gap', 'plan', 'compare', 'criteria']) {
    for (const flag of ['--help', '-h']) {
      const r = run([command, flag]);
      assert.equal(r.status, 0, `${command} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`kkpham ${command} `));
      assert.doesNotMatch(r.stdout + r.stderr, /unknown option/);
    }
  }
  const s = run(['score', '--pack', referencePack, '--help']);
  assert.equal(s.status, 0);
  assert.doesNotMatch(s.stdout, /kkpham gap /, 'only the command asked about');
  assert.equal(run(['criteria', 'import-csv', '--help']).status, 0);
  assert.equal(run(['score', '--', '--help']).status, 1, 'after --, --help is a file name');
});

test('the size limits are in the README and docs/hostile-inputs.md', () => {
  const root = join(criteriaDir, '..');
  for (const doc of ['README.md', 'docs/hostile-inputs.md']) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const limit of ['16 MB', '8 MB', '1 MB']) assert.ok(text.includes(limit), `${doc} names ${limit}`);
  }
});

test.after(() => rmSync(work, { recursive: true, force: true }));
