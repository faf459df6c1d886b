// The JS facade (web/engine/kkpham-api.js, as built into dist/) over the WebAssembly engine:
// its contract (parsed vs raw results, strings vs objects, dispose) and the engine's
// robustness: no input may abort the wasm instance (with exceptions off, an abort kills it
// for good — toolchain.md §5), so malformed and mutated packs and answers are fed to every
// entry point and the engine must still answer afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newEngine, importFacade, SOURCE_DIR } from './lib.mjs';

const CRITERIA = path.join(SOURCE_DIR, 'criteria');
const packFiles = fs.existsSync(CRITERIA)
  ? fs.readdirSync(CRITERIA).filter((f) => f.endsWith('.json')).sort()
  : [];

// The mutation tests use a small pack (every rule kind in a few indicators), so that every
// field can be mutated quickly; the reference pack is scored ~10 ms per call in a -Os wasm.
const SMALL_PACK = path.join(SOURCE_DIR, 'tests', 'fixtures', 'mini-pack.json');

let engine;
let packText;   // the first pack in criteria/ that loads
let loaded;
let smallText;  // SMALL_PACK if it loads, else packText

before(async () => {
  engine = await newEngine();
  for (const f of packFiles) {
    const text = fs.readFileSync(path.join(CRITERIA, f), 'utf8');
    const r = engine.loadPack(text);
    if (r.ok) {
      packText = text;
      loaded = r;
      break;
    }
  }
  smallText = packText;
  if (fs.existsSync(SMALL_PACK)) {
    const text = fs.readFileSync(SMALL_PACK, 'utf8');
    const probe = await newEngine();
    try {
      if (probe.loadPack(text).ok) smallText = text;
    } finally {
      probe.dispose();
    }
  }
});
after(() => engine?.dispose());

// A small deterministic PRNG (mulberry32) for the mutation tests.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every [parentObjectOrArray, key] in a JSON value, depth-first. */
function slots(value, out = []) {
  if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push([value, k]);
      slots(value[k], out);
    }
  }
  return out;
}

const WRONG_VALUES = [null, true, -1, 0, 1.5, 1e308, -1e-300, '', 'x', 'ÿ€😀', [], [1, 'a'], {}, { a: null }];

