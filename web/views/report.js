// Report view: an A4 printable summary (print.css) with an inline SVG chart.

import { h, s, clear } from '../ui/dom.js';
import { t, tx, num, getLang, formatDate } from '../ui/i18n.js';
import { ctx, TYPES, resultMaps, threshold } from '../state/assessment.js';
import { go } from '../state/navigation.js';
import { exportCsv } from '../state/io.js';
import { announce } from '../ui/widgets.js';
import { distanceText } from '../ui/format.js';

export function renderReport(root) {
  const res = ctx.result;
  const a = ctx.answers;
  const sum = ctx.summary;
  clear(root);
  root.append(h('div', { class: 'report-tools no-print' },
    h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('report.print')),
    h('button', { type: 'button', onclick: () => { const r = exportCsv(); announce(r.ok ? t('io.csvExported') : t('io.csvFailed')); } }, t('io.exportCsv')),
    h('button', { type: 'button', onclick: () => go('fill') }, t('report.back'))));
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
          h('p', null, t('score.completeness', { n: num(Math.floor(res.completeness), 0), answered: res.answered + res.not_applicable, total: res.indicator_count }))))),
    h('section', { class: 'rep-chart', 'aria-labelledby': 'rep-chart-h' },
      h('h2', { id: 'rep-chart-h' }, t('report.chart')),
      chart(res)),
    h('section', { 'aria-labelledby': 'rep-rights-h' },
      h('h2', { id: 'rep-rights-h' }, t('report.rights')),
      rightsTable(res)),
    h('section', { class: 'rep-evidence', 'aria-labelledby': 'rep-ev-h' },
      h('h2', { id: 'rep-ev-h' }, t('report.evidence')),
      evidenceList(res)),
    h('footer', { class: 'rep-foot' },
      h('dl', { class: 'kv' },
        h('dt', null, t('pack.title')), h('dd', null, tx(sum.title ?? ctx.pack.title)),
        h('dt', null, t('pack.id')), h('dd', null, `${sum.id} ${sum.version ?? ''}`.trim()),
        h('dt', null, t('pack.sha')), h('dd', null, h('code', { class: 'hash' }, sum.sha256)),
        h('dt', null, t('report.updated')), h('dd', null, formatDate(a.updated_at)),
        h('dt', null, t('report.printed')), h('dd', null, formatDate(printed.toISOString()))),
      h('p', { class: 'muted' }, t('report.footer'))));
  root.append(doc);
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

export { getLang };
