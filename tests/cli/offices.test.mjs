// kkpham split and kkpham merge, end to end: a random assessment split into every office's
// package, each filled in by script (one office returns twice, one answers outside its task, two
// offices share indicators), merged in shuffled order -> exactly the answers and conflicts the
// rules give, computed here from what the script changed (not by calling merge); merging again
// changes nothing; resolutions; every refused return; usage and terminal-safe output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { referencePack, run, template, workDir, writeIn } from './lib.mjs';

const pack = JSON.parse(readFileSync(referencePack, 'utf8'));
const byId = new Map(pack.indicators.map((i) => [i.id, i]));
const officesOf = (ind) => (ind.offices?.length ? ind.offices : pack.rights.find((r) => r.id === ind.right)?.offices ?? []);
const MADE = '2026-03-01T08:00:00Z';
const MERGED = '2026-03-25T00:00:00Z';

// mulberry32: a small seeded generator, so a failure can be replayed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(list, rand) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// A valid value for the indicator other than `avoid` (whole numbers fit every numeric kind).
function otherValue(ind, avoid, rand) {
  const a = ind.answer;
  for (;;) {
    let v;
    if (a.kind === 'yes_no') v = rand() < 0.5;
    else if (a.kind === 'level') v = a.levels[Math.floor(rand() * a.levels.length)].id;
    else {
      const lo = Math.ceil(a.range?.min ?? 0);
      const hi = Math.floor(a.range?.max ?? (a.kind === 'percent' ? 100 : 1000));
      v = lo + Math.floor(rand() * (hi - lo + 1));
    }
    if (!avoid.includes(v)) return v;
  }
}

// Keys sorted, so two entries compare by content.
const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : x));

function split(work, masterPath, extra = []) {
  const dir = join(work, 'paket');
  const r = run(['split', masterPath, '--by-office', '-o', dir, '--made-at', MADE, ...extra]);
  assert.equal(r.status, 0, r.stderr);
  const packages = new Map();
  for (const name of readdirSync(dir).sort()) {
    assert.match(name, /^[A-Za-z0-9-]+\.kkpham\.json$/, 'a safe file name');
    const doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    packages.set(doc.scope.office.id, { name, doc });
  }
  return { packages, stdout: r.stdout };
}

