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
  for (const f of ['kkpham-core.mjs', 'kkpham-core.wasm', 'kkpham-api.js']) {
    assert.ok(fs.existsSync(dist(f)), `${f} missing from ${DIST_DIR}`);
  }
});

test('every web/ file is copied to the dist root, unchanged', () => {
  const web = path.join(SOURCE_DIR, 'web');
  const files = listFiles(web);
  assert.ok(files.includes('kkpham-api.js'));
  for (const f of files) {
    assert.ok(fs.existsSync(dist(f)), `web/${f} is not in dist/`);
    assert.ok(fs.readFileSync(dist(f)).equals(fs.readFileSync(path.join(web, f))), `dist/${f} differs from web/${f}`);
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
