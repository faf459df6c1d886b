// Compare regencies (the Kanwil view): many answers files at once (several files, or a whole
// folder), each scored by the engine into a summary (engine.summary), then compared
// (engine.compare): ranking by total, distance to the threshold, the count per predicate, a
// heat map regency × right, and the indicators most often lost. Files that cannot be read or
// do not validate are listed with their error; the others are still compared.
// Nothing is stored: the files stay where they are.

import { h, clear, download } from '../ui/dom.js';
import { t, tx, num, getLang } from '../ui/i18n.js';
import {
  ctx, BUNDLED_PACKS, fetchBundled, activatePack, rememberBundledSha, threshold, startCompareWorker,
} from '../state/assessment.js';
import { readTexts } from '../state/compare-files.js';
import { announce, errorBox, diagMessage } from '../ui/widgets.js';
import { slug } from '../state/io.js';
import { twin } from '../ui/format.js';

let root = null;
let data = null; // {names: [file name per summary], bad: [{name, errors}], cmp, ms}

export function renderCompare(el) {
  root = el;
  draw();
}

async function ensurePack() {
  if (ctx.summary) return true;
  try {
    const text = await fetchBundled(BUNDLED_PACKS[0].file);
    const r = activatePack(text);
    if (r.ok) rememberBundledSha(ctx.summary.sha256, BUNDLED_PACKS[0].file);
    return r.ok;
  } catch {
    return false;
  }
}

function draw() {
  clear(root);
  root.append(
    h('h1', { class: 'view-title' }, t('cmp.title')),
    h('p', { class: 'lead' }, t('cmp.lead')),
    h('p', { class: 'privacy' }, t('cmp.privacy')));
  if (!ctx.summary) {
    root.append(h('p', { class: 'muted' }, t('app.loading')));
    ensurePack().then((ok) => {
      if (ctx.view !== 'compare') return;
      if (ok) draw();
      else clear(root).append(errorBox(t('err.packMissing'), []));
    });
    return;
  }
  root.append(pickers());
  warmPool(); // started now, ready by the time files are chosen
  setTimeout(warmCompare, 0);
  const status = h('p', { class: 'cmp-status', id: 'cmp-status', role: 'status' });
  root.append(status);
  if (data) {
    status.textContent = t('cmp.done', { n: data.cmp?.count ?? 0, bad: data.bad.length, ms: Math.round(data.ms) });
    root.append(results());
  }
}

function pickers() {
  const s = ctx.summary;
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-load-h' },
    h('h2', { id: 'cmp-load-h' }, t('cmp.load')),
    h('p', null, t('cmp.pack', { pack: `${tx(s.title)} (${s.id} ${s.version ?? ''})`.trim() })),
    h('div', { class: 'grid2' },
      h('div', { class: 'field' },
        h('label', { for: 'cmp-files' }, t('cmp.files')),
        h('input', { type: 'file', id: 'cmp-files', multiple: true, accept: '.json,application/json', 'aria-describedby': 'cmp-files-hint', onchange: (ev) => onPick(ev.target, false) }),
        h('p', { class: 'hint', id: 'cmp-files-hint' }, t('cmp.filesHint'))),
      h('div', { class: 'field' },
        h('label', { for: 'cmp-folder' }, t('cmp.folder')),
        h('input', { type: 'file', id: 'cmp-folder', webkitdirectory: true, multiple: true, 'aria-describedby': 'cmp-folder-hint', onchange: (ev) => onPick(ev.target, true) }),
        h('p', { class: 'hint', id: 'cmp-folder-hint' }, t('cmp.folderHint')))));
}

