// The offices' work in the browser (issue 15, items 4, 5, 7): the master is split into every
// office's package through the offices screen; two packages are filled in office mode in the page
// (opened through the normal import, answered, "Kirim kembali"); others are edited as JSON here
// (one returned twice with a change, one answering an indicator it is not responsible for, one of
// another regency); everything is dropped into the merge in a shuffled order. The master ends with
// exactly the expected answers and conflicts; a conflict is resolved; the undo (after a reload)
// restores the master's stored bytes; the other regency's return is refused in plain words; and
// the merged master file the page downloads is byte-identical to `kkpham merge` for the same
// master, returns and time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, nodeEngine, bundledPack,
  enterAnswer, goToRight, settle, storedAssessments, nativeCli, tempFiles, assertAxeClean, shotScreen,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
let pack;
let master; // the master as imported (answers of some offices cleared)
const packages = new Map(); // office id -> {file, text}
const returns = []; // [{file, text}] in the order they are dropped
let masterBeforeMerge = null; // the master's text as the engine received it, before the merge
let mergedFile = null;

const OFFICE_MODE = ['dlh', 'perkim']; // filled in the page, in office mode
const CLEARED = ['dlh', 'perkim', 'dinkes']; // their indicators start unanswered in the master
const SHARED = 'LING-H3'; // dlh, perkim (and pupr): the two returns disagree on it
const TWICE = 'DUDUK-S1'; // disdukcapil returns twice, changing it the second time
const OUTSIDER = { office: 'disdik', indicator: 'INFO-P4' }; // disdik is not responsible for INFO-P4

function officesOf(ind) {
  return ind.offices || pack.rights.find((r) => r.id === ind.right).offices || [];
}

// A valid answer value other than `v` for the indicator.
function otherValue(ind, v) {
  const a = ind.answer;
  if (a.kind === 'yes_no') return !v;
  if (a.kind === 'level') return a.levels.map((l) => l.id).find((id) => id !== v);
  const min = a.range?.min ?? 0;
  return v === min ? (a.range?.max ?? min + 1) : min;
}

// The file a click downloads. Headless Chromium under load now and then drops one of many
// downloads in a row (never the same button twice); such a click is made once more.
async function downloadOf(page, click) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click()]);
      const file = await dl.path();
      return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8'), path: file };
    } catch (err) {
      if (attempt > 0) throw err;
    }
  }
}

