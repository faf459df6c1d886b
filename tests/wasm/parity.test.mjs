// Byte parity: the WebAssembly engine (through the JS facade) and the native CLI must return
// the very same bytes for the same pack and answers:
//   wasm:   engine.scoreRaw(answersText)
//   native: kkpham score --format json FILE          (one file: the result object)
//           kkpham score --format json A B ...       (several files: a JSON array of results)
// over every tests/vectors/*.json and 1,000 random assessments
// (engine.makeTemplate({fill: "random", seed: i})).
//
// KKPHAM_NATIVE_CLI names the native binary (the `wasm` test preset sets it to
// build/native/tools/kkpham/kkpham). Unset: the test is skipped with a message. Set but missing:
// the test fails (the native tree was not built first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NATIVE_CLI, SOURCE_DIR, readVectors, answersTextFor, newEngine, run, mapLimit, splitJsonArray,
} from './lib.mjs';

const RANDOM_COUNT = 1000;
const BATCH = 100; // files per CLI call in batch mode
const JOBS = Math.max(2, Math.min(8, os.availableParallelism?.() ?? os.cpus().length));
const SKIP = NATIVE_CLI
  ? false
  : 'KKPHAM_NATIVE_CLI is not set: native/wasm byte parity NOT checked ' +
    '(run `cmake --workflow --preset native` first and use the `wasm` test preset)';

let tmp;
let cliTakesPack = false;

before(() => {
  if (SKIP) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-parity-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The CLI's stdout for one result: the core's JSON text plus (at most) one newline. */
function stripNewline(s) {
  return s.endsWith('\r\n') ? s.slice(0, -2) : s.endsWith('\n') ? s.slice(0, -1) : s;
}

function cliArgs(packPath, files) {
  return ['score', ...(cliTakesPack ? ['--pack', packPath] : []), '--format', 'json', ...files];
}

async function cliOne(packPath, file) {
  const r = await run(NATIVE_CLI, cliArgs(packPath, [file]));
  return { ...r, text: stripNewline(r.stdout) };
}

async function cliMany(packPath, files) {
  const r = await run(NATIVE_CLI, cliArgs(packPath, files));
  return { ...r, items: splitJsonArray(r.stdout) };
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ctx = (s) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `first difference at byte ${i}:\n  wasm:   …${ctx(a)}…\n  native: …${ctx(b)}…`;
}

function assertSame(wasm, native, label) {
  if (wasm !== native) assert.fail(`${label}: wasm and native output differ; ${firstDifference(wasm, native)}`);
}

test('native CLI is there', { skip: SKIP }, async () => {
  assert.ok(fs.existsSync(NATIVE_CLI), `KKPHAM_NATIVE_CLI=${NATIVE_CLI} does not exist: build the native tree first`);
  // Does `score` take the pack as an option? (Otherwise the CLI finds it from the answers.)
  const help = await run(NATIVE_CLI, ['score', '--help']);
  cliTakesPack = /--pack\b/.test(help.stdout + help.stderr);
});

test('vectors: wasm scoreRaw == native CLI, byte for byte', { skip: SKIP }, async () => {
  const vectors = readVectors();
  assert.ok(vectors.length > 0, 'tests/vectors/index.json lists no vector');
  const engine = await newEngine();
  const cases = [];
  try {
    for (const v of vectors) {
      const loaded = engine.loadPack(v.packText);
      assert.equal(loaded.ok, true, `${v.name}: pack ${v.raw.pack} does not load`);
      const text = answersTextFor(v, engine, loaded.pack.sha256);
      const file = path.join(tmp, `vector-${v.name}.json`);
      fs.writeFileSync(file, text);
      cases.push({ v, file, wasm: engine.scoreRaw(text) });
    }
  } finally {
    engine.dispose();
  }
  await mapLimit(cases, JOBS, async ({ v, file, wasm }) => {
    const native = await cliOne(v.pack, file);
    assert.ok(native.stdout.length > 0, `${v.name}: the CLI printed nothing (exit ${native.code}): ${native.stderr}`);
    assertSame(wasm, native.text, `vector ${v.name}`);
  });
});

/** The packs the random assessments are made for: every criteria/*.json that loads. */
async function loadablePacks() {
  const dir = path.join(SOURCE_DIR, 'criteria');
  const engine = await newEngine();
  try {
    return fs.readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }))
      .filter((p) => engine.loadPack(p.text).ok);
  } finally {
    engine.dispose();
  }
}

