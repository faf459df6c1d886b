// The submission package's ZIP, browser side (web/formats/zip-write.js, zip-read.js, run under
// node with the dist's wasm engine) against the native CLI (`kkpham package` / `kkpham verify`,
// KKPHAM_NATIVE_CLI) on the shared vector tests/fixtures/package-vector.json:
//   - the same answers and evidence files give the same entry paths in the same order and the
//     same bytes in every entry (index CSV/HTML, manifests, tag files, forms, evidence);
//   - `sha256sum -c manifest-sha256.txt` and `-c tagmanifest-sha256.txt` pass inside the
//     browser-built package unzipped, and `kkpham verify` accepts it as intact;
//   - the browser reader's listing of the CLI's ZIP verifies to the very bytes `kkpham verify
//     --format json` prints;
//   - each tamper case (a file swapped, a file added, a file removed, the answers edited after
//     packing) is reported as altered, by the browser reader + engine and by the CLI alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { DIST_DIR, NATIVE_CLI, newEngine, readText, run } from './lib.mjs';

const vec = JSON.parse(readText('tests/fixtures/package-vector.json'));
const NO_CLI = NATIVE_CLI ? false : 'KKPHAM_NATIVE_CLI is not set: CLI vs browser package parity NOT checked';
const MTIME = new Date('2026-01-02T03:04:05Z');
const hex = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const stripNewline = (s) => (s.endsWith('\n') ? s.slice(0, -1) : s);

let engine;
let formats;
let tmp;
let io;
let answersText;

