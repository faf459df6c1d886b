// The Excel workbook through a real .xlsx (web/formats/workbook.js with ExcelJS from node_modules,
// the engine from the wasm dist): made from random assessments, filled by a script standing in for
// Excel (numbers, "87,5" typed as text, booleans, a date), read back to the same answers and the
// same score bytes; the shared vectors tests/vectors/workbook/cases.json (the doctest suite runs
// them on the layout's own cells); the data validation and sheet protection present in the file's
// XML; the official form in an .xlsx imported as the very pack of its CSV twin, its errors naming
// sheet and cell.
//
//   KKPHAM_DIST=build/<tree>/dist node --test tests/web/workbook.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseCsv } from '../lib/csv.mjs';
import { SOURCE_DIR, DIST_DIR, newEngine } from '../wasm/lib.mjs';

const { writeWorkbook, dumpWorkbook, officialFormCsv, formCell } = await import(path.join(SOURCE_DIR, 'web', 'formats', 'workbook.js'));

const skip = fs.existsSync(path.join(DIST_DIR, 'kkpham-core.wasm')) ? false : `no wasm build at ${DIST_DIR} (set KKPHAM_DIST)`;
const VECTORS = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, 'tests', 'vectors', 'workbook', 'cases.json'), 'utf8'));
const PACK = fs.readFileSync(path.join(SOURCE_DIR, VECTORS.pack), 'utf8');
const PACK_JSON = JSON.parse(PACK);
const FORM_CSV = path.join(SOURCE_DIR, 'criteria', 'kkpham-22-2021.csv');

let engine;
before(async () => {
  if (skip) return;
  engine = await newEngine();
  assert.ok(engine.loadPack(PACK).ok);
});
after(() => engine?.dispose());

async function xlsxOf(answers) {
  const layout = engine.workbookLayout(answers);
  assert.ok(layout.ok, JSON.stringify(layout.errors));
  return writeWorkbook(ExcelJS, layout);
}

// Opens the bytes with ExcelJS, lets `fill(workbook)` type into it, saves: what Excel would do.
async function fillIn(bytes, fill) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// A vector's dumped cell as the native Excel value a user's spreadsheet would hold.
function excelValue(cell) {
  if (cell === null) return null;
  if (cell.t === 'n') return Number(cell.v);
  if (cell.t === 'b') return cell.v === 'true';
  if (cell.t === 'd') return new Date(cell.v);
  if (cell.t === 'e') return { error: cell.v };
  return cell.v;
}

async function readBack(bytes, options = {}) {
  const dump = await dumpWorkbook(ExcelJS, bytes);
  return engine.readWorkbook(dump, options);
}

const rowOf = (layout, id) => Number(layout.sheets[1].cells.find((c) => c.ref.startsWith('A') && c.s === id).ref.slice(1));

test('a workbook of a random assessment, read back untouched, gives the same answers and score bytes', { skip }, async () => {
  for (const seed of [1, 2, 3]) {
    const answers = engine.makeTemplate({ fill: 'random', seed, data_year: 2025 }).answers;
    const r = await readBack(await xlsxOf(answers));
    assert.ok(r.ok, JSON.stringify(r.errors));
    assert.deepEqual(r.changed, []);
    assert.deepEqual(r.answers, answers);
    assert.equal(engine.scoreRaw(r.answers), engine.scoreRaw(answers));
  }
});

