// Export and import of the answers file, CSV export of the scores.
// An import that fails changes nothing: the active pack and assessment are kept.

import { download, h } from '../ui/dom.js';
import { t, tx, getLang, formatDate } from '../ui/i18n.js';
import { choose } from '../ui/widgets.js';
import * as store from './store.js';
import { ctx, activatePack, packTextFor, openAssessment, flush, ensureEngine } from './assessment.js';

function both(idText, enText) {
  return { id: idText, en: enText };
}

export function slug(s) {
  return String(s || 'penilaian')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'penilaian';
}

export function answersFileName(a = realAnswers(), suffix = '') {
  return `${slug(a.region?.name)}-${a.data_year ?? ''}${suffix}.kkpham.json`;
}

// The assessment's own answers (in what-if mode the scenario is not what the file means).
export function realAnswers() {
  return ctx.whatIf ? ctx.whatIf.real : ctx.answers;
}

export function answersText(a = realAnswers()) {
  return `${JSON.stringify(a, null, 2)}\n`;
}

// Returns {ok:true} after offering the download, or {ok:false, errors} when the
// current answers do not validate (an exported file must import again).
export function exportAnswers() {
  flush();
  const a = realAnswers();
  const diags = ctx.whatIf ? ctx.engine.validateAnswers(a).errors || [] : ctx.diags;
  if (diags.length) return { ok: false, errors: diags };
  download(answersFileName(a), answersText(a), 'application/json');
  return { ok: true };
}

// Storage full: the answers being edited are only in this page's memory. They are offered
// as a download as they are, even with an entry that does not validate yet (losing them
// would be worse; the import names any such entry).
export function exportUnsaved() {
  flush();
  const a = ctx.answers;
  download(answersFileName(a, ctx.whatIf ? '-skenario' : ''), answersText(a), 'application/json');
}

// The assessment as an Excel workbook (state/workbooks.js, loaded on use). Like the answers
// export, refused while an entry does not validate. → {ok:true} | {ok:false, errors}
export async function exportWorkbook() {
  flush();
  const a = realAnswers();
  const diags = ctx.whatIf ? ctx.engine.validateAnswers(a).errors || [] : ctx.diags;
  if (diags.length) return { ok: false, errors: diags };
  try {
    const blob = await (await import('./workbooks.js')).makeWorkbook(a);
    download(blob.fileName, blob, blob.type);
  } catch (err) {
    return { ok: false, errors: err.diagnostics?.length ? err.diagnostics : [{ path: '', message: both(`Buku kerja tidak dapat dibuat: ${err.message}`, `The workbook cannot be made: ${err.message}`) }] };
  }
  return { ok: true };
}

// A filled kkpham workbook (.xlsx) is read once per chosen file: the duplicate question and
// the import look at the same answers.
const workbookReads = new WeakMap();
async function isWorkbook(file) {
  return (await (await import('./file-kind.js')).kindOfFile(file).catch(() => null)) === 'xlsx';
}
function workbookAnswers(file) {
  if (!workbookReads.has(file)) {
    workbookReads.set(file, file.arrayBuffer().then(async (buf) => (await import('./workbooks.js')).readWorkbook(buf)));
  }
  return workbookReads.get(file);
}

// Imports an answers file (or a filled kkpham workbook) as a new saved assessment and opens it.
// → {ok:true, key} | {ok:false, errors:[diagnostic], reason?:string}
export async function importAnswersFile(file) {
  if (await isWorkbook(file)) {
    const large = (await import('./file-kind.js')).tooLarge(file, 'workbook');
    if (large) return { ok: false, errors: [large] };
    let r;
    try {
      r = await workbookAnswers(file);
    } catch (err) {
      return { ok: false, errors: [{ path: '', message: both(`Buku kerja tidak dapat dibaca: ${err.message}`, `The workbook cannot be read: ${err.message}`) }] };
    }
    if (r.ok) return importAnswersText(JSON.stringify(r.answers));
    // Not a workbook at all (a damaged file, another zip): named for what it is, as any wrong file.
    if (r.diagnostics?.[0]?.code === 'workbook.unreadable') {
      return { ok: false, errors: [(await import('./file-kind.js')).wrongFileDiag('xlsx', 'answers', file.name)] };
    }
    return { ok: false, errors: r.diagnostics };
  }
  // A PDF, an Excel file, a pack, a score CSV… is named for what it is, not parsed.
  const wrong = await (await import('./file-kind.js')).checkFile(file, 'answers');
  if (wrong) return { ok: false, errors: [wrong] };
  let text;
  try {
    text = await file.text();
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: both(`Berkas tidak dapat dibaca: ${err.message}`, `The file cannot be read: ${err.message}`) }] };
  }
  return importAnswersText(text);
}

