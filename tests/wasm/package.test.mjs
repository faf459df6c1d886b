// The submission package through the JS facade (evidenceCheck, gate, package, verifyPackage) on
// the shared vector tests/fixtures/package-vector.json: the same layout, evidence statuses and
// gate reasons as tests/native/package_vector_test.cpp, and, when KKPHAM_NATIVE_CLI is set, the
// very bytes the native CLI prints for the same inputs:
//   gate(answers)                 kkpham check ANSWERS --format json             (no --evidence)
//   evidenceCheck(answers, files) kkpham check ANSWERS --evidence DIR --format json
//   verifyPackage(listing)        kkpham verify PAKET.zip --format json  (the ZIP `kkpham package`
//                                 wrote; the wasm listing is built from package()'s own entries)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIVE_CLI, newEngine, readText, run } from './lib.mjs';

const vec = JSON.parse(readText('tests/fixtures/package-vector.json'));
const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const NO_CLI = NATIVE_CLI ? false : 'KKPHAM_NATIVE_CLI is not set: native/wasm package byte parity NOT checked';
// A fixed modification time for the evidence files, so the CLI's listing is known exactly.
const MTIME = new Date('2026-01-02T03:04:05Z');

let engine;
let packText;
let answersText;   // the vector's answers with the loaded pack's sha256
let files;         // {path, size, sha256} per vector file, as the C++ test builds them
let tmp;