test('filled by a script standing in for Excel: numbers, "87,5" as text, booleans, levels by label, evidence', { skip }, async () => {
  for (const seed of [4, 5]) {
    const answers = engine.makeTemplate({ fill: 'random', seed, data_year: 2025 }).answers;
    const layout = engine.workbookLayout(answers);
    const expected = structuredClone(answers);
    const byKind = (kind) => PACK_JSON.indicators.filter((i) => i.answer.kind === kind).map((i) => i.id);
    const percent = byKind('percent');
    const yesNo = byKind('yes_no');
    const level = PACK_JSON.indicators.find((i) => i.answer.kind === 'level');
    const count = byKind('count');
    const bytes = await fillIn(await xlsxOf(answers), (wb) => {
      const ws = wb.getWorksheet('Isian');
      // A percent typed as text with a decimal comma, another as a number Excel computed.
      ws.getCell(`G${rowOf(layout, percent[0])}`).value = '87,5';
      expected.answers[percent[0]].value = 87.5;
      delete expected.answers[percent[0]].numerator;
      delete expected.answers[percent[0]].denominator;
      ws.getCell(`G${rowOf(layout, percent[1])}`).value = { formula: '12/40*100', result: 30 };
      expected.answers[percent[1]].value = 30;
      delete expected.answers[percent[1]].numerator;
      delete expected.answers[percent[1]].denominator;
      // A yes/no as an Excel boolean.
      ws.getCell(`G${rowOf(layout, yesNo[0])}`).value = true;
      expected.answers[yesNo[0]].value = true;
      // A level by its label (what the drop-down writes).
      ws.getCell(`G${rowOf(layout, level.id)}`).value = level.answer.levels[1].label.id;
      expected.answers[level.id].value = level.answer.levels[1].id;
      // A count as a number; the first evidence item of the count marked present with a file.
      ws.getCell(`G${rowOf(layout, count[0])}`).value = 2;
      expected.answers[count[0]].value = 2;
      const evRow = rowOf(layout, `${count[0]}#${PACK_JSON.indicators.find((i) => i.id === count[0]).evidence[0].id}`);
      ws.getCell(`J${evRow}`).value = 'Ada';
      ws.getCell(`K${evRow}`).value = 'perjanjian-2025.pdf';
      const item = expected.answers[count[0]].evidence.find((e) => e.id === PACK_JSON.indicators.find((i) => i.id === count[0]).evidence[0].id);
      item.status = 'ready';
      item.reference = 'perjanjian-2025.pdf';
    });
    const r = await readBack(bytes, { updated_at: '2026-02-01T00:00:00Z' });
    assert.ok(r.ok, JSON.stringify(r.errors));
    expected.updated_at = '2026-02-01T00:00:00Z';
    // Values compare as numbers (87.5 the same whether written 87.5 or 87.50).
    assert.deepEqual(r.answers, JSON.parse(JSON.stringify(expected)));
    assert.equal(engine.scoreRaw(r.answers), engine.scoreRaw(expected));
  }
});

test('a date typed into a number cell is refused, naming the cell', { skip }, async () => {
  const answers = engine.makeTemplate({ fill: 'random', seed: 6, data_year: 2025 }).answers;
  const layout = engine.workbookLayout(answers);
  const id = PACK_JSON.indicators.find((i) => i.answer.kind === 'percent').id;
  const ref = `G${rowOf(layout, id)}`;
  const bytes = await fillIn(await xlsxOf(answers), (wb) => {
    // What Excel does to "1.5" typed on an Indonesian Windows: a date, formatted as one.
    const cell = wb.getWorksheet('Isian').getCell(ref);
    cell.value = new Date(Date.UTC(2025, 4, 1));
    // A style of its own: ExcelJS shares one style object among the cells it loaded alike.
    cell.style = { ...cell.style, numFmt: 'd/m/yyyy' };
  });
  const r = await readBack(bytes);
  assert.equal(r.ok, false);
  assert.equal(r.errors[0].path, `Isian!${ref}`);
  assert.match(r.errors[0].message.id, /tanggal/);
});

test('the shared vectors, through a real .xlsx', { skip }, async () => {
  const answers = engine.makeTemplate(VECTORS.template).answers;
  const original = await xlsxOf(answers);
  for (const c of VECTORS.cases) {
    const bytes = await fillIn(original, (wb) => {
      for (const [where, cell] of Object.entries(c.edits)) {
        const [sheet, ref] = where.split('!');
        const target = wb.getWorksheet(sheet).getCell(ref);
        target.value = excelValue(cell);
        // A style of its own: ExcelJS shares one style object among the cells it loaded alike.
        if (cell?.t === 'd') target.style = { ...target.style, numFmt: 'd/m/yyyy' };
      }
    });
    const r = await readBack(bytes, { updated_at: '2026-02-01T00:00:00Z' });
    if (c.ok) {
      assert.ok(r.ok, `${c.name}: ${JSON.stringify(r.errors)}`);
      assert.deepEqual(r.changed, c.changed, c.name);
      for (const [id, want] of Object.entries(c.answers)) {
        for (const [k, v] of Object.entries(want)) assert.deepEqual(r.answers.answers[id][k] ?? null, v, `${c.name}: ${id}.${k}`);
      }
    } else {
      assert.equal(r.ok, false, c.name);
      assert.equal(r.errors[0].code, c.error.code, c.name);
      assert.equal(r.errors[0].path, c.error.cell, c.name);
      assert.ok(r.errors[0].message.id.includes(c.error.message_contains), `${c.name}: ${r.errors[0].message.id}`);
    }
  }
});