async function onPick(input, folder) {
  const started = performance.now();
  let files = [...(input.files || [])];
  input.value = '';
  if (folder) files = files.filter((f) => /\.json$/i.test(f.name));
  if (!files.length) {
    announce(t('cmp.noFiles'), 'error');
    return;
  }
  const status = document.getElementById('cmp-status');
  if (status) status.textContent = t('cmp.loading', { n: files.length });
  data = await compareFiles(files, (done, total) => {
    if (status) status.textContent = t('cmp.progress', { done, total });
  });
  const drawStart = performance.now();
  draw();
  data.phases.draw = performance.now() - drawStart;
  // Time from the selection to the drawn table (the next frame), for the benchmark.
  requestAnimationFrame(() => {
    data.ms = performance.now() - started;
    root.dataset.compareMs = String(Math.round(data.ms));
    root.dataset.comparePhases = JSON.stringify(Object.fromEntries(Object.entries(data.phases).map(([k, v]) => [k, Math.round(v)])));
    const st = document.getElementById('cmp-status');
    if (st) st.textContent = t('cmp.done', { n: data.cmp?.count ?? 0, bad: data.bad.length, ms: Math.round(data.ms) });
    root.dataset.compareDone = String(Date.now());
  });
  announce(t('cmp.done', { n: data.cmp?.count ?? 0, bad: data.bad.length, ms: Math.round(performance.now() - started) }));
}

function nameOf(f) {
  return f.webkitRelativePath || f.name;
}

function errorOf(idText, enText) {
  return [{ path: '', message: { id: idText, en: enText } }];
}

// Files are read in chunks (readTexts: one read per chunk), and each chunk is scored while the
// browser reads the next one.
const CHUNK = 64;

// ---------------------------------------------------------------- worker pool
// Files are scored in workers (web/engine/compare-worker.js), one per core, each with its own engine
// and the same pack. The pool is started when the view opens, so it is ready when files are
// chosen. Where workers are not available (a single-file build opened from file://), the page
// scores on its own thread.
let pool = null;

function canUseWorkers() {
  return typeof Worker === 'function' && !globalThis.KKPHAM_EMBED && location.protocol.startsWith('http');
}

export function warmPool() {
  if (!canUseWorkers() || !ctx.packText) return null;
  const sha = ctx.summary.sha256;
  if (pool && pool.sha === sha) return pool;
  dropPool();
  const n = Math.min(4, Math.max(2, navigator.hardwareConcurrency || 2));
  const workers = [];
  const readies = [];
  for (let i = 0; i < n; i += 1) {
    let w;
    try {
      w = startCompareWorker();
    } catch {
      break;
    }
    workers.push(w);
    readies.push(new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 20000);
      const on = (ev) => {
        if (ev.data?.type !== 'ready' && ev.data?.type !== 'failed') return;
        clearTimeout(timer);
        w.removeEventListener('message', on);
        resolve(ev.data.type === 'ready');
      };
      w.addEventListener('message', on);
      w.addEventListener('error', () => resolve(false), { once: true });
      w.postMessage({ type: 'init', pack: ctx.packText });
    }));
  }
  pool = { sha, workers, ready: Promise.all(readies).then((oks) => oks.length > 0 && oks.every(Boolean)) };
  return pool;
}

// One small comparison on this page's engine when the view opens, so its code is optimised by
// the browser before the real one.
let compareWarm = false;
function warmCompare() {
  if (compareWarm || !ctx.summary) return;
  compareWarm = true;
  const e = ctx.engine;
  const t = e.makeTemplate({ fill: 'random', seed: 2, data_year: 2025, assessment_year: 2026 });
  if (!t.ok) return;
  const one = e.summaryRaw(t.answers);
  if (one.startsWith('{"format"')) e.compareRaw(`[${Array(40).fill(one).join(',')}]`);
}

function dropPool() {
  pool?.workers.forEach((w) => w.terminate());
  pool = null;
}

// Results per chunk (summary JSON text, or {error}) from the workers; null when they failed.
function scoreInWorkers(p, chunks, onChunk) {
  return new Promise((resolve) => {
    const results = new Array(chunks.length);
    let next = 0;
    let done = 0;
    const give = (w) => {
      if (next >= chunks.length) return;
      const id = next;
      next += 1;
      w.postMessage({ type: 'work', id, files: chunks[id] });
    };
    const handlers = [];
    const finish = (ok) => {
      for (const [w, on, onErr] of handlers) {
        w.removeEventListener('message', on);
        w.removeEventListener('error', onErr);
      }
      resolve(ok ? results : null);
    };
    for (const w of p.workers) {
      const on = (ev) => {
        if (ev.data?.type !== 'done') return;
        results[ev.data.id] = ev.data.results;
        done += 1;
        onChunk(chunks[ev.data.id].length);
        if (done === chunks.length) finish(true);
        else give(w);
      };
      const onErr = () => finish(false);
      w.addEventListener('message', on);
      w.addEventListener('error', onErr);
      handlers.push([w, on, onErr]);
    }
    if (!chunks.length) finish(true);
    else p.workers.forEach(give);
  });
}

