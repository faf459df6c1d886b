// Saved work in IndexedDB (issue 12, item 4; web/state/store.js):
//  * data written by the earlier localStorage version (kkpham:v1:*, exactly as its store.js wrote
//    it: the saved list, three assessments, a what-if scenario, efforts, a custom pack) is moved
//    over on the first start: every assessment opens with identical answers, the scenario and
//    the efforts are back, the old keys are gone, the preferences stay; a reload changes nothing;
//  * a crash in the middle of a write (the IndexedDB transaction never commits, then the renderer
//    is killed): the write-ahead copy brings the edit back on the next start;
//  * a real quota (DevTools Storage.overrideQuotaForOrigin): IndexedDB refuses with
//    QuotaExceededError, the warning and the export show;
//  * Start tells how much is stored and how much the browser allows, and asks for persistent
//    storage only once there is saved work, showing whether it was granted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST, PACK_FILE, missingPrerequisite, startApp, stopApp, openPage, gotoApp, nodeEngine, createAssessment, bundledPack,
  pageAnswers, storedAssessments, storedAnswers, randomAnswers, settle, shotScreen, assertAxeClean,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
}

// The localStorage content the earlier version (web/state/store.js before IndexedDB) wrote for
// these assessments: the answers text, the saved list, scenario, efforts, packs and prefs.
async function v1Storage() {
  const engine = await nodeEngine();
  const bundledText = fs.readFileSync(path.join(DIST, PACK_FILE), 'utf8');
  const bundledSha = engine.packSummary().sha256;
  const a = await randomAnswers(11, { name: 'Kabupaten Lama' });
  const b = await randomAnswers(12, { name: 'Kota Lama', kind: 'kota', dataYear: 2024, assessmentYear: 2025 });
  a.answers[Object.keys(a.answers)[0]].note = 'catatan “lama” — ✓ tetap utuh';
  // A custom pack (a Kanwil's edition): the bundled one with another version.
  const custom = { ...JSON.parse(bundledText), version: '2026.11.1-kanwil' };
  const customText = JSON.stringify(custom, null, 1);
  const r = engine.loadPack(customText);
  assert.ok(r.ok, JSON.stringify(r.errors));
  const customSha = engine.packSummary().sha256;
  const tpl = engine.makeTemplate({ fill: 'random', seed: 13, data_year: 2025, assessment_year: 2026, region: { name: 'Kabupaten Kanwil', kind: 'kabupaten', province: 'Bali', code: '' } });
  assert.ok(tpl.ok);
  const c = tpl.answers;
  const totalC = engine.score(c).total;
  engine.loadPack(bundledText);
  const scenario = structuredClone(a);
  const ids = Object.keys(scenario.answers).slice(0, 3);
  for (const id of ids) scenario.answers[id] = { ...scenario.answers[id], na: false };
  scenario.answers[ids[0]].note = 'skenario';
  const keys = { a: 'lx1a2b3c-old1', b: 'lx1a2b3d-old2', c: 'lx1a2b3e-old3' };
  const meta = (key, ans, total) => ({ key, pack: ans.pack, region: ans.region, data_year: ans.data_year, assessment_year: ans.assessment_year, updated_at: ans.updated_at, total });
  const effortA = { [ids[1]]: 3, [ids[2]]: 40 };
  const ls = {
    'kkpham:v1:index': JSON.stringify([meta(keys.a, a, engine.score(a).total), meta(keys.b, b, engine.score(b).total), meta(keys.c, c, totalC)]),
    [`kkpham:v1:a:${keys.a}`]: JSON.stringify(a),
    [`kkpham:v1:a:${keys.b}`]: JSON.stringify(b),
    [`kkpham:v1:a:${keys.c}`]: JSON.stringify(c),
    [`kkpham:v1:s:${keys.a}`]: JSON.stringify(scenario),
    [`kkpham:v1:effort:${keys.a}`]: JSON.stringify(effortA),
    [`kkpham:v1:pack:${bundledSha}`]: bundledText,
    [`kkpham:v1:pack:${customSha}`]: customText,
    'kkpham:v1:prefs': JSON.stringify({ lang: 'id', current: keys.a, right: null, large: false, whatif: keys.a, view: 'fill' }),
  };
  return { ls, keys, answers: { a, b, c }, scenario, effortA, customSha, customText, bundledSha };
}