test('another edition, another pack and a foreign workbook are refused, naming where', { skip }, async () => {
  const answers = engine.makeTemplate(VECTORS.template).answers;
  const original = await xlsxOf(answers);
  const edited = (sheet, ref, value) => fillIn(original, (wb) => { wb.getWorksheet(sheet).getCell(ref).value = value; });
  let r = await readBack(await edited('kkpham', 'B5', 'a'.repeat(64)));
  assert.equal(r.errors[0].code, 'workbook.other_edition');
  assert.equal(r.errors[0].path, 'Sampul!B7');
  r = await readBack(await edited('kkpham', 'B3', 'kkpham-lain'));
  assert.equal(r.errors[0].code, 'workbook.other_pack');
  assert.equal(r.errors[0].path, 'Sampul!B6');
  const foreign = new ExcelJS.Workbook();
  foreign.addWorksheet('Sheet1').getCell('A1').value = 'Nama';
  r = await readBack(new Uint8Array(await foreign.xlsx.writeBuffer()));
  assert.equal(r.errors[0].code, 'workbook.foreign');
});

test('the written file holds the data validation, the sheet protection, unlocked answer cells and the print setup', { skip }, async () => {
  const answers = engine.makeTemplate(VECTORS.template).answers;
  const zip = await JSZip.loadAsync(await xlsxOf(answers));
  const book = await zip.file('xl/workbook.xml').async('string');
  assert.match(book, /<sheet [^>]*name="Isian"/);
  assert.match(book, /<sheet [^>]*name="kkpham"[^>]*state="veryHidden"/);
  assert.match(book, /<sheet [^>]*name="Daftar"[^>]*state="hidden"/);
  assert.match(book, /_xlnm\.Print_Titles[^>]*>[^<]*Isian[^<]*\$1:\$1/);
  const form = await zip.file('xl/worksheets/sheet2.xml').async('string');
  assert.match(form, /<sheetProtection [^>]*sheet="1"/);
  assert.match(form, /<dataValidation [^>]*type="list"[^>]*sqref="G2"[\s\S]*?<formula1>Daftar!\$A\$1:\$A\$4<\/formula1>/);
  assert.match(form, /<dataValidation [^>]*type="decimal"[^>]*>\s*<formula1>0<\/formula1>\s*<formula2>100<\/formula2>/);
  assert.match(form, /<dataValidation [^>]*type="whole"/);
  assert.match(form, /<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/);
  assert.match(form, /<col [^>]*min="1" max="1"[^>]*hidden="1"/);
  // The answer cell's style is unlocked, the code cell's is not.
  const styles = await zip.file('xl/styles.xml').async('string');
  const xfs = [...styles.split('<cellXfs')[1].split('</cellXfs>')[0].matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const styleOf = (ref) => Number(new RegExp(`<c r="${ref}"[^>]*s="(\\d+)"`).exec(form)[1]);
  assert.match(xfs[styleOf('G2')], /<protection locked="0"/);
  assert.doesNotMatch(xfs[styleOf('B2')], /locked="0"/);
});


async function formWorkbook(rows, { sheetName = 'Formulir', before = [] } = {}) {
  const wb = new ExcelJS.Workbook();
  for (const name of before) wb.addWorksheet(name).getCell('A1').value = 'catatan';
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => r.forEach((v, j) => {
    // Whole numbers as Excel numbers (what a spreadsheet holds when someone types 100).
    ws.getCell(i + 1, j + 1).value = /^-?[1-9][0-9]{0,8}$/.test(v) ? Number(v) : v;
  }));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test('the official form in an .xlsx imports as the very pack of its CSV twin', { skip }, async () => {
  const csv = fs.readFileSync(FORM_CSV, 'utf8');
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''), ';');
  const twin = engine.importCsv(csv, {});
  assert.ok(twin.ok, JSON.stringify(twin.errors));
  // First sheet, and a named one behind a notes sheet.
  for (const [bytes, sheet] of [[await formWorkbook(rows), undefined], [await formWorkbook(rows, { before: ['Catatan'] }), 'Formulir']]) {
    const form = await officialFormCsv(ExcelJS, bytes, sheet);
    assert.ok(form.ok);
    const pack = engine.importCsv(form.csv, {});
    assert.ok(pack.ok, JSON.stringify(pack.errors?.slice(0, 3)));
    assert.equal(pack.sha256, twin.sha256);
    assert.equal(JSON.stringify(pack.pack), JSON.stringify(twin.pack));
  }
  const missing = await officialFormCsv(ExcelJS, await formWorkbook(rows), 'Lembar Lain');
  assert.equal(missing.ok, false);
  assert.deepEqual(missing.sheets, ['Formulir']);
});

