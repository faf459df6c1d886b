// The servable app folder (build/wasm/dist) as kkpham_dist assembles it: the module, the
// facade and the rest of web/, the packs; and properties of the generated module that the
// page relies on (its CSP has no 'unsafe-eval').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST_DIR, SOURCE_DIR } from './lib.mjs';

const dist = (...p) => path.join(DIST_DIR, ...p);

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const p = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

test('the module, its wasm and the facade are in dist/', () => {
  for (const f of ['kkpham-core.mjs', 'kkpham-core.wasm', path.join('engine', 'kkpham-api.js')]) {
    assert.ok(fs.existsSync(dist(f)), `${f} missing from ${DIST_DIR}`);
  }
});

test('every web/ file is copied to the dist root (with its folder), unchanged (sw.js: only its build stamp)', () => {
  const web = path.join(SOURCE_DIR, 'web');
  const files = listFiles(web);
  assert.ok(files.includes(path.join('engine', 'kkpham-api.js')));
  for (const f of files) {
    // The catalogs are split by the build (scripts/split-i18n.mjs) into the Start part and the
    // rest: both are in dist/ and together they are the source catalog, key for key.
    const catalog = /^i18n[\\/]([a-z]+)\.json$/.exec(f);
    if (catalog) {
      const parts = ['start', 'rest'].map((part) => dist('i18n', `${catalog[1]}.${part}.json`));
      for (const p of parts) assert.ok(fs.existsSync(p), `${path.relative(DIST_DIR, p)} is not in dist/`);
      const [start, rest] = parts.map((p) => JSON.parse(fs.readFileSync(p, 'utf8')));
      assert.deepEqual({ ...start, ...rest }, JSON.parse(fs.readFileSync(path.join(web, f), 'utf8')), `dist/i18n/${catalog[1]}.{start,rest}.json together differ from web/${f}`);
      continue;
    }
    assert.ok(fs.existsSync(dist(f)), `web/${f} is not in dist/`);
    if (f === 'sw.js') {
      const src = fs.readFileSync(path.join(web, f), 'utf8');
      const out = fs.readFileSync(dist(f), 'utf8');
      const m = /const BUILD = '([0-9a-f]{16})';/.exec(out);
      assert.ok(m, 'dist/sw.js is stamped with a 16-hex build hash');
      assert.equal(out.replace(m[0], "const BUILD = 'dev';"), src, 'dist/sw.js differs from web/sw.js beyond its stamp');
      continue;
    }
    assert.ok(fs.readFileSync(dist(f)).equals(fs.readFileSync(path.join(web, f))), `dist/${f} differs from web/${f}`);
  }
});

test('criteria/index.json lists every bundled pack with the summary the engine gives', async () => {
  const index = JSON.parse(fs.readFileSync(dist('criteria', 'index.json'), 'utf8'));
  assert.equal(index.format, 'kkpham-pack-index');
  const packs = fs.readdirSync(path.join(SOURCE_DIR, 'criteria')).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(index.packs.map((p) => p.file), packs.map((f) => `criteria/${f}`));
  const { loadEngine } = await import(dist('engine', 'kkpham-api.js'));
  const engine = await loadEngine({ wasmBinary: fs.readFileSync(dist('kkpham-core.wasm')) });
  try {
    for (const p of index.packs) {
      const r = engine.loadPack(fs.readFileSync(dist(p.file), 'utf8'));
      assert.ok(r.ok, p.file);
      assert.deepEqual(p.summary, engine.packSummary(), `${p.file}: index summary = engine summary`);
      assert.match(p.summary.sha256, /^[0-9a-f]{64}$/);
    }
  } finally {
    engine.dispose();
  }
});