test('data of the localStorage version moves to IndexedDB once, without loss', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  const v1 = await v1Storage();
  // Written on the origin before the app runs (a page of the origin that is not the app).
  await page.goto(`${app.url}criteria/index.json`);
  await page.evaluate((items) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, v1.ls);
  log.errors.length = 0; // that page's own favicon request
  await gotoApp(page, app.url);
  await page.waitForSelector('.fill-layout');

  // The assessment that was open is resumed, in its what-if scenario, as the prefs said.
  assert.equal(await page.evaluate(() => window.kkpham.ctx.key), v1.keys.a);
  assert.deepEqual(await pageAnswers(page), v1.scenario, 'the scenario is resumed exactly');
  assert.deepEqual(await page.evaluate(() => window.kkpham.ctx.whatIf.real), v1.answers.a, 'the real answers wait untouched');

  const stored = await storedAssessments(page);
  assert.equal(stored[`a:${v1.keys.a}`], v1.ls[`kkpham:v1:a:${v1.keys.a}`], 'answers text moved byte for byte');
  assert.equal(stored[`a:${v1.keys.b}`], v1.ls[`kkpham:v1:a:${v1.keys.b}`]);
  assert.equal(stored[`a:${v1.keys.c}`], v1.ls[`kkpham:v1:a:${v1.keys.c}`]);
  assert.equal(stored[`s:${v1.keys.a}`], v1.ls[`kkpham:v1:s:${v1.keys.a}`]);
  assert.deepEqual(stored[`effort:${v1.keys.a}`], v1.effortA);
  assert.equal(stored[`pack:${v1.customSha}`], v1.customText, 'the custom pack moved');
  assert.deepEqual(stored.index.map((m) => m.key).sort(), Object.values(v1.keys).sort());
  const oldIndex = JSON.parse(v1.ls['kkpham:v1:index']);
  for (const m of oldIndex) assert.deepEqual(stored.index.find((x) => x.key === m.key), m, `saved-list entry ${m.key} moved`);
  // The old keys are gone once verified; the preferences stay in localStorage.
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kkpham:')).sort());
  assert.deepEqual(left, ['kkpham:v1:prefs']);
  const migration = await page.evaluate(() => new Promise((resolve) => {
    const r = indexedDB.open('kkpham');
    r.onsuccess = () => {
      const q = r.result.transaction('log').objectStore('log').get('migration');
      q.onsuccess = () => { r.result.close(); resolve(q.result); };
    };
  }));
  assert.equal(migration.records, 7, 'seven records moved (3 answers, a scenario, efforts, 2 packs)');

  // Every assessment opens from Start with identical answers (the custom pack's too).
  await page.click('[data-view="start"]');
  await page.waitForSelector('table.saved');
  for (const [name, key] of Object.entries(v1.keys)) {
    await page.click('[data-view="start"]');
    await page.click(`table.saved tr[data-key="${key}"] button.primary`);
    await page.waitForFunction((k) => window.kkpham.ctx.key === k && window.kkpham.ctx.view === 'fill', key);
    const want = name === 'a' ? v1.scenario : v1.answers[name]; // a's scenario is still open
    assert.deepEqual(await pageAnswers(page), want, `assessment ${name} opens with identical answers`);
  }
  assert.equal(await page.evaluate(() => window.kkpham.ctx.summary.sha256), v1.customSha, 'c opened with its own pack');
  // The efforts are back in the gap view.
  await page.click('[data-view="start"]');
  await page.click(`table.saved tr[data-key="${v1.keys.a}"] button.primary`);
  await page.waitForFunction((k) => window.kkpham.ctx.key === k, v1.keys.a);
  assert.deepEqual(await page.evaluate(() => window.kkpham.store.loadEffort(window.kkpham.ctx.key)), v1.effortA);

  // A reload migrates nothing more and changes nothing.
  const snapshot = await storedAssessments(page);
  await page.reload();
  await ready(page);
  assert.deepEqual(await storedAssessments(page), snapshot, 'storage unchanged by a reload');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a tab that dies in the middle of a write loses nothing: the write-ahead copy is replayed', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  // While window.__kkHold is set, IndexedDB write transactions never commit (a request is always
  // pending and commit() does nothing): the page dies with the write still open.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function held(...args) {
      const req = put.apply(this, args);
      if (window.__kkHold) {
        const store = this;
        const spin = () => { store.get('__kk-spin').onsuccess = spin; };
        spin();
      }
      return req;
    };
    const commit = IDBTransaction.prototype.commit;
    IDBTransaction.prototype.commit = function held() {
      if (!window.__kkHold) commit.call(this);
    };
  });
  await gotoApp(page, app.url);
  await createAssessment(page, { name: 'Kabupaten Mogok' });
  const key = await page.evaluate(() => window.kkpham.ctx.key);
  const saved = await storedAnswers(page, key);
  const pack = bundledPack();
  const ind = pack.indicators.find((i) => i.right === pack.rights[0].id && i.answer.kind === 'yes_no');
  await page.evaluate(() => { window.__kkHold = true; });
  await page.check(`#v-${ind.id}-0`);
  const edited = await pageAnswers(page);
  assert.equal(edited.answers[ind.id].value, true);
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kkpham:wal:')));
  assert.ok(copies.some((k) => k.endsWith(`:answers:${key}`)), `a write-ahead copy is kept while the write is open (${copies})`);
  // The renderer crashes.
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash', { timeout: 10000 });
  cdp.send('Page.crash').catch(() => {}); // answered by no one: the page is gone
  await crashed;

  const next = await context.newPage();
  await next.goto(app.url);
  await ready(next);
  await next.waitForSelector('.fill-layout');
  assert.equal(await next.evaluate(() => window.kkpham.ctx.key), key);
  assert.deepEqual(await pageAnswers(next), edited, 'the edit made before the crash is back');
  assert.notDeepEqual(edited, saved);
  assert.deepEqual(await storedAnswers(next, key), edited, 'and it is in IndexedDB');
  const left = await next.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kkpham:wal:')));
  assert.deepEqual(left, [], 'the copy is gone once written');
  assert.deepEqual(log.errors.filter((e) => !/crash/i.test(e)), []);
  await context.close();
});