before(async () => {
  engine = await newEngine();
  const packText = JSON.stringify(vec.pack);
  const loaded = engine.loadPack(packText);
  assert.equal(loaded.ok, true, JSON.stringify(loaded.errors));
  const answers = structuredClone(vec.answers);
  answers.pack.sha256 = loaded.pack.sha256;
  answersText = `${JSON.stringify(answers, null, 2)}\n`;
  formats = {
    write: await import(pathToFileURL(path.join(DIST_DIR, 'formats', 'zip-write.js')).href),
    read: await import(pathToFileURL(path.join(DIST_DIR, 'formats', 'zip-read.js')).href),
  };
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-package-zip-'));
  const evidence = path.join(tmp, 'bukti');
  for (const [p, content] of Object.entries(vec.files)) {
    const full = path.join(evidence, p);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    fs.utimesSync(full, MTIME, MTIME);
  }
  fs.writeFileSync(path.join(tmp, 'pack.json'), packText);
  fs.writeFileSync(path.join(tmp, vec.answers_name), answersText);
  io = { evidence, pack: path.join(tmp, 'pack.json'), answers: path.join(tmp, vec.answers_name) };
});
after(() => {
  engine?.dispose();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * The evidence folder as the browser sees a chosen folder: Files with their relative paths,
 * hashed, their times as the CLI lists them (whole seconds; state/evidence-files.js fileTime), in the
 * CLI's order (each folder's names in byte order, depth first).
 */
function browserFiles(dir, rel = '') {
  const out = [];
  const names = fs.readdirSync(path.join(dir, rel)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const r = rel ? `${rel}/${name}` : name;
    const st = fs.statSync(path.join(dir, r));
    if (st.isDirectory()) {
      out.push(...browserFiles(dir, r));
      continue;
    }
    const bytes = fs.readFileSync(path.join(dir, r));
    const file = new File([bytes], name, { lastModified: st.mtimeMs });
    const iso = new Date(Math.floor(file.lastModified / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    out.push({ path: r, name, size: bytes.length, sha256: hex(bytes), mtime: iso, file });
  }
  return out;
}

async function browserZip() {
  const files = browserFiles(io.evidence);
  const request = { files: files.map(({ file, ...f }) => f), answers_name: vec.answers_name, bagging_date: vec.bagging_date };
  const pkg = engine.package(answersText, request);
  assert.equal(pkg.ok, true, JSON.stringify(pkg.errors));
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const made = await formats.write.packageZipBlob(pkg, { fileFor: (p) => byPath.get(p) ?? null });
  assert.equal(made.ok, true, JSON.stringify(made));
  return { pkg, bytes: Buffer.from(await made.blob.arrayBuffer()) };
}

function unzipTo(zip, dir) {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  const [root] = fs.readdirSync(dir);
  return path.join(dir, root);
}

/** Every entry's path and bytes, in archive order (folder entries left out). */
function entriesOf(zip, dir) {
  const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((n) => n && !n.endsWith('/'));
  const root = unzipTo(zip, dir);
  return { root, names, bytes: names.map((n) => fs.readFileSync(path.join(dir, n))) };
}

/** The browser's verification of a ZIP: reader listing -> engine.verifyPackageRaw. */
async function browserVerify(bytes) {
  const read = await formats.read.readPackageZip(new Blob([bytes]));
  assert.equal(read.ok, true, JSON.stringify(read));
  return engine.verifyPackageRaw(read.listing);
}

test('browser and CLI build the same package: paths in order, bytes of every entry; sha256sum -c and kkpham verify accept the browser\'s', { skip: NO_CLI }, async () => {
  const cliZip = path.join(tmp, 'cli.zip');
  const made = await run(NATIVE_CLI, ['package', io.answers, '--pack', io.pack, '--evidence', io.evidence, '-o', cliZip, '--date', vec.bagging_date]);
  assert.ok(fs.existsSync(cliZip), `kkpham package wrote no ZIP (exit ${made.code}): ${made.stderr}`);
  const { pkg, bytes } = await browserZip();
  const webZip = path.join(tmp, 'web.zip');
  fs.writeFileSync(webZip, bytes);

  const cli = entriesOf(cliZip, path.join(tmp, 'cli'));
  const web = entriesOf(webZip, path.join(tmp, 'web'));
  assert.deepEqual(web.names, cli.names, 'entry paths and their order');
  assert.deepEqual(web.names, vec.expect.paths.map((p) => `${vec.expect.root}/${p}`));
  assert.equal(pkg.root, vec.expect.root);
  for (const [i, name] of cli.names.entries()) {
    assert.ok(web.bytes[i].equals(cli.bytes[i]), `${name}: the browser's bytes differ from the CLI's`);
  }
  for (const key of ['data/DAFTAR-DATA-DUKUNG.csv', 'data/DAFTAR-DATA-DUKUNG.html', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
    assert.ok(cli.names.includes(`${vec.expect.root}/${key}`), `${key} in the package`);
  }
  // Any checker of the unpacked bag: sha256sum over both manifests, from inside the package.
  execFileSync('sha256sum', ['--quiet', '-c', 'manifest-sha256.txt'], { cwd: web.root });
  execFileSync('sha256sum', ['--quiet', '-c', 'tagmanifest-sha256.txt'], { cwd: web.root });
  const verified = await run(NATIVE_CLI, ['verify', webZip, '--pack', io.pack, '--format', 'json']);
  const doc = JSON.parse(verified.stdout);
  assert.equal(doc.intact, true, verified.stdout);
  assert.equal(doc.complete, vec.expect.complete);
  // The browser reader over the CLI's ZIP verifies to the CLI's own bytes.
  const cliVerified = await run(NATIVE_CLI, ['verify', cliZip, '--pack', io.pack, '--format', 'json']);
  assert.equal(await browserVerify(fs.readFileSync(cliZip)), stripNewline(cliVerified.stdout));
});

test('each tamper case is reported as altered, by the browser and by the CLI alike', async () => {
  const { bytes } = await browserZip();
  const webZip = path.join(tmp, 'base.zip');
  fs.writeFileSync(webZip, bytes);
  assert.equal(JSON.parse(await browserVerify(bytes)).intact, true, 'the untouched package is intact');
  const root = vec.expect.root;
  const cases = {
    swapped: (dir) => fs.writeFileSync(path.join(dir, root, 'data/01-hak-atas-bantuan-hukum/R1-P1/dpa - dpa.pdf'), 'a forged DPA'),
    added: (dir) => fs.writeFileSync(path.join(dir, root, 'data/01-hak-atas-bantuan-hukum/R1-S1/tambahan.pdf'), 'slipped in later'),
    removed: (dir) => fs.rmSync(path.join(dir, root, 'data/01-hak-atas-bantuan-hukum/R1-S1/sk - sk.pdf')),
    answersEdited: (dir) => {
      const f = path.join(dir, root, 'data/00-formulir', vec.answers_name);
      const a = JSON.parse(fs.readFileSync(f, 'utf8'));
      a.region.name = `${a.region.name} (diubah)`;
      fs.writeFileSync(f, `${JSON.stringify(a, null, 2)}\n`);
    },
  };
  for (const [name, tamper] of Object.entries(cases)) {
    const dir = path.join(tmp, `tamper-${name}`);
    unzipTo(webZip, dir);
    tamper(dir);
    const zip = path.join(tmp, `tamper-${name}.zip`);
    execFileSync('zip', ['-qr', zip, root], { cwd: dir });
    const raw = await browserVerify(fs.readFileSync(zip));
    const v = JSON.parse(raw);
    assert.equal(v.ok, true, `${name}: ${raw.slice(0, 300)}`);
    assert.equal(v.intact, false, `${name}: reported intact`);
    assert.ok(v.problems.length > 0 && v.problems.every((p) => p.message.id && p.message.en), `${name}: ${JSON.stringify(v.problems)}`);
    if (name === 'answersEdited') assert.ok(v.problems.some((p) => p.path.endsWith(vec.answers_name)), JSON.stringify(v.problems));
    if (name === 'removed') assert.ok(v.problems.some((p) => p.path.endsWith('sk - sk.pdf')), JSON.stringify(v.problems));
    if (name === 'added') assert.ok(v.problems.some((p) => p.path.endsWith('tambahan.pdf')), JSON.stringify(v.problems));
    if (NATIVE_CLI) {
      const cli = await run(NATIVE_CLI, ['verify', zip, '--pack', io.pack, '--format', 'json']);
      assert.notEqual(cli.code, 0, `${name}: kkpham verify accepted it`);
      assert.equal(raw, stripNewline(cli.stdout), `${name}: the browser's verification differs from the CLI's`);
    }
  }
});

test('every hostile archive the browser reader refuses, kkpham verify refuses too', { skip: NO_CLI }, async () => {
  const { HOSTILE, CONTROL } = await import('../web/hostile-zips.mjs');
  const dir = path.join(tmp, 'hostile');
  fs.mkdirSync(dir, { recursive: true });
  const control = path.join(dir, 'control.zip');
  fs.writeFileSync(control, CONTROL());
  const c = await run(NATIVE_CLI, ['verify', control, '--pack', io.pack]);
  assert.match(c.stderr, /package\.no_answers/, 'the control archive passes the reader (it has no answers file)');
  for (const [i, [what, code, bytes]] of HOSTILE.entries()) {
    const file = path.join(dir, `${i}.zip`);
    fs.writeFileSync(file, bytes());
    const browser = await formats.read.readPackageZip(new Blob([fs.readFileSync(file)]));
    assert.equal(browser.code, code, `${what}: ${JSON.stringify(browser)}`);
    const cli = await run(NATIVE_CLI, ['verify', file, '--pack', io.pack]);
    assert.notEqual(cli.code, 0, `${what}: kkpham verify accepted it`);
    assert.match(cli.stderr, /package\.invalid/, `${what}: ${cli.stderr}`);
  }
});
