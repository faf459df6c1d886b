// The offices' work on the open assessment (the coordinator's screen): the dashboard per office,
// one work package per office (a .kkpham.json the office opens in office mode, a printable blank
// questionnaire), and the merge of what comes back (merge.js). Every figure and decision is the
// engine's (state/offices-work.js).

import { h, clear } from '../../ui/dom.js';
import { t, tx, num, formatDate } from '../../ui/i18n.js';
import { announce, errorBox } from '../../ui/widgets.js';
import { ctx } from '../../state/assessment.js';
import { rerender, go } from '../../state/navigation.js';
import * as work from '../../state/offices-work.js';
import { mergeSection } from './merge.js';
import { questionnaire } from './questionnaire.js';

let packagesError = null;

export function renderOffices(root) {
  const why = work.blocked();
  clear(root).append(h('div', { class: 'no-print' },
    h('h1', { class: 'view-title' }, t('offices.title')),
    h('p', { class: 'lead' }, t('offices.lead'))));
  if (why) {
    root.append(h('p', { class: 'warn-text', id: 'offices-blocked' }, t(`offices.blocked.${why}`)));
    return;
  }
  // A pack that names no office (an older pack without `offices` or `opd`): nothing to split,
  // nothing to merge; the screen says so and where to go instead.
  if (!work.officesWithIndicators().length) {
    root.append(h('div', { class: 'no-print offices-screen' }, dashboard(), noOffices()));
    return;
  }
  root.append(
    h('div', { class: 'no-print offices-screen' }, dashboard(), packagesSection(), mergeSection({ refresh: () => rerender() })),
    questionnaire(), // shown only on paper (print.css)
  );
}

function noOffices() {
  return h('section', { class: 'card', 'aria-labelledby': 'offices-packages-h', id: 'offices-none' },
    h('h2', { id: 'offices-packages-h' }, t('offices.packages.title')),
    h('p', null, t('offices.packages.noOffices')),
    h('p', null, h('button', { type: 'button', 'data-go': 'fill', onclick: () => go('fill') }, t('offices.packages.toFill'))));
}

// ----------------------------------------------------------------- dashboard
function officeName(o) {
  const full = tx(o?.name) || o?.short_name || o?.id || '';
  return o?.short_name && o.short_name !== full ? `${full} (${o.short_name})` : full;
}

function when(iso) {
  return iso ? formatDate(iso) : '–';
}

function dashboard() {
  const rows = work.officeStatus();
  const res = ctx.result;
  const sec = h('section', { class: 'card', 'aria-labelledby': 'offices-status-h' },
    h('h2', { id: 'offices-status-h' }, t('offices.status.title')),
    h('p', { class: 'offices-score', id: 'offices-score' }, res
      ? t('offices.status.score', { total: num(res.total), predicate: tx(res.predicate?.name) || '–', answered: res.answered + res.not_applicable, count: res.indicator_count })
      : t('offices.status.noScore')));
  if (!rows.length) {
    sec.append(h('p', { class: 'muted' }, t('offices.status.none')));
    return sec;
  }
  const tb = h('tbody');
  for (const s of rows) {
    const back = s.returned;
    tb.append(h('tr', { 'data-office': s.office.id },
      h('th', { scope: 'row' }, officeName(s.office)),
      h('td', null, s.package ? when(s.package.made_at) : t('offices.status.notMade')),
      h('td', null, back ? [when(back.returned_at), back.filled_by?.name ? h('span', { class: 'muted' }, ` · ${back.filled_by.name}`) : null]
        : t('offices.status.notBack')),
      h('td', { class: 'num', 'data-col': 'answered' }, `${s.answered}/${s.indicators}`),
      h('td', { class: 'num', 'data-col': 'evidence' }, `${s.evidence.ready}/${s.evidence.required}`),
      h('td', { class: 'num', 'data-col': 'conflicts' }, s.conflicts ? h('strong', { class: 'warn-text' }, String(s.conflicts)) : '0')));
  }
  sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'offices-status' },
    h('caption', { class: 'sr-only' }, t('offices.status.title')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('offices.col.office')),
      h('th', { scope: 'col' }, t('offices.col.made')),
      h('th', { scope: 'col' }, t('offices.col.returned')),
      h('th', { scope: 'col', class: 'num' }, t('offices.col.answered')),
      h('th', { scope: 'col', class: 'num' }, t('offices.col.evidence')),
      h('th', { scope: 'col', class: 'num' }, t('offices.col.conflicts')))),
    tb)));
  return sec;
}

