// Report view: an A4 printable summary (print.css) with an inline SVG chart.

import { h, s, clear } from '../ui/dom.js';
import { t, tx, num, getLang, formatDate } from '../ui/i18n.js';
import { ctx, TYPES, resultMaps, threshold, changed } from '../state/assessment.js';
import { go, openIndicator } from '../state/navigation.js';
import { gateOrProblem } from '../ui/gate.js';
import { currentGate, checkedFiles } from '../state/evidence-files.js';
import { exportCsv } from '../state/io.js';
import { announce } from '../ui/widgets.js';
import { officesFor } from '../state/offices.js';
import { distanceText, answerText, pts } from '../ui/format.js';

export function renderReport(root) {
  const res = ctx.result;
  const a = ctx.answers;
  const sum = ctx.summary;
  clear(root);
  root.append(h('div', { class: 'report-tools no-print' },
    h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('report.print')),
    h('button', { type: 'button', onclick: () => { const r = exportCsv(); announce(r.ok ? t('io.csvExported') : t('io.csvFailed')); } }, t('io.exportCsv')),
    h('button', { type: 'button', onclick: () => go('fill') }, t('report.back')),
    h('button', { type: 'button', id: 'report-package', onclick: () => go('package') }, t('report.toPackage'))));
  if (!res) {
    root.append(h('p', null, t('report.noResult')));
    return;
  }
  const reg = a.region || {};
  const kind = reg.kind ? t(`region.kind.${reg.kind}`) : '';
  const printed = new Date();
  const doc = h('article', { class: 'report', 'aria-labelledby': 'rep-h' },
    h('header', { class: 'rep-head' },
      h('p', { class: 'rep-kicker' }, t('report.kicker')),
      h('h1', { id: 'rep-h' }, reg.name || t('app.untitled')),
      h('p', null, [kind, reg.province, reg.code ? t('report.code', { code: reg.code }) : ''].filter(Boolean).join(' · ')),
      h('p', null, t('report.years', { data: a.data_year ?? '–', assessment: a.assessment_year ?? '–' }))),
    sum.status !== 'official' ? h('p', { class: 'notice rep-notice' }, h('strong', null, t('notice.label', { status: t(`pack.status.${sum.status}`) })), ' ', tx(sum.notice ?? ctx.pack.notice) || t('notice.default')) : null,
    h('section', { class: 'rep-total', 'aria-labelledby': 'rep-total-h' },
      h('h2', { id: 'rep-total-h' }, t('report.result')),
      h('div', { class: 'rep-total-row' },
        h('p', { class: 'rep-big' }, num(res.total), h('span', { class: 'of' }, t('score.of100'))),
        h('div', null,
          h('p', { class: 'rep-pred' }, t('score.predicate', { name: tx(res.predicate?.name) || res.predicate?.id || '–' })),
          h('p', null, distanceText(res, ctx.pack?.aggregation?.predicates)),
          h('p', null, t('report.evidenced', { n: num(res.evidenced_total) }), ' · ', t('report.atRisk', { n: num(res.points_at_risk) })),
          // The score as published: nilai murni (above; ranks nationally) and nilai akhir with Aksi HAM, an assumed formula.
          h('p', { class: 'rep-published' }, t('report.published', {
            murni: num(res.published?.nilai_murni ?? res.total),
            akhir: num(res.published?.nilai_akhir ?? res.adjustments?.adjusted_total),
            aksi: num(res.adjustments?.aksi_ham_bonus ?? 0),
          })),
          h('p', { class: 'hint' }, t('score.akhirBasis')),
          h('p', null, t('score.completeness', { n: num(Math.floor(res.completeness), 0), answered: res.answered + res.not_applicable, total: res.indicator_count }))))),
    reportGate(),
    h('section', { class: 'rep-chart', 'aria-labelledby': 'rep-chart-h' },
      h('h2', { id: 'rep-chart-h' }, t('report.chart')),
      chart(res)),
    h('section', { 'aria-labelledby': 'rep-rights-h' },
      h('h2', { id: 'rep-rights-h' }, t('report.rights')),
      rightsTable(res)),
    h('section', { class: 'rep-evidence', 'aria-labelledby': 'rep-ev-h' },
      h('h2', { id: 'rep-ev-h' }, t('report.evidence')),
      evidenceList(res)),
    signatureBlock(a),
    appendix(res, a),
    h('footer', { class: 'rep-foot' },
      h('dl', { class: 'kv' },
        h('dt', null, t('pack.title')), h('dd', null, tx(sum.title ?? ctx.pack.title)),
        h('dt', null, t('pack.id')), h('dd', null, `${sum.id} ${sum.version ?? ''}`.trim()),
        h('dt', null, t('pack.sha')), h('dd', null, h('code', { class: 'hash' }, sum.sha256)),
        h('dt', null, t('report.updated')), h('dd', null, formatDate(a.updated_at)),
        h('dt', null, t('report.printed')), h('dd', null, formatDate(printed.toISOString()))),
      h('p', { class: 'muted' }, t('report.footer'))));
  root.append(signatureForm(a), doc);
  pageFooter(a, sum);
}

