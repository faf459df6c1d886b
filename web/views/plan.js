// Evidence plan: the missing data dukung grouped by the responsible office (OPD), one
// checklist per office ("what each office must bring, signed by whom"), printed one A4 page
// per office (print.css: every .plan-office starts a new page); and the pre-submission check
// (engine.evidencePlan().check): findings with the points each puts at risk.

import { h, clear } from '../ui/dom.js';
import { t, tx, num, formatDate } from '../ui/i18n.js';
import { ctx, flush, resultMaps } from '../state/assessment.js';
import { errorBox } from '../ui/widgets.js';
import { openIndicator, go } from '../state/navigation.js';
import { twin } from '../ui/format.js';

const KINDS = ['unanswered', 'unevidenced', 'evidence_without_reference', 'evidence_outside_year'];

export function renderPlan(root) {
  flush();
  const plan = ctx.engine.evidencePlan(ctx.scored ?? ctx.answers);
  const a = ctx.answers;
  clear(root);
  root.append(
    h('div', { class: 'no-print' },
      h('h1', { class: 'view-title' }, t('plan.title')),
      h('p', { class: 'lead' }, t('plan.lead')),
      ctx.whatIf ? h('p', { class: 'warn-text' }, t('plan.scenario')) : null,
      h('div', { class: 'report-tools' },
        h('button', { type: 'button', class: 'primary', id: 'plan-print', onclick: () => window.print() }, t('plan.print')),
        h('a', { class: 'button', href: '#check-h' }, t('plan.toCheck')),
        h('button', { type: 'button', id: 'plan-evidence', 'data-go': 'evidence', onclick: () => go('evidence') }, t('gate.checkFolder')),
        h('button', { type: 'button', id: 'plan-package', 'data-go': 'package', onclick: () => go('package') }, t('plan.toPackage')))));
  if (!plan.ok) {
    root.append(errorBox(t('plan.failed'), plan.errors || []));
    return;
  }
  root.append(officesSection(plan, a), checkSection(plan));
}

function regionLine(a) {
  const reg = a.region || {};
  const kind = reg.kind ? t(`region.kind.${reg.kind}`) : '';
  return [reg.name || t('app.untitled'), kind, reg.province].filter(Boolean).join(' · ');
}

function officesSection(plan, a) {
  const sec = h('section', { class: 'plan-offices', 'aria-labelledby': 'offices-h' },
    h('h2', { id: 'offices-h', class: 'no-print' }, t('plan.officesTitle', { n: plan.offices.length })));
  if (!plan.offices.length) {
    sec.append(h('p', { class: 'ok-text' }, t('plan.none')));
    return sec;
  }
  const total = plan.offices.reduce((s, o) => s + o.items.length, 0);
  sec.append(h('p', { class: 'no-print' }, t('plan.officesSummary', { items: total, offices: plan.offices.length })));
  const printed = formatDate(new Date().toISOString());
  // One unit of points throughout: an item shows what its indicator adds to the total (as the
  // office's "points at risk" does), once per indicator; not the indicator's own 0–100 points.
  const { indicators } = resultMaps();
  plan.offices.forEach((o, k) => {
    const hid = `office-${k}-h`;
    const counted = new Set();
    const pointsOf = (id) => {
      if (counted.has(id)) return h('span', { title: t('plan.sameIndicator') }, '〃', h('span', { class: 'sr-only' }, t('plan.sameIndicator')));
      counted.add(id);
      return num(twin(indicators.get(id), 'contribution'));
    };
    const rows = o.items.map((it, i) => h('tr', { 'data-indicator': it.indicator },
      h('td', { class: 'check-box' }, h('span', { class: 'box', 'aria-hidden': 'true' }), h('span', { class: 'sr-only' }, t('plan.toBring'))),
      h('td', { class: 'num' }, String(i + 1)),
      h('th', { scope: 'row' }, tx(it.document) || it.evidence),
      h('td', null, h('code', null, it.indicator), ' ', tx(it.text),
        // An indicator several offices share: this page's office leads, the others are named.
        it.opd && it.opd !== o.opd ? h('span', { class: 'muted' }, h('br'), `${t('gap.col.opd')}: ${it.opd}`) : null),
      h('td', null, tx(it.signer) || '–'),
      h('td', { class: 'num' }, pointsOf(it.indicator))));
    const heading = officeHeading(o);
    sec.append(h('article', { class: 'plan-office', 'aria-labelledby': hid, 'data-opd': o.opd, 'data-office': o.office || '' },
      h('header', { class: 'plan-office-head' },
        h('p', { class: 'rep-kicker' }, t('plan.kicker')),
        h('h3', { id: hid }, heading),
        h('p', null, regionLine(a), ' · ', t('report.years', { data: a.data_year ?? '–', assessment: a.assessment_year ?? '–' })),
        h('p', null, t('plan.officeSummary', { n: o.items.length, points: num(o.points_at_risk) }))),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'plan-items' },
          h('caption', { class: 'sr-only' }, t('plan.tableCaption', { opd: heading })),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('plan.col.done'))),
            h('th', { scope: 'col', class: 'num' }, t('plan.col.no')),
            h('th', { scope: 'col' }, t('plan.col.document')),
            h('th', { scope: 'col' }, t('plan.col.indicator')),
            h('th', { scope: 'col' }, t('plan.col.signer')),
            h('th', { scope: 'col', class: 'num' }, t('plan.col.points')))),
          h('tbody', null, rows))),
      h('div', { class: 'plan-sign' },
        h('p', null, t('plan.handedBy')),
        h('p', null, t('plan.receivedBy')),
        h('p', { class: 'muted' }, t('plan.printed', { date: printed, pack: `${ctx.summary.id} ${ctx.summary.version ?? ''}`.trim() })))));
  });
  return sec;
}

