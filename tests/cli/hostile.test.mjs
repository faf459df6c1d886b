// The hostile input catalogue (tests/hostile/cases.json, docs/hostile-inputs.md) through the native
// CLI: each broken or malicious pack, answers file and CSV form gets its documented exit status and
// first error code, with both messages (Bahasa Indonesia, English) as recorded; accepted files
// return any markup they hold unchanged, as text, in the JSON output; nothing crashes or hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GENERATORS, HOSTILE_DIR, REFERENCE_PACK, caseBytes, cliArgs, collectStrings, fileExtension, firstCliError, readCases,
} from '../hostile/catalogue.mjs';
import { DOC_PATH, render } from '../hostile/make-doc.mjs';

const root = path.resolve(process.env.KKPHAM_SOURCE_DIR ?? path.join(import.meta.dirname, '..', '..'));
const cli = path.resolve(process.env.KKPHAM_CLI ?? path.join(root, 'build/native/tools/kkpham/kkpham'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-hostile-'));
const cases = readCases();
const TIMEOUT_MS = 60_000;  // a 100 MB file is refused in seconds; a hang is a failure

function run(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', cwd: work, timeout: TIMEOUT_MS, maxBuffer: 1 << 28 });
  if (r.error && r.error.code !== 'ETIMEDOUT') throw r.error;
  assert.equal(r.signal, null, `kkpham ${args.join(' ')} was killed by ${r.signal} (a crash, or over ${TIMEOUT_MS} ms)`);
  return r;
}

const lower = (s) => s.toLowerCase();
let sha256;
function referenceSha() {
  if (!sha256) {
    const r = run(['validate', '--format', 'json', path.join(root, REFERENCE_PACK)]);
    assert.equal(r.status, 0, r.stderr);
    sha256 = JSON.parse(r.stdout).pack.sha256;
  }
  return sha256;
}

test('the catalogue: at least 40 cases over every file kind, each well-formed, every input file used', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  const ids = new Set();
  for (const kind of ['pack', 'answers', 'csv']) {
    assert.ok(cases.filter((c) => c.file_kind === kind).length >= 10, `fewer than 10 ${kind} cases`);
  }
  for (const c of cases) {
    assert.match(c.id, /^[a-z0-9][a-z0-9-]*$/, c.id);
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    ids.add(c.id);
    assert.ok(['pack', 'answers', 'csv'].includes(c.file_kind), `${c.id}: file_kind`);
    assert.ok((c.input === undefined) !== (c.generator === undefined), `${c.id}: exactly one of input, generator`);
    if (c.input) assert.ok(fs.existsSync(path.join(HOSTILE_DIR, c.input)), `${c.id}: ${c.input} missing`);
    if (c.generator) assert.ok(GENERATORS[c.generator], `${c.id}: unknown generator ${c.generator}`);
    assert.ok(typeof c.description === 'string' && c.description.length > 10, `${c.id}: description`);
    const e = c.expect;
    assert.equal(e.exit, e.code === null ? 0 : 1, `${c.id}: exit must be 0 when accepted, 1 when refused`);
    if (e.code) {
      for (const k of ['message_contains_id', 'message_contains_en', 'message_id', 'message_en']) {
        assert.ok(typeof e[k] === 'string' && e[k].trim() !== '', `${c.id}: expect.${k}`);
      }
    } else {
      assert.equal(e.message_contains_id, null, `${c.id}: an accepted case has no message`);
      assert.equal(e.message_contains_en, null, `${c.id}: an accepted case has no message`);
    }
  }
  const used = new Set(cases.filter((c) => c.input).map((c) => path.normalize(c.input)));
  for (const f of fs.readdirSync(path.join(HOSTILE_DIR, 'inputs'))) {
    assert.ok(used.has(path.join('inputs', f)), `tests/hostile/inputs/${f} is not used by any case`);
  }
  for (const kind of ['pack', 'answers', 'csv']) {
    assert.ok(cases.some((c) => c.file_kind === kind && c.expect.output_strings?.some((s) => s.includes('<img'))),
      `no ${kind} case checks that markup round-trips as text`);
  }
});

test('docs/hostile-inputs.md is up to date with cases.json (node tests/hostile/make-doc.mjs)', () => {
  assert.ok(fs.existsSync(DOC_PATH), 'docs/hostile-inputs.md is missing');
  assert.equal(fs.readFileSync(DOC_PATH, 'utf8'), render(cases), 'run: node tests/hostile/make-doc.mjs');
});

for (const c of cases) {
  const e = c.expect;
  test(`hostile ${c.file_kind} ${c.id}: ${e.code ? `refused with ${e.code}` : 'accepted'}, exit ${e.exit}`, () => {
    const file = path.join(work, `${c.id}${fileExtension(c)}`);
    fs.writeFileSync(file, caseBytes(c, c.file_kind === 'answers' ? referenceSha() : null));
    try {
      const r = run(cliArgs(c, file, root));
      assert.equal(r.status, e.exit, `exit status; stderr:\n${r.stderr.slice(0, 2000)}`);
      if (e.code) {
        const first = firstCliError(r.stderr, file);
        assert.ok(first, `no error printed for the file; stderr:\n${r.stderr.slice(0, 2000)}`);
        assert.equal(first.code, e.code);
        assert.ok(first.id.trim() && first.en.trim(), 'both messages are non-empty');
        assert.ok(lower(first.id).includes(lower(e.message_contains_id)), `[id] ${first.id}`);
        assert.ok(lower(first.en).includes(lower(e.message_contains_en)), `[en] ${first.en}`);
        assert.equal(first.id, e.message_id, 'the Indonesian message (refresh: node tests/hostile/make-doc.mjs --refresh-messages)');
        assert.equal(first.en, e.message_en, 'the English message (refresh: node tests/hostile/make-doc.mjs --refresh-messages)');
        assert.equal(r.stdout.trim(), '', 'nothing on stdout for a refused file');
      }
      if (c.file_kind === 'csv') {
        if (!e.code) checkOutput(c, r.stdout);
        return;
      }
      // The JSON form reports the same first error (or the accepted document).
      const j = run(cliArgs(c, file, root, { json: true }));
      assert.equal(j.status, e.exit, j.stderr.slice(0, 2000));
      const doc = JSON.parse(j.stdout);
      assert.equal(doc.ok, e.code === null);
      if (e.code) {
        assert.equal(doc.errors[0].code, e.code);
        assert.equal(doc.errors[0].message.id, e.message_id);
        assert.equal(doc.errors[0].message.en, e.message_en);
        assert.equal(typeof doc.errors[0].path, 'string');
      } else {
        checkOutput(c, j.stdout);
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
}

// Markup must come back as the same text — not escaped into entities, not dropped.
function checkOutput(c, stdout) {
  const doc = JSON.parse(stdout);
  const strings = collectStrings(doc);
  for (const s of c.expect.output_strings ?? []) {
    assert.ok(strings.some((v) => v.includes(s)), `${JSON.stringify(s)} is not in the JSON output`);
  }
  assert.doesNotMatch(stdout, /&lt;|&gt;|&amp;/, 'text was HTML-escaped in the JSON output');
}

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