// The completeness gate under the total: the package as the Kanwil's verifier sees it.
function reportGate() {
  const g = currentGate();
  return gateOrProblem(g, { onOpen: openIndicator, onOpenRight: (right) => go('fill', { right }), files: checkedFiles().length, max: 15, level: 2, id: 'rep-gate' });
}

// Horizontal bars per right: claimed score and evidenced score, with the threshold line.
function chart(res) {
  const { rights } = resultMaps();
  const list = ctx.pack.rights;
  const W = 680;
  const left = 250;
  const right = 50;
  const rowH = 30;
  const top = 28;
  const H = top + list.length * rowH + 30;
  const x = (v) => left + ((W - left - right) * Math.max(0, Math.min(100, v ?? 0))) / 100;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'chart-t chart-d', width: '100%' },
    s('title', { id: 'chart-t' }, t('report.chart')),
    s('desc', { id: 'chart-d' }, t('report.chartDesc', { min: threshold() })));
  for (const v of [0, 25, 50, 75, 100]) {
    svg.append(
      s('line', { x1: x(v), x2: x(v), y1: top - 6, y2: H - 24, class: 'grid' }),
      s('text', { x: x(v), y: H - 8, 'text-anchor': 'middle', class: 'tick' }, String(v)));
  }
  list.forEach((r, k) => {
    const rr = rights.get(r.id);
    const y = top + k * rowH;
    const name = tx(r.name);
    const label = name.length > 32 ? `${name.slice(0, 31)}…` : name;
    svg.append(
      s('text', { x: left - 8, y: y + 15, 'text-anchor': 'end', class: 'label' }, s('title', null, name), label),
      s('rect', { x: left, y: y + 3, width: Math.max(0, x(rr?.score) - left), height: 12, class: 'bar-claimed' }),
      s('rect', { x: left, y: y + 16, width: Math.max(0, x(rr?.evidenced_score) - left), height: 7, class: 'bar-evidenced' }),
      s('text', { x: x(rr?.score) + 4, y: y + 14, class: 'value' }, num(rr?.score)));
  });
  const thr = threshold();
  svg.append(
    s('line', { x1: x(thr), x2: x(thr), y1: top - 10, y2: H - 24, class: 'threshold' }),
    s('text', { x: x(thr), y: top - 14, 'text-anchor': 'middle', class: 'threshold-label' }, t('report.threshold', { min: thr })));
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'key claimed', 'aria-hidden': 'true' }), t('report.legendClaimed'), ' ',
    h('span', { class: 'key evidenced', 'aria-hidden': 'true' }), t('report.legendEvidenced'));
  return h('figure', null, svg, h('figcaption', null, legend));
}

function rightsTable(res) {
  const { rights } = resultMaps();
  const head = h('tr', null,
    h('th', { scope: 'col' }, t('explain.right')),
    TYPES.map((ty) => h('th', { scope: 'col', class: 'num' }, t(`type.${ty}`))),
    h('th', { scope: 'col', class: 'num' }, t('report.col.score')),
    h('th', { scope: 'col', class: 'num' }, t('report.col.evidenced')),
    h('th', { scope: 'col', class: 'num' }, t('report.col.missing')));
  const body = h('tbody');
  for (const r of ctx.pack.rights) {
    const rr = rights.get(r.id);
    const missing = (res.indicators || []).filter((i) => i.right === r.id && i.points > 0 && i.evidenced === false).length;
    body.append(h('tr', null,
      h('th', { scope: 'row' }, tx(r.name)),
      TYPES.map((ty) => {
        const x = (rr?.types || []).find((q) => q.type === ty);
        return h('td', { class: 'num' }, x && x.counted ? `${num(x.share)}%` : '–');
      }),
      h('td', { class: 'num strong' }, num(rr?.score)),
      h('td', { class: 'num' }, num(rr?.evidenced_score)),
      h('td', { class: 'num' }, String(missing))));
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'rep-table' }, h('thead', null, head), body));
}

function evidenceList(res) {
  const miss = (res.indicators || []).filter((i) => i.points > 0 && i.evidenced === false);
  if (!miss.length) return h('p', null, t('report.evidenceComplete'));
  const ul = h('ul', { class: 'rep-missing' });
  for (const i of miss) {
    const ind = ctx.idx.indicators.get(i.id);
    const docs = (i.evidence_missing || []).map((eid) => tx(ind.evidence?.find((e) => e.id === eid)?.document) || eid);
    ul.append(h('li', null, h('strong', null, i.id), ` ${tx(ind.text)} `,
      h('span', { class: 'muted' }, `— ${t('report.missingDocs', { docs: docs.join('; ') || '–' })}`)));
  }
  return h('div', null, h('p', null, t('report.evidenceMissing', { n: miss.length })), ul);
}