test('a real quota: IndexedDB refuses, the warning and the export show', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  // A small disk: 3 MB for the origin (Chromium applies an overridden quota to storage buckets
  // made after it, so it is set before the first visit). The app, its offline copy and one
  // assessment fit; a 4 MB note does not.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(app.url).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 3e6 });
  await gotoApp(page, app.url);
  await createAssessment(page, { name: 'Kota Sempit', kind: 'kota' });
  const key = await page.evaluate(() => window.kkpham.ctx.key);
  const saved = await storedAnswers(page, key);
  const pack = bundledPack();
  const ind = pack.indicators.find((i) => i.right === pack.rights[0].id);
  await page.click(`#ind-${ind.id} details.more > summary`);
  await page.fill(`#note-${ind.id}`, 'catatan panjang '.repeat(250000)); // 4 MB
  await page.waitForSelector('#save-warning', { state: 'visible', timeout: 10000 });
  assert.match(await page.textContent('#save-warning'), /penuh/);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.saveError?.name), 'QuotaExceededError');
  assert.deepEqual(await storedAnswers(page, key), saved, 'nothing could be written');
  const inPage = await pageAnswers(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save-warning-export')]);
  assert.deepEqual(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')), inPage, 'the export holds the unsaved edit');
  // Room again (a shorter note): saving succeeds and the warning goes.
  await page.fill(`#note-${ind.id}`, 'catatan pendek');
  await page.waitForSelector('#save-warning', { state: 'detached' });
  assert.deepEqual(await storedAnswers(page, key), await pageAnswers(page));
  assert.deepEqual(log.errors, []);
  await context.close();
});