// The same on this thread: each chunk is scored while the browser reads the next one.
async function scoreHere(chunks, onChunk) {
  const e = ctx.engine;
  const results = [];
  let next = chunks.length ? readTexts(chunks[0]) : null;
  for (let c = 0; c < chunks.length; c += 1) {
    const texts = await next;
    next = c + 1 < chunks.length ? readTexts(chunks[c + 1]) : null;
    results.push(texts.map((text) => (typeof text === 'string' ? e.summaryRaw(text) : { error: String(text.error?.message ?? text.error) })));
    onChunk(texts.length);
  }
  return results;
}

// Reads every file, scores each into a summary (engine.summary), compares the good ones.
export async function compareFiles(allFiles, onProgress) {
  const phases = {};
  let mark = performance.now();
  // A file too large to be an answers file is refused unread (a folder may hold anything).
  const { MAX_BYTES, tooLargeDiag, checkFile } = await import('../state/file-kind.js');
  const bad = [];
  const files = [];
  for (const f of allFiles) {
    if (f.size > MAX_BYTES.answers) bad.push({ name: nameOf(f), errors: [tooLargeDiag(f, 'answers')] });
    else files.push(f);
  }
  const chunks = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  let done = 0;
  const onChunk = (n) => {
    done += n;
    onProgress?.(done, files.length);
  };
  let results = null;
  const p = warmPool();
  if (p && (await p.ready)) {
    results = await scoreInWorkers(p, chunks, onChunk);
    if (!results) dropPool();
    else phases.workers = p.workers.length;
  }
  if (!results) {
    done = 0;
    results = await scoreHere(chunks, onChunk);
  }
  phases.score = performance.now() - mark;
  mark = performance.now();
  const raws = [];
  const names = [];
  results.forEach((list, c) => list.forEach((raw, i) => {
    const name = nameOf(chunks[c][i]);
    if (typeof raw !== 'string') {
      bad.push({ name, file: chunks[c][i], errors: errorOf(`Berkas tidak dapat dibaca atau dinilai: ${raw.error}`, `The file cannot be read or scored: ${raw.error}`) });
      return;
    }
    // A summary starts with {"format":…}; only anything else needs parsing (a refusal is
    // {"ok":false,"errors":[…]}).
    if (!raw.startsWith('{"format"')) {
      const parsed = JSON.parse(raw);
      if (parsed.ok === false) {
        bad.push({ name, file: chunks[c][i], errors: parsed.errors || [] });
        return;
      }
    }
    raws.push(raw);
    names.push(name);
  }));
  // A file of the wrong kind (a PDF, an Excel file, a pack, a score CSV…) is named as such.
  for (const b of bad.filter((x) => x.file)) {
    const wrong = await checkFile(b.file, 'answers');
    if (wrong) b.errors = [wrong];
    delete b.file;
  }
  let cmp = null;
  if (raws.length) {
    cmp = JSON.parse(ctx.engine.compareRaw(`[${raws.join(',')}]`));
    if (!cmp.ok) {
      bad.push({ name: t('cmp.all'), errors: cmp.errors || [] });
      cmp = null;
    }
  }
  phases.compare = performance.now() - mark;
  return { names, bad, cmp, ms: 0, phases };
}

// --------------------------------------------------------------------- results
function predName(id) {
  if (id === 'not_assessable') return t('score.notAssessableShort');
  const p = (ctx.pack?.aggregation?.predicates || []).find((x) => x.id === id);
  return tx(p?.name) || id;
}

function rightName(id) {
  return tx(ctx.idx?.rights.get(id)?.name) || id;
}

function distance(total) {
  if (typeof total !== 'number') return null; // not assessable
  return Math.max(0, Math.round((threshold() - total) * 100) / 100);
}

function results() {
  const out = h('div', { class: 'cmp-results' });
  const c = data.cmp;
  if (c) {
    out.append(overview(c), rankTable(c), heatMap(c), mostLost(c));
  } else {
    out.append(h('p', { class: 'warn-text' }, t('cmp.nothing')));
  }
  if (data.bad.length) out.append(badFiles());
  return out;
}