// ------------------------------------------------------------------ appendix
// Every indicator, right by right: the answer as the user reads it, points, evidence items with
// their references, note and office — the list that goes into the file that is submitted.
function appendix(res, a) {
  const { indicators } = resultMaps();
  const sec = h('section', { class: 'rep-appendix', 'aria-labelledby': 'rep-app-h' },
    h('h2', { id: 'rep-app-h' }, t('report.appendix')),
    h('p', { class: 'muted' }, t('report.appendixLead')));
  for (const r of ctx.pack.rights) {
    const list = ctx.idx.listByRight.get(r.id) || [];
    if (!list.length) continue;
    const body = h('tbody');
    for (const ind of list) {
      const e = a.answers?.[ind.id] ?? null;
      const ri = indicators.get(ind.id);
      body.append(h('tr', { 'data-indicator': ind.id },
        h('th', { scope: 'row' }, h('code', null, ind.id), h('span', { class: 'rep-type' }, t(`type.${ind.type}`))),
        h('td', null, tx(ind.text)),
        h('td', null, answerText(ind, e)),
        h('td', { class: 'num' }, ri ? `${pts(ri.points)} / ${pts(ri.max_points)}` : '–'),
        h('td', null, evidenceCell(ind, e)),
        h('td', null, e?.note ? String(e.note) : ''),
        h('td', null, officeOf(ind, e))));
    }
    sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'rep-table rep-answers' },
      h('caption', null, tx(r.name)),
      h('colgroup', null, ['c-code', 'c-ind', 'c-ans', 'c-pts', 'c-ev', 'c-note', 'c-off'].map((c) => h('col', { class: c }))),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('report.app.code')),
        h('th', { scope: 'col' }, t('report.app.indicator')),
        h('th', { scope: 'col' }, t('report.app.answer')),
        h('th', { scope: 'col', class: 'num' }, t('report.app.points')),
        h('th', { scope: 'col' }, t('report.app.evidence')),
        h('th', { scope: 'col' }, t('report.app.note')),
        h('th', { scope: 'col' }, t('report.app.office')))),
      body)));
  }
  return sec;
}

// The pack's evidence items with what the answers say of them, then the user's own items.
function evidenceCell(ind, e) {
  const given = new Map((e?.evidence || []).filter((x) => x && typeof x === 'object').map((x) => [x.id, x]));
  const items = (ind.evidence || []).map((p) => ({ label: tx(p.document) || p.id, x: given.get(p.id) }));
  for (const [id, x] of given) if (!(ind.evidence || []).some((p) => p.id === id)) items.push({ label: id, x });
  if (!items.length) return '–';
  return h('ul', { class: 'rep-ev' }, items.map(({ label, x }) => {
    const ready = x?.status === 'ready';
    return h('li', null,
      h('span', { class: ready ? 'ev-ready' : 'ev-missing' }, ready ? t('report.ev.ready') : t('report.ev.missing')), ' ',
      label,
      x?.reference ? h('span', null, ` — ${t('report.ev.ref')} `, h('span', { class: 'ev-ref' }, String(x.reference))) : null,
      x?.date ? ` (${x.date})` : null);
  }));
}

// The office answering for an indicator: the answer's own (read as the engine reads it), else the
// pack's; short names, the full names as a tooltip; an answer's name the pack does not know is
// shown as typed with a warning.
function officeOf(ind, e) {
  const { offices, unknown } = officesFor(ind, e);
  const names = offices.flatMap((o, k) => [k ? ', ' : null, h('span', { title: tx(o.name) || null }, o.short_name)]);
  if (unknown.length) {
    return h('span', null, h('span', { class: 'warn-text' }, `⚠ ${unknown.join(', ')}`, ' ',
      h('span', { class: 'muted' }, t('report.opdUnknown'))), offices.length ? h('br') : null, ...names);
  }
  return names.length ? h('span', null, ...names) : '–';
}

// ------------------------------------------------------------------ signatures
// Kept in the answers file ("signatures", docs/answers-format.md): saved with the assessment,
// exported with it, never scored.
const SIGNERS = [
  ['approved', ['title', 'name', 'nip']],
  ['prepared', ['name', 'nip', 'place', 'date']],
];

function signer(a, who) {
  const s = a.signatures?.[who];
  return s && typeof s === 'object' ? s : {};
}

