// Excel workbooks (.xlsx) through ExcelJS: the engine's workbook layout
// (core/src/forms/workbook_layout.hpp, engine.workbookLayout) written as a file, a filled
// workbook read back into the neutral dump of its cells that engine.readWorkbook reads, and the
// official form's sheet turned into the CSV text engine.importCsv reads. It decides nothing:
// which cells hold what, which are open, their validation and what a value means are the core's.
//
// The library is passed in (`ExcelJS`): the browser loads its UMD build as a classic script from
// vendor/exceljs/ (loadExcelJS below; no eval is reached under the app's CSP), node imports the
// npm package. Runs the same under both.

const STYLE = {
  title: { font: { bold: true, size: 14 } },
  label: { font: { bold: true }, alignment: { vertical: 'top', wrapText: true } },
  header: { font: { bold: true }, alignment: { vertical: 'middle', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } } },
  text: { alignment: { vertical: 'top', wrapText: true } },
  // Open cells are tinted, so it is plain where to type.
  answer: { alignment: { vertical: 'top', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } },
  machine: {},
};
// An open cell kept as text (Excel's "@" format): an 18-digit NIP or a file name stays as typed.
STYLE['answer-text'] = { ...STYLE.answer, numFmt: '@' };

const A4 = 9; // OOXML paperSize for A4

/**
 * Loads ExcelJS's browser build once, as a classic script of the app's own origin (the CSP's
 * script-src 'self'), and returns it. `url` is where dist/ serves it.
 */
let loading = null;
export function loadExcelJS(url = new URL('../vendor/exceljs/exceljs.min.js', import.meta.url).href) {
  if (globalThis.ExcelJS) return Promise.resolve(globalThis.ExcelJS);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = () => (globalThis.ExcelJS ? resolve(globalThis.ExcelJS) : reject(new Error('ExcelJS did not load')));
      s.onerror = () => {
        loading = null;
        reject(new Error(`ExcelJS could not be loaded from ${url}`));
      };
      document.head.append(s);
    });
  }
  return loading;
}

function applyCell(ws, c) {
  const cell = ws.getCell(c.ref);
  cell.value = c.n !== undefined ? Number(c.n) : c.s;
  const style = STYLE[c.style] ?? {};
  if (style.font) cell.font = style.font;
  if (style.alignment) cell.alignment = style.alignment;
  if (style.fill) cell.fill = style.fill;
  if (style.numFmt) cell.style = { ...cell.style, numFmt: style.numFmt };
  if (c.open) cell.protection = { locked: false };
}

function validation(v) {
  const base = {
    allowBlank: true,
    showInputMessage: true,
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Isian tidak sah',
    error: v.error,
  };
  if (v.type === 'list') return { ...base, type: 'list', formulae: [v.source] };
  if (v.min !== undefined && v.max !== undefined) {
    return { ...base, type: v.type, operator: 'between', formulae: [Number(v.min), Number(v.max)] };
  }
  return { ...base, type: v.type, operator: 'between', formulae: [-1e9, 1e9] };
}

/** Writes the layout (engine.workbookLayout(answers)) as .xlsx bytes (Uint8Array). */
export async function writeWorkbook(ExcelJS, layout) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kkpham';
  for (const sheet of layout.sheets) {
    const views = sheet.freeze ? [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [];
    const pageSetup = sheet.print ? {
      paperSize: A4,
      orientation: sheet.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(sheet.print.title_rows ? { printTitlesRow: sheet.print.title_rows } : {}),
    } : undefined;
    const ws = wb.addWorksheet(sheet.name, { state: sheet.state, views, ...(pageSetup ? { pageSetup } : {}) });
    sheet.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      if (c.hidden) col.hidden = true;
    });
    for (const c of sheet.cells) applyCell(ws, c);
    for (const v of sheet.validations) ws.getCell(v.ref).dataValidation = validation(v);
    for (const m of sheet.merges) ws.mergeCells(m);
    if (sheet.autofilter) ws.autoFilter = sheet.autofilter;
    if (sheet.protect) {
      // No password: the protection keeps hands off the texts, it is no secret; the import
      // compares every locked cell with the layout anyway.
      await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true });
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// One cell's value as the dump describes it ({t, v}), or null for an empty cell.
export function cellDump(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { t: 'n', v: String(value) } : { t: 'e', v: '#NUM!' };
  if (typeof value === 'string') return value === '' ? null : { t: 's', v: value };
  if (typeof value === 'boolean') return { t: 'b', v: String(value) };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { t: 'e', v: '#VALUE!' } : { t: 'd', v: value.toISOString() };
  if (typeof value === 'object') {
    if (value.error) return { t: 'e', v: String(value.error) };
    if (Array.isArray(value.richText)) return cellDump(value.richText.map((r) => r.text ?? '').join(''));
    if ('formula' in value || 'sharedFormula' in value) return cellDump(value.result ?? null);
    if ('text' in value) return cellDump(typeof value.text === 'string' ? value.text : cellDump(value.text)?.v ?? null);
  }
  return { t: 's', v: String(value) };
}