function overview(c) {
  const preds = (ctx.pack?.aggregation?.predicates || []).map((p) => [p.id, c.predicates.find((x) => x.id === p.id)?.count ?? 0]);
  const reached = c.rows.filter((r) => r.total >= threshold()).length;
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-over-h' },
    h('h2', { id: 'cmp-over-h' }, t('cmp.overview', { n: c.count })),
    h('ul', { class: 'cmp-preds' }, preds.map(([id, n]) => h('li', { 'data-pred': id }, `${predName(id)}: `, h('strong', null, String(n))))),
    h('p', null, t('cmp.reached', { n: reached, total: c.count, min: num(threshold(), 0) })),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'primary', id: 'cmp-csv', onclick: exportCsv }, t('cmp.csv'))));
}

function regionCell(r) {
  const kind = r.region?.kind ? t(`region.kind.${r.region.kind}`) : '';
  return [h('span', null, r.region?.name || t('app.untitled')),
    kind || r.region?.province ? h('span', { class: 'muted' }, ` (${[kind, r.region?.province].filter(Boolean).join(', ')})`) : null];
}

// A cell with a class and a text (the tables have thousands: the lean path, still textContent).
function cell(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  el.textContent = text;
  return el;
}

function rankTable(c) {
  const tb = h('tbody');
  const frag = document.createDocumentFragment();
  for (const r of c.rows) {
    const tr = document.createElement('tr');
    tr.dataset.source = String(r.source);
    const head = h('th', { scope: 'row' }, regionCell(r));
    tr.append(
      cell('td', 'num', r.rank === null ? '–' : String(r.rank)),
      head,
      cell('td', 'num', String(r.data_year)),
      cell('td', 'num strong', num(r.total)),
      cell('td', 'num', num(r.nilai_akhir)),
      cell('td', null, predName(r.predicate)),
      cell('td', 'num', num(distance(r.total))),
      cell('td', 'num', num(r.evidenced_total)),
      cell('td', 'num', `${num(r.completeness)}%`),
      cell('td', 'file', data.names[r.source] ?? ''));
    frag.append(tr);
  }
  tb.append(frag);
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-rank-h' },
    h('h2', { id: 'cmp-rank-h' }, t('cmp.ranking')),
    h('p', { class: 'hint' }, t('score.akhirBasis')),
    h('div', { class: 'table-wrap cmp-scroll', tabindex: '0', role: 'region', 'aria-label': t('cmp.scroll', { name: t('cmp.ranking') }) }, h('table', { class: 'cmp-rank' },
      h('caption', { class: 'sr-only' }, t('cmp.ranking')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.rank')),
        h('th', { scope: 'col' }, t('cmp.col.region')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.year')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.total')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.akhir')),
        h('th', { scope: 'col' }, t('cmp.col.predicate')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.distance', { min: num(threshold(), 0) })),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.evidenced')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.completeness')),
        h('th', { scope: 'col' }, t('cmp.col.file')))),
      tb)));
}

function heatClass(v) {
  if (typeof v !== 'number') return 'hm hm-na';
  return `hm hm-${Math.min(9, Math.max(0, Math.floor(v / 10)))}`;
}

function heatMap(c) {
  const frag = document.createDocumentFragment();
  for (const r of c.rows) {
    const tr = document.createElement('tr');
    const head = cell('th', null, r.region?.name || t('app.untitled'));
    head.scope = 'row';
    tr.append(head);
    for (const v of r.rights) tr.append(cell('td', heatClass(v), typeof v === 'number' ? num(v) : '–'));
    tr.append(cell('td', `${heatClass(r.total)} total`, num(r.total)));
    frag.append(tr);
  }
  const legend = h('ul', { class: 'hm-legend', 'aria-label': t('cmp.legend') });
  for (let k = 0; k < 10; k += 1) {
    legend.append(h('li', null, h('span', { class: `hm hm-${k}` }, `${num(k * 10, 0)}–${k === 9 ? num(100, 0) : num(k * 10 + 9.99)}`)));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-heat-h' },
    h('h2', { id: 'cmp-heat-h' }, t('cmp.heat')),
    h('p', { class: 'hint' }, t('cmp.heatHint')),
    legend,
    h('div', { class: 'table-wrap cmp-scroll', tabindex: '0', role: 'region', 'aria-label': t('cmp.scroll', { name: t('cmp.heat') }) }, h('table', { class: 'cmp-heat' },
      h('caption', { class: 'sr-only' }, t('cmp.heat')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('cmp.col.region')),
        c.right_ids.map((id) => h('th', { scope: 'col', class: 'hm-head' }, rightName(id))),
        h('th', { scope: 'col', class: 'hm-head' }, t('cmp.col.total')))),
      h('tbody', null, frag),
      h('tfoot', null, h('tr', null,
        h('th', { scope: 'row' }, t('cmp.mean')),
        c.right_means.map((v) => h('td', { class: heatClass(v) }, typeof v === 'number' ? num(v) : '–')),
        h('td', null, ''))))));
}