function longDate(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || '')) return '';
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString(getLang() === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function signatureForm(a) {
  const form = h('form', { class: 'card sign-edit no-print', 'aria-labelledby': 'sign-edit-h', novalidate: true },
    h('h2', { id: 'sign-edit-h' }, t('report.sign.edit')),
    h('p', { class: 'hint' }, t('report.sign.hint')));
  form.addEventListener('submit', (ev) => ev.preventDefault());
  for (const [who, fields] of SIGNERS) {
    const fs = h('fieldset', { class: 'grid2' }, h('legend', null, t(`report.sign.${who}`)));
    for (const f of fields) {
      const id = `sign-${who}-${f}`;
      const v = signer(a, who)[f] ?? '';
      const input = h('input', {
        id, type: f === 'date' ? 'date' : 'text', value: v, autocomplete: 'off',
        inputmode: f === 'nip' ? 'numeric' : null,
        placeholder: who === 'approved' && f === 'title' ? t('report.sign.secda') : null,
      });
      input.addEventListener('input', () => {
        const sig = a.signatures && typeof a.signatures === 'object' ? a.signatures : (a.signatures = {});
        const one = sig[who] && typeof sig[who] === 'object' ? sig[who] : (sig[who] = {});
        const val = input.value.slice(0, f === 'nip' ? 40 : 200);
        if (val.trim()) one[f] = val;
        else delete one[f];
        if (!Object.keys(one).length) delete sig[who];
        if (!Object.keys(sig).length) delete a.signatures;
        changed();
        const out = document.querySelector(`[data-sign="${who}-${f}"]`);
        if (out) out.textContent = shownSign(a, who, f);
      });
      fs.append(h('div', { class: 'field' }, h('label', { for: id }, t(`report.sign.f.${f}`)), input));
    }
    form.append(fs);
  }
  return form;
}

function shownSign(a, who, f) {
  const s = signer(a, who);
  if (f === 'title') return s.title || t('report.sign.secda');
  if (f === 'date') return longDate(s.date) || '……………………';
  if (f === 'nip') return s.nip ? `${t('report.sign.nip')} ${s.nip}` : `${t('report.sign.nip')} ……………………`;
  return s[f] || '……………………………………';
}

// The printed block: "Mengetahui, Sekretaris Daerah" and "Disusun oleh", with room to sign.
function signatureBlock(a) {
  const cell = (who, f, cls) => h('p', { class: cls ?? null, 'data-sign': `${who}-${f}` }, shownSign(a, who, f));
  const place = signer(a, 'prepared').place || a.region?.name || '';
  return h('section', { class: 'rep-sign', 'aria-labelledby': 'rep-sign-h' },
    h('h2', { id: 'rep-sign-h', class: 'sr-only' }, t('report.sign.title')),
    h('div', { class: 'sign-grid' },
      h('div', { class: 'sign-col' },
        h('p', null, t('report.sign.approvedBy')),
        cell('approved', 'title', 'sign-role'),
        h('div', { class: 'sign-space', 'aria-hidden': 'true' }),
        cell('approved', 'name', 'sign-name'),
        cell('approved', 'nip')),
      h('div', { class: 'sign-col' },
        h('p', null, h('span', { 'data-sign': 'prepared-place' }, place || '……………'), ', ', h('span', { 'data-sign': 'prepared-date' }, shownSign(a, 'prepared', 'date'))),
        h('p', { class: 'sign-role' }, t('report.sign.preparedBy')),
        h('div', { class: 'sign-space', 'aria-hidden': 'true' }),
        cell('prepared', 'name', 'sign-name'),
        cell('prepared', 'nip'))));
}

// ------------------------------------------------------------------ page footer
// Every printed page: page n of m, the pack id, version and hash, the region and data year
// (CSS paged media margin boxes; the text is set through the CSSOM, which the CSP allows).
let footerSheet = null;
const cssString = (v) => `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, ' ')}"`;

function pageFooter(a, sum) {
  if (!('adoptedStyleSheets' in document) || typeof CSSStyleSheet !== 'function') return;
  if (!footerSheet) {
    footerSheet = new CSSStyleSheet({ media: 'print' });
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, footerSheet];
  }
  const left = t('report.footerLeft', { region: a.region?.name || t('app.untitled'), year: a.data_year ?? '–', pack: `${sum.id} ${sum.version ?? ''}`.trim() });
  const hash = `sha256 ${sum.sha256}`;
  footerSheet.replaceSync(`@page {
  @bottom-left { content: ${cssString(left)} "\\A" ${cssString(hash)}; white-space: pre; font-size: 7pt; color: #333; }
  @bottom-right { content: ${cssString(t('report.pageOf.before'))} counter(page) ${cssString(t('report.pageOf.between'))} counter(pages); font-size: 8pt; }
}`);
}