// Saved assessments of the same region, data year and pack as an answers file.
function sameSaved(obj) {
  const norm = (x) => String(x ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  // A master and an office package of it are different work; two copies of one office's package are the same.
  const office = obj.scope?.kind === 'office-package' ? String(obj.scope.office?.id ?? '') : null;
  return store.listAssessments().filter((m) => m.pack?.sha256 === obj.pack?.sha256 && m.data_year === obj.data_year
    && norm(m.region?.name) === norm(obj.region?.name) && (m.region?.kind ?? '') === (obj.region?.kind ?? '')
    && (m.office ? m.office.id : null) === office);
}

// Every answers import (Start's and Fill's) asks first when the file is an assessment already
// saved (same region, data year and pack): replace it, keep both, or cancel. Never a silent
// duplicate. Returns {go, replace: [keys to delete once the import succeeded]}.
export async function askDuplicate(file) {
  let obj = null;
  const workbook = await isWorkbook(file);
  // A file too large to be an answers file is not read here: the import refuses it unread.
  if ((await import('./file-kind.js')).tooLarge(file, workbook ? 'workbook' : 'answers')) return { go: true, replace: [] };
  try {
    obj = workbook ? (await workbookAnswers(file)).answers ?? null
      : JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
  } catch {
    return { go: true, replace: [] }; // not JSON: the import itself names the line and column
  }
  if (!obj || obj.format !== 'kkpham-answers') return { go: true, replace: [] };
  const same = sameSaved(obj).sort((x, y) => String(y.updated_at).localeCompare(String(x.updated_at)));
  if (!same.length) return { go: true, replace: [] };
  // A file the import will refuse anyway is not asked about: the refusal names its reasons.
  if (ctx.engine && ctx.summary?.sha256 === obj.pack?.sha256 && !ctx.engine.validateAnswers(obj).ok) return { go: true, replace: [] };
  const m = same[0]; // the most recently changed one is the one replaced
  const name = obj.region?.name || t('app.untitled');
  const r = await choose(t('io.dup.title'), [
    h('p', null, t('io.dup.text', { file: file.name, name, year: obj.data_year, updated: formatDate(m.updated_at) })),
    h('p', null, t('io.dup.choices')),
  ], [
    { id: 'replace', label: t('io.dup.replace'), kind: 'primary' },
    { id: 'both', label: t('io.dup.both') },
    { id: 'cancel', label: t('common.cancel'), focus: true },
  ]);
  if (r === 'replace') return { go: true, replace: [m.key] };
  if (r === 'both') return { go: true, replace: [] };
  return { go: false, replace: [] };
}

// After a successful import: the saved assessments the user chose to replace are removed.
export async function dropReplaced(replace, keptKey) {
  for (const key of replace) if (key !== keptKey) await store.deleteAssessment(key);
}

export async function importAnswersText(text) {
  await ensureEngine();
  let obj;
  try {
    obj = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // Let the engine name the line and column; fall back to the browser's message.
    const v = ctx.engine.hasPack() ? ctx.engine.validateAnswers(text) : null;
    if (v && !v.ok && v.errors?.length) return { ok: false, errors: v.errors };
    return { ok: false, errors: [{ path: '', message: both(`Bukan JSON yang sah: ${err.message}`, `Not valid JSON: ${err.message}`) }] };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return { ok: false, errors: [{ path: '', message: both('Berkas jawaban harus berupa objek JSON.', 'An answers file must be a JSON object.') }] };
  }
  if (obj.format !== 'kkpham-answers') {
    return { ok: false, errors: [{ path: 'format', message: both('"format" harus "kkpham-answers": ini bukan berkas jawaban kkpham.', '"format" must be "kkpham-answers": this is not a kkpham answers file.') }] };
  }
  const sha = obj.pack?.sha256;
  if (typeof sha !== 'string') {
    return { ok: false, errors: [{ path: 'pack.sha256', message: both('"pack.sha256" tidak ada.', '"pack.sha256" is missing.') }] };
  }
  const prevText = ctx.packText;
  let switched = false;
  if (ctx.summary?.sha256 !== sha) {
    const packText = await packTextFor(sha);
    if (packText === null) {
      const name = `${obj.pack?.id ?? '?'} ${obj.pack?.version ?? ''}`.trim();
      return {
        ok: false,
        errors: [{ path: 'pack.sha256', message: both(
          `Paket kriteria "${name}" (sha256 ${sha.slice(0, 12)}…) tidak tersedia di aplikasi ini. Muat berkas paket itu di layar Mulai, lalu impor lagi.`,
          `The criteria pack "${name}" (sha256 ${sha.slice(0, 12)}…) is not available in this app. Load that pack file on the Start screen, then import again.`) }],
      };
    }
    const r = activatePack(packText);
    if (!r.ok) return { ok: false, errors: r.errors || [] };
    switched = true;
  }
  const v = ctx.engine.validateAnswers(obj);
  if (!v.ok) {
    if (switched && prevText !== null) activatePack(prevText);
    return { ok: false, errors: v.errors || [] };
  }
  const key = store.newKey();
  try {
    await store.savePackText(sha, ctx.packText);
    await store.saveAssessment(key, obj, null);
  } catch (err) {
    await store.deleteAssessment(key).catch(() => {});
    if (switched && prevText !== null) activatePack(prevText);
    return { ok: false, errors: [{ path: '', message: both(`Penyimpanan browser penuh: ${err.message}`, `Browser storage is full: ${err.message}`) }] };
  }
  const err = await openAssessment(key);
  if (err) return { ok: false, errors: [{ path: '', message: both(t(err), t(err)) }] };
  return { ok: true, key };
}

// ------------------------------------------------------------------- CSV export
// Indonesian spreadsheets expect ";" and a decimal comma; English ones "," and ".".
export function scoresCsv() {
  const r = ctx.result;
  const en = getLang() === 'en';
  const sep = en ? ',' : ';';
  // Fixed decimals (scores 2, points 2–4), decimal comma for Indonesian spreadsheets.
  const dec = (v, min = 2, max = 2) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return '';
    let str = v.toFixed(max);
    while (max > min && str.endsWith('0')) {
      str = str.slice(0, -1);
      max -= 1;
    }
    return en ? str : str.replace('.', ',');
  };
  const pts = (v) => dec(v, 2, 4);
  const q = (v) => {
    const str = v === null || v === undefined ? '' : String(v);
    return /[";,\n\r]/.test(str) ? `"${str.replace(/"/g, '""')}"` : str;
  };
  const rows = [[
    t('csv.level'), t('csv.id'), t('csv.name'), t('csv.right'), t('csv.type'), t('csv.status'),
    t('csv.score'), t('csv.evidenced'), t('csv.points'), t('csv.maxPoints'), t('csv.contribution'), t('csv.evidenceMissing'),
  ]];
  const a = ctx.answers;
  rows.push([t('csv.level.total'), a.region?.name ?? '', r.predicate ? tx(r.predicate.name) : '', '', '', '',
    dec(r.total), dec(r.evidenced_total), '', '', '', '']);
  for (const g of r.groups || []) {
    rows.push([t('csv.level.group'), g.id, tx(g.name), '', '', '', dec(g.score), dec(g.evidenced_score), '', '', '', '']);
  }
  for (const rt of r.rights || []) {
    rows.push([t('csv.level.right'), rt.id, tx(rt.name), rt.id, '', '', dec(rt.score), dec(rt.evidenced_score), '', '', '', '']);
    for (const ty of rt.types || []) {
      if (!ty.counted) continue;
      rows.push([t('csv.level.type'), `${rt.id}/${ty.type}`, t(`type.${ty.type}`), rt.id, ty.type, '',
        dec(ty.share), '', pts(ty.points), pts(ty.max_points), '', '']);
    }
  }
  for (const ind of r.indicators || []) {
    const p = ctx.idx.indicators.get(ind.id);
    rows.push([t('csv.level.indicator'), ind.id, tx(p?.text), ind.right, ind.type, t(`status.${ind.status}`),
      '', '', pts(ind.points), pts(ind.max_points), dec(ind.contribution, 2, 4), (ind.evidence_missing || []).join(' | ')]);
  }
  return `\uFEFF${rows.map((row) => row.map(q).join(sep)).join('\r\n')}\r\n`;
}

export function exportCsv() {
  flush();
  if (!ctx.result) return { ok: false, errors: [] };
  const a = ctx.answers;
  download(`${slug(a.region?.name)}-${a.data_year ?? ''}-nilai.csv`, scoresCsv(), 'text/csv;charset=utf-8');
  return { ok: true };
}
