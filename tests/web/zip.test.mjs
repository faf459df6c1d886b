// The submission package's ZIP adapters (web/formats/zip-read.js, zip-write.js over zip.js):
// a package written by zip-write reads back entry for entry with node:crypto's hashes; every
// hostile archive of issue 16 (path traversal, absolute path, drive letter, backslash, symbolic
// link, ZIP bomb, duplicate names, 10,000 entries, not one root folder, truncated, not a ZIP)
// is refused with its code before any entry is read; a file changed between the folder check and
// the writing stops the package; the reader's limits are the CLI's (tools/kkpham/zip_package.hpp).
// Hostile archives are made byte by byte here (zipOf), since no well-behaved writer makes them.
// Runs on the source tree laid out as the dist is, and on KKPHAM_DIST's copy if set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipOf, HOSTILE, CONTROL } from './hostile-zips.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.KKPHAM_DIST ? path.resolve(process.env.KKPHAM_DIST) : null;

function sourceLayout() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-zip-'));
  const put = (from, to) => {
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, from), path.join(dir, to));
  };
  for (const f of ['sha256.js', 'zip-read.js', 'zip-write.js']) put(`web/formats/${f}`, `formats/${f}`);
  put('node_modules/hash-wasm/dist/index.esm.min.js', 'vendor/hash-wasm/index.esm.min.js');
  put('node_modules/@zip.js/zip.js/dist/zip-core-external.min.js', 'vendor/@zip.js/zip.js/zip-core-external.min.js');
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const trees = [['source', sourceLayout()]];
if (DIST && fs.existsSync(path.join(DIST, 'formats', 'zip-read.js'))) trees.push(['dist', DIST]);

const hex = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

const blobOf = (buf) => new Blob([buf]);
const ok = (name, data = 'x') => ({ name, data });

