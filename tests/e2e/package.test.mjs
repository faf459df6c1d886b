// The submission package in the browser (issue 16, part 2): a complete assessment whose every
// evidence item references a generated file; the folder chosen on the package screen is hashed
// and checked; the ZIP is built and saved through the fallback (no showSaveFilePicker: an
// OPFS-backed download) and through the save picker (stubbed with an OPFS file handle, since a
// headless browser shows no dialog); both unzip to a bag whose manifests `sha256sum -c` accepts,
// with the same entries; the verify screen finds the package intact and complete, with the
// score the node engine computes; a tampered copy (a file swapped) and a hostile ZIP (path
// traversal) are reported in plain words; an incomplete package needs an explicit choice.
// Nothing is requested from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, bundledPack, nodeEngine, importAnswers, axe, DIST,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const sha = (data) => crypto.createHash('sha256').update(data).digest('hex');
const origin = (u) => {
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
};

async function noViolations(page, screen) {
  const v = await axe(page);
  assert.deepEqual(v, [], `${screen}: axe-core violations`);
}

/** The number of pages of the screen printed on A4 (the app's print.css). */
async function printedPages(page) {
  const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-package-e2e-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Full answers of the bundled pack (the engine's "max" template) whose every evidence item is
 * ready and references a file written to `folder/bukti/`, plus one file no item uses.
 */
async function completeAssessment(folder) {
  const engine = await nodeEngine();
  const pack = bundledPack();
  const r = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026,
    region: { name: 'Kabupaten Paket', kind: 'kabupaten', province: 'Jawa Tengah', code: '33.06' } });
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  const answers = r.answers;
  const dir = path.join(folder, 'bukti');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  let n = 0;
  for (const ind of pack.indicators) {
    if (!ind.evidence?.length || !answers.answers[ind.id]) continue;
    answers.answers[ind.id].evidence = ind.evidence.map((ev) => {
      n += 1;
      const name = `${ind.id}-${ev.id}.pdf`;
      const content = `%PDF-1.7 ${ind.id} ${ev.id} ${'x'.repeat(n * 37)}`;
      fs.writeFileSync(path.join(dir, n % 3 ? name : path.join('sub', name)), content);
      return { id: ev.id, status: 'ready', reference: name, sha256: sha(content) };
    });
  }
  fs.writeFileSync(path.join(dir, 'catatan-rapat.txt'), 'not referenced by any item');
  return { answers, dir, items: n };
}

async function openPackageScreen(page) {
  await page.click('[data-view="report"]');
  await page.click('#report-package');
  await page.waitForSelector('.pkg-build');
}

async function chooseFolder(page, dir, files) {
  await page.setInputFiles('.pkg-folder-input', dir);
  await page.waitForFunction((n) => document.querySelector('.pkg-folder p')?.textContent.includes(`${n} `), files, { timeout: 60000 });
}

function unzipped(zipBytes, dir) {
  const zip = path.join(dir, `p-${crypto.randomBytes(4).toString('hex')}.zip`);
  fs.writeFileSync(zip, zipBytes);
  const out = `${zip}.d`;
  execFileSync('unzip', ['-q', zip, '-d', out]);
  const [root] = fs.readdirSync(out);
  const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((x) => x && !x.endsWith('/'));
  return { zip, root: path.join(out, root), names };
}