before(async () => {
  engine = await newEngine();
  packText = JSON.stringify(vec.pack);
  const loaded = engine.loadPack(packText);
  assert.equal(loaded.ok, true, JSON.stringify(loaded.errors));
  const answers = structuredClone(vec.answers);
  answers.pack.sha256 = loaded.pack.sha256;
  answersText = JSON.stringify(answers);
  files = Object.entries(vec.files).map(([p, content]) => ({
    path: p, size: Buffer.byteLength(content, 'utf8'), sha256: sha256(content),
  }));
});
after(() => {
  engine?.dispose();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function packageRequest(list = files) {
  return { files: list, answers_name: vec.answers_name, bagging_date: vec.bagging_date };
}

test('package(): the vector\'s root, layout, evidence statuses, unreferenced files and gate reasons', () => {
  const p = engine.package(answersText, packageRequest());
  assert.equal(p.ok, true, JSON.stringify(p.errors));
  assert.equal(p.format, 'kkpham-package');
  const want = vec.expect;
  assert.equal(p.root, want.root);
  assert.equal(p.complete, want.complete);
  assert.deepEqual(p.entries.map((e) => e.path), want.paths);
  assert.deepEqual(p.evidence.items.map((i) => [i.indicator, i.evidence, i.status, i.file === null ? null : i.file.path]),
    want.status);
  assert.deepEqual(p.evidence.unreferenced.map((f) => f.path), want.unreferenced);
  assert.deepEqual(p.gate.reasons.map((r) => [r.kind, r.indicator, r.evidence]), want.gate_reasons);
  assert.equal(p.gate.complete, false);
  // Every entry says where its bytes come from: a file of the caller's folder, or a text made here
  // whose size and SHA-256 are its own.
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const e of p.entries) {
    if ('file' in e) {
      const f = byPath.get(e.file);
      assert.ok(f, `${e.path}: unknown file ${e.file}`);
      assert.deepEqual([e.size, e.sha256], [f.size, f.sha256], e.path);
    } else {
      assert.equal(typeof e.content, 'string', e.path);
      assert.deepEqual([e.size, e.sha256], [Buffer.byteLength(e.content, 'utf8'), sha256(e.content)], e.path);
    }
  }
  // The raw text is what the parsed call read; objects and their JSON text give the same bytes.
  const raw = engine.packageRaw(answersText, packageRequest());
  assert.deepEqual(JSON.parse(raw), p);
  assert.equal(engine.packageRaw(JSON.parse(answersText), JSON.stringify(packageRequest())), raw);
});

test('evidenceCheck() and gate() say what package() says', () => {
  const p = engine.package(answersText, packageRequest());
  const check = engine.evidenceCheck(answersText, { files });
  assert.equal(check.ok, true, JSON.stringify(check.errors));
  assert.equal(check.format, 'kkpham-evidence-check');
  assert.deepEqual(check.evidence, p.evidence);
  assert.deepEqual(check.gate, p.gate);
  const g = engine.gate(answersText, { files });
  assert.equal(g.format, 'kkpham-gate');
  assert.deepEqual(g.gate, p.gate);
  assert.equal(g.gate.evidence_basis, 'checked');
});

test('gate() without files judges the answers\' own "ready" marks', () => {
  const g = engine.gate(answersText);
  assert.equal(g.ok, true, JSON.stringify(g.errors));
  assert.equal(g.gate.evidence_basis, 'marked');
  assert.equal(engine.gateRaw(answersText, null), engine.gateRaw(answersText));
  // R2-S1's required "sk" is not in the answers at all: the gate stays closed on it.
  assert.equal(g.gate.complete, false);
  assert.ok(g.gate.reasons.some((r) => r.indicator === 'R2-S1' && r.evidence === 'sk'), JSON.stringify(g.gate.reasons));
});

/** {files, texts} of an unpacked package, as the CLI's ZIP reader builds it: every file, and
 * the text of the tag files and data/00-formulir/*. */
function listingOf(p, contentOf) {
  const listing = { files: [], texts: {} };
  for (const e of p.entries) {
    listing.files.push({ path: e.path, size: e.size, sha256: e.sha256 });
    if (!e.path.includes('/') || e.path.startsWith('data/00-formulir/')) {
      listing.texts[e.path] = 'content' in e ? e.content : contentOf(e.file);
    }
  }
  return listing;
}

test('verifyPackage(): the package as built is intact; a changed or missing file is not', () => {
  const p = engine.package(answersText, packageRequest());
  const listing = listingOf(p, (f) => vec.files[f]);
  const v = engine.verifyPackage(listing);
  assert.equal(v.ok, true, JSON.stringify(v.errors));
  assert.equal(v.format, 'kkpham-verify');
  assert.equal(v.intact, true, JSON.stringify(v.problems));
  assert.equal(v.complete, vec.expect.complete);
  assert.deepEqual(v.gate.reasons.map((r) => [r.kind, r.indicator, r.evidence]), vec.expect.gate_reasons);

  const changed = structuredClone(listing);
  const target = changed.files.find((f) => f.path.endsWith('dpa - dpa.pdf'));
  target.sha256 = sha256('something else');
  const vc = engine.verifyPackage(changed);
  assert.equal(vc.intact, false);
  assert.ok(vc.problems.length > 0);

  const missing = structuredClone(listing);
  missing.files = missing.files.filter((f) => !f.path.endsWith('sk - sk.pdf'));
  const vm = engine.verifyPackage(missing);
  assert.equal(vm.intact, false);
  assert.ok(vm.problems.length > 0);
  assert.equal(engine.hasPack(), true);
});

test('the package entry points refuse junk with errors and keep the engine usable', () => {
  const request = JSON.stringify(packageRequest());
  const filesText = JSON.stringify({ files });
  const deep = '['.repeat(2000) + ']'.repeat(2000);
  const refused = (r, label) => {
    const doc = JSON.parse(r);
    assert.equal(doc.ok, false, `${label}: ${r.slice(0, 200)}`);
    assert.ok(doc.errors.length > 0 && typeof doc.errors[0].code === 'string', `${label}: ${r.slice(0, 200)}`);
  };
  // Broken answers, with a good second argument.
  for (const j of ['', '{', '[]', '\uD800', deep]) {
    const label = `answers ${JSON.stringify(j.slice(0, 30))}`;
    refused(engine.evidenceCheckRaw(j, filesText), label);
    refused(engine.gateRaw(j, filesText), label);
    refused(engine.gateRaw(j), label);
    refused(engine.packageRaw(j, request), label);
  }
  // Good answers, a broken file list / request / listing.
  const badLists = ['{', '{}', '{"files":3}', '{"files":[{"path":"../x","size":-1,"sha256":"zz"}]}', '\uD800', deep];
  for (const j of badLists) {
    const label = `files ${JSON.stringify(j.slice(0, 30))}`;
    refused(engine.evidenceCheckRaw(answersText, j), label);
    refused(engine.gateRaw(answersText, j), label);
    refused(engine.packageRaw(answersText, j), label);
  }
  for (const j of ['', '[]', ...badLists]) refused(engine.verifyPackageRaw(j), `listing ${JSON.stringify(j.slice(0, 30))}`);
  refused(engine.packageRaw(answersText, JSON.stringify({ files })), 'a request without answers_name and bagging_date');
  // Arguments the facade requires are checked before they reach the wasm.
  assert.throws(() => engine.evidenceCheck(answersText), TypeError);
  assert.throws(() => engine.package(answersText), TypeError);
  assert.throws(() => engine.verifyPackage(undefined), TypeError);
  assert.equal(engine.package(answersText, packageRequest()).root, vec.expect.root);
});

// --- byte parity with the native CLI -------------------------------------------------------

/** The CLI's walk of --evidence DIR (tools/kkpham/evidence_files.cpp): each folder's names in
 * byte order, depth first; {path, name, size, sha256, mtime}. */
function walk(dir, rel = '') {
  const out = [];
  const names = fs.readdirSync(path.join(dir, rel)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const r = rel ? `${rel}/${name}` : name;
    const st = fs.lstatSync(path.join(dir, r));
    if (st.isDirectory()) out.push(...walk(dir, r));
    else if (st.isFile()) {
      const bytes = fs.readFileSync(path.join(dir, r));
      out.push({ path: r, name, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000).toISOString().replace('.000Z', 'Z') });
    }
  }
  return out;
}