test(`${RANDOM_COUNT} random assessments: wasm scoreRaw == native CLI, byte for byte`, { skip: SKIP }, async (t) => {
  const packs = await loadablePacks();
  assert.ok(packs.length > 0, 'no criteria/*.json pack loads');

  const engine = await newEngine();
  // cases[i] = {pack, file, wasm}: seed i, packs taken in turn.
  const cases = [];
  try {
    for (const [p, pack] of packs.entries()) {
      assert.equal(engine.loadPack(pack.text).ok, true);
      for (let seed = p; seed < RANDOM_COUNT; seed += packs.length) {
        const made = engine.makeTemplate({ fill: 'random', seed });
        assert.equal(made.ok, true, `makeTemplate(random, seed ${seed}): ${JSON.stringify(made.errors)}`);
        const text = JSON.stringify(made.answers);
        const file = path.join(tmp, `random-${String(seed).padStart(4, '0')}.json`);
        fs.writeFileSync(file, text);
        cases.push({ seed, pack, file, wasm: engine.scoreRaw(text) });
      }
    }
  } finally {
    engine.dispose();
  }
  assert.equal(cases.length, RANDOM_COUNT);
  const scored = cases.filter((c) => JSON.parse(c.wasm).ok).length;
  t.diagnostic(`${scored}/${cases.length} random assessments scored ok (error outputs would be compared all the same)`);

  // Batch mode only if the CLI's array holds the single-file outputs verbatim; checked on
  // the first cases, which are then also compared one file per call.
  const probe = cases.slice(0, Math.min(3, cases.length)).filter((c) => c.pack === cases[0].pack);
  const singles = await mapLimit(probe, JOBS, (c) => cliOne(c.pack.path, c.file));
  probe.forEach((c, i) => assertSame(c.wasm, singles[i].text, `random seed ${c.seed} (one file per call)`));
  let batch = false;
  if (probe.length > 1) {
    const many = await cliMany(probe[0].pack.path, probe.map((c) => c.file));
    batch = many.items !== null && many.items.length === probe.length &&
      many.items.every((item, i) => item === singles[i].text);
    if (!batch) {
      t.diagnostic('the CLI\'s multi-file output is not the single-file outputs in a JSON array: ' +
        'falling back to one CLI call per file');
    }
  }

  let compared = 0;
  if (batch) {
    const chunks = [];
    for (const pack of packs) {
      const mine = cases.filter((c) => c.pack === pack);
      for (let i = 0; i < mine.length; i += BATCH) chunks.push(mine.slice(i, i + BATCH));
    }
    await mapLimit(chunks, JOBS, async (chunk) => {
      const many = await cliMany(chunk[0].pack.path, chunk.map((c) => c.file));
      assert.ok(many.items && many.items.length === chunk.length,
        `the CLI printed no array of ${chunk.length} results (exit ${many.code}): ${many.stderr.slice(0, 500)}`);
      chunk.forEach((c, i) => { assertSame(c.wasm, many.items[i], `random seed ${c.seed}`); compared++; });
    });
  } else {
    await mapLimit(cases, JOBS, async (c) => {
      const one = await cliOne(c.pack.path, c.file);
      assertSame(c.wasm, one.text, `random seed ${c.seed}`);
      compared++;
    });
  }
  assert.equal(compared, RANDOM_COUNT);
  t.diagnostic(`${compared} outputs identical (${batch ? `batches of ${BATCH}` : 'one call per file'}, ${packs.length} pack(s))`);
});
