// The Kanwil's package check (issue 16): open a received package (ZIP), every file's SHA-256
// checked against the manifests, the completeness gate evaluated, the score computed again from
// the enclosed answers file (state/verify.js, the engine's verifyPackage, as `kkpham verify`),
// and a one-page verification sheet to print (print.css: A4, only the sheet). A tampered
// package (a file swapped, added or removed, the answers edited after packing) is reported as
// altered with each problem in plain words; a hostile or broken ZIP is refused with its reason.

import { h, clear, newId, append } from '../ui/dom.js';
import { t, tx, num, getLang, formatDate } from '../ui/i18n.js';
import { announce } from '../ui/widgets.js';
import { verifyPackageFile, lastVerification, roundHalfUp } from '../state/verify.js';

let running = null;

// Megabytes as the package screen writes them (the shared number format, half-up).
const mb = (bytes) => num(bytes / 1e6, bytes >= 1e7 ? 0 : bytes >= 1e6 ? 1 : 2);
const decimal = (text) => (getLang() === 'en' ? text : text.replace('.', ','));

export function renderVerify(root) {
  clear(root);
  const id = newId('verify-file');
  // Behind a button in the app's language (the browser's own input speaks the browser's).
  const input = h('input', { type: 'file', id, accept: '.zip,application/zip', class: 'verify-input visually-hidden-file' });
  const status = h('div', { class: 'verify-status no-print' });
  const result = h('div', { class: 'verify-result' });
  input.addEventListener('change', () => open(input, status, result));
  root.append(
    h('div', { class: 'no-print' },
      h('h1', { class: 'view-title' }, t('verify.title')),
      h('p', { class: 'lead' }, t('verify.lead')),
      h('p', { class: 'choice file' }, h('label', { class: 'button primary', for: id }, t('verify.choose'), input)),
      h('p', { class: 'hint' }, t('verify.hint'))),
    status, result);
  const last = lastVerification();
  if (last) result.append(last.ok ? sheet(last) : refusalBox(last));
}

async function open(input, status, result) {
  const file = input.files?.[0];
  if (!file || running) return;
  const controller = new AbortController();
  running = controller;
  const bar = h('progress', { max: '1', value: '0', 'aria-label': t('verify.reading') });
  const text = h('p', { 'aria-live': 'polite' }, t('verify.reading'));
  const cancel = h('button', { type: 'button', class: 'pkg-cancel', onclick: () => controller.abort() }, t('pkg.cancel'));
  clear(status).append(h('div', { class: 'pkg-progress', role: 'group', 'aria-label': t('verify.reading') }, bar, text, cancel));
  try {
    const r = await verifyPackageFile(file, {
      signal: controller.signal,
      onProgress: ({ doneBytes, totalBytes, doneFiles, totalFiles }) => {
        bar.value = totalBytes > 0 ? doneBytes / totalBytes : 0;
        text.textContent = t('pkg.progress', { files: doneFiles, total: totalFiles, mb: mb(doneBytes), totalMb: mb(totalBytes) });
      },
    });
    clear(result).append(r.ok ? sheet(r) : refusalBox(r));
    announce(r.ok ? t('verify.done') : t('verify.refusedShort'), r.ok ? 'info' : 'error');
    focusResult(result);
  } catch (e) {
    if (e?.name === 'AbortError') announce(t('pkg.cancelled'));
    else {
      clear(result).append(refusalBox({ fileName: file.name, refusal: { code: 'zip.damaged', detail: String(e?.message ?? e) } }));
      focusResult(result);
    }
  } finally {
    running = null;
    clear(status);
    input.value = '';
  }
}

// The keyboard focus goes to the result's first heading (or the refusal), so that it is read
// next and Tab continues from there.
function focusResult(result) {
  const target = result.querySelector('h1, h2, h3, [role="alert"]') ?? result.firstElementChild;
  if (!target) return;
  target.tabIndex = -1;
  target.focus({ preventScroll: false });
}

// ---- a refused file ---------------------------------------------------------------------
const REFUSALS = new Set(['zip.not_zip', 'zip.damaged', 'zip.too_many_entries', 'zip.empty_name', 'zip.absolute_path', 'zip.drive_letter',
  'zip.backslash', 'zip.control_character', 'zip.path_traversal', 'zip.empty_component', 'zip.symlink', 'zip.duplicate_name',
  'zip.not_one_folder', 'zip.bomb', 'zip.encrypted', 'zip.text_too_large', 'package.no_answers', 'package.answers_unreadable',
  'package.unknown_pack', 'package.engine']);

function refusalBox(r) {
  const f = r.refusal;
  const key = REFUSALS.has(f.code) ? `verify.err.${f.code}` : 'verify.err.zip.damaged';
  const tech = [f.code, f.name, f.detail, f.pack ? `${f.pack.id} ${f.pack.version} ${f.pack.sha256}` : null,
    ...(f.errors ?? []).map((e) => e.code)].filter(Boolean).join(' · ');
  return h('div', { class: 'errorbox', role: 'alert', 'data-refusal': f.code },
    h('p', { class: 'errorbox-title' }, t('verify.refused', { file: r.fileName })),
    h('p', null, t(key, { name: f.name ?? '', n: f.detail ?? '', pack: f.pack ? `${f.pack.id} ${f.pack.version}`.trim() : '' })),
    h('p', null, t('verify.refusedHint')),
    h('details', { class: 'tech' }, h('summary', null, t('diag.tech')), h('code', null, tech)));
}