test('stamp-sw: the stamp follows the app files; a listed file missing or an app file unlisted fails', async () => {
  const { stampServiceWorker } = await import(path.join(SOURCE_DIR, 'scripts', 'stamp-sw.mjs'));
  const tmp = fs.mkdtempSync(path.join(DIST_DIR, '..', 'stamp-test-'));
  try {
    fs.writeFileSync(path.join(tmp, 'sw.js'), "const BUILD = 'dev';\nconst SHELL = [\n  './',\n  'index.html',\n  'app.js',\n];\n");
    fs.writeFileSync(path.join(tmp, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(tmp, 'app.js'), 'export {};');
    fs.writeFileSync(path.join(tmp, 'README.md'), 'not part of the app');
    const a = stampServiceWorker(tmp);
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.equal(stampServiceWorker(tmp), a, 'the same files give the same stamp (restamping is stable)');
    fs.writeFileSync(path.join(tmp, 'app.js'), 'export const changed = 1;');
    const b = stampServiceWorker(tmp);
    assert.notEqual(b, a, 'a changed file changes the stamp');
    assert.match(fs.readFileSync(path.join(tmp, 'sw.js'), 'utf8'), new RegExp(`const BUILD = '${b}';`));
    fs.writeFileSync(path.join(tmp, 'extra.js'), 'export {};');
    assert.throws(() => stampServiceWorker(tmp), /not listed.*extra\.js/);
    fs.rmSync(path.join(tmp, 'extra.js'));
    fs.rmSync(path.join(tmp, 'app.js'));
    assert.throws(() => stampServiceWorker(tmp), /listed but missing: app\.js/);
    // A library cached on use (ON_USE) counts as listed, and its bytes are part of the stamp.
    fs.writeFileSync(path.join(tmp, 'app.js'), 'export {};');
    fs.mkdirSync(path.join(tmp, 'vendor'));
    fs.writeFileSync(path.join(tmp, 'vendor', 'lib.js'), 'export const v = 1;');
    assert.throws(() => stampServiceWorker(tmp), /not listed.*vendor\/lib\.js/);
    fs.writeFileSync(path.join(tmp, 'sw.js'), "const BUILD = 'dev';\nconst SHELL = [\n  './',\n  'index.html',\n  'app.js',\n];\n"
      + "const ON_USE = [\n  'vendor/lib.js',\n];\n");
    const c = stampServiceWorker(tmp);
    fs.writeFileSync(path.join(tmp, 'vendor', 'lib.js'), 'export const v = 2;');
    assert.notEqual(stampServiceWorker(tmp), c, 'a changed on-use library changes the stamp');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('every criteria/*.json is copied to dist/criteria/, unchanged', () => {
  const dir = path.join(SOURCE_DIR, 'criteria');
  const packs = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(packs.length > 0, 'no criteria/*.json');
  for (const f of packs) {
    assert.ok(fs.readFileSync(dist('criteria', f)).equals(fs.readFileSync(path.join(dir, f))), `criteria/${f}`);
  }
});

test('the wasm validates; the module is an ES module factory that never evals', () => {
  assert.ok(WebAssembly.validate(fs.readFileSync(dist('kkpham-core.wasm'))));
  const js = fs.readFileSync(dist('kkpham-core.mjs'), 'utf8');
  assert.match(js, /export default createKkphamModule/);
  assert.match(js, /import\.meta\.url/, 'the .wasm must be located from the module URL');
  // script-src 'self' 'wasm-unsafe-eval': no new Function / eval (embind: -sDYNAMIC_EXECUTION=0).
  assert.doesNotMatch(js, /new Function\s*\(|\beval\s*\(/);
  assert.doesNotMatch(js, /\brequire\s*\(|__dirname/, 'node-only code in the browser module');
});

test('sizes stay those of a release build', (t) => {
  const sizes = {};
  for (const f of ['kkpham-core.wasm', 'kkpham-core.mjs']) {
    const buf = fs.readFileSync(dist(f));
    sizes[f] = { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
    t.diagnostic(`${f}: ${sizes[f].raw} bytes, ${sizes[f].gzip} gzipped`);
  }
  // Generous ceilings that only a debug or -O0 build would break.
  assert.ok(sizes['kkpham-core.wasm'].raw < 1_500_000, 'kkpham-core.wasm is over 1.5 MB: a debug build?');
  assert.ok(sizes['kkpham-core.mjs'].raw < 150_000, 'kkpham-core.mjs is over 150 KB: not minified?');
});