// "Dinas Lingkungan Hidup (DLH)": the office's full name from the pack, with its short name.
function officeHeading(o) {
  const full = tx(o.name) || o.opd;
  if (!full) return t('plan.noOpd');
  return o.opd && o.opd !== full ? `${full} (${o.opd})` : full;
}

function checkSection(plan) {
  const c = plan.check;
  const sec = h('section', { class: 'card plan-check no-print', 'aria-labelledby': 'check-h' },
    h('h2', { id: 'check-h', tabindex: '-1' }, t('check.title')),
    h('p', { class: 'lead' }, t('check.lead')));
  const findings = c.findings || [];
  if (!findings.length) {
    sec.append(h('p', { class: 'ok-text' }, t('check.none')));
    return sec;
  }
  const counts = KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length]).filter(([, n]) => n > 0);
  sec.append(
    h('p', { class: 'check-total' }, t('check.atRisk', { n: num(c.points_at_risk), count: findings.length })),
    h('ul', { class: 'check-counts' }, counts.map(([k, n]) => h('li', null, `${t(`check.kind.${k}`)}: `, h('strong', null, String(n))))));
  const tb = h('tbody');
  for (const f of findings) {
    const ind = ctx.idx.indicators.get(f.indicator);
    const ev = f.evidence ? ind?.evidence?.find((e) => e.id === f.evidence) : null;
    tb.append(h('tr', { 'data-kind': f.kind, 'data-indicator': f.indicator },
      h('td', null, t(`check.kind.${f.kind}`)),
      h('th', { scope: 'row' },
        ind ? h('button', { type: 'button', class: 'link', onclick: () => openIndicator(f.indicator), 'aria-label': t('check.openFor', { id: f.indicator }) }, h('code', null, f.indicator)) : h('code', null, f.indicator),
        ' ', tx(ind?.text) || ''),
      h('td', null, ev ? tx(ev.document) : (f.evidence || '–')),
      h('td', null, tx(f.message)),
      h('td', { class: 'num' }, num(f.points_at_risk))));
  }
  sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'check-table' },
    h('caption', { class: 'sr-only' }, t('check.title')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('check.col.kind')),
      h('th', { scope: 'col' }, t('check.col.indicator')),
      h('th', { scope: 'col' }, t('check.col.evidence')),
      h('th', { scope: 'col' }, t('check.col.message')),
      h('th', { scope: 'col', class: 'num' }, t('check.col.points')))),
    tb)));
  return sec;
}
