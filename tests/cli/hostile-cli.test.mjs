// The CLI's own hostile cases (tests/hostile/cli-cases.json, the "command line" section of
// docs/hostile-inputs.md): each runs through the native kkpham and must give its exit status and
// first error code, in time, with stderr free of raw control characters and stdout as declared
// (empty, safe terminal text, a well-formed CSV table that cannot start a formula, or JSON), and
// leave any -o target as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { HOSTILE_DIR, firstCliError } from '../hostile/catalogue.mjs';
import { CLI_GENERATORS, ROUNDING_PACK, cliCaseBytes, readCliCases } from '../hostile/cli-catalogue.mjs';
import { assertSafeCsv, assertSafeTerminal, cli, criteriaDir, packSha, referencePack, root, run, workDir } from './lib.mjs';

const cases = readCliCases();
const GNU_TIME = '/usr/bin/time';
const work = workDir('hostile-cli');
const shas = { reference: packSha(referencePack), rounding: packSha(path.join(root, ROUNDING_PACK)) };
const answersFile = path.join(work, 'answers.json');
fs.writeFileSync(answersFile, fs.readFileSync(path.join(HOSTILE_DIR, 'inputs', 'answers-valid.json'), 'utf8').replace('@pack', shas.reference));

test('the CLI catalogue: well-formed cases over every class, every input file used', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  const ids = new Set();
  for (const c of cases) {
    assert.match(c.id, /^cli-[a-z0-9-]+$/, c.id);
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    ids.add(c.id);
    assert.ok([c.input, c.generator, c.device].filter((x) => x !== undefined).length <= 1, `${c.id}: one input at most`);
    if (c.input) assert.ok(fs.existsSync(path.join(HOSTILE_DIR, c.input)), `${c.id}: ${c.input}`);
    if (c.generator) assert.ok(CLI_GENERATORS[c.generator], `${c.id}: generator ${c.generator}`);
    assert.ok(c.args.includes('@input') === Boolean(c.input || c.generator || c.device), `${c.id}: @input and the input go together`);
    assert.ok(c.description.length > 20, c.id);
    assert.ok([0, 1, 2].includes(c.expect.exit), c.id);
    assert.ok(['empty', 'text', 'csv', 'json'].includes(c.expect.stdout), `${c.id}: expect.stdout`);
  }
  const classes = new Set(cases.map((c) => c.class));
  for (const k of ['size limit', 'effort file', 'answers without --pack', 'command line', 'output file (-o)', 'CSV output', 'terminal text', 'compare']) {
    assert.ok(classes.has(k), `no case of class ${k}`);
  }
  const used = new Set(cases.filter((c) => c.input).map((c) => path.normalize(c.input)));
  for (const f of fs.readdirSync(path.join(HOSTILE_DIR, 'cli-inputs'))) {
    assert.ok(used.has(path.join('cli-inputs', f)), `tests/hostile/cli-inputs/${f} is not used by any case`);
  }
});

// Prepares the case's -o target or pack folder; returns {out, env, kept()} .
function setup(c, dir) {
  const out = path.join(dir, 'out.json');
  const victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, 'rahasia');
  let env = { ...process.env, KKPHAM_CRITERIA_DIR: criteriaDir };
  let kept = () => {};
  switch (c.setup) {
    case undefined: break;
    case 'symlink':
      fs.symlinkSync(victim, out);
      kept = () => {
        assert.ok(fs.lstatSync(out).isSymbolicLink(), 'the link is still a link');
        assert.equal(fs.readlinkSync(out), victim);
      };
      break;
    case 'planted-temp-symlink':
      fs.symlinkSync(victim, `${out}.tmp-kkpham`);
      kept = () => assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).format, 'kkpham-answers');
      break;
    case 'fifo':
      assert.equal(spawnSync('mkfifo', [out]).status, 0, 'mkfifo');
      kept = () => assert.ok(fs.lstatSync(out).isFIFO(), 'the FIFO is still a FIFO');
      break;
    case 'directory':
      fs.mkdirSync(out);
      kept = () => assert.deepEqual(fs.readdirSync(out), [], 'nothing written inside the directory');
      break;
    case 'two-packs': {
      const packs = path.join(dir, 'criteria');
      fs.mkdirSync(packs);
      fs.copyFileSync(referencePack, path.join(packs, 'kkpham-22-2021.json'));
      fs.copyFileSync(path.join(root, ROUNDING_PACK), path.join(packs, 'rounding-test.json'));
      env = { ...env, KKPHAM_CRITERIA_DIR: packs };
      break;
    }
    default: throw new Error(`${c.id}: unknown setup ${c.setup}`);
  }
  return {
    out, env,
    kept: () => {
      kept();
      assert.equal(fs.readFileSync(victim, 'utf8'), 'rahasia', 'the file a link points to is unchanged');
      const stray = fs.readdirSync(dir).filter((f) => f.includes('kkpham-') && !f.endsWith('.tmp-kkpham'));
      assert.deepEqual(stray, [], 'no temporary file left');
    },
  };
}