// Simple seeded shuffle (the order differs from the packages' order, and is the same every run).
function shuffled(list, seed) {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

before(async () => {
  if (skip) return;
  pack = bundledPack();
  master = await randomAnswers(15, { name: 'Kabupaten Gabung' });
  for (const ind of pack.indicators) {
    if (officesOf(ind).some((o) => CLEARED.includes(o)) || ind.id === TWICE) delete master.answers[ind.id];
  }
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  await importAnswers(tab.page, master, 'kabupaten-gabung-2025.kkpham.json');
});

after(async () => {
  await stopApp(app);
});

test('the offices screen makes one package per office, downloaded with the CLI\'s names', { skip }, async (t) => {
  const { page } = tab;
  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-make');
  const masterBeforeSplit = await page.evaluate(() => JSON.stringify(window.kkpham.ctx.answers));
  await page.click('#offices-make');
  await page.waitForSelector('#offices-made');
  const rows = await page.$$eval('.offices-packages tbody tr', (trs) => trs.map((tr) => tr.dataset.office));
  const expected = [...new Set(pack.indicators.flatMap(officesOf))];
  assert.deepEqual(new Set(rows), new Set(expected), 'one package per office with indicators');
  for (const office of rows) {
    const f = await downloadOf(page, () => page.click(`.offices-packages tr[data-office="${office}"] .offices-download`));
    const p = JSON.parse(f.text);
    assert.equal(p.scope.kind, 'office-package');
    assert.equal(p.scope.office.id, office);
    const mine = pack.indicators.filter((ind) => officesOf(ind).includes(office)).map((ind) => ind.id);
    assert.deepEqual(new Set(p.scope.indicators), new Set(mine), `${office}: its indicators only`);
    packages.set(office, f);
  }
  // All of them at once: one ZIP holding every package file.
  const zip = await downloadOf(page, () => page.click('#offices-download-all'));
  assert.match(zip.name, /^paket-opd-kabupaten-gabung-2025\.zip$/);
  const zipBytes = fs.readFileSync(zip.path);
  assert.equal(zipBytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  for (const f of packages.values()) {
    const entry = `paket-opd-kabupaten-gabung-2025/${f.name}`;
    assert.ok(zipBytes.includes(Buffer.from(entry)), `${f.name} in the ZIP`);
    // With Info-ZIP at hand, each entry is the package file, byte for byte.
    if (fs.existsSync('/usr/bin/unzip')) assert.equal(execFileSync('/usr/bin/unzip', ['-p', zip.path, entry], { encoding: 'utf8' }), f.text, `${entry} == the package`);
  }
  // The same bytes and names as `kkpham split` for the same master and time.
  const cli = nativeCli();
  if (cli) {
    const madeAt = JSON.parse(packages.get(rows[0]).text).scope.made_at;
    const files = tempFiles({ 'master.kkpham.json': masterBeforeSplit });
    try {
      const dir = path.join(files.dir, 'out');
      execFileSync(cli, ['split', files.paths['master.kkpham.json'], '--by-office', '--made-at', madeAt, '-o', dir], { encoding: 'utf8' });
      assert.deepEqual(new Set(fs.readdirSync(dir)), new Set([...packages.values()].map((f) => f.name)), 'the CLI\'s file names');
      for (const f of packages.values()) assert.equal(f.text, fs.readFileSync(path.join(dir, f.name), 'utf8'), `${f.name} == kkpham split, byte for byte`);
    } finally {
      files.remove();
    }
  } else {
    t.diagnostic('native CLI not built (KKPHAM_NATIVE_CLI): byte parity with kkpham split not checked');
  }
  // The blank questionnaire: on paper only, one section per office with exactly its indicators.
  assert.equal(await page.locator('.q-office').first().isVisible(), false, 'not on screen');
  await page.emulateMedia({ media: 'print' });
  const paper = await page.$$eval('.q-office', (els) => els.map((e) => ({
    office: e.dataset.office, visible: e.offsetHeight > 0, newPage: getComputedStyle(e).breakBefore === 'page', ids: [...e.querySelectorAll('.q-indicator')].map((q) => q.dataset.indicator),
  })));
  await page.emulateMedia({ media: null });
  assert.deepEqual(new Set(paper.map((q) => q.office)), new Set(rows));
  for (const [k, q] of paper.entries()) {
    assert.ok(q.visible, `${q.office} printed`);
    assert.equal(q.newPage, k > 0, `${q.office} starts a page of its own`);
    assert.deepEqual(new Set(q.ids), new Set(JSON.parse(packages.get(q.office).text).scope.indicators), `${q.office}: its indicators on paper`);
  }
  // On A4, every office starts a new page.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
  assert.ok(pages >= paper.length, `${pages} A4 pages for ${paper.length} offices`);
  // The master records the packages made: the dashboard says so for every office.
  const made = await page.$$eval('.offices-status tbody tr', (trs) => trs.filter((tr) => !/belum dibuat/.test(tr.children[1].textContent)).length);
  assert.equal(made, rows.length);
  // One office at a time: that office's package alone, a new one.
  await page.selectOption('#offices-one', 'pupr');
  await page.click('#offices-make-one');
  await page.waitForFunction(() => document.querySelectorAll('.offices-packages tbody tr').length === 1);
  assert.equal(await page.getAttribute('.offices-packages tbody tr', 'data-office'), 'pupr');
  const again = JSON.parse((await downloadOf(page, () => page.click('.offices-packages tr[data-office="pupr"] .offices-download'))).text);
  assert.equal(again.scope.office.id, 'pupr');
  assert.notEqual(again.scope.package_id, JSON.parse(packages.get('pupr').text).scope.package_id);
  await assertAxeClean(page, 'offices screen with packages');
  await page.click('#lang-switch');
  await page.waitForSelector('html[lang="en"]');
  assert.equal(await page.textContent('#view-offices h1'), 'Office work packages');
  await assertAxeClean(page, 'offices screen in English');
  await page.click('#lang-switch');
  await page.waitForSelector('html[lang="id"]');
});

test('a package opens in office mode: its indicators only, no regional score, "Kirim kembali"', { skip }, async () => {
  const { page } = tab;
  const engine = await nodeEngine();
  const full = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026 }).answers.answers;
  for (const office of OFFICE_MODE) {
    const pkg = JSON.parse(packages.get(office).text);
    await importAnswers(page, pkg, packages.get(office).name);
    await page.waitForSelector('#office-h');
    assert.match(await page.textContent('#office-h'), new RegExp(pkg.scope.office.short_name));
    assert.equal(await page.locator('.total-num').count(), 0, 'no regional total in office mode');
    assert.equal(await page.locator('[data-view="report"]').isVisible(), false, 'no report in office mode');
    const rights = await page.evaluate(() => window.kkpham.ctx.pack.rights.map((r) => r.id));
    const mine = pack.indicators.filter((ind) => pkg.scope.indicators.includes(ind.id));
    assert.deepEqual(new Set(rights), new Set(mine.map((ind) => ind.right)), 'only the rights of its indicators');
    for (const ind of mine) {
      await goToRight(page, ind.right);
      const value = ind.id === SHARED && office === 'perkim' ? otherValue(ind, full[ind.id].value) : full[ind.id].value;
      await enterAnswer(page, ind, { value }, { comma: true });
    }
    await page.fill('#office-fb-name', `Operator ${office.toUpperCase()}`);
    await page.locator('#office-fb-name').blur();
    await settle(page);
    assert.match(await page.textContent('#office-progress'), new RegExp(`${mine.length}/${mine.length}`));
    if (office === OFFICE_MODE[0]) await assertAxeClean(page, 'office mode');
    if (office === OFFICE_MODE[0]) await shotScreen(page, 'office-mode');
    const back = await downloadOf(page, () => page.click('#office-send'));
    assert.equal(back.name, packages.get(office).name, 'the return keeps the name the package was sent with');
    const r = JSON.parse(back.text);
    assert.equal(r.scope.filled_by.name, `Operator ${office.toUpperCase()}`);
    assert.match(r.scope.returned_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const ind of mine) assert.notEqual(r.answers[ind.id]?.value ?? null, null, `${office} answered ${ind.id}`);
    returns.push({ file: back.name, text: back.text });
  }
  // The saved list keeps the office packages apart, named as such.
  await page.click('[data-view="start"]');
  const labels = await page.$$eval('.saved .office-package', (els) => els.map((e) => e.textContent));
  assert.equal(labels.length, OFFICE_MODE.length);
});