for (const seed of [7, 2026]) {
  test(`round trip (seed ${seed}): split, fill, return twice, merge shuffled -> the expected answers and conflicts`, () => {
    const rand = random(seed);
    const work = workDir(`offices-${seed}`);
    const master = template('random', ['--seed', String(seed), '--region', 'Kabupaten Uji', '--code', '33.99']);
    const masterPath = writeIn(work, 'induk.kkpham.json', master);
    const recordedPath = join(work, 'induk-tercatat.kkpham.json');
    const { packages, stdout } = split(work, masterPath, ['--master-out', recordedPath]);

    // Every office with an indicator got exactly its indicators, pre-filled from the master.
    const expectedOffices = pack.offices.filter((o) => pack.indicators.some((i) => officesOf(i).includes(o.id))).map((o) => o.id);
    assert.deepEqual([...packages.keys()].sort(), [...expectedOffices].sort());
    for (const [office, { name, doc }] of packages) {
      assert.deepEqual(doc.scope.indicators, pack.indicators.filter((i) => officesOf(i).includes(office)).map((i) => i.id));
      for (const id of Object.keys(doc.answers)) assert.deepEqual(doc.answers[id], master.answers[id], `${office} ${id}`);
      assert.ok(stdout.includes(name), `split lists ${name}`);
    }
    const recorded = JSON.parse(readFileSync(recordedPath, 'utf8'));
    assert.equal(recorded.coordination.packages.length, packages.size);

    // Fill in: each office changes about 40 % of its indicators (a clean entry naming it).
    const changes = new Map();  // office -> Map(indicator -> entry), as its latest return says
    const returns = [];         // {name, doc}
    let day = 5;
    for (const [office, { name, doc }] of packages) {
      const mine = new Map();
      for (const id of doc.scope.indicators) {
        if (rand() >= 0.4) continue;
        const entry = { value: otherValue(byId.get(id), [master.answers[id]?.value], rand), note: `diisi ${office}` };
        doc.answers[id] = entry;
        mine.set(id, entry);
      }
      doc.scope.returned_at = `2026-03-${String(day++).padStart(2, '0')}T09:00:00Z`;
      doc.scope.filled_by = { name: `Petugas ${office}`, nip: '198001012005011001' };
      changes.set(office, mine);
      returns.push({ name: `kembali-${name}`, doc, office });
    }
    // Two offices that share an indicator: one shared indicator answered the same by both.
    const shared = pack.indicators.filter((i) => officesOf(i).length >= 2);
    assert.ok(shared.length >= 2, 'the reference pack has shared indicators');
    const same = shared[1];
    const sameEntry = { value: otherValue(same, [master.answers[same.id]?.value], rand), note: 'disepakati bersama' };
    for (const office of officesOf(same).slice(0, 2)) {
      returns.find((r) => r.office === office).doc.answers[same.id] = sameEntry;
      changes.get(office).set(same.id, sameEntry);
    }
    // ... and one answered differently by both.
    const differ = shared[0];
    officesOf(differ).slice(0, 2).forEach((office, k) => {
      const entry = { value: otherValue(differ, [master.answers[differ.id]?.value], rand), note: `versi ${office} ${k}` };
      returns.find((r) => r.office === office).doc.answers[differ.id] = entry;
      changes.get(office).set(differ.id, entry);
    });
    // One office returns twice: the second copy changes one more answer, changes one again, and
    // puts one back as the package had it. Only the later return counts.
    const twice = returns.reduce((a, b) => (b.doc.scope.indicators.length > a.doc.scope.indicators.length ? b : a));
    const first = structuredClone(twice.doc);
    const changedIds = [...changes.get(twice.office).keys()].filter((id) => id !== same.id && id !== differ.id);
    const untouched = twice.doc.scope.indicators.filter((id) => !changes.get(twice.office).has(id));
    assert.ok(changedIds.length >= 2 && untouched.length >= 1, 'the office that returns twice has room for changes');
    const [again, back] = changedIds;
    const added = untouched[0];
    const second = structuredClone(first);
    second.scope.returned_at = '2026-03-24T09:00:00Z';
    second.answers[again] = { value: otherValue(byId.get(again), [master.answers[again]?.value, first.answers[again].value], rand), note: 'diperbaiki' };
    second.answers[back] = structuredClone(master.answers[back]);
    second.answers[added] = { value: otherValue(byId.get(added), [master.answers[added]?.value], rand), note: 'ditambah' };
    changes.get(twice.office).set(again, second.answers[again]);
    changes.get(twice.office).delete(back);
    changes.get(twice.office).set(added, second.answers[added]);
    twice.doc = second;
    returns.push({ name: `kembali-pertama-${twice.office}.kkpham.json`, doc: first, office: twice.office });
    // One office answers an indicator that is not its task (and that no responsible office changed).
    const outsider = returns.find((r) => r.office !== twice.office);
    const foreign = pack.indicators.find((i) => !officesOf(i).includes(outsider.office) &&
      officesOf(i).every((o) => !changes.get(o)?.has(i.id)));
    const foreignEntry = { value: otherValue(foreign, [master.answers[foreign.id]?.value], rand), note: 'di luar tugas' };
    outsider.doc.answers[foreign.id] = foreignEntry;
    changes.get(outsider.office).set(foreign.id, foreignEntry);

    // What the rules give, from the changes alone.
    const expected = {};
    const expectedConflicts = {};
    for (const ind of pack.indicators) {
      const versions = [...changes].filter(([, m]) => m.has(ind.id)).map(([office, m]) => ({ office, entry: m.get(ind.id) }));
      expected[ind.id] = master.answers[ind.id];
      if (versions.length === 0) continue;
      const distinct = new Set(versions.map((v) => canon(v.entry)));
      const responsible = versions.every((v) => officesOf(ind).includes(v.office));
      if (distinct.size === 1 && responsible) {
        expected[ind.id] = versions[0].entry;
      } else {
        expectedConflicts[ind.id] = {
          kinds: [...(responsible ? [] : ['not_responsible']), ...(distinct.size > 1 ? ['returns_disagree'] : [])],
          offices: versions.map((v) => v.office).sort(),
        };
      }
    }
    assert.deepEqual(expectedConflicts[foreign.id]?.kinds, ['not_responsible']);
    assert.deepEqual(expectedConflicts[differ.id]?.kinds, ['returns_disagree']);

    const paths = returns.map((r) => writeIn(work, r.name, r.doc));
    const mergedPath = join(work, 'induk-baru.kkpham.json');
    const m = run(['merge', recordedPath, ...shuffle(paths, rand), '-o', mergedPath, '--merged-at', MERGED]);
    assert.equal(m.status, 1, `open conflicts give status 1: ${m.stderr}`);
    const merged = JSON.parse(readFileSync(mergedPath, 'utf8'));
    for (const ind of pack.indicators) assert.deepEqual(merged.answers[ind.id], expected[ind.id], ind.id);
    const pending = merged.coordination.pending;
    assert.deepEqual(Object.keys(pending).sort(), Object.keys(expectedConflicts).sort());
    for (const [id, c] of Object.entries(expectedConflicts)) {
      assert.deepEqual(pending[id].map((v) => v.office).sort(), c.offices, id);
      assert.ok(m.stdout.includes(id), `the conflict list names ${id}`);
    }
    // Provenance: each applied answer names an office that gave it, its file and who filled it in.
    for (const ind of pack.indicators) {
      if (expected[ind.id] === master.answers[ind.id]) {
        assert.equal(merged.coordination.provenance[ind.id], undefined, ind.id);
        continue;
      }
      const p = merged.coordination.provenance[ind.id];
      assert.ok(changes.get(p.office).has(ind.id), ind.id);
      assert.equal(p.filled_by.name, `Petugas ${p.office}`);
      assert.equal(p.file, returns.find((r) => r.office === p.office && (p.office !== twice.office || r.doc === second)).name);
    }
    assert.equal(merged.coordination.provenance[added].returned_at, '2026-03-24T09:00:00Z');
    assert.equal(merged.updated_at, MERGED);

    // The report's conflict kinds, as JSON.
    const j = run(['merge', recordedPath, ...shuffle(paths, rand), '-o', join(work, 'j.json'), '--merged-at', MERGED, '--format', 'json']);
    const report = JSON.parse(j.stdout).report;
    for (const c of report.conflicts) assert.deepEqual(c.kinds, expectedConflicts[c.indicator].kinds, c.indicator);
    assert.equal(report.counts.merged, returns.length);
    assert.equal(readFileSync(join(work, 'j.json'), 'utf8'), readFileSync(mergedPath, 'utf8'), 'any order, the same bytes');

    // Merging the same returns again (another order, another time) changes nothing.
    const againPath = join(work, 'induk-lagi.kkpham.json');
    const r2 = run(['merge', mergedPath, ...shuffle(paths, rand), '-o', againPath, '--merged-at', '2026-03-26T00:00:00Z']);
    assert.equal(r2.status, 1);
    assert.equal(readFileSync(againPath, 'utf8'), readFileSync(mergedPath, 'utf8'));

    // The master as it was before the split (no record kept) takes the same returns: same answers.
    const plainPath = join(work, 'induk-polos-baru.kkpham.json');
    run(['merge', masterPath, ...paths, '-o', plainPath, '--merged-at', MERGED]);
    assert.deepEqual(JSON.parse(readFileSync(plainPath, 'utf8')).answers, merged.answers);

    // Resolving every conflict with its first version: status 0, and those answers taken.
    const resolutions = Object.fromEntries(Object.entries(expectedConflicts).map(([id, c]) => [id, c.offices[0]]));
    const resolvePath = writeIn(work, 'pilihan.json', resolutions);
    const donePath = join(work, 'induk-final.kkpham.json');
    const r3 = run(['merge', mergedPath, '--resolve', resolvePath, '-o', donePath, '--merged-at', '2026-03-27T00:00:00Z']);
    assert.equal(r3.status, 0, r3.stdout + r3.stderr);
    const done = JSON.parse(readFileSync(donePath, 'utf8'));
    assert.deepEqual(done.coordination.pending, {});
    for (const [id, office] of Object.entries(resolutions)) {
      assert.deepEqual(done.answers[id], changes.get(office).get(id), id);
      assert.equal(done.coordination.provenance[id].office, office);
    }
    // Scores: the final file scores like the same answers without any coordination record.
    const bare = structuredClone(done);
    delete bare.coordination;
    const s1 = run(['score', '--format', 'json', donePath]);
    const s2 = run(['score', '--format', 'json', writeIn(work, 'bare.json', bare)]);
    assert.equal(s1.status, 0, s1.stderr);
    assert.equal(JSON.parse(s1.stdout).total, JSON.parse(s2.stdout).total);
  });
}