// ------------------------------------------------------------------ packages
function packagesSection() {
  const made = work.madePackages();
  const sec = h('section', { class: 'card', 'aria-labelledby': 'offices-packages-h' },
    h('h2', { id: 'offices-packages-h' }, t('offices.packages.title')),
    h('p', null, t('offices.packages.lead')),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'primary', id: 'offices-make', onclick: () => onMake() }, t('offices.packages.make')),
      h('button', { type: 'button', id: 'offices-print', onclick: onPrint }, t('offices.packages.print'))),
    oneOffice());
  if (packagesError) sec.append(errorBox(t('offices.packages.failed'), packagesError));
  if (!made) return sec;
  const tb = h('tbody');
  for (const p of made.packages) {
    const office = ctx.pack.offices?.find((o) => o.id === p.office.id) ?? p.office;
    tb.append(h('tr', { 'data-office': p.office.id },
      h('th', { scope: 'row' }, officeName(office)),
      h('td', { class: 'num' }, String(p.indicators)),
      h('td', null, h('code', null, p.file_name)),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'offices-download', onclick: () => work.downloadPackage(p),
          'aria-label': t('offices.packages.downloadFor', { office: p.office.short_name || p.office.id }) }, t('offices.packages.download')),
        ' ',
        h('button', { type: 'button', class: 'offices-workbook', onclick: (ev) => onWorkbook(p, ev.currentTarget),
          'aria-label': t('offices.packages.workbookFor', { office: p.office.short_name || p.office.id }) }, t('offices.packages.workbook')))));
  }
  sec.append(
    h('p', { role: 'status', id: 'offices-made', tabindex: '-1' }, t('offices.packages.made', { n: made.packages.length, when: when(made.made_at) })),
    h('div', { class: 'buttons' }, h('button', { type: 'button', id: 'offices-download-all', onclick: (ev) => downloadAll(made.packages, ev.currentTarget) }, t('offices.packages.downloadAll'))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'offices-packages' },
      h('caption', { class: 'sr-only' }, t('offices.packages.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('offices.col.office')),
        h('th', { scope: 'col', class: 'num' }, t('offices.col.indicators')),
        h('th', { scope: 'col' }, t('offices.col.file')),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('offices.col.actions'))))),
      tb)),
    h('p', { class: 'hint' }, t('offices.packages.send')));
  return sec;
}

// One office at a time: its package alone (e.g. a new operator asks for it again).
function oneOffice() {
  const select = h('select', { id: 'offices-one' }, work.officesWithIndicators().map((o) => h('option', { value: o.id }, officeName(o))));
  return h('div', { class: 'field offices-one' },
    h('label', { for: 'offices-one' }, t('offices.packages.one')),
    h('div', { class: 'buttons' }, select,
      h('button', { type: 'button', id: 'offices-make-one', onclick: () => onMake(select.value) }, t('offices.packages.makeOne'))));
}

async function onMake(office = null) {
  const t0 = performance.now();
  const r = await work.makePackages({ office });
  packagesError = r.ok ? null : r.errors;
  rerender();
  // The time from the click to the list on the page (bench/offices-browser.mjs reads it).
  document.getElementById('offices-made')?.setAttribute('data-ms', (performance.now() - t0).toFixed(1));
  if (r.ok) announce(t('offices.packages.made', { n: r.packages.length, when: when(work.madePackages().made_at) }));
  document.getElementById(r.ok ? 'offices-made' : 'offices-packages-h')?.focus?.();
}

// The package as an Excel workbook (the library loads on this first use).
async function onWorkbook(p, button) {
  button.disabled = true;
  try {
    await work.downloadPackageWorkbook(p);
  } catch (err) {
    packagesError = err?.diagnostics?.length ? err.diagnostics : [{ path: '', message: String(err?.message ?? err) }];
    rerender();
  } finally {
    button.disabled = false;
  }
}

// Every package in one ZIP (one download, one folder to send from).
async function downloadAll(packages, button) {
  button.disabled = true;
  try {
    await work.downloadPackagesZip();
    announce(t('offices.packages.downloaded', { n: packages.length }));
  } catch {
    // A toast has no room for "detail teknis": the plain message only.
    announce(t('offices.packages.zipFailed'), 'error');
  } finally {
    button.disabled = false;
  }
}

// The blank questionnaires (one per office) are on the page for paper only (print.css).
function onPrint() {
  window.print();
}