test('the binding and the facade cover every public kkpham::Engine method (1:1)', async () => {
  const header = fs.readFileSync(path.join(SOURCE_DIR, 'core', 'include', 'kkpham', 'engine.hpp'), 'utf8');
  const body = header.slice(header.indexOf('class Engine'), header.indexOf('private:', header.indexOf('class Engine')));
  const methods = [...body.matchAll(/^\s*(?:static\s+)?(?:std::string|bool)\s+([a-z_0-9]+)\s*\(/gm)].map((m) => m[1]);
  assert.ok(methods.length >= 8, `found only ${methods} in engine.hpp`);
  const { KkphamEngine } = await importFacade();
  for (const m of methods) {
    const camel = m.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    assert.equal(typeof KkphamEngine.prototype[camel], 'function',
      `kkpham::Engine::${m} has no facade method ${camel}() (add it to wasm/bindings.cpp and web/engine/kkpham-api.js)`);
  }
});

test('a pack from criteria/ loads', () => {
  assert.ok(packFiles.length > 0, 'no criteria/*.json');
  assert.ok(packText, `no criteria/*.json loads: ${JSON.stringify(loaded)}`);
  assert.equal(loaded.ok, true);
  assert.equal(engine.hasPack(), true);
});

test('loadEngine: a new engine has no pack and says so without failing', async () => {
  const { loadEngine, API_VERSION, KkphamEngine } = await importFacade();
  assert.equal(typeof loadEngine, 'function');
  assert.equal(API_VERSION, 1);
  const fresh = await newEngine();
  try {
    assert.ok(fresh instanceof KkphamEngine);
    assert.match(fresh.version, /^\d+\.\d+\.\d+/);
    assert.equal(fresh.hasPack(), false);
    assert.equal(typeof fresh.packSummaryRaw(), 'string');
    assert.equal(fresh.score({}).ok, false);
    assert.equal(fresh.makeTemplate({ fill: 'blank' }).ok, false);
    assert.equal(engine.hasPack(), true, 'engines are independent');
  } finally {
    fresh.dispose();
  }
});

test('parsed results are JSON.parse of the raw ones; a string and its object give the same bytes', () => {
  const made = engine.makeTemplate({ fill: 'random', seed: 7 });
  assert.equal(made.ok, true);
  const asText = JSON.stringify(made.answers);
  const raw = engine.scoreRaw(asText);
  assert.equal(typeof raw, 'string');
  assert.equal(engine.scoreRaw(made.answers), raw);
  assert.deepEqual(engine.score(asText), JSON.parse(raw));
  assert.deepEqual(engine.validateAnswers(made.answers), JSON.parse(engine.validateAnswersRaw(asText)));
  assert.deepEqual(engine.packSummary(), JSON.parse(engine.packSummaryRaw()));
  assert.equal(engine.makeTemplateRaw({ fill: 'random', seed: 7 }), engine.makeTemplateRaw('{"fill":"random","seed":7}'));
});

test('loadPack accepts the text or the parsed object (same pack, same hash)', () => {
  const fromText = engine.loadPack(packText);
  const fromObject = engine.loadPack(JSON.parse(packText));
  assert.equal(fromText.ok, true);
  assert.equal(fromObject.ok, true);
  assert.deepEqual(fromObject.pack, fromText.pack);
});

test('a failed loadPack keeps the loaded pack', () => {
  const before = engine.packSummaryRaw();
  const r = engine.loadPack('{"format":"kkpham-pack"');
  assert.equal(r.ok, false);
  assert.ok(Array.isArray(r.errors) && r.errors.length > 0);
  assert.equal(engine.hasPack(), true);
  assert.equal(engine.packSummaryRaw(), before);
});

test('templates: blank, max and random are valid answers files; score and explain them', () => {
  for (const fill of ['blank', 'max', 'random']) {
    const made = engine.makeTemplate({ fill, seed: 1 });
    assert.equal(made.ok, true, `${fill}: ${JSON.stringify(made.errors)}`);
    const v = engine.validateAnswers(made.answers);
    assert.equal(v.ok, true, `${fill} template does not validate: ${JSON.stringify(v.errors)}`);
    const s = engine.score(made.answers);
    assert.equal(s.ok, true, `${fill}: ${JSON.stringify(s.errors)}`);
    assert.equal(typeof s.total, 'number', 'the result has a total');
    const ids = Object.keys(made.answers.answers ?? {});
    assert.ok(ids.length > 0, 'the template lists the indicators');
    const ex = engine.explain(made.answers, ids[0]);
    assert.equal(ex.ok, true, JSON.stringify(ex.errors));
  }
  assert.equal(engine.explain(engine.makeTemplate({}).answers, 'no-such-indicator-id').ok, false);
  assert.equal(
    engine.makeTemplateRaw({ fill: 'random', seed: 42 }),
    engine.makeTemplateRaw({ fill: 'random', seed: 42 }),
    'random templates are reproducible from their seed',
  );
});

test('importCsv: the shipped CSV form becomes a pack that loads', { skip: !fs.existsSync(path.join(CRITERIA, 'kkpham-22-2021.csv')) && 'no criteria/kkpham-22-2021.csv' }, async () => {
  const csv = fs.readFileSync(path.join(CRITERIA, 'kkpham-22-2021.csv'), 'utf8');
  const r = engine.importCsv(csv, { id: 'csv-test', version: '1', status: 'reference' });
  assert.equal(r.ok, true, JSON.stringify(r.errors?.slice(0, 5)));
  const other = await newEngine();
  try {
    const l = other.loadPack(r.pack);
    assert.equal(l.ok, true, JSON.stringify(l.errors?.slice(0, 5)));
  } finally {
    other.dispose();
  }
  assert.equal(engine.importCsv('', {}).ok, false);
});

test('gap, evidence plan, summary, compare, year over year, migrate', async () => {
  const a = engine.makeTemplate({ fill: 'random', seed: 21 }).answers;
  const b = engine.makeTemplate({ fill: 'random', seed: 22 }).answers;
  const gap = engine.gap(a, { target: 75 });
  assert.equal(gap.ok, true, JSON.stringify(gap.errors));
  const plan = engine.evidencePlan(a);
  assert.equal(plan.ok, true, JSON.stringify(plan.errors));
  const sa = engine.summary(a);
  const sb = engine.summary(b);
  // A summary is a document of its own (no "ok" key when it succeeds).
  assert.notEqual(sa.ok, false, JSON.stringify(sa.errors));
  assert.notEqual(sb.ok, false, JSON.stringify(sb.errors));
  // compare() and yearOverYear() are static in C++: they work without a pack.
  const fresh = await newEngine();
  try {
    const cmp = fresh.compare([sa, sb]);
    assert.notEqual(cmp.ok, false, JSON.stringify(cmp.errors));
    assert.equal(fresh.compareRaw([sa, sb]), engine.compareRaw(JSON.stringify([sa, sb])));
    const yoy = fresh.yearOverYear(engine.scoreRaw(a), engine.scoreRaw(b));
    assert.notEqual(yoy.ok, false, JSON.stringify(yoy.errors));
  } finally {
    fresh.dispose();
  }
  const moved = engine.migrate(a, {});
  assert.equal(typeof moved.ok, 'boolean');
});

test('arguments are checked before they reach the wasm', () => {
  assert.throws(() => engine.explain({}, 12), TypeError);
  assert.throws(() => engine.importCsv({}, {}), TypeError);
  assert.throws(() => engine.score(undefined), TypeError);
  assert.equal(engine.hasPack(), true);
});

test('malformed input never aborts the engine', () => {
  const junk = ['', ' ', 'null', 'true', '0', '-0', '1e999', '"x"', '[]', '{}', '{', '}', '[{]', '{"a":}',
    '\u0000', '\uFEFF{}', '{"a":1}{"b":2}', '\uD800', '[' .repeat(2000) + ']'.repeat(2000),
    '{"a":'.repeat(500) + '1' + '}'.repeat(500), 'x'.repeat(100000)];
  for (const j of junk) {
    const label = JSON.stringify(j.slice(0, 30));
    assert.equal(typeof engine.scoreRaw(j), 'string', label);
    assert.equal(typeof engine.validateAnswersRaw(j), 'string', label);
    assert.equal(typeof engine.makeTemplateRaw(j), 'string', label);
    assert.equal(typeof engine.explainRaw(j, j), 'string', label);
    assert.equal(typeof engine.importCsvRaw(j, j), 'string', label);
    assert.equal(typeof engine.importCsvRaw(j, '{}'), 'string', label);
    assert.equal(typeof engine.gapRaw(j, j), 'string', label);
    assert.equal(typeof engine.evidencePlanRaw(j), 'string', label);
    assert.equal(typeof engine.summaryRaw(j), 'string', label);
    assert.equal(typeof engine.migrateRaw(j, j), 'string', label);
    assert.equal(typeof engine.compareRaw(j), 'string', label);
    assert.equal(typeof engine.yearOverYearRaw(j, j), 'string', label);
    assert.equal(typeof engine.evidenceCheckRaw(j, j), 'string', label);
    assert.equal(typeof engine.gateRaw(j, j), 'string', label);
    assert.equal(typeof engine.packageRaw(j, j), 'string', label);
    assert.equal(typeof engine.verifyPackageRaw(j), 'string', label);
    const l = engine.loadPack(j);
    assert.equal(l.ok, false, label);
  }
  assert.equal(engine.hasPack(), true);
  assert.equal(engine.score(engine.makeTemplate({ fill: 'max' }).answers).ok, true);
});

test('wrongly typed options never abort the engine', () => {
  for (const v of WRONG_VALUES) {
    for (const key of ['fill', 'seed', 'region', 'data_year', 'assessment_year', 'updated_at']) {
      assert.equal(typeof engine.makeTemplateRaw({ [key]: v }), 'string', `${key}=${JSON.stringify(v)}`);
    }
    for (const key of ['id', 'version', 'title', 'regulation', 'status', 'notice']) {
      assert.equal(typeof engine.importCsvRaw('right_id;indicator_id\nA;B\n', { [key]: v }), 'string');
    }
  }
  assert.equal(engine.usable, true);
});

test('mutated answers (every field, wrong types) never abort the engine', async () => {
  const small = await newEngine();
  try {
    assert.equal(small.loadPack(smallText).ok, true);
    const base = small.makeTemplate({ fill: 'random', seed: 3 }).answers;
    const ids = Object.keys(base.answers ?? {});
    const rand = prng(20261123);
    const n = slots(base).length;
    for (let i = 0; i < n + 200; i++) {
      const copy = structuredClone(base);
      const all = slots(copy);
      const [parent, key] = all[i < all.length ? i : Math.floor(rand() * all.length)];
      if (rand() < 0.1 && !Array.isArray(parent)) delete parent[key];
      else parent[key] = structuredClone(WRONG_VALUES[Math.floor(rand() * WRONG_VALUES.length)]);
      const text = JSON.stringify(copy);
      assert.equal(typeof small.scoreRaw(text), 'string');
      assert.equal(typeof small.validateAnswersRaw(text), 'string');
      if (ids.length) assert.equal(typeof small.explainRaw(text, ids[i % ids.length]), 'string');
      assert.equal(typeof small.gapRaw(text, { target: 75 }), 'string');
      assert.equal(typeof small.evidencePlanRaw(text), 'string');
      assert.equal(typeof small.summaryRaw(text), 'string');
      assert.equal(typeof small.migrateRaw(text, {}), 'string');
      assert.equal(typeof small.yearOverYearRaw(small.scoreRaw(base), small.scoreRaw(text)), 'string');
    }
    assert.equal(small.usable, true);
    assert.equal(small.score(base).ok, true);
  } finally {
    small.dispose();
  }
});

test('mutated packs (wrong types anywhere) never abort the engine and keep the loaded pack', async () => {
  const pack = JSON.parse(smallText);
  const other = await newEngine();
  try {
    assert.equal(other.loadPack(smallText).ok, true);
    const summary = other.packSummaryRaw();
    const rand = prng(7);
    const total = slots(pack).length;
    let refused = 0;
    for (let i = 0; i < total + 200; i++) {
      const copy = structuredClone(pack);
      const all = slots(copy);
      const [parent, key] = all[i < total ? i : Math.floor(rand() * all.length)];
      if (rand() < 0.1 && !Array.isArray(parent)) delete parent[key];
      else parent[key] = structuredClone(WRONG_VALUES[Math.floor(rand() * WRONG_VALUES.length)]);
      const r = other.loadPack(copy);
      if (!r.ok) {
        refused++;
        assert.ok(Array.isArray(r.errors) && r.errors.length > 0);
        assert.equal(other.packSummaryRaw(), summary, 'a refused pack replaced the loaded one');
      } else {
        // Accepted: it must be usable; then back to the original.
        assert.equal(typeof other.makeTemplateRaw({ fill: 'random', seed: i }), 'string');
        assert.equal(typeof other.scoreRaw(other.makeTemplate({ fill: 'max' }).answers ?? {}), 'string');
        assert.equal(other.loadPack(smallText).ok, true);
      }
    }
    assert.ok(refused > 0, 'no mutation was refused');
    assert.equal(other.usable, true);
    assert.equal(other.score(other.makeTemplate({ fill: 'max' }).answers).ok, true);
  } finally {
    other.dispose();
  }
});

test('dispose frees the engine; later calls fail clearly; dispose twice is fine', async () => {
  const { KkphamEngineError } = await importFacade();
  const e = await newEngine();
  e.loadPack(packText);
  assert.equal(e.usable, true);
  e.dispose();
  e.dispose();
  assert.equal(e.usable, false);
  assert.throws(() => e.hasPack(), KkphamEngineError);
  assert.throws(() => e.scoreRaw('{}'), KkphamEngineError);
});

test('no leak: every entry point, on success and on error, frees what it allocates', async () => {
  const e = await newEngine();
  try {
    const made = () => e.makeTemplate({ fill: 'random', seed: 11 });
    assert.equal(e.loadPack(packText).ok, true);
    const answers = JSON.stringify(made().answers);
    const ids = Object.keys(JSON.parse(answers).answers ?? {});
    const csvPath = path.join(CRITERIA, 'kkpham-22-2021.csv');
    const csv = fs.existsSync(csvPath) ? fs.readFileSync(csvPath, 'utf8') : 'a;b\n1;2\n';
    const calls = [
      () => e.loadPackRaw(packText),
      () => e.loadPackRaw('{"format":"kkpham-pack"'),
      () => e.loadPackRaw(smallText),
      () => e.loadPackRaw(packText),
      () => e.packSummaryRaw(),
      () => e.scoreRaw(answers),
      () => e.scoreRaw('{"answers":[1,2,3]}'),
      () => e.scoreRaw('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]'),
      () => e.validateAnswersRaw(answers),
      () => e.validateAnswersRaw('{'),
      () => e.makeTemplateRaw({ fill: 'max' }),
      () => e.makeTemplateRaw({ fill: 12 }),
      () => e.explainRaw(answers, ids[0] ?? 'x'),
      () => e.explainRaw(answers, 'no-such-id'),
      () => e.importCsvRaw(csv, { id: 'leak-test', version: '1' }),
      () => e.importCsvRaw('not;a\ncsv', '{'),
      () => e.gapRaw(answers, { target: 75 }),
      () => e.gapRaw(answers, { target: 'x' }),
      () => e.evidencePlanRaw(answers),
      () => e.summaryRaw(answers),
      () => e.compareRaw(`[${e.summaryRaw(answers)},${e.summaryRaw(answers)}]`),
      () => e.compareRaw('[1,'),
      () => e.yearOverYearRaw(first, first),
      () => e.yearOverYearRaw(first, '{}'),
      () => e.migrateRaw(answers, {}),
      () => e.migrateRaw(answers, '[]'),
      () => e.evidenceCheckRaw(answers, { files: [] }),
      () => e.evidenceCheckRaw(answers, '{"files":3}'),
      () => e.gateRaw(answers),
      () => e.gateRaw(answers, '{'),
      () => e.packageRaw(answers, request),
      () => e.packageRaw(answers, '{}'),
      () => e.verifyPackageRaw(listing()),
      () => e.verifyPackageRaw('{"files":[]}'),
    ];
    const request = { files: [], answers_name: 'jawaban.kkpham.json', bagging_date: '2026-12-07' };
    // The package's own texts as an unpacked folder (no evidence files: every entry is a text).
    const listing = () => {
      const p = e.package(answers, request);
      assert.equal(p.ok, true, JSON.stringify(p.errors));
      return {
        files: p.entries.map((x) => ({ path: x.path, size: x.size, sha256: x.sha256 })),
        texts: Object.fromEntries(p.entries.filter((x) => !x.path.includes('/') || x.path.startsWith('data/00-formulir/'))
          .map((x) => [x.path, x.content])),
      };
    };
    const first = e.scoreRaw(answers);
    for (const call of calls) call(); // warm-up: one-time allocations (statics, caches)
    for (const call of calls) call();
    const before = e.heapBytesInUse;
    assert.ok(before > 0);
    for (let round = 0; round < 5; round++) {
      for (const [i, call] of calls.entries()) {
        const start = e.heapBytesInUse;
        call();
        // loadPack replaces the engine's state; every other call must leave the heap as it was.
        if (!String(call).includes('loadPack')) {
          assert.equal(e.heapBytesInUse, start, `call #${i} (${call}) left ${e.heapBytesInUse - start} bytes allocated`);
        }
      }
      // A whole round ends in the state it started from (packText loaded). Reloading the same
      // pack is not byte-exact on the heap (it varies by a few hundred bytes either way, without
      // drifting), so this bound only catches real leaks, e.g. a pack or a result never freed.
      const drift = e.heapBytesInUse - before;
      assert.ok(Math.abs(drift) <= 16384, `round ${round} left ${drift} bytes allocated`);
    }
    assert.equal(e.scoreRaw(answers), first);
  } finally {
    e.dispose();
  }
});