test('merge refuses returns of another region, year, pack or master, plain and broken files; the good one is merged', () => {
  const work = workDir('offices-refused');
  const master = template('random', ['--seed', '5', '--region', 'Kabupaten Uji']);
  const masterPath = writeIn(work, 'induk.kkpham.json', master);
  const { packages } = split(work, masterPath);
  const [office, { doc }] = [...packages][0];
  const good = structuredClone(doc);
  const id = good.scope.indicators[0];
  good.answers[id] = { value: otherValue(byId.get(id), [master.answers[id]?.value], Math.random), note: 'baik' };
  good.scope.returned_at = '2026-03-05T00:00:00Z';
  const bad = (name, change) => {
    const d = structuredClone(good);
    change(d);
    return writeIn(work, name, d);
  };
  const files = [
    ['lain-daerah.kkpham.json', 'merge.other_region', bad('lain-daerah.kkpham.json', (d) => { d.region.name = 'Kota Lain'; })],
    ['lain-tahun.kkpham.json', 'merge.other_year', bad('lain-tahun.kkpham.json', (d) => { d.data_year -= 1; })],
    ['lain-paket.kkpham.json', 'answers.pack_hash', bad('lain-paket.kkpham.json', (d) => { d.pack.sha256 = 'a'.repeat(64); })],
    ['lain-induk.kkpham.json', 'merge.other_assessment', bad('lain-induk.kkpham.json', (d) => { d.scope.assessment_id = 'a0123456789abcdef'; })],
    ['bukan-paket.kkpham.json', 'merge.not_a_package', writeIn(work, 'bukan-paket.kkpham.json', master)],
    ['rusak.kkpham.json', 'json.', writeIn(work, 'rusak.kkpham.json', JSON.stringify(good).slice(0, 200))],
  ];
  const out = join(work, 'baru.json');
  const r = run(['merge', masterPath, ...files.map((f) => f[2]), writeIn(work, 'baik.kkpham.json', good), '-o', out,
    '--merged-at', MERGED, '--format', 'json']);
  assert.equal(r.status, 1, 'a refused return gives status 1');
  const doc2 = JSON.parse(r.stdout);
  const refused = new Map(doc2.report.refused.map((x) => [x.file, x.errors]));
  assert.equal(refused.size, files.length);
  const reason = (name, code) => refused.get(name)?.find((e) => e.code.startsWith(code));
  for (const [name, code] of files) {
    assert.ok(reason(name, code), `${name}: ${JSON.stringify(refused.get(name))}`);
    assert.ok(reason(name, code).message.id && reason(name, code).message.en);
  }
  assert.ok(reason('rusak.kkpham.json', 'json.').line >= 1, 'a broken file is located');
  assert.equal(reason('lain-daerah.kkpham.json', 'merge.other_region').path, '$.region');
  // Located in the file as written (pretty-printed: each key on its own line).
  const text = readFileSync(join(work, 'lain-daerah.kkpham.json'), 'utf8').split('\n');
  const at = reason('lain-daerah.kkpham.json', 'merge.other_region');
  assert.match(text[at.line - 1].slice(at.column - 1), /^"region":/);
  const year = reason('lain-tahun.kkpham.json', 'merge.other_year');
  assert.match(readFileSync(join(work, 'lain-tahun.kkpham.json'), 'utf8').split('\n')[year.line - 1].slice(year.column - 1), /^"data_year":/);
  const merged = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(merged.answers[id], good.answers[id], 'the good return is merged');
  assert.equal(merged.coordination.provenance[id].office, office);
  // The text report names every refused file; a missing file is reported and counted.
  const t = run(['merge', masterPath, ...files.map((f) => f[2]), join(work, 'tidak-ada.json'), '-o', join(work, 'b2.json'), '--merged-at', MERGED]);
  assert.equal(t.status, 1);
  for (const [name, code] of files) assert.match(t.stdout, new RegExp(`${name.replace(/\./g, '\\.')}: ${code.replace(/\./g, '\\.')}`));
  assert.match(t.stderr, /tidak-ada\.json/);
});

