// The single-file build (build/wasm/kkpham.html, cmake/KkphamSingleFile.cmake) opened from
// file:// in headless chromium, with no server at all: it starts an assessment, answers the
// indicators of two rights through the inputs, shows the same total as the native CLI for the
// same answers, finds every answer again after a reload, and makes no request (everything is
// inline: wasm, modules, styles, catalogs, packs) and logs no console error or CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import {
  ROOT, DIST, CHROMIUM, CHROMIUM_ARGS, missingPrerequisite, openPage, shot, nodeEngine, bundledPack,
  createAssessment, goToRight, enterAnswer, pageAnswers, liveTotal, nativeCli,
} from './harness.mjs';

// Next to the served folder (not in it: the server's CSP header forbids inline scripts).
const HTML = process.env.KKPHAM_SINGLE_FILE_HTML || path.join(path.dirname(DIST), 'kkpham.html');
const skip = missingPrerequisite() || false;

let browser;
let tab;
let pack;
let expected;

function withoutStamp(a) {
  const { updated_at: _u, ...rest } = a;
  return rest;
}

function cliScore(answers) {
  const cli = nativeCli();
  if (!cli) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-single-'));
  const file = path.join(dir, 'answers.kkpham.json');
  fs.writeFileSync(file, JSON.stringify(answers));
  try {
    let out;
    try {
      out = execFileSync(cli, ['score', '--format', 'json', '--pack', path.join(ROOT, 'criteria', 'kkpham-22-2021.json'), file], { encoding: 'utf8' });
    } catch (err) {
      out = err.stdout;
    }
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(HTML), `${HTML} is missing: build it (cmake --workflow --preset app, KKPHAM_SINGLE_FILE=ON)`);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  tab = await openPage({ browser });
  pack = bundledPack();
  const engine = await nodeEngine();
  const tpl = engine.makeTemplate({
    fill: 'random', seed: 424242, data_year: 2025, assessment_year: 2026,
    region: { name: 'Kabupaten Flashdisk', kind: 'kabupaten', province: 'Jawa Tengah', code: '33.06' },
  });
  assert.ok(tpl.ok);
  expected = tpl.answers;
});

after(async () => {
  await browser?.close();
});

test('kkpham.html is one self-contained file with a hash-based CSP', { skip }, () => {
  const html = fs.readFileSync(HTML, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.ok(csp, 'a CSP <meta>');
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/, csp);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'none'/);
  // Nothing refers to another file: no src=, no stylesheet link, no manifest.
  assert.doesNotMatch(html, /<script[^>]*\ssrc=|<link[^>]*rel="(?:stylesheet|manifest)"/i);
  assert.equal((html.match(/<script type="module">/g) || []).length, 1, 'one inline module script');
});

test('opens from file://, scores like the native CLI, restores after a reload, makes no request', { skip }, async (t) => {
  const { page, log } = tab;
  const url = pathToFileURL(HTML).href;
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.evaluate(() => location.protocol), 'file:');
  assert.equal(await page.evaluate(() => Boolean(globalThis.KKPHAM_EMBED)), true, 'the embed hook is set');
  await createAssessment(page, { name: 'Kabupaten Flashdisk' });

  // The indicators of the first two rights, typed in as a person would.
  const rights = pack.rights.slice(0, 2).map((r) => r.id);
  let answered = 0;
  for (const rightId of rights) {
    await goToRight(page, rightId);
    for (const ind of pack.indicators.filter((i) => i.right === rightId)) {
      await enterAnswer(page, ind, expected.answers[ind.id], { comma: answered % 2 === 1 });
      answered += 1;
    }
  }
  assert.ok(answered >= 10, `answered ${answered} indicators`);
  await shot(page, 'singlefile-fill');

  const ui = await pageAnswers(page);
  const shown = await liveTotal(page);
  const inPage = await page.evaluate(() => window.kkpham.ctx.result.total);
  assert.equal(shown, inPage, 'the total on screen is the engine result');
  const engine = await nodeEngine();
  const wasm = engine.score(ui);
  assert.ok(wasm.ok, JSON.stringify(wasm.errors));
  assert.equal(shown, wasm.total, 'same total as the served build\'s engine in node');
  const cli = cliScore(ui);
  if (cli) {
    assert.ok(cli.ok, 'the CLI scores the answers the single file built');
    assert.equal(shown, cli.total, 'live total in kkpham.html = native CLI total');
    // The whole result, byte for byte: the same core, the same bytes.
    const raw = await page.evaluate((a) => window.kkpham.ctx.engine.scoreRaw(a), ui);
    assert.deepEqual(JSON.parse(raw), cli);
  } else {
    t.diagnostic('native CLI not found (KKPHAM_NATIVE_CLI): compared with the wasm engine only');
  }
  assert.ok(shown > 0, `a non-zero total (${shown})`);

  // Reload: localStorage of the file:// page brings everything back.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('.fill-layout');
  assert.deepEqual(withoutStamp(await pageAnswers(page)), withoutStamp(ui), 'answers after reload');
  assert.equal(await liveTotal(page), shown, 'total after reload');
  await goToRight(page, rights[0]);
  const first = pack.indicators.find((i) => i.right === rights[0] && ui.answers[i.id]?.value !== null && !ui.answers[i.id]?.na);
  if (first) {
    const onScreen = await page.evaluate((id) => {
      const val = document.getElementById(`val-${id}`);
      const radios = [...document.querySelectorAll(`input[name="v-${id}"]`)];
      return { val: val ? val.value : null, radio: radios.findIndex((r) => r.checked) };
    }, first.id);
    assert.ok(onScreen.val !== '' && (onScreen.val !== null || onScreen.radio >= 0), `${first.id} shown after reload`);
  }

  const offPage = log.requests.filter((r) => r !== url && !r.startsWith('data:'));
  assert.deepEqual(offPage, [], 'no request besides the file itself');
  assert.deepEqual(log.errors, [], 'no console error');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null, 'no service worker');
});