// A workbook is a ZIP: what its entries hold once unpacked, summed from the central directory
// (null when there is none to read). A few MB of .xlsx unpack to tens of MB; a "zip bomb" to GBs.
export function unpackedSize(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i -= 1) {
    if (dv.getUint32(i, true) !== 0x06054b50) continue;
    const entries = dv.getUint16(i + 10, true);
    let p = dv.getUint32(i + 16, true);
    let total = 0;
    for (let n = 0; n < entries; n += 1) {
      if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50) return null;
      const size = dv.getUint32(p + 24, true);
      if (size === 0xffffffff) return Infinity; // ZIP64: more than 4 GB in one entry
      total += size;
      p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    }
    return total;
  }
  return null;
}

/** The most a workbook may unpack to before it is opened (kkpham's own: about 2 MB). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

async function load(ExcelJS, bytes) {
  const size = unpackedSize(bytes);
  if (size === null) throw new Error('not an .xlsx (no ZIP directory)');
  if (size > MAX_UNPACKED_BYTES) throw new Error(`it unpacks to more than ${MAX_UNPACKED_BYTES / 1048576} MB`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return wb;
}

/**
 * A workbook's cells: {sheets: {"<name>": {"A1": {t, v}, …}}, modified?: ISO time}, every
 * sheet (hidden ones too; `only`: those named), only non-empty cells. Throws on bytes that are
 * no .xlsx, or that would unpack to more than MAX_UNPACKED_BYTES.
 */
export async function dumpWorkbook(ExcelJS, bytes, { only } = {}) {
  const wb = await load(ExcelJS, bytes);
  const sheets = {};
  wb.eachSheet((ws) => {
    if (only && !only.includes(ws.name)) return;
    const cells = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const d = cellDump(cell.value);
        if (d) cells[cell.address] = d;
      });
    });
    sheets[ws.name] = cells;
  });
  const modified = wb.modified instanceof Date && !Number.isNaN(wb.modified.getTime()) ? wb.modified.toISOString() : undefined;
  return { sheets, ...(modified ? { modified } : {}) };
}

// A cell of the official form as CSV text: numbers as their shortest decimal, dates as
// YYYY-MM-DD, formulas by their result.
function formText(value) {
  const d = cellDump(value);
  if (!d || d.t === 'e') return d ? d.v : '';
  if (d.t === 'd') return d.v.slice(0, 10);
  if (d.t === 'b') return d.v === 'true' ? 'TRUE' : 'FALSE';
  return d.v;
}

function csvField(s) {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The official form in a workbook as CSV text (';'-separated, RFC 4180) for engine.importCsv,
 * with what is needed to name a diagnostic's cell: `sheet`, `rowOfLine[csvLine] = sheet row`
 * and `columnOfHeader[name] = column letter`. `sheetName` picks a sheet (default: the first
 * visible one). Returns {ok:false, reason:'no-sheet', sheets:[names]} when it is not there.
 */
export async function officialFormCsv(ExcelJS, bytes, sheetName) {
  const wb = await load(ExcelJS, bytes);
  const visible = wb.worksheets.filter((w) => w.state === 'visible' || !w.state);
  const ws = sheetName ? wb.getWorksheet(sheetName) : visible[0];
  if (!ws) return { ok: false, reason: 'no-sheet', sheets: wb.worksheets.map((w) => w.name) };
  const width = ws.columnCount;
  const lines = [];
  const rowOfLine = {};
  const columnOfHeader = {};
  let line = 1;
  let first = true;
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = [];
    for (let c = 1; c <= width; c += 1) cells.push(formText(row.getCell(c).value));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (!cells.length) return;
    if (first) {
      cells.forEach((name, i) => { columnOfHeader[name.trim()] = ws.getColumn(i + 1).letter; });
      first = false;
    }
    const record = cells.map(csvField).join(';');
    rowOfLine[line] = number;
    lines.push(record);
    line += (record.match(/\n/g) || []).length + 1;
  });
  return { ok: true, sheet: ws.name, csv: `${lines.join('\n')}\n`, rowOfLine, columnOfHeader };
}

/** "line 5, scoring" (the CSV importer's place) -> "Formulir!F5" for a form read by officialFormCsv. */
export function formCell(form, path) {
  const m = /^line (\d+)(?:, (.+))?$/.exec(path ?? '');
  if (!m) return null;
  const row = form.rowOfLine[Number(m[1])];
  if (!row) return null;
  const col = m[2] ? form.columnOfHeader[m[2].trim()] : null;
  return col ? `${form.sheet}!${col}${row}` : `${form.sheet}!${row}:${row}`;
}