test('merge: a conflict listing is terminal-safe; a clean merge exits 0', () => {
  const work = workDir('offices-safe');
  const master = template('random', ['--seed', '9', '--region', 'Kabupaten Uji']);
  const masterPath = writeIn(work, 'induk.kkpham.json', master);
  const { packages } = split(work, masterPath);
  const [office, { doc }] = [...packages][0];
  const id = doc.scope.indicators[0];
  const changed = structuredClone(doc);
  changed.answers[id] = { value: otherValue(byId.get(id), [master.answers[id]?.value], Math.random), note: 'catatan\u001b[31m\u202e' };
  changed.scope.filled_by = { name: 'Budi\u001b]0;judul\u0007\u202eX' };
  changed.scope.returned_at = '2026-03-05T00:00:00Z';
  const clean = run(['merge', masterPath, writeIn(work, 'a.json', changed), '-o', join(work, 'a-out.json'), '--merged-at', MERGED]);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  // The master changed the same answer after the split: a conflict, listed with the office's name.
  const edited = structuredClone(master);
  edited.answers[id] = { value: otherValue(byId.get(id), [master.answers[id]?.value, changed.answers[id].value], Math.random) };
  const r = run(['merge', writeIn(work, 'induk2.json', edited), writeIn(work, 'b.json', changed), '-o', join(work, 'b-out.json'),
    '--merged-at', MERGED]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(id));
  assert.match(r.stdout, /Budi\\x1b\]0;judul\\x07\\u202eX/);
  assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
  assert.match(r.stdout, new RegExp(`\\b${office}\\b`));
});