// ---- the verification sheet ------------------------------------------------------------------
function yesNo(ok, yes, no) {
  return h('strong', { class: ok ? 'verify-yes' : 'verify-no' }, ok ? yes : no);
}

function sheet(r) {
  const v = r.verification;
  const region = v.region ?? null;
  const items = v.evidence?.items ?? [];
  const missing = items.filter((i) => i.status === 'missing' || (i.status === 'not_attached' && i.required));
  const changed = items.filter((i) => i.status === 'changed' || i.status === 'renamed');
  const total = r.totalText ? roundHalfUp(r.totalText) : null;
  const rows = [
    [t('verify.file'), `${r.fileName} — ${r.root}/`],
    region ? [t('verify.region'), [region.name, region.province].filter(Boolean).join(', ')] : null,
    region ? [t('verify.years'), t('verify.yearsValue', { data: v.data_year, assessment: v.assessment_year })] : null,
    v.pack ? [t('verify.pack'), h('span', null, `${v.pack.id} ${v.pack.version}`, h('br'), h('code', { class: 'hash' }, v.pack.sha256))] : null,
    [t('verify.score'), total !== null ? h('span', { 'data-total': total }, h('strong', null, decimal(total)), ` — ${(r.predicateName && tx(r.predicateName)) || v.score?.predicate || ''}`) : t('verify.noScore')],
    [t('verify.intact'), h('span', null, yesNo(v.intact, t('verify.intactYes'), t('verify.intactNo')), ' ',
      t('verify.checked', { files: v.checked.files, mb: mb(v.checked.bytes) }))],
    [t('verify.complete'), yesNo(v.complete, t('verify.completeYes'), t('verify.completeNo'))],
  ].filter(Boolean);
  const out = h('article', { class: 'verify-sheet', 'data-intact': String(v.intact), 'data-complete': String(v.complete) },
    h('header', null,
      h('p', { class: 'rep-kicker' }, t('verify.kicker')),
      h('h2', null, t('verify.sheetTitle'))),
    h('table', { class: 'verify-facts' }, h('tbody', null, ...rows.map(([k, val]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, val))))));
  if (v.problems.length) {
    append(out, [h('h3', null, t('verify.problemsTitle', { n: v.problems.length })),
      h('ul', { class: 'verify-problems' }, ...v.problems.slice(0, 40).map((p) => h('li', { 'data-kind': p.kind }, tx(p.message)))),
      v.problems.length > 40 ? h('p', { class: 'muted' }, t('pkg.more', { n: v.problems.length - 40 })) : null]);
  }
  if (v.gate) {
    const found = items.filter((i) => i.status === 'found').length;
    append(out, [h('h3', null, t('verify.thereTitle')),
      h('p', null, t('verify.there', { found, items: items.filter((i) => i.status !== 'not_attached' || i.required).length, files: v.checked.files }))]);
    append(out, [h('h3', null, t('verify.missingTitle', { n: missing.length })),
      missing.length ? list(missing) : h('p', null, t('verify.none'))]);
    append(out, [h('h3', null, t('verify.changedTitle', { n: changed.length })),
      changed.length ? list(changed) : h('p', null, t('verify.none'))]);
    if (v.gate.reasons.length) {
      append(out, [h('h3', null, t('verify.reasonsTitle', { n: v.gate.reasons.length })),
        h('ul', { class: 'verify-reasons' }, ...v.gate.reasons.slice(0, 25).map((g) => h('li', null, tx(g.message)))),
        v.gate.reasons.length > 25 ? h('p', { class: 'muted' }, t('pkg.more', { n: v.gate.reasons.length - 25 })) : null]);
    }
    if (v.gate.rules?.declared && v.gate.rules.basis === 'assumed') append(out, [h('p', { class: 'muted' }, t('pkg.rulesAssumed'))]);
  }
  append(out, [h('footer', { class: 'verify-foot' }, t('verify.printed', { at: formatDate(new Date().toISOString()) }),
    h('span', { class: 'verify-sign' }, t('verify.signature')))]);
  return h('div', null,
    h('p', { class: 'no-print' }, h('button', { type: 'button', class: 'primary', id: 'verify-print', onclick: () => window.print() }, t('verify.print'))),
    out);
}

function list(items) {
  return h('ul', { class: 'verify-items' }, ...items.slice(0, 30).map((i) => h('li', { 'data-status': i.status },
    h('code', null, i.indicator), ` · ${i.evidence}: ${t(`pkg.status.${i.status}`)}`)),
  items.length > 30 ? h('li', { class: 'muted' }, t('pkg.more', { n: items.length - 30 })) : null);
}
