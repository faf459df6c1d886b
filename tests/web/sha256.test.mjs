// The streaming SHA-256 of evidence files (web/formats/sha256.js over hash-wasm) against
// node:crypto. Runs on the source tree laid out as the dist is (formats/ next to vendor/), and on
// KKPHAM_DIST's copy if set: node --test tests/web/sha256.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.KKPHAM_DIST ? path.resolve(process.env.KKPHAM_DIST) : null;

// web/formats/sha256.js and the vendored hash-wasm, in the dist's layout, in a temp folder.
function sourceLayout() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-sha256-'));
  fs.mkdirSync(path.join(dir, 'formats'));
  fs.mkdirSync(path.join(dir, 'vendor', 'hash-wasm'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'web', 'formats', 'sha256.js'), path.join(dir, 'formats', 'sha256.js'));
  fs.copyFileSync(path.join(ROOT, 'node_modules', 'hash-wasm', 'dist', 'index.esm.min.js'),
    path.join(dir, 'vendor', 'hash-wasm', 'index.esm.min.js'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const trees = [['source', sourceLayout()]];
if (DIST) trees.push(['dist', DIST]);

const hex = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
// Deterministic "random" bytes (a seeded xorshift), so a failure can be reproduced.
function bytesOf(n, seed = 0x9e3779b9) {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i += 1) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

for (const [name, dir] of trees) {
  const mod = () => import(pathToFileURL(path.join(dir, 'formats', 'sha256.js')).href);

  test(`${name}: known digests (empty, "abc"), read whole and streamed`, async () => {
    const { sha256OfBlob } = await mod();
    for (const wholeMax of [undefined, 0]) {
      for (const byob of [true, false]) {
        assert.equal(await sha256OfBlob(new Blob([]), { wholeMax, byob }), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
        assert.equal(await sha256OfBlob(new Blob(['abc']), { wholeMax, byob }), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      }
    }
  });

  test(`${name}: 1 MiB + 1 random bytes equal node:crypto, read whole or streamed in any slice size`, async () => {
    const { sha256OfBlob, WHOLE_MAX } = await mod();
    assert.ok(WHOLE_MAX >= 1024 * 1024 && WHOLE_MAX <= 64 * 1024 * 1024, 'a file read at once stays small');
    const data = bytesOf(1024 * 1024 + 1);
    const want = hex(data);
    const cases = [[undefined, undefined], [undefined, 0], [64, 0], [1000, 0], [65536, 0], [1024 * 1024, 0], [1024 * 1024 + 1, 0], [4096, 1024 * 1024], [4096, 2 * 1024 * 1024]];
    for (const [[chunk, wholeMax], byob] of cases.flatMap((c) => [[c, true], [c, false]])) {
      const seen = [];
      const got = await sha256OfBlob(new Blob([data]), { chunk, wholeMax, byob, onBytes: (n) => seen.push(n) });
      assert.equal(got, want, `chunk ${chunk}, wholeMax ${wholeMax}, byob ${byob}`);
      if (wholeMax === 0 && chunk < data.length) assert.ok(seen.length > 1, 'streamed in slices');
      assert.equal(seen.at(-1), data.length, 'onBytes ends at the size');
      assert.ok(seen.every((n, i) => i === 0 || n > seen[i - 1]), 'onBytes grows');
    }
    // One bit changed changes the digest, also when the reused whole-file buffer held the last file.
    const other = data.slice();
    other[500000] ^= 1;
    assert.equal(await sha256OfBlob(new Blob([other])), hex(other));
    assert.notEqual(hex(other), want);
    const shorter = data.subarray(0, 1000);
    assert.equal(await sha256OfBlob(new Blob([shorter])), hex(shorter), 'a smaller file after a larger one: only its own bytes');
  });

  test(`${name}: incremental hasher over uneven pieces equals node:crypto`, async () => {
    const { createSha256 } = await mod();
    const data = bytesOf(300001, 7);
    const h = await createSha256();
    let at = 0;
    for (const n of [0, 1, 63, 64, 65, 4096, 100000]) {
      h.update(data.subarray(at, at + n));
      at += n;
    }
    h.update(data.subarray(at));
    assert.equal(h.digestHex(), hex(data));
    assert.throws(() => h.update(new Uint8Array(1)), /after digestHex/);
    assert.throws(() => h.digestHex(), /twice/);
    const h2 = await createSha256();
    assert.throws(() => h2.update('abc'), TypeError);
  });

  test(`${name}: a cancelled hash rejects with an AbortError and reads no further`, async () => {
    const { sha256OfBlob } = await mod();
    const data = bytesOf(200000, 3);
    for (const byob of [true, false]) {
      const ac = new AbortController();
      let calls = 0;
      await assert.rejects(sha256OfBlob(new Blob([data]), { chunk: 1000, wholeMax: 0, byob, signal: ac.signal, onBytes: () => { calls += 1; if (calls === 3) ac.abort(); } }),
        (e) => e.name === 'AbortError');
      assert.ok(calls <= 4, `read on after the cancel: ${calls} slices (byob ${byob})`);
    }
    const done = new AbortController();
    done.abort();
    await assert.rejects(sha256OfBlob(new Blob(['x']), { signal: done.signal }), (e) => e.name === 'AbortError');
    await assert.rejects(sha256OfBlob('not a blob'), TypeError);
  });
}