test('split and merge: usage errors and --help', () => {
  for (const command of ['split', 'merge']) {
    for (const flag of ['--help', '-h']) {
      const r = run([command, flag]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`kkpham ${command} `));
    }
  }
  const work = workDir('offices-usage');
  const masterPath = writeIn(work, 'induk.kkpham.json', template('random', ['--seed', '1']));
  assert.equal(run(['split', masterPath, '-o', join(work, 'p')]).status, 2, 'split needs --by-office or --office');
  assert.equal(run(['split', masterPath, '--by-office']).status, 2, 'split needs -o');
  assert.equal(run(['merge', masterPath, masterPath]).status, 2, 'merge needs -o');
  assert.equal(run(['merge', masterPath, '-o', join(work, 'x.json')]).status, 2, 'merge needs returns or --resolve');
  const bad = run(['split', masterPath, '--by-office', '-o', join(work, 'p'), '--made-at', 'kemarin']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /split\.made_at/);
  // -o for split must be a folder, never a link.
  const file = writeIn(work, 'bukan-folder', 'x');
  assert.equal(run(['split', masterPath, '--by-office', '-o', file]).status, 1);
  const linked = join(work, 'tautan');
  symlinkSync(join(work, 'p'), linked);
  const viaLink = run(['split', masterPath, '--by-office', '-o', linked, '--made-at', MADE]);
  assert.equal(viaLink.status, 1);
  assert.match(viaLink.stderr, /tautan simbolik/);
  // A return that never ends (/dev/zero) is cut at the size limit and named; -o never through a link.
  const t0 = Date.now();
  const zero = run(['merge', masterPath, '/dev/zero', '-o', join(work, 'z.json'), '--merged-at', MERGED]);
  assert.equal(zero.status, 1);
  assert.match(zero.stderr, /\/dev\/zero: file\.too_large/);
  assert.ok(Date.now() - t0 < 10_000);
  const target = writeIn(work, 'sasaran.json', 'tetap');
  symlinkSync(target, join(work, 'keluar.json'));
  const r = run(['merge', masterPath, '--resolve', writeIn(work, 'kosong.json', {}), '-o', join(work, 'keluar.json'), '--merged-at', MERGED]);
  assert.equal(r.status, 1);
  assert.equal(readFileSync(target, 'utf8'), 'tetap', 'nothing written through the link');
  // A --resolve file that is not an object is refused before anything is merged.
  const badResolve = run(['merge', masterPath, '--resolve', writeIn(work, 'daftar.json', '[1]'), '-o', join(work, 'y.json')]);
  assert.equal(badResolve.status, 1);
  assert.match(badResolve.stderr, /--resolve/);
});
