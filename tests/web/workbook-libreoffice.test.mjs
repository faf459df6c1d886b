// A kkpham workbook through LibreOffice Calc (Debian libreoffice-calc-nogui, `soffice --headless
// --convert-to xlsx`): untouched, it reads back to the same answers; filled in (a percent typed as
// "87,5", a yes/no as a boolean, evidence marked present) and re-saved by Calc, it reads back to
// the typed answers. Skipped without soffice or without the wasm build.
//
//   KKPHAM_DIST=build/<tree>/dist node --test tests/web/workbook-libreoffice.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { SOURCE_DIR, DIST_DIR, newEngine } from '../wasm/lib.mjs';

const { writeWorkbook, dumpWorkbook } = await import(path.join(SOURCE_DIR, 'web', 'formats', 'workbook.js'));

function soffice() {
  for (const p of ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']) if (fs.existsSync(p)) return p;
  return null;
}
const SOFFICE = soffice();
const skip = !SOFFICE ? 'soffice not installed (apt-get install --no-install-recommends libreoffice-calc-nogui)'
  : !fs.existsSync(path.join(DIST_DIR, 'kkpham-core.wasm')) ? `no wasm build at ${DIST_DIR}` : false;

let engine;
let tmp;
before(async () => {
  if (skip) return;
  engine = await newEngine();
  assert.ok(engine.loadPack(fs.readFileSync(path.join(SOURCE_DIR, 'criteria', 'kkpham-22-2021.json'), 'utf8')).ok);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-lo-'));
});
after(() => {
  engine?.dispose();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// Calc opens the file and saves it again as .xlsx.
function throughCalc(bytes, name) {
  const input = path.join(tmp, name);
  const out = path.join(tmp, 'out');
  fs.writeFileSync(input, bytes);
  execFileSync(SOFFICE, ['--headless', '--convert-to', 'xlsx', '--outdir', out, input],
    { env: { ...process.env, HOME: path.join(tmp, 'home') }, timeout: 180000, stdio: 'ignore' });
  return fs.readFileSync(path.join(out, name));
}

test('a workbook re-saved by LibreOffice Calc reads back to the same answers, and to the typed ones when filled', { skip, timeout: 600000 }, async () => {
  const answers = engine.makeTemplate({ fill: 'random', seed: 11, data_year: 2025 }).answers;
  const layout = engine.workbookLayout(answers);
  const bytes = await writeWorkbook(ExcelJS, layout);
  const same = engine.readWorkbook(await dumpWorkbook(ExcelJS, throughCalc(bytes, 'asli.xlsx')));
  assert.ok(same.ok, JSON.stringify(same.errors));
  assert.deepEqual(same.answers, answers);
  assert.equal(engine.scoreRaw(same.answers), engine.scoreRaw(answers));

  const rowOf = (id) => Number(layout.sheets[1].cells.find((c) => c.ref.startsWith('A') && c.s === id).ref.slice(1));
  const pack = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, 'criteria', 'kkpham-22-2021.json'), 'utf8'));
  const percent = pack.indicators.find((i) => i.answer.kind === 'percent');
  const yesNo = pack.indicators.find((i) => i.answer.kind === 'yes_no');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('Isian');
  ws.getCell(`G${rowOf(percent.id)}`).value = '87,5';
  ws.getCell(`G${rowOf(yesNo.id)}`).value = !answers.answers[yesNo.id]?.value;
  ws.getCell(`J${rowOf(`${percent.id}#${percent.evidence[0].id}`)}`).value = 'Ada';
  const filled = new Uint8Array(await wb.xlsx.writeBuffer());
  const r = engine.readWorkbook(await dumpWorkbook(ExcelJS, throughCalc(filled, 'diisi.xlsx')));
  assert.ok(r.ok, JSON.stringify(r.errors));
  assert.equal(r.answers.answers[percent.id].value, 87.5);
  assert.equal(r.answers.answers[yesNo.id].value, !answers.answers[yesNo.id]?.value);
  assert.equal(r.answers.answers[percent.id].evidence.find((e) => e.id === percent.evidence[0].id).status, 'ready');
});
