// The submission package through the CLI (issue 16): check an evidence folder, build the ZIP,
// unpack it and check it as a BagIt bag (sha256sum -c and a small RFC 8493 checker of this
// test's own), verify it with kkpham verify; every tamper case and every hostile ZIP refused
// with a clear message. ZIPs are crafted and unpacked with python3's zipfile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cli, criteriaDir, run, template, workDir, writeIn } from './lib.mjs';

const work = workDir('package');
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', '1']).status === 0);

function py(script, ...args) {
  const r = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', cwd: work, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// Answers (every indicator at full points) whose evidence files exist, hashed, in a folder.
function makeAssessment(name) {
  const dir = join(work, name);
  const evidence = join(dir, 'bukti');
  mkdirSync(join(evidence, 'sub'), { recursive: true });
  const answers = template('max', ['--region', 'Kabupaten Contoh', '--province', 'Jawa Tengah', '--data-year', '2025']);
  let n = 0;
  for (const [code, answer] of Object.entries(answers.answers)) {
    for (const e of answer.evidence ?? []) {
      const content = `${code} ${e.id} ${'isi '.repeat(50 + n)}`;
      writeFileSync(join(evidence, n++ % 2 ? 'sub' : '.', e.reference), content);
      e.sha256 = sha256(content);
    }
  }
  return { dir, evidence, answers: writeIn(dir, 'jawaban.kkpham.json', answers), count: n };
}

const base = makeAssessment('utuh');
const zip = join(base.dir, 'paket.zip');

function unpack(zipPath, into) {
  py('import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zipPath, into);
  const [rootName] = readdirSync(into);
  return join(into, rootName);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// RFC 8493 as a checker: returns the list of violations (empty for a valid, complete bag).
function bagitProblems(bag) {
  const problems = [];
  const lines = (file) => readFileSync(join(bag, file), 'utf8').split(/\r\n|\r|\n/).filter((l) => l !== '');
  const declaration = lines('bagit.txt');
  if (declaration[0] !== 'BagIt-Version: 1.0' || declaration[1] !== 'Tag-File-Character-Encoding: UTF-8' || declaration.length !== 2) {
    problems.push('bagit.txt: the two declaration lines (2.1.1)');
  }
  if (readFileSync(join(bag, 'bagit.txt'))[0] === 0xef) problems.push('bagit.txt: a BOM');
  const manifest = (file) => {
    const map = new Map();
    for (const line of lines(file)) {
      const m = /^([0-9a-f]{64})[ \t]+(.+)$/.exec(line);
      if (!m) problems.push(`${file}: malformed line ${JSON.stringify(line)}`);
      else map.set(decodeURIComponent(m[2].replace(/%(?!0A|0D|25)/gi, '%25')), m[1]);
    }
    return map;
  };
  const payload = manifest('manifest-sha256.txt');
  const files = walk(join(bag, 'data')).map((p) => relative(bag, p).split('\\').join('/'));
  let octets = 0;
  for (const f of files) {
    const data = readFileSync(join(bag, f));
    octets += data.length;
    if (!payload.has(f)) problems.push(`payload file not in the manifest: ${f}`);
    else if (payload.get(f) !== sha256(data)) problems.push(`wrong hash: ${f}`);
  }
  for (const f of payload.keys()) {
    if (!f.startsWith('data/')) problems.push(`manifest path outside data/: ${f}`);
    if (!files.includes(f)) problems.push(`manifest lists a missing file: ${f}`);
  }
  const info = new Map(lines('bag-info.txt').map((l) => {
    const i = l.indexOf(':');
    if (i <= 0) problems.push(`bag-info.txt: not "Label: value": ${l}`);
    return [l.slice(0, i), l.slice(i + 1).trim()];
  }));
  if (info.get('Payload-Oxum') !== `${octets}.${files.length}`) problems.push(`Payload-Oxum ${info.get('Payload-Oxum')} != ${octets}.${files.length}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(info.get('Bagging-Date') ?? '')) problems.push('Bagging-Date');
  const tags = manifest('tagmanifest-sha256.txt');
  for (const t of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) {
    if (tags.get(t) !== sha256(readFileSync(join(bag, t)))) problems.push(`tag manifest: ${t}`);
  }
  if (tags.has('tagmanifest-sha256.txt')) problems.push('the tag manifest lists itself');
  return problems;
}

test('check: every evidence item found, the gate complete (exit 0); a changed file found out (exit 1)', () => {
  const r = run(['check', base.answers, '--evidence', base.evidence]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Kelengkapan: LENGKAP/);
  const json = JSON.parse(run(['check', base.answers, '--evidence', base.evidence, '--format', 'json']).stdout);
  assert.equal(json.evidence.counts.found, base.count);
  assert.equal(json.evidence.counts.unreferenced, 0);
  assert.equal(json.gate.complete, true);
  assert.equal(json.gate.rules.basis, 'assumed');

  const other = makeAssessment('berubah');
  const answers = JSON.parse(readFileSync(other.answers, 'utf8'));
  const [code, answer] = Object.entries(answers.answers).find(([, a]) => a.evidence?.length);
  const ref = answer.evidence[0].reference;
  const where = existsSync(join(other.evidence, ref)) ? join(other.evidence, ref) : join(other.evidence, 'sub', ref);
  writeFileSync(where, 'versi lain');
  writeFileSync(join(other.evidence, 'lain.txt'), 'tidak dirujuk');
  const changed = run(['check', other.answers, '--evidence', other.evidence]);
  assert.equal(changed.status, 1);
  assert.match(changed.stdout, new RegExp(`${code} +${answer.evidence[0].id} +BERUBAH`));
  assert.match(changed.stdout, /tidak dirujuk[^\n]*\n {2}lain\.txt/);
  assert.match(changed.stdout, /BELUM LENGKAP/);
  // Without --evidence the gate is judged on the answers' "ready" marks (all ready here).
  const marked = run(['check', base.answers]);
  assert.equal(marked.status, 0, marked.stdout + marked.stderr);
  assert.match(marked.stdout, /tanpa --evidence[\s\S]*Kelengkapan: LENGKAP/);
  const blank = writeIn(work, 'kosong.kkpham.json', template('blank'));
  const empty = run(['check', blank, '--format', 'json']);
  assert.equal(empty.status, 1);
  const gate = JSON.parse(empty.stdout).gate;
  assert.equal(gate.evidence_basis, 'marked');
  assert.ok(gate.reasons.some((r) => r.kind === 'right_unanswered'));
  assert.equal(run(['check']).status, 2);
});

test('package: a BagIt ZIP that sha256sum -c, an RFC 8493 checker and kkpham verify accept', () => {
  const r = run(['package', base.answers, '--evidence', base.evidence, '--date', '2026-12-07', '-o', zip]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const bag = unpack(zip, join(base.dir, 'unpacked'));
  assert.equal(relative(join(base.dir, 'unpacked'), bag), 'KKPHAM-kabupaten-contoh-2025');
  assert.deepEqual(bagitProblems(bag), []);
  for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
    const s = spawnSync('sha256sum', ['-c', '--quiet', '--strict', m], { cwd: bag, encoding: 'utf8' });
    if (s.error?.code === 'ENOENT') continue;
    assert.equal(s.status, 0, `sha256sum -c ${m}: ${s.stdout}${s.stderr}`);
  }
  assert.ok(existsSync(join(bag, 'data/00-formulir/jawaban.kkpham.json')));
  assert.ok(readdirSync(join(bag, 'data')).includes('01-hak-atas-bantuan-hukum'));
  const csv = readFileSync(join(bag, 'data/DAFTAR-DATA-DUKUNG.csv'), 'utf8');
  assert.equal(csv.split('\r\n').filter(Boolean).length, base.count + 1);
  const html = readFileSync(join(bag, 'data/DAFTAR-DATA-DUKUNG.html'), 'utf8');
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /Content-Security-Policy/);

  const v = run(['verify', zip]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /Keutuhan: UTUH/);
  assert.match(v.stdout, /Kelengkapan: LENGKAP/);
  assert.match(v.stdout, /Nilai \(dihitung ulang dari berkas jawaban\): 100\.00/);
  const json = JSON.parse(run(['verify', zip, '--format', 'json']).stdout);
  assert.equal(json.intact, true);
  assert.equal(json.checked.files, base.count + 7);  // payload: evidence + answers, result, 2 index; tags: 3
  const sheet = run(['verify', zip, '--format', 'html', '--lang', 'en']);
  assert.equal(sheet.status, 0);
  assert.match(sheet.stdout, /INTACT/);
  assert.doesNotMatch(sheet.stdout, /<script/i);
  // Same inputs, same layout and index.
  const again = join(base.dir, 'lagi.zip');
  assert.equal(run(['package', base.answers, '--evidence', base.evidence, '--date', '2026-12-07', '-o', again]).status, 0);
  const names = (p) => py('import sys, zipfile; print("\\n".join(i.filename + " " + str(i.CRC) for i in zipfile.ZipFile(sys.argv[1]).infolist()))', p);
  assert.equal(names(again), names(zip));
});

test('check: symbolic links, special files and names that are not UTF-8 are skipped and named, escaped', () => {
  const other = makeAssessment('lewati');
  symlinkSync('/etc/passwd', join(other.evidence, 'tautan.pdf'));
  writeFileSync(Buffer.from(join(other.evidence, 'nama-\xff-\x1b[2J.pdf'), 'latin1'), 'x');
  const r = run(['check', other.answers, '--evidence', other.evidence]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /dilewati[^\n]*: tautan\.pdf/);
  assert.match(r.stderr, /dilewati[^\n]*: nama-\\xff-\\x1b\[2J\.pdf/);
  assert.doesNotMatch(r.stderr + r.stdout, /\x1b/);
  assert.doesNotMatch(r.stdout, /passwd/);
});

// Rewrites the package with one change, in python (zipfile).
function tampered(name, change) {
  const out = join(work, `${name}.zip`);
  py(`
import sys, zipfile
src, out, kind = zipfile.ZipFile(sys.argv[1]), sys.argv[2], sys.argv[3]
z = zipfile.ZipFile(out, 'w')
root = src.namelist()[0].split('/')[0]
for i in src.infolist():
    data = src.read(i)
    rel = i.filename[len(root) + 1:]
    if kind == 'swap' and rel.startswith('data/01-') and rel.endswith('.pdf'):
        data, kind = b'palsu' + data, 'done'
    if kind == 'remove' and rel.startswith('data/01-') and rel.endswith('.pdf'):
        kind = 'done'
        continue
    if kind == 'answers' and rel == 'data/00-formulir/jawaban.kkpham.json':
        data = data.replace(b'"value": 100', b'"value": 10', 1)
    z.writestr(i, data)
if kind == 'add':
    z.writestr(root + '/data/01-hak-atas-bantuan-hukum/BANKUM-S1/tambahan.pdf', b'x')
z.close()
`, zip, out, change);
  return out;
}

for (const [kind, pattern] of [
  ['swap', /Isi berkas berbeda dari saat dikemas/],
  ['remove', /tercatat di manifest-sha256\.txt tetapi tidak ada di paket/],
  ['add', /Berkas ditambahkan setelah dikemas/],
  ['answers', /Berkas jawaban diubah setelah dikemas[\s\S]*Nilai di hasil-penilaian\.json tidak sama/],
]) {
  test(`verify: tampering reported (${kind})`, () => {
    const r = run(['verify', tampered(kind, kind)]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Keutuhan: DIUBAH SETELAH DIKEMAS/);
    assert.match(r.stdout, pattern);
  });
}

// Hostile archives: refused before anything is read, with the reason.
const HOSTILE = [
  ['path traversal', "z.writestr('KKPHAM-x/../../evil.txt', b'x')", /keluar dari paket \(\.\.\)/],
  ['absolute path', "z.writestr('/etc/KKPHAM-x/bagit.txt', b'x')", /jalur absolut/],
  ['drive letter', "z.writestr('C:/KKPHAM-x/bagit.txt', b'x')", /huruf drive/],
  ['backslash', "z.writestr('KKPHAM-x\\\\..\\\\evil.txt', b'x')", /garis miring terbalik/],
  ['symbolic link', "i = zipfile.ZipInfo('KKPHAM-x/data/link.pdf'); i.create_system = 3; i.external_attr = 0o120777 << 16; z.writestr(i, '/etc/passwd')", /tautan simbolik/],
  ['duplicate names', "z.writestr('KKPHAM-x/bagit.txt', b'a'); z.writestr('KKPHAM-x/bagit.txt', b'b')", /nama ganda/],
  ['names differing in case', "z.writestr('KKPHAM-x/a.pdf', b'a'); z.writestr('KKPHAM-x/A.PDF', b'b')", /nama ganda/],
  ['zip bomb (ratio)', "z.writestr(zipfile.ZipInfo('KKPHAM-x/data/nol.pdf'), b'\\0' * (64 << 20), compress_type=zipfile.ZIP_DEFLATED)", /bom ZIP/],
  ['too many entries', "[z.writestr('KKPHAM-x/data/%d.pdf' % i, b'') for i in range(5001)]", /5001 entri \(paling banyak 5000\)/],
  ['two root folders', "z.writestr('KKPHAM-x/bagit.txt', b'a'); z.writestr('lain/bagit.txt', b'b')", /satu folder paket/],
  ['not a ZIP', null, /bukan berkas ZIP yang utuh/],
];

for (const [name, script, pattern] of HOSTILE) {
  test(`verify: hostile ZIP refused (${name})`, () => {
    const out = join(work, `hostile-${name.replace(/\W+/g, '-')}.zip`);
    if (script) py(`import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\n${script}\nz.close()`, out);
    else writeFileSync(out, 'PK\x03\x04 this is not a zip');
    const started = Date.now();
    const r = run(['verify', out]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /Paket ditolak/);
    assert.match(r.stderr, pattern);
    assert.equal(r.stdout, '');
    assert.ok(Date.now() - started < 20_000);
  });
}

test('verify: a declared size that lies is refused', () => {
  const out = join(work, 'size-lie.zip');
  // A stored entry whose sizes say 10 bytes while 1000 follow.
  py(`
import struct, sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w'); z.writestr('KKPHAM-x/data/a.pdf', b'A' * 1000); z.close()
b = bytearray(open(sys.argv[1], 'rb').read())
cd = b.rfind(b'PK\\x01\\x02')
struct.pack_into('<I', b, cd + 24, 10)
struct.pack_into('<I', b, 22, 10)
open(sys.argv[1], 'wb').write(b)
`, out);
  const r = run(['verify', out]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /Paket ditolak/);
});

test('package: memory does not grow with the size of the evidence', { skip: !existsSync('/usr/bin/time') }, () => {
  const big = makeAssessment('besar');
  const answers = JSON.parse(readFileSync(big.answers, 'utf8'));
  // Four 24 MB files as the evidence of four indicators.
  let k = 0;
  for (const answer of Object.values(answers.answers)) {
    for (const e of answer.evidence ?? []) {
      if (k >= 4) break;
      const data = Buffer.alloc(24 << 20, k + 1);
      const where = existsSync(join(big.evidence, e.reference)) ? join(big.evidence, e.reference) : join(big.evidence, 'sub', e.reference);
      writeFileSync(where, data);
      e.sha256 = sha256(data);
      k++;
    }
  }
  writeFileSync(big.answers, JSON.stringify(answers));
  const out = join(big.dir, 'besar.zip');
  const t = spawnSync('/usr/bin/time', ['-f', 'peak %M', cli, 'package', big.answers, '--evidence', big.evidence, '--date', '2026-12-07', '-o', out],
    { encoding: 'utf8', timeout: 300_000, env: { ...process.env, KKPHAM_CRITERIA_DIR: criteriaDir } });
  assert.equal(t.status, 0, t.stderr);
  const peak = Number(/peak (\d+)/.exec(t.stderr)[1]);
  assert.ok(statSync(out).size > 96 << 20);
  assert.ok(peak < 64 * 1024, `peak RSS ${peak} kB for a 96 MB package`);
  const v = run(['verify', out]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