function mostLost(c) {
  const rows = c.most_lost.map((m) => {
    const ind = ctx.idx?.indicators.get(m.id);
    return h('tr', null,
      h('th', { scope: 'row' }, h('code', null, m.id), ' ', tx(ind?.text) || ''),
      h('td', null, ind ? rightName(ind.right) : ''),
      h('td', { class: 'num' }, t('cmp.regionsOf', { n: m.regions, total: c.count })),
      h('td', { class: 'num' }, num(twin(m, 'total_gain'), 2)));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-lost-h' },
    h('h2', { id: 'cmp-lost-h' }, t('cmp.lost')),
    h('p', { class: 'hint' }, t('cmp.lostHint')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'cmp-lost' },
      h('caption', { class: 'sr-only' }, t('cmp.lost')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('gap.col.indicator')),
        h('th', { scope: 'col' }, t('gap.col.right')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.regions')),
        h('th', { scope: 'col', class: 'num' }, t('cmp.col.lostPoints')))),
      h('tbody', null, rows))));
}

function badFiles() {
  return h('section', { class: 'card cmp-bad', 'aria-labelledby': 'cmp-bad-h' },
    h('h2', { id: 'cmp-bad-h' }, t('cmp.bad', { n: data.bad.length })),
    h('ul', { class: 'cmp-bad-list' }, data.bad.map((b) => h('li', { 'data-file': b.name },
      h('strong', null, b.name), ': ',
      h('span', null, (b.errors || []).slice(0, 3).map((d) => diagMessage(d)).join(' · ') || t('cmp.unknownError')),
      b.errors?.length > 3 ? h('span', { class: 'muted' }, ` ${t('diag.more', { n: b.errors.length - 3 })}`) : null))));
}

// ------------------------------------------------------------------------- CSV
export function comparisonCsv() {
  const c = data.cmp;
  const en = getLang() === 'en';
  const sep = en ? ',' : ';';
  const dec = (v) => (typeof v === 'number' ? (en ? v.toFixed(2) : v.toFixed(2).replace('.', ',')) : '');
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[";,\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [[t('cmp.csv.rank'), t('cmp.csv.region'), t('cmp.csv.kind'), t('cmp.csv.province'), t('cmp.csv.code'),
    t('cmp.csv.year'), t('cmp.csv.total'), t('cmp.csv.akhir'), t('cmp.csv.predicate'), t('cmp.csv.distance'), t('cmp.csv.evidenced'),
    t('cmp.csv.completeness'), ...c.right_ids, t('cmp.csv.file')]];
  for (const r of c.rows) {
    rows.push([r.rank ?? '', r.region?.name ?? '', r.region?.kind ?? '', r.region?.province ?? '', r.region?.code ?? '', r.data_year,
      dec(r.total), dec(r.nilai_akhir), predName(r.predicate), dec(distance(r.total)), dec(r.evidenced_total), dec(r.completeness),
      ...r.rights.map(dec), data.names[r.source] ?? '']);
  }
  return `\uFEFF${rows.map((row) => row.map(q).join(sep)).join('\r\n')}\r\n`;
}

function exportCsv() {
  if (!data?.cmp) return;
  download(`perbandingan-${slug(ctx.summary?.id)}-${data.cmp.count}.csv`, comparisonCsv(), 'text/csv;charset=utf-8');
  announce(t('io.csvExported'));
}