test('returns merged in any order: exactly the expected answers and conflicts, CLI bytes, refusal, resolve, undo', { skip }, async (t) => {
  const { page } = tab;
  const engine = await nodeEngine();
  const full = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026 }).answers.answers;
  const byId = new Map(pack.indicators.map((ind) => [ind.id, ind]));
  // dinkes fills its blanks (as a script standing in for another tool would).
  const dinkes = JSON.parse(packages.get('dinkes').text);
  for (const id of dinkes.scope.indicators) if (!dinkes.answers[id]) dinkes.answers[id] = { value: full[id].value };
  dinkes.scope.returned_at = '2026-03-05T09:00:00Z';
  returns.push({ file: packages.get('dinkes').name, text: JSON.stringify(dinkes, null, 2) });
  // disdukcapil twice: the later return changes its answer to TWICE.
  const first = JSON.parse(packages.get('disdukcapil').text);
  first.answers[TWICE] = { value: full[TWICE].value };
  first.scope.returned_at = '2026-03-04T08:00:00Z';
  const second = structuredClone(first);
  second.answers[TWICE] = { value: otherValue(byId.get(TWICE), full[TWICE].value) };
  second.scope.returned_at = '2026-03-06T08:00:00Z';
  returns.push({ file: 'DISDUKCAPIL.kkpham.json', text: JSON.stringify(first, null, 2) });
  returns.push({ file: 'DISDUKCAPIL-revisi.kkpham.json', text: JSON.stringify(second, null, 2) });
  // disdik answers an indicator that is not its own.
  const disdik = JSON.parse(packages.get('disdik').text);
  disdik.answers[OUTSIDER.indicator] = { value: otherValue(byId.get(OUTSIDER.indicator), master.answers[OUTSIDER.indicator]?.value) };
  disdik.scope.returned_at = '2026-03-05T10:00:00Z';
  returns.push({ file: packages.get('disdik').name, text: JSON.stringify(disdik, null, 2) });
  // A return of another regency.
  const other = JSON.parse(packages.get('dinsos').text);
  other.region.name = 'Kabupaten Lain';
  returns.push({ file: 'dinsos-kabupaten-lain.kkpham.json', text: JSON.stringify(other, null, 2) });
  // One of another data year, and a plain answers file (no package at all).
  const year = JSON.parse(packages.get('dinsos').text);
  year.data_year = 2024;
  year.assessment_year = 2025;
  returns.push({ file: 'dinsos-2024.kkpham.json', text: JSON.stringify(year, null, 2) });
  returns.push({ file: 'jawaban-biasa.kkpham.json', text: JSON.stringify(master, null, 2) });
  const order = shuffled(returns, 7);

  // Back to the master.
  await page.click('[data-view="start"]');
  await page.click('.saved tbody tr:not(:has(.office-package)) button.primary');
  await page.waitForSelector('.fill-layout');
  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-returns', { state: 'attached' });
  masterBeforeMerge = await page.evaluate(() => JSON.stringify(window.kkpham.ctx.answers));
  const scoreBefore = await page.textContent('#offices-score');
  await page.setInputFiles('#offices-returns', order.map((r) => ({ name: r.file, mimeType: 'application/json', buffer: Buffer.from(r.text) })));
  await page.waitForSelector('#offices-report');

  // Refused in plain words, naming the file; the path only under "detail teknis".
  const refused = await page.$$eval('.offices-refused > li', (lis) => lis.map((li) => ({ file: li.dataset.file, msg: li.querySelector('.msg').textContent })));
  const why = Object.fromEntries(refused.map((r) => [r.file, r.msg]));
  assert.deepEqual(Object.keys(why).sort(), ['dinsos-2024.kkpham.json', 'dinsos-kabupaten-lain.kkpham.json', 'jawaban-biasa.kkpham.json']);
  assert.match(why['dinsos-kabupaten-lain.kkpham.json'], /daerah lain: Kabupaten Lain/);
  assert.match(why['dinsos-2024.kkpham.json'], /2024/);
  assert.match(why['jawaban-biasa.kkpham.json'], /paket/i);
  for (const msg of Object.values(why)) assert.doesNotMatch(msg, /\$\.|\$\[/, 'no JSON path in the message');

  // Exactly the expected answers: every blank an office filled, the later disdukcapil return.
  const answers = await page.evaluate(() => window.kkpham.ctx.answers.answers);
  const lookup = (office) => JSON.parse(returns.find((r) => JSON.parse(r.text).scope.office.id === office && r.file !== 'DISDUKCAPIL.kkpham.json').text);
  const expectApplied = new Map();
  for (const office of ['dlh', 'perkim', 'dinkes']) {
    const r = lookup(office);
    for (const id of r.scope.indicators) if (id !== SHARED && !master.answers[id]) expectApplied.set(id, r.answers[id].value);
  }
  expectApplied.set(TWICE, second.answers[TWICE].value);
  for (const [id, v] of expectApplied) assert.deepEqual(answers[id]?.value, v, `${id} applied`);
  const applied = await page.$$eval('.offices-applied tbody tr', (trs) => trs.map((tr) => tr.dataset.indicator));
  assert.deepEqual(new Set(applied), new Set(expectApplied.keys()), 'the applied list is exactly the expected one');
  // Everything else is as the master had it.
  const was = JSON.parse(masterBeforeMerge).answers;
  for (const id of Object.keys(was)) if (!expectApplied.has(id)) assert.deepEqual(answers[id], was[id], `${id} untouched`);
  assert.equal(answers[SHARED], undefined, 'a disagreement is not applied');
  assert.equal(answers[OUTSIDER.indicator]?.value ?? null, was[OUTSIDER.indicator]?.value ?? null, 'an outsider\'s answer is not applied');

  // Exactly the expected conflicts, versions side by side, the outsider flagged.
  const conflicts = await page.$$eval('.conflict', (els) => els.map((e) => ({
    id: e.dataset.indicator, offices: [...e.querySelectorAll('tbody tr[data-office]')].map((tr) => tr.dataset.office),
    flagged: [...e.querySelectorAll('tr.not-responsible')].map((tr) => tr.dataset.office),
  })));
  const ids = conflicts.map((k) => k.id).sort();
  const expectedConflicts = [SHARED, OUTSIDER.indicator].sort();
  assert.deepEqual(ids, expectedConflicts);
  assert.deepEqual(new Set(conflicts.find((k) => k.id === SHARED).offices), new Set(['dlh', 'perkim']));
  assert.deepEqual(conflicts.find((k) => k.id === OUTSIDER.indicator).flagged, [OUTSIDER.office]);
  // The live score moved with the returns.
  assert.notEqual(await page.textContent('#offices-score'), scoreBefore);

  // The merged master, byte for byte as `kkpham merge` writes it for the same input.
  mergedFile = await downloadOf(page, () => page.click('#offices-download-master'));
  const cli = nativeCli();
  if (cli) {
    const mergedAt = JSON.parse(mergedFile.text).updated_at;
    const files = tempFiles({ 'master.kkpham.json': masterBeforeMerge, ...Object.fromEntries(order.map((r) => [r.file, r.text])) });
    try {
      const out = path.join(files.dir, 'out.kkpham.json');
      try {
        execFileSync(cli, ['merge', files.paths['master.kkpham.json'], ...order.map((r) => files.paths[r.file]), '--merged-at', mergedAt, '-o', out], { encoding: 'utf8' });
      } catch (err) {
        assert.equal(err.status, 1, `kkpham merge: ${err.stderr}`); // open conflicts and a refusal: exit 1, file written
      }
      assert.equal(mergedFile.text, fs.readFileSync(out, 'utf8'), 'browser merge == kkpham merge, byte for byte');
    } finally {
      files.remove();
    }
  } else {
    t.diagnostic('native CLI not built (KKPHAM_NATIVE_CLI): byte parity with kkpham merge not checked');
  }
  await assertAxeClean(page, 'offices merge report and conflicts');

  // A package as an Excel workbook, returned as it was, merges; a broken workbook, a PDF and a
  // file too large to be a return are refused in words (the last one unread).
  const book = await downloadOf(page, () => page.click('.offices-packages tr[data-office="pupr"] .offices-workbook'));
  assert.match(book.name, /\.xlsx$/);
  const bookBytes = fs.readFileSync(book.path);
  assert.equal(bookBytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  const summaryBefore = await page.textContent('.offices-summary');
  await page.setInputFiles('#offices-returns', [
    { name: book.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bookBytes },
    { name: 'rusak.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]) },
    { name: 'surat-pengantar.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n') },
    { name: 'besar.kkpham.json', mimeType: 'application/json', buffer: Buffer.alloc(9 * 1024 * 1024, 0x20) },
  ]);
  await page.waitForFunction((before) => document.querySelector('.offices-summary')?.textContent !== before, summaryBefore);
  const bookRefused = await page.$$eval('.offices-refused > li', (lis) => lis.map((li) => ({ file: li.dataset.file, msg: li.querySelector('.msg').textContent })));
  assert.deepEqual(bookRefused.map((r) => r.file).sort(), ['besar.kkpham.json', 'rusak.xlsx', 'surat-pengantar.pdf']);
  assert.match(bookRefused.find((r) => r.file === 'besar.kkpham.json').msg, /terlalu besar \(9 MB; berkas kembali paling besar 8 MB\)/);
  assert.match(bookRefused.find((r) => r.file === 'rusak.xlsx').msg, /Excel|buku kerja/i);
  assert.match(bookRefused.find((r) => r.file === 'surat-pengantar.pdf').msg, /PDF/);
  assert.match(await page.textContent('.offices-summary'), /^4 berkas: 1 digabung/);
  await shotScreen(page, 'offices-merge', { fullPage: true });

  // Resolve the disagreement: perkim's version.
  const key = await page.evaluate(() => window.kkpham.ctx.key);
  const storedBefore = (await storedAssessments(page))[`a:${key}`];
  await page.check(`.conflict[data-indicator="${SHARED}"] tr[data-office="perkim"] input[type="radio"]`);
  await page.click('#offices-resolve');
  await page.waitForFunction((id) => !document.querySelector(`.conflict[data-indicator="${id}"]`), SHARED);
  const perkim = JSON.parse(returns.find((r) => JSON.parse(r.text).scope.office.id === 'perkim').text);
  const afterResolve = await page.evaluate(() => window.kkpham.ctx.answers);
  assert.deepEqual(afterResolve.answers[SHARED].value, perkim.answers[SHARED].value, 'the chosen version is the master\'s answer');
  assert.equal(afterResolve.coordination.provenance[SHARED].office, 'perkim');
  assert.equal(await page.locator('.conflict').count(), 1, 'the other conflict stays open');

  // Undo, after a reload: the stored master is back byte for byte.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-undo-btn');
  await page.click('#offices-undo-btn');
  await page.click('#dialog [data-choice="ok"]');
  await page.waitForFunction((id) => document.querySelector(`.conflict[data-indicator="${id}"]`), SHARED);
  assert.equal((await storedAssessments(page))[`a:${key}`], storedBefore, 'undo restores the master\'s bytes');
  assert.equal(await page.locator('#offices-undo-btn').count(), 0, 'one step: nothing more to undo');

  // Deleting the assessment deletes the copy kept for an undo with it.
  await page.check(`.conflict[data-indicator="${SHARED}"] tr[data-choice="master"] input[type="radio"]`);
  await page.click('#offices-resolve');
  await page.waitForSelector('#offices-undo-btn');
  assert.ok((await storedAssessments(page))[`s:undo:${key}`], 'the undo copy is kept');
  await page.click('[data-view="start"]');
  await page.click(`.saved tr[data-key="${key}"] button:not(.primary)`);
  await page.click('.saved .danger');
  await page.waitForFunction((k) => !document.querySelector(`.saved tr[data-key="${k}"]`), key);
  const left = await storedAssessments(page);
  assert.equal(left[`a:${key}`], undefined);
  assert.equal(left[`s:undo:${key}`], undefined, 'no copy of a deleted assessment is left');
  assert.deepEqual(tab.log.errors, []);
});
