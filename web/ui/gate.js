// The completeness gate of the submission package (engine.gate / evidenceCheck's `gate`), drawn
// the same way beside the score (Fill), in the report, on the folder check and in the gap view:
// complete or not, on which basis (the checked folder's files or the answers' own "ready"
// marks), the pack's rule with its basis (the reference pack's rule is *assumed*), and every
// reason in plain words, each with a link to its indicator. ui/ imports no state: the caller
// passes the gate and what a link does.
import { h } from './dom.js';
import { t, tx } from './i18n.js';

/**
 * gate: {complete, evidence_basis: "checked"|"marked", rules: {types_per_right, all_answered,
 * declared, basis, source}, reasons: [{kind, indicator, right, evidence, message}]}.
 * options: onOpen(indicatorId) for the reasons' links, onOpenRight(rightId) for a reason about a
 * whole right (no indicator); files: how many files were checked;
 * max: reasons shown before the rest fold away (0 = all); level: the heading's level.
 */
export function gateBlock(gate, { onOpen = null, onOpenRight = null, files = 0, max = 0, level = 3, id = 'gate' } = {}) {
  const complete = Boolean(gate?.complete);
  const reasons = gate?.reasons ?? [];
  const hx = `h${level}`;
  const box = h('section', { class: `gate ${complete ? 'gate-complete' : 'gate-incomplete'}`, 'data-complete': String(complete), 'aria-labelledby': `${id}-h` },
    h(hx, { id: `${id}-h`, class: 'gate-title' }, t('gate.title'), ': ',
      h('span', { class: 'gate-verdict' }, complete ? t('gate.complete') : t('gate.incomplete', { n: reasons.length }))),
    h('p', { class: 'gate-basis', 'data-basis': gate?.evidence_basis ?? '' },
      gate?.evidence_basis === 'checked' ? t('gate.basis.checked', { n: files }) : t('gate.basis.marked')),
    ruleLine(gate?.rules));
  if (!reasons.length) return box;
  const item = (r) => h('li', { 'data-kind': r.kind, 'data-indicator': r.indicator || null, 'data-right': r.right || null },
    tx(r.message),
    r.indicator && onOpen
      ? [' ', h('button', { type: 'button', class: 'link gate-open', onclick: () => onOpen(r.indicator) }, t('gate.open', { id: r.indicator }))]
      : null,
    !r.indicator && r.right && onOpenRight
      ? [' ', h('button', { type: 'button', class: 'link gate-open', onclick: () => onOpenRight(r.right) }, t('gate.openRight'))]
      : null);
  const shown = max > 0 ? reasons.slice(0, max) : reasons;
  box.append(h('ul', { class: 'gate-reasons' }, shown.map(item)));
  if (shown.length < reasons.length) {
    box.append(h('details', { class: 'gate-more' },
      h('summary', null, t('gate.more', { n: reasons.length - shown.length })),
      h('ul', { class: 'gate-reasons' }, reasons.slice(shown.length).map(item))));
  }
  return box;
}

/**
 * The gate of an engine.gate() result, or, when the answers cannot be judged (the engine refused
 * them: an entry is not valid), a short note saying so; null without a result.
 */
export function gateOrProblem(result, options = {}) {
  if (!result) return null;
  if (result.ok) return gateBlock(result.gate, options);
  return h('section', { class: 'gate gate-incomplete', 'data-complete': 'unknown' },
    h('p', { class: 'gate-title' }, t('gate.title'), ': ', h('span', { class: 'gate-verdict' }, t('gate.invalid'))));
}

// The rules in words: the built-in ones, then the pack's own (with its basis: the reference
// pack's rule is labelled "asumsi", with its source a click away).
function ruleLine(rules) {
  if (!rules) return null;
  const own = [];
  // The types in the reader's language ("structure", not the pack's id "struktur").
  const typeName = (x) => (['struktur', 'proses', 'hasil'].includes(x) ? t(`type.${x}`).toLowerCase() : x);
  if (rules.types_per_right?.length) own.push(t('gate.rule.types', { types: rules.types_per_right.map(typeName).join(', ') }));
  if (rules.all_answered) own.push(t('gate.rule.allAnswered'));
  const assumed = rules.basis === 'assumed';
  return h('div', { class: 'gate-rule' },
    h('p', null, t('gate.rule.builtin')),
    own.length
      ? h('p', { class: 'gate-pack-rule' }, t('gate.rule.pack'), ' ', own.join('; '), '. ',
        rules.basis ? h('span', { class: `badge gate-rule-basis${assumed ? ' warn' : ''}`, 'data-basis': rules.basis }, t(`basis.${rules.basis}`)) : null,
        assumed ? [' ', h('span', { class: 'hint' }, t('gate.rule.assumed'))] : null)
      : null,
    own.length && rules.source ? h('details', { class: 'gate-source' }, h('summary', null, t('gate.rule.source')), h('p', null, rules.source)) : null);
}