test('build a complete package (download fallback and save picker), verify it intact and complete, then a tampered and a hostile copy', { skip, timeout: 240000 }, async (t) => {
  const tmp = tempDir(t);
  const { answers, dir, items } = await completeAssessment(tmp);
  const { context, page, log } = await openPage(app);
  // No save picker: the fallback path (OPFS-backed download).
  await context.addInitScript(() => {
    window.showSaveFilePicker = undefined;
  });
  await gotoApp(page, app.url);
  await importAnswers(page, answers, 'kabupaten-paket-2025.kkpham.json');
  await openPackageScreen(page);
  assert.match(await page.textContent('.pkg-folder'), /Belum ada folder/);
  await chooseFolder(page, dir, items + 1);
  assert.equal(await page.getAttribute('.pkg-verdict', 'data-complete'), 'true', await page.textContent('.pkg-gate'));
  assert.match(await page.textContent('.pkg-counts'), new RegExp(`ditemukan ${items}\\b`));
  assert.match(await page.textContent('.pkg-counts'), /tidak dirujuk 1\b/);
  assert.equal(await page.isDisabled('#pkg-build'), false, 'a complete package needs no extra choice');
  assert.match(await page.textContent('.pkg-build .hint'), /diunduh/);
  await noViolations(page, 'package screen');
  if (process.env.KKPHAM_SHOTS) await page.screenshot({ path: path.join(process.env.KKPHAM_SHOTS, 'package-screen.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pkg-build')]);
  await page.waitForSelector('[data-outcome="built"]');
  const name = download.suggestedFilename();
  assert.match(name, /^[^/\\]+\.zip$/);
  const zipBytes = fs.readFileSync(await download.path());
  const web = unzipped(zipBytes, tmp);
  assert.equal(`${path.basename(web.root)}.zip`, name, 'the ZIP is named after its package folder');
  execFileSync('sha256sum', ['--quiet', '-c', 'manifest-sha256.txt'], { cwd: web.root });
  execFileSync('sha256sum', ['--quiet', '-c', 'tagmanifest-sha256.txt'], { cwd: web.root });
  const evidenceNames = web.names.filter((n) => /\.pdf$/.test(n));
  assert.equal(evidenceNames.length, items, 'every referenced file is in the package');
  assert.ok(!web.names.some((n) => n.includes('catatan-rapat')), 'a file no item uses is left out');
  // The package's answers file is the assessment's answers.
  const inner = JSON.parse(fs.readFileSync(path.join(web.root, 'data', '00-formulir', 'kabupaten-paket-2025.kkpham.json'), 'utf8'));
  assert.deepEqual(inner.answers, answers.answers);

  // The save-picker path: the picker returns a file handle (OPFS here); the ZIP lands in it.
  await page.evaluate(() => {
    window.showSaveFilePicker = async ({ suggestedName }) => {
      const root = await navigator.storage.getDirectory();
      window.__picked = await root.getFileHandle(`picked-${suggestedName}`, { create: true });
      return window.__picked;
    };
  });
  await openPackageScreen(page); // re-rendered: the hint now names the picker
  assert.match(await page.textContent('.pkg-build .hint'), /memilih tempat/);
  await page.click('#pkg-build');
  await page.waitForSelector('[data-outcome="built"]');
  assert.match(await page.textContent('[data-outcome="built"]'), /tersimpan/);
  const pickedB64 = await page.evaluate(async () => {
    const buf = new Uint8Array(await (await window.__picked.getFile()).arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  });
  const picked = unzipped(Buffer.from(pickedB64, 'base64'), tmp);
  assert.deepEqual(picked.names, web.names, 'the same entries, in the same order, either way');
  for (const n of picked.names.filter((x) => !x.endsWith('bag-info.txt'))) {
    assert.ok(fs.readFileSync(path.join(path.dirname(picked.root), n)).equals(fs.readFileSync(path.join(path.dirname(web.root), n))), n);
  }

  // The Kanwil's side: intact, complete, the node engine's score.
  const engine = await nodeEngine();
  const scored = engine.score(answers);
  assert.equal(scored.ok, true);
  await page.click('[data-view="verify"]');
  await page.setInputFiles('.verify-input', web.zip);
  await page.waitForSelector('.verify-sheet', { timeout: 60000 });
  assert.equal(await page.getAttribute('.verify-sheet', 'data-intact'), 'true', await page.textContent('.verify-result'));
  assert.equal(await page.getAttribute('.verify-sheet', 'data-complete'), 'true', await page.textContent('.verify-result'));
  const total = await page.getAttribute('[data-total]', 'data-total');
  assert.equal(Number(total), Math.round(scored.total * 100) / 100);
  const sheet = await page.textContent('.verify-sheet');
  assert.match(sheet, /Kabupaten Paket/);
  assert.match(sheet, /YA, utuh/);
  assert.match(sheet, /YA, lengkap/);
  await noViolations(page, 'verification sheet');
  assert.equal(await printedPages(page), 1, 'the verification sheet prints on one A4 page');
  // In English: the same sheet (kept for this tab), in the other language, still axe-clean.
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.querySelector('.verify-sheet')?.textContent.includes('YES, intact'));
  assert.match(await page.textContent('.verify-sheet'), /YES, complete/);
  await noViolations(page, 'verification sheet (English)');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.querySelector('.verify-sheet')?.textContent.includes('YA, utuh'));

  // A tampered copy: one evidence file swapped after packing.
  const swapped = path.join(tmp, 'swapped');
  fs.cpSync(path.dirname(web.root), swapped, { recursive: true });
  const victim = evidenceNames[3];
  fs.writeFileSync(path.join(swapped, victim), '%PDF-1.7 a forged document');
  const tamperedZip = path.join(tmp, 'tampered.zip');
  execFileSync('zip', ['-qr', tamperedZip, path.basename(web.root)], { cwd: swapped });
  await page.setInputFiles('.verify-input', tamperedZip);
  await page.waitForSelector('.verify-sheet[data-intact="false"]', { timeout: 60000 });
  const problems = await page.textContent('.verify-problems');
  assert.ok(problems.includes(path.basename(victim)), problems);
  assert.match(await page.textContent('.verify-sheet'), /TIDAK: diubah setelah dikemas/);
  assert.equal(await printedPages(page), 1, 'the sheet of an altered package prints on one A4 page');
  assert.doesNotMatch(await page.textContent('.verify-sheet'), /\bnull\b|undefined/);
  await page.screenshot({ path: path.join(tmp, 'verify.png'), fullPage: true });
  if (process.env.KKPHAM_SHOTS) fs.copyFileSync(path.join(tmp, 'verify.png'), path.join(process.env.KKPHAM_SHOTS, 'package-verify-altered.png'));

  // A hostile ZIP: a path that leaves the package folder.
  const evil = path.join(tmp, 'evil');
  fs.mkdirSync(path.join(evil, 'P', 'data'), { recursive: true });
  fs.writeFileSync(path.join(evil, 'P', 'bagit.txt'), 'BagIt-Version: 1.0\n');
  fs.writeFileSync(path.join(evil, 'x.txt'), 'escape');
  execFileSync('zip', ['-q', path.join(tmp, 'evil.zip'), 'P/bagit.txt', 'P/data/../../x.txt'], { cwd: evil });
  await page.setInputFiles('.verify-input', path.join(tmp, 'evil.zip'));
  await page.waitForSelector('[data-refusal]');
  assert.equal(await page.getAttribute('[data-refusal]', 'data-refusal'), 'zip.path_traversal');
  assert.match(await page.textContent('[data-refusal]'), /keluar dari folder paket/);
  await noViolations(page, 'refused package');

  const foreign = log.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && origin(u) !== origin(app.url));
  assert.deepEqual(foreign, [], 'every request stays on the page origin');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an incomplete package is built only after an explicit choice; a file changed after the check stops it', { skip, timeout: 120000 }, async (t) => {
  const tmp = tempDir(t);
  const { answers, dir } = await completeAssessment(tmp);
  // One right left unanswered: the gate closes.
  const pack = bundledPack();
  const right = pack.rights[0].id;
  for (const ind of pack.indicators) if (ind.right === right) delete answers.answers[ind.id];
  const { context, page, log } = await openPage(app);
  await context.addInitScript(() => {
    window.showSaveFilePicker = undefined;
  });
  await gotoApp(page, app.url);
  await importAnswers(page, answers, 'kabupaten-kurang-2025.kkpham.json');
  await openPackageScreen(page);
  await chooseFolder(page, dir, fs.readdirSync(dir, { recursive: true }).filter((f) => /\.(pdf|txt)$/.test(f)).length);
  assert.equal(await page.getAttribute('.pkg-verdict', 'data-complete'), 'false');
  assert.ok((await page.$$('.pkg-reasons li')).length > 0, 'the reasons are listed');
  assert.equal(await page.isDisabled('#pkg-build'), true, 'no build without the explicit choice');
  await page.check('.pkg-build input[type="checkbox"]');
  assert.equal(await page.isDisabled('#pkg-build'), false);

  // A file changed on disk after the folder check (the page holds the File, which now reads
  // other bytes): the build stops and names the file.
  const kept = pack.indicators.find((i) => i.right !== right && i.evidence?.length && answers.answers[i.id]);
  const victim = fs.readdirSync(dir, { recursive: true }).find((f) => path.basename(f).startsWith(`${kept.id}-`));
  const before = fs.readFileSync(path.join(dir, victim));
  fs.writeFileSync(path.join(dir, victim), Buffer.concat([before.subarray(0, before.length - 1), Buffer.from('!')]));
  await page.click('#pkg-build');
  await page.waitForSelector('[data-outcome]');
  assert.equal(await page.getAttribute('[data-outcome]', 'data-outcome'), 'zip.file_changed', await page.textContent('.pkg-outcome'));
  assert.match(await page.textContent('.pkg-outcome'), /berubah sejak folder diperiksa/);
  assert.ok((await page.textContent('.pkg-outcome')).includes(path.basename(victim)), 'the changed file is named');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the single-file build (file://) verifies a package and builds one without a server', { skip, timeout: 180000 }, async (t) => {
  const html = process.env.KKPHAM_SINGLE_FILE_HTML || path.join(path.dirname(DIST), 'kkpham.html');
  assert.ok(fs.existsSync(html), `${html} is missing: build it (KKPHAM_SINGLE_FILE=ON)`);
  const tmp = tempDir(t);
  const { answers, dir, items } = await completeAssessment(tmp);
  // A package made in node by the same adapter and engine: files as a chosen folder gives them.
  const engine = await nodeEngine();
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort()
    .map((rel) => {
      const bytes = fs.readFileSync(path.join(dir, rel));
      return { path: rel.split(path.sep).join('/'), name: path.basename(rel), size: bytes.length, sha256: sha(bytes), mtime: '', file: new Blob([bytes]) };
    });
  const pkg = engine.package(answers, { files: files.map(({ file, ...f }) => f), answers_name: 'paket.kkpham.json', bagging_date: '2026-12-07' });
  assert.equal(pkg.ok, true, JSON.stringify(pkg.errors));
  const { packageZipBlob } = await import(pathToFileURL(path.join(DIST, 'formats', 'zip-write.js')).href);
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const made = await packageZipBlob(pkg, { fileFor: (p) => byPath.get(p) });
  assert.equal(made.ok, true, JSON.stringify(made));
  const zip = path.join(tmp, 'node-made.zip');
  fs.writeFileSync(zip, Buffer.from(await made.blob.arrayBuffer()));

  const { context, page, log } = await openPage(app);
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  // Reached from Start's part for the Kanwil.
  await page.click('details.kanwil > summary');
  await page.click('#start-verify');
  await page.waitForSelector('.verify-input', { state: 'attached' });
  await page.setInputFiles('.verify-input', zip);
  await page.waitForSelector('.verify-sheet', { timeout: 60000 });
  assert.equal(await page.getAttribute('.verify-sheet', 'data-intact'), 'true', await page.textContent('.verify-result'));
  assert.equal(await page.getAttribute('.verify-sheet', 'data-complete'), 'true', await page.textContent('.verify-result'));

  // And a build from file:// (no OPFS there: the in-memory fallback, downloaded).
  await page.evaluate(() => { window.showSaveFilePicker = undefined; });
  await importAnswers(page, answers, 'kabupaten-paket-2025.kkpham.json');
  await openPackageScreen(page);
  await chooseFolder(page, dir, items + 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pkg-build')]);
  await page.waitForSelector('[data-outcome="built"]');
  const web = unzipped(fs.readFileSync(await download.path()), tmp);
  execFileSync('sha256sum', ['--quiet', '-c', 'manifest-sha256.txt'], { cwd: web.root });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the build shows its progress and stops on cancel: the chosen file is aborted, never completed', { skip, timeout: 120000 }, async (t) => {
  const tmp = tempDir(t);
  const { answers, dir, items } = await completeAssessment(tmp);
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  await importAnswers(page, answers, 'kabupaten-batal-2025.kkpham.json');
  // A save picker whose file takes its time with each write (a slow USB stick), and records
  // whether it was closed (kept) or aborted (discarded).
  await page.evaluate(() => {
    window.__sink = { writes: 0, closed: false, aborted: false };
    window.showSaveFilePicker = async ({ suggestedName }) => ({
      name: suggestedName,
      createWritable: async () => new WritableStream({
        write: () => new Promise((res) => { window.__sink.writes += 1; setTimeout(res, 40); }),
        close: () => { window.__sink.closed = true; },
        abort: () => { window.__sink.aborted = true; },
      }),
    });
  });
  await openPackageScreen(page);
  await chooseFolder(page, dir, items + 1);
  await page.click('#pkg-build');
  await page.waitForSelector('.pkg-build .pkg-progress progress');
  await page.waitForFunction(() => window.__sink.writes > 5);
  const shown = await page.textContent('.pkg-build .pkg-progress');
  assert.match(shown, /\d+ dari \d+ berkas/);
  assert.equal(await page.isDisabled('#pkg-build'), true, 'no second build while one runs');
  await page.click('.pkg-build .pkg-cancel');
  await page.waitForSelector('[data-outcome="cancelled"]');
  const sink = await page.evaluate(() => window.__sink);
  assert.equal(sink.closed, false, 'a cancelled package is never completed');
  assert.equal(sink.aborted, true, 'the chosen file is aborted (the browser discards it)');
  assert.equal(await page.isDisabled('#pkg-build'), false);
  assert.deepEqual(log.errors, []);
  await context.close();
});