test('an error in the official-form workbook names its sheet and cell', { skip }, async () => {
  const rows = parseCsv(fs.readFileSync(FORM_CSV, 'utf8').replace(/^\uFEFF/, ''), ';');
  const header = rows[0];
  rows[5][header.indexOf('answer_kind')] = 'angka-aneh';
  const form = await officialFormCsv(ExcelJS, await formWorkbook(rows), undefined);
  const r = engine.importCsv(form.csv, {});
  assert.equal(r.ok, false);
  // Each "line N, <column>" becomes the cell of that row and of the column headed so.
  for (const e of r.errors) {
    const m = /^line (\d+), (.+)$/.exec(e.path);
    assert.ok(m, e.path);
    assert.equal(m[1], '6');
    const letter = String.fromCharCode(65 + header.indexOf(m[2]));
    assert.equal(formCell(form, e.path), `Formulir!${letter}6`);
  }
});

test('a file that would unpack to too much, or is no ZIP, is refused before ExcelJS opens it', { skip }, async () => {
  const { unpackedSize, MAX_UNPACKED_BYTES } = await import(path.join(SOURCE_DIR, 'web', 'formats', 'workbook.js'));
  const answers = engine.makeTemplate(VECTORS.template).answers;
  const bytes = await xlsxOf(answers);
  const size = unpackedSize(bytes);
  assert.ok(size > bytes.length && size < 5 * 1024 * 1024, `kkpham's own workbook unpacks to ${size} bytes`);
  // The same file with its central directory claiming a huge entry (what a zip bomb declares).
  const bomb = new Uint8Array(bytes);
  const dv = new DataView(bomb.buffer);
  let eocd = bomb.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd -= 1;
  dv.setUint32(dv.getUint32(eocd + 16, true) + 24, MAX_UNPACKED_BYTES + 1, true);
  await assert.rejects(dumpWorkbook(ExcelJS, bomb), /unpacks to more than/);
  await assert.rejects(dumpWorkbook(ExcelJS, new TextEncoder().encode('bukan zip')), /not an \.xlsx/);
});

test('free-text open cells are written as text: an 18-digit NIP typed on the cover stays exact', { skip }, async () => {
  const split = engine.split(engine.makeTemplate(VECTORS.template).answers, { made_at: '2026-03-01T08:00:00Z', office: 'dinkes' });
  assert.ok(split.ok);
  const bytes = await writeWorkbook(ExcelJS, engine.workbookLayout(split.packages[0].package));
  const zip = await JSZip.loadAsync(bytes);
  const styles = await zip.file('xl/styles.xml').async('string');
  const cover = await zip.file('xl/worksheets/sheet1.xml').async('string');
  const xfs = [...styles.split('<cellXfs')[1].split('</cellXfs>')[0].matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const nip = Number(new RegExp('<c r="B18"[^>]*s="(\\d+)"').exec(cover)[1]);
  assert.match(xfs[nip], /numFmtId="49"/, 'the NIP cell has the text format (@)');
  assert.match(xfs[nip], /<protection locked="0"/);
  // Typed as text (what Excel keeps in a "@" cell), it comes back exact.
  const filled = await fillIn(bytes, (wb) => { wb.getWorksheet('Sampul').getCell('B18').value = '198001012005012001'; });
  const r = await readBack(filled, { returned_at: '2026-03-09T10:30:00Z' });
  assert.ok(r.ok, JSON.stringify(r.errors));
  assert.equal(r.answers.scope.filled_by.nip, '198001012005012001');
  assert.equal(r.answers.scope.returned_at, '2026-03-09T10:30:00Z');
});