for (const c of cases) {
  const e = c.expect;
  test(`hostile CLI ${c.class}: ${c.id} -> exit ${e.exit}${e.code ? `, ${e.code}` : ''}`, () => {
    const dir = fs.mkdtempSync(path.join(work, `${c.id}-`));
    try {
      let input = c.device;
      if (c.input || c.generator) {
        input = path.join(dir, `input${c.input ? path.extname(c.input) : '.json'}`);
        fs.writeFileSync(input, cliCaseBytes(c, shas));
      }
      const s = setup(c, dir);
      const places = { '@reference': referencePack, '@answers': answersFile, '@input': input, '@out': s.out };
      const args = c.args.map((a) => places[a] ?? a);
      const started = process.hrtime.bigint();
      const r = run(args, { cwd: dir, env: s.env, encoding: 'buffer', timeout: 20_000 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const stderr = assertSafeTerminal(r.stderr, 'stderr');
      assert.equal(r.status, e.exit, `exit status; stderr:\n${stderr.slice(0, 1500)}`);
      if (e.max_ms) assert.ok(ms < e.max_ms, `took ${ms.toFixed(0)} ms (at most ${e.max_ms})`);
      if (e.max_rss_mb && fs.existsSync(GNU_TIME)) {
        const t = spawnSync(GNU_TIME, ['-f', '%M', cli, ...args], { cwd: dir, env: s.env, encoding: 'utf8', timeout: 20_000, maxBuffer: 1 << 28 });
        const kb = Number(t.stderr.trim().split('\n').at(-1));
        assert.ok(kb > 0 && kb < e.max_rss_mb * 1024, `peak RSS ${kb} kB (at most ${e.max_rss_mb} MB)`);
      }
      const about = places[e.code_file ?? '@input'];
      if (e.code) {
        const first = firstCliError(stderr, about);
        assert.ok(first, `no error printed for ${about}:\n${stderr.slice(0, 1500)}`);
        assert.equal(first.code, e.code);
        assert.ok(first.id.trim() && first.en.trim(), 'both messages');
      }
      if (e.once) {
        const lines = stderr.split('\n').filter((l) => l.startsWith(`${about}: `));
        assert.equal(lines.length, 1, `reported once:\n${stderr}`);
        assert.doesNotMatch(stderr, /cannot tell the pack/);
      }
      for (const s2 of e.stderr_contains ?? []) assert.ok(stderr.includes(s2), `stderr lacks ${JSON.stringify(s2)}:\n${stderr}`);
      const stdout = r.stdout.toString('utf8');
      switch (e.stdout) {
        case 'empty': assert.equal(stdout, '', 'nothing on stdout'); break;
        case 'text': assertSafeTerminal(r.stdout, 'stdout', { formFeed: c.args[0] === 'plan' }); break;
        case 'csv': {
          const rows = assertSafeCsv(stdout);
          if (e.csv_rows) assert.equal(rows.length, e.csv_rows);
          break;
        }
        case 'json': {
          const doc = JSON.parse(stdout);
          if (e.json_count !== undefined) assert.equal(doc.count, e.json_count);
          break;
        }
        default: assert.fail(`expect.stdout ${e.stdout}`);
      }
      for (const s2 of e.stdout_contains ?? []) assert.ok(stdout.includes(s2), `stdout lacks ${JSON.stringify(s2)}:\n${stdout.slice(0, 1500)}`);
      if (e.output_kept) s.kept();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