function writeInputs() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-package-'));
  const evidence = path.join(tmp, 'bukti');
  for (const [p, content] of Object.entries(vec.files)) {
    const full = path.join(evidence, p);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    fs.utimesSync(full, MTIME, MTIME);
  }
  fs.writeFileSync(path.join(tmp, 'pack.json'), packText);
  fs.writeFileSync(path.join(tmp, vec.answers_name), answersText);
  return { evidence, pack: path.join(tmp, 'pack.json'), answers: path.join(tmp, vec.answers_name) };
}

const stripNewline = (s) => (s.endsWith('\n') ? s.slice(0, -1) : s);

test('native CLI parity: check (gate alone), check --evidence, verify of the written ZIP', { skip: NO_CLI }, async () => {
  assert.ok(fs.existsSync(NATIVE_CLI), `KKPHAM_NATIVE_CLI=${NATIVE_CLI} does not exist (build the native tree first)`);
  const io = writeInputs();
  const listed = walk(io.evidence);
  assert.equal(listed.length, Object.keys(vec.files).length);

  const gate = await run(NATIVE_CLI, ['check', io.answers, '--pack', io.pack, '--format', 'json']);
  assert.equal(stripNewline(gate.stdout), engine.gateRaw(answersText), gate.stderr);
  assert.notEqual(gate.code, 0, 'an incomplete gate is a failing exit code');

  const check = await run(NATIVE_CLI, ['check', io.answers, '--pack', io.pack, '--evidence', io.evidence, '--format', 'json']);
  assert.equal(stripNewline(check.stdout), engine.evidenceCheckRaw(answersText, { files: listed }), check.stderr);

  const zip = path.join(tmp, 'paket.zip');
  const made = await run(NATIVE_CLI, ['package', io.answers, '--pack', io.pack, '--evidence', io.evidence, '-o', zip,
    '--date', vec.bagging_date]);
  assert.ok(fs.existsSync(zip), `kkpham package wrote no ZIP (exit ${made.code}): ${made.stderr}`);
  const verified = await run(NATIVE_CLI, ['verify', zip, '--pack', io.pack, '--format', 'json']);
  const p = engine.package(answersText, { files: listed, answers_name: vec.answers_name, bagging_date: vec.bagging_date });
  assert.equal(p.root, vec.expect.root);
  const listing = listingOf(p, (f) => fs.readFileSync(path.join(io.evidence, f), 'utf8'));
  assert.equal(stripNewline(verified.stdout), engine.verifyPackageRaw(listing), verified.stderr);
  assert.equal(JSON.parse(verified.stdout).intact, true);
});