// denied: the browser says no (headless chromium's own answer); accepted: the user accepts the
// question (Firefox asks; persist() is stubbed to answer yes); granted: the browser has granted it
// already (DevTools Browser.grantPermissions), so there is nothing to ask.
test('Start shows the room used and allowed, and asks for persistent storage once there is work', { skip }, async () => {
  for (const mode of ['denied', 'accepted', 'granted']) {
    const { context, page, log } = await openPage(app);
    const origin = new URL(app.url).origin;
    if (mode === 'granted') {
      const { targetInfo } = await (await context.newCDPSession(page)).send('Target.getTargetInfo');
      const cdp = await app.browser.newBrowserCDPSession();
      await cdp.send('Browser.grantPermissions', { origin, permissions: ['durableStorage'], browserContextId: targetInfo.browserContextId });
    }
    await context.addInitScript((accept) => {
      window.__persistAsked = 0;
      const { persist, persisted } = StorageManager.prototype;
      let yes = false;
      StorageManager.prototype.persist = function counted() {
        window.__persistAsked += 1;
        if (!accept) return persist.call(this);
        yes = true;
        return Promise.resolve(true);
      };
      StorageManager.prototype.persisted = function asked() {
        return yes ? Promise.resolve(true) : persisted.call(this);
      };
    }, mode === 'accepted');
    await gotoApp(page, app.url);
    const room = page.locator('#storage-used');
    await room.waitFor();
    assert.match(await room.textContent(), /^Tersimpan di browser ini: \d+(,\d)? MB dari \d{1,3}(\.\d{3})* MB yang diizinkan browser\.$/);
    assert.equal(await page.evaluate(() => window.__persistAsked), 0, `${mode}: no saved work yet, not asked`);
    assert.equal(await page.textContent('#storage-persist'), '', 'nothing to keep yet: nothing said about keeping it');
    await createAssessment(page, { name: `Kabupaten Ruang ${mode}` });
    await page.click('[data-view="start"]');
    await page.waitForSelector('table.saved');
    const granted = mode !== 'denied';
    await page.waitForFunction((g) => document.getElementById('storage-persist')?.textContent
      .startsWith(g ? 'Penyimpanan tetap diizinkan' : 'Penyimpanan tetap belum diizinkan'), granted);
    assert.equal(await page.evaluate(() => window.__persistAsked), mode === 'granted' ? 0 : 1, `${mode}: asked once there is work (unless granted already)`);
    assert.equal(await page.evaluate(() => navigator.storage.persisted()), granted);
    await page.click('[data-view="yoy"]');
    await page.click('[data-view="start"]');
    await page.waitForSelector('table.saved');
    assert.ok(await page.evaluate(() => window.__persistAsked) <= 1, 'asked once per page at most');
    // The figures are the browser's own, in the Indonesian style.
    const est = await page.evaluate(() => navigator.storage.estimate());
    const mb = (b) => {
      const v = Math.max(b / 1e6, b > 0 ? 0.1 : 0);
      return new Intl.NumberFormat('id-ID', { minimumFractionDigits: v < 10 ? 1 : 0, maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
    };
    await page.waitForFunction((q) => document.getElementById('storage-used')?.textContent.includes(`dari ${q} MB`), mb(est.quota));
    const text = await room.textContent();
    const used = Number(/: ([\d.,]+) MB/.exec(text)[1].replace(/\./g, '').replace(',', '.'));
    assert.ok(Math.abs(used - est.usage / 1e6) <= 0.1 + (est.usage / 1e6) * 0.2, `${text} vs ${est.usage} bytes`);
    if (mode === 'denied') {
      await assertAxeClean(page, 'Start with the storage line');
      await shotScreen(page, 'start-storage');
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
