// Compare regencies: many answers files at once (several files, or a folder); each is scored
// and compared by the engine; the ranking, the heat map and the indicators most often lost
// match `kkpham compare`; a broken file is listed with its error and the others still compared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST, PACK_FILE, missingPrerequisite, startApp, stopApp, openPage, gotoApp, shotScreen, nodeEngine, randomAnswers,
  cliJson, tempFiles, assertAxeClean, parseIdNumber, SHOTS,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
const PROVINCES = ['Jawa Tengah', 'Jawa Timur', 'Sulawesi Tengah', 'Sumatera Selatan'];
const files = {};

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  const engine = await nodeEngine();
  const full = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026 }).answers.answers;
  for (let i = 0; i < 19; i += 1) {
    const kind = i % 3 === 0 ? 'kota' : 'kabupaten';
    const name = `${kind === 'kota' ? 'Kota' : 'Kabupaten'} Uji ${String(i + 1).padStart(2, '0')}`;
    const a = await randomAnswers(1000 + i, { name, kind, province: PROVINCES[i % 4] });
    // Some regencies did the work: the cheapest plan to 75 (or to the next band) applied.
    if (i % 4 === 0 || i % 7 === 3) {
      const g = engine.gap(a, {});
      const steps = i % 4 === 0 ? g.steps : g.next_band?.steps ?? [];
      for (const st of steps) a.answers[st.id] = { ...a.answers[st.id], value: full[st.id].value, na: false };
    }
    files[`uji-${String(i + 1).padStart(2, '0')}.kkpham.json`] = a;
  }
});

after(async () => {
  await stopApp(app);
});

function payload(name, content) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content, null, 2)) };
}

test('20 files, one of them broken: 19 regencies ranked, heat map, most often lost; the broken one listed', { skip }, async (t) => {
  const { page } = tab;
  const engine = await nodeEngine();
  const good = Object.entries(files);
  const broken = '{"format": "kkpham-answers", "format_version": 1, "pack": {"id": "kkpham-22-2021"';
  const list = [...good.slice(0, 7).map(([n, a]) => payload(n, a)), payload('rusak.kkpham.json', broken), ...good.slice(7).map(([n, a]) => payload(n, a))];
  await page.click('[data-view="compare"]');
  await page.waitForSelector('#cmp-files');
  await page.setInputFiles('#cmp-files', list);
  await page.waitForSelector('.cmp-rank tbody tr');
  await page.waitForFunction(() => document.getElementById('view-compare').dataset.compareMs);

  // The expected comparison: the engine in node, and the native CLI when built.
  const want = engine.compare(good.map(([, a]) => engine.summary(a)));
  assert.ok(want.ok);
  const tmp = tempFiles(Object.fromEntries(good));
  const cli = await cliJson(['compare', '--format', 'json', '--pack', path.join(DIST, PACK_FILE), ...good.map(([n]) => tmp.paths[n])]);
  tmp.remove();
  if (cli) {
    assert.deepEqual(cli.rows.map((r) => [r.region.name, r.total, r.rank]), want.rows.map((r) => [r.region.name, r.total, r.rank]), 'CLI = wasm');
    assert.deepEqual(cli.most_lost, want.most_lost);
  } else t.diagnostic('native CLI not built: compared with the wasm engine only');

  const rows = await page.$$eval('.cmp-rank tbody tr', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
  assert.equal(rows.length, 19, 'every good file is compared');
  want.rows.forEach((r, i) => {
    assert.equal(Number(rows[i][0]), r.rank, `rank ${i}`);
    assert.ok(rows[i][1].startsWith(r.region.name), `region ${i}: ${rows[i][1]}`);
    assert.equal(parseIdNumber(rows[i][3]), r.total, `total ${i}`);
    assert.equal(parseIdNumber(rows[i][4]), r.nilai_akhir, `nilai akhir ${i}`);
    assert.equal(parseIdNumber(rows[i][6]), Math.max(0, Math.round((75 - r.total) * 100) / 100), `distance to 75, ${i}`);
  });
  // Heat map: one row per regency, each right's score as text, and its colour class.
  const heat = await page.$$eval('.cmp-heat tbody tr', (rs) => rs.map((r) => [...r.querySelectorAll('td')].map((c) => [c.textContent, c.className])));
  assert.equal(heat.length, 19);
  want.rows.forEach((r, i) => r.rights.forEach((v, j) => {
    assert.equal(parseIdNumber(heat[i][j][0]), v, `heat ${i},${j}`);
    assert.match(heat[i][j][1], new RegExp(`\\bhm-${Math.min(9, Math.floor(v / 10))}\\b`));
  }));
  // Count per predicate and the indicators most often lost.
  for (const p of want.predicates) {
    assert.match(await page.textContent(`.cmp-preds li[data-pred="${p.id}"]`), new RegExp(`: ${p.count}$`));
  }
  const lost = await page.$$eval('.cmp-lost tbody tr th code', (c) => c.map((x) => x.textContent));
  assert.deepEqual(lost, want.most_lost.map((m) => m.id));
  // The broken file, with the engine's message.
  const bad = await page.$$eval('.cmp-bad-list li', (li) => li.map((x) => [x.dataset.file, x.textContent]));
  assert.equal(bad.length, 1);
  assert.equal(bad[0][0], 'rusak.kkpham.json');
  assert.match(bad[0][1], /JSON/);
  assert.match(await page.textContent('#cmp-status'), /19 daerah dibandingkan, 1 berkas ditolak/);

  // CSV of the comparison.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#cmp-csv')]);
  const csv = fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(csv.length, 1 + 19);
  assert.ok(want.right_ids.every((id) => csv[0].includes(id)), 'a column per right');
  assert.ok(csv[1].startsWith(`1;${want.rows[0].region.name};`));

  await assertAxeClean(page, 'comparison');
  await shotScreen(page, 'compare');
  await page.locator('#cmp-heat-h').scrollIntoViewIfNeeded();
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.locator('section[aria-labelledby="cmp-heat-h"]').screenshot({ path: path.join(SHOTS, 'compare-heatmap.png') });
  assert.deepEqual(tab.log.errors, []);
});

test('a folder: every .json file in it (and below) is compared, other files are ignored', { skip }, async () => {
  const { page } = tab;
  const some = Object.entries(files).slice(0, 5);
  const tmp = tempFiles({
    ...Object.fromEntries(some.map(([n, a]) => [`provinsi/${n}`, a])),
    'provinsi/catatan.txt': 'bukan berkas jawaban',
    'provinsi/sub/lain-paket.kkpham.json': { ...some[0][1], pack: { ...some[0][1].pack, sha256: '0'.repeat(64) } },
  });
  try {
    await page.setInputFiles('#cmp-folder', path.join(tmp.dir, 'provinsi'));
    await page.waitForFunction(() => document.querySelectorAll('.cmp-rank tbody tr').length === 5);
    const bad = await page.$$eval('.cmp-bad-list li', (li) => li.map((x) => [x.dataset.file, x.textContent]));
    assert.equal(bad.length, 1, 'the answers made for another pack edition is refused');
    assert.match(bad[0][0], /lain-paket\.kkpham\.json$/);
    assert.match(bad[0][1], /SHA-256/);
    const names = await page.$$eval('.cmp-rank tbody td.file', (c) => c.map((x) => x.textContent));
    assert.ok(names.every((n) => n.startsWith('provinsi/')), 'files are named by their path in the folder');
  } finally {
    tmp.remove();
  }
});