for (const [label, dir] of trees) {
  const load = (m) => import(pathToFileURL(path.join(dir, 'formats', m)).href);

  test(`${label}: the reader's limits are the CLI's`, async () => {
    const { LIMITS } = await load('zip-read.js');
    const hpp = fs.readFileSync(path.join(ROOT, 'tools', 'kkpham', 'zip_package.hpp'), 'utf8');
    const constant = (n) => {
      const m = new RegExp(`${n} = ([^;]+);`).exec(hpp);
      assert.ok(m, `${n} not found in zip_package.hpp`);
      return Number(Function(`return ${m[1].replace(/(\d+)LL/g, '$1n').replace(/\b(\d+)\b(?!n)/g, '$1n')}`)());
    };
    assert.equal(LIMITS.maxEntries, constant('kMaxEntries'));
    assert.equal(LIMITS.maxEntrySize, constant('kMaxEntrySize'));
    assert.equal(LIMITS.maxTotalSize, constant('kMaxTotalSize'));
    assert.equal(LIMITS.maxRatio, constant('kMaxRatio'));
    assert.equal(LIMITS.maxText, constant('kMaxText'));
  });

  test(`${label}: a written package reads back in order with node:crypto's hashes; unzip agrees`, async () => {
    const { writePackageZip, packageZipBlob } = await load('zip-write.js');
    const { readPackageZip, answersPathOf } = await load('zip-read.js');
    const pdf = crypto.randomBytes(300_000);
    const form = JSON.stringify({ format: 'kkpham-answers', note: 'x'.repeat(5000) });
    const pkg = {
      root: 'KKPHAM-test-2025',
      entries: [
        { path: 'bagit.txt', size: 55, sha256: '', content: 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' },
        { path: 'bag-info.txt', content: 'KKPHAM-Answers-File: data/00-formulir/jawaban.json\n' },
        { path: 'data/00-formulir/jawaban.json', content: form },
        { path: 'data/01-R1/R1-S1/sk - sk.pdf', file: 'bukti/sk.pdf', size: pdf.length, sha256: hex(pdf) },
      ],
    };
    for (const e of pkg.entries) {
      if ('content' in e) Object.assign(e, { size: Buffer.byteLength(e.content), sha256: hex(Buffer.from(e.content)) });
    }
    const files = new Map([['bukti/sk.pdf', new Blob([pdf])]]);
    const progress = [];
    const made = await packageZipBlob(pkg, { fileFor: (p) => files.get(p) ?? null, onProgress: (p) => progress.push(p) });
    assert.equal(made.ok, true, JSON.stringify(made));
    assert.ok(progress.length >= pkg.entries.length);
    assert.deepEqual(progress.at(-1), { doneBytes: made.payloadBytes, totalBytes: made.payloadBytes, doneFiles: 4, totalFiles: 4 });
    const bytes = Buffer.from(await made.blob.arrayBuffer());

    const read = await readPackageZip(made.blob);
    assert.equal(read.ok, true, JSON.stringify(read));
    assert.equal(read.root, pkg.root);
    assert.deepEqual(read.listing.files, pkg.entries.map((e) => ({ path: e.path, size: e.size, sha256: e.sha256 })));
    assert.deepEqual(Object.keys(read.listing.texts), ['bagit.txt', 'bag-info.txt', 'data/00-formulir/jawaban.json']);
    assert.equal(read.listing.texts['data/00-formulir/jawaban.json'], form);
    assert.equal(answersPathOf(read.listing.texts), 'data/00-formulir/jawaban.json');

    // Info-ZIP's view: the evidence stored, the texts deflated, every CRC good.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-zipw-'));
    try {
      fs.writeFileSync(path.join(tmp, 'p.zip'), bytes);
      const listing = execFileSync('unzip', ['-v', path.join(tmp, 'p.zip')], { encoding: 'utf8' });
      assert.match(listing, /Stored .* KKPHAM-test-2025\/data\/01-R1\/R1-S1\/sk - sk\.pdf/);
      assert.match(listing, /Defl:\S+ .* KKPHAM-test-2025\/data\/00-formulir\/jawaban\.json/);
      execFileSync('unzip', ['-tq', path.join(tmp, 'p.zip')]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }

    // A file changed since the folder check (same size, other bytes) stops the package, and the
    // caller's stream is aborted, not closed.
    const changed = Buffer.from(pdf);
    changed[1000] ^= 0xff;
    let aborted = null;
    let closed = false;
    const sink = new WritableStream({ write() {}, close() { closed = true; }, abort(r) { aborted = r ?? true; } });
    const r = await writePackageZip(pkg, sink, { fileFor: (p) => (p === 'bukti/sk.pdf' ? new Blob([changed]) : null) });
    assert.deepEqual([r.ok, r.code, r.name], [false, 'zip.file_changed', 'bukti/sk.pdf']);
    assert.ok(aborted && !closed);
    const shorter = await packageZipBlob(pkg, { fileFor: () => new Blob([pdf.subarray(1)]) });
    assert.deepEqual([shorter.ok, shorter.code], [false, 'zip.file_changed']);
    const gone = await packageZipBlob(pkg, { fileFor: () => null });
    assert.deepEqual([gone.ok, gone.code], [false, 'zip.file_missing']);

    // A cancel rejects as an AbortError.
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(writePackageZip(pkg, new WritableStream(), { fileFor: (p) => files.get(p), signal: ac.signal }), (e) => e.name === 'AbortError');
  });

  test(`${label}: a ZIP made by Info-ZIP (deflated, with folder entries) reads with the same hashes`, async () => {
    const { readPackageZip } = await load('zip-read.js');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-zipi-'));
    try {
      const a = crypto.randomBytes(2000);
      const b = Buffer.from('teks '.repeat(10000));
      fs.mkdirSync(path.join(tmp, 'P', 'data', 'x'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'P', 'data', 'x', 'a.bin'), a);
      fs.writeFileSync(path.join(tmp, 'P', 'bagit.txt'), b);
      execFileSync('zip', ['-qr', 'p.zip', 'P'], { cwd: tmp });
      const read = await readPackageZip(blobOf(fs.readFileSync(path.join(tmp, 'p.zip'))));
      assert.equal(read.ok, true, JSON.stringify(read));
      assert.equal(read.root, 'P');
      const byPath = Object.fromEntries(read.listing.files.map((f) => [f.path, f]));
      assert.deepEqual(byPath['data/x/a.bin'], { path: 'data/x/a.bin', size: a.length, sha256: hex(a) });
      assert.deepEqual(byPath['bagit.txt'], { path: 'bagit.txt', size: b.length, sha256: hex(b) });
      assert.equal(read.listing.texts['bagit.txt'], b.toString());
      assert.equal(read.listing.texts['data/x/a.bin'], undefined, 'evidence is hashed, not kept');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test(`${label}: every hostile archive is refused with its code`, async () => {
    const { readPackageZip } = await load('zip-read.js');
    const refused = async (buf, code, what) => {
      const r = await readPackageZip(blobOf(buf));
      assert.equal(r.ok, false, `${what}: accepted`);
      assert.equal(r.code, code, `${what}: ${JSON.stringify(r)}`);
      return r;
    };
    assert.equal((await readPackageZip(blobOf(CONTROL()))).ok, true, 'the well-formed control archive');
    for (const [what, code, bytes] of HOSTILE) {
      const t0 = performance.now();
      const r = await refused(bytes(), code, what);
      if (what === 'traversal') assert.equal(r.name, 'P/data/../../../etc/passwd');
      if (what === '10,000 entries') {
        assert.equal(r.detail, '10000');
        assert.ok(performance.now() - t0 < 2000, 'refused from the end record, before zip.js reads the entries');
      }
    }
  });

  test(`${label}: the reader keeps texts under a bound and flips on a changed byte`, async () => {
    const { readPackageZip } = await load('zip-read.js');
    const big = Buffer.alloc(9 * 1024 * 1024, 0x61);
    const r = await readPackageZip(blobOf(zipOf([{ name: 'P/bagit.txt', data: big }, ok('P/data/a.pdf')])));
    assert.deepEqual([r.ok, r.code, r.name], [false, 'zip.text_too_large', 'P/bagit.txt']);
    // The same archive with one evidence byte changed (CRC fixed up, as a careful forger would):
    // the hash differs, which is what verifyPackage reports as a changed file.
    const a = await readPackageZip(blobOf(zipOf([ok('P/bagit.txt'), ok('P/data/a.pdf', 'isi asli')])));
    const b = await readPackageZip(blobOf(zipOf([ok('P/bagit.txt'), ok('P/data/a.pdf', 'isi palsu')])));
    assert.equal(a.listing.files[1].sha256, hex(Buffer.from('isi asli')));
    assert.equal(b.listing.files[1].sha256, hex(Buffer.from('isi palsu')));
    // A byte flipped without fixing the CRC: damaged.
    const buf = zipOf([ok('P/bagit.txt'), ok('P/data/a.pdf', 'isi asli')]);
    const at = buf.indexOf(Buffer.from('isi asli'));
    buf[at] ^= 1;
    const c = await readPackageZip(blobOf(buf));
    assert.deepEqual([c.ok, c.code], [false, 'zip.damaged']);
  });

  test(`${label}: a cancel stops the reading with an AbortError, before or while entries stream`, async () => {
    const { readPackageZip } = await load('zip-read.js');
    const buf = zipOf([ok('P/bagit.txt'), ...Array.from({ length: 20 }, (_, i) => ({ name: `P/data/${i}.pdf`, data: crypto.randomBytes(300_000) }))]);
    const before = new AbortController();
    before.abort();
    await assert.rejects(readPackageZip(blobOf(buf), { signal: before.signal }), (e) => e.name === 'AbortError');
    const during = new AbortController();
    const seen = [];
    await assert.rejects(readPackageZip(blobOf(buf), {
      signal: during.signal,
      onProgress: (p) => {
        seen.push(p.doneFiles);
        if (p.doneFiles === 3) during.abort();
      },
    }), (e) => e.name === 'AbortError');
    assert.ok(Math.max(...seen) < 20, 'not every entry was read');
  });
}
