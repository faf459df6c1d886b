// The blank questionnaire per office, for those who work on paper: one printed section per office
// (print.css: each starts a new A4 page) with its indicators, their help texts, an answer box
// shaped by the kind of answer, and the evidence it must bring. On screen it is not shown.

import { h } from '../../ui/dom.js';
import { t, tx } from '../../ui/i18n.js';
import { ctx } from '../../state/assessment.js';
import { officesFor, packOffices } from '../../state/offices.js';

const box = () => h('span', { class: 'q-box', 'aria-hidden': 'true' });

function answerBox(ind) {
  const a = ind.answer || {};
  const choices = [];
  if (a.kind === 'yes_no') choices.push(t('answer.yes'), t('answer.no'));
  else if (a.kind === 'level') for (const l of a.levels || []) choices.push(tx(l.label));
  const na = a.na_allowed ? h('p', { class: 'q-choice' }, box(), ' ', t('status.not_applicable')) : null;
  if (choices.length) return [h('div', { class: 'q-choices' }, choices.map((c) => h('p', { class: 'q-choice' }, box(), ' ', c))), na];
  const range = a.range && typeof a.range.min === 'number' && typeof a.range.max === 'number'
    ? t('offices.q.range', { min: a.range.min, max: a.range.max }) : '';
  return [h('p', { class: 'q-number' }, h('span', { class: 'q-line' }), ' ', a.unit || '', range ? h('span', { class: 'muted' }, ` (${range})`) : null), na];
}

function indicatorBlock(ind) {
  const right = ctx.idx.rights.get(ind.right);
  const evidence = (ind.evidence || []).filter((ev) => ev.required !== false);
  return h('li', { class: 'q-indicator', 'data-indicator': ind.id },
    h('p', { class: 'q-head' }, h('strong', null, ind.id), ` · ${tx(right?.name) || ind.right} · ${t(`type.${ind.type}`)}`),
    h('p', { class: 'q-text' }, tx(ind.text)),
    ind.help ? h('p', { class: 'q-help' }, tx(ind.help)) : null,
    h('div', { class: 'q-answer' }, h('p', { class: 'q-label' }, t('offices.q.answer')), answerBox(ind)),
    evidence.length ? h('div', { class: 'q-evidence' }, h('p', { class: 'q-label' }, t('offices.q.evidence')),
      h('ul', null, evidence.map((ev) => h('li', null, box(), ' ', tx(ev.document) || ev.id,
        ev.signer ? h('span', { class: 'muted' }, ` · ${t('offices.q.signer')}: ${tx(ev.signer)}`) : null)))) : null,
    h('p', { class: 'q-note' }, t('offices.q.note')));
}

/** Every office's blank questionnaire (the offices that answer for at least one indicator). */
export function questionnaire() {
  const a = ctx.answers;
  const reg = a.region || {};
  const byOffice = new Map();
  for (const ind of ctx.pack.indicators || []) {
    for (const o of officesFor(ind).offices) {
      if (!byOffice.has(o.id)) byOffice.set(o.id, []);
      byOffice.get(o.id).push(ind);
    }
  }
  const offices = packOffices().list.filter((o) => byOffice.has(o.id));
  return h('div', { class: 'offices-questionnaire' }, offices.map((o) => {
    const full = tx(o.name) || o.short_name;
    return h('section', { class: 'q-office', 'data-office': o.id },
      h('header', null,
        h('p', { class: 'rep-kicker' }, t('offices.q.kicker')),
        h('h2', null, o.short_name && o.short_name !== full ? `${full} (${o.short_name})` : full),
        h('p', null, [reg.name || t('app.untitled'), reg.province].filter(Boolean).join(' · '), ' · ',
          t('report.years', { data: a.data_year ?? '–', assessment: a.assessment_year ?? '–' })),
        h('p', { class: 'muted' }, t('offices.q.lead', { n: byOffice.get(o.id).length }))),
      h('ol', { class: 'q-list' }, byOffice.get(o.id).map(indicatorBlock)),
      h('div', { class: 'q-sign' },
        h('p', null, t('offices.q.filledBy')),
        h('p', null, t('offices.q.date'))));
  }));
}
