// Small shared UI pieces: status line, diagnostic lists, explain dialog.

import { h, clear } from './dom.js';
import { t, tIn, getLang, loadCatalog } from './i18n.js';

// One polite live region for "saved", "imported", … messages.
let hideTimer = 0;
export function announce(text, kind = 'info') {
  const el = document.getElementById('status');
  if (!el) return;
  el.dataset.kind = kind;
  el.textContent = '';
  // A fresh text node so screen readers announce a repeated message too.
  requestAnimationFrame(() => {
    el.textContent = text;
  });
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    el.textContent = '';
  }, kind === 'error' ? 12000 : 5000);
  // The message floats over the page: it goes as soon as the user works on again (scrolls,
  // types, clicks), so it never stays over a table. Screen readers have read it by then.
  clearTimeout(dismissTimer);
  for (const ev of DISMISS_ON) window.removeEventListener(ev, dismiss, { capture: true });
  dismissTimer = setTimeout(() => {
    for (const ev of DISMISS_ON) window.addEventListener(ev, dismiss, { once: true, passive: true, capture: true });
  }, 800);
}

const DISMISS_ON = ['scroll', 'wheel', 'keydown', 'pointerdown'];
let dismissTimer = 0;
function dismiss() {
  for (const ev of DISMISS_ON) window.removeEventListener(ev, dismiss, { capture: true });
  const el = document.getElementById('status');
  if (el) el.textContent = '';
}

// Plain words for a JSON path, set by the state layer (ui/ cannot see the pack):
// fn(path, lang) → {where: 'BANKUM-P4 · <short text>' | '', field: 'jawaban'} | null.
let describePath = null;
export function setPathDescriber(fn) {
  describePath = fn;
}

// A JSON path as the core writes it in a message: $.answers['BANKUM-P4'].value, $.data_year.
const PATH_RE = /\$(?:\.[A-Za-z_][\w-]*|\[(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\d+)\])+/g;

const other = (code) => (code === 'en' ? 'id' : 'en');

// A diagnostic's message in one language (the UI's unless `code` is given), with every JSON
// path in it put in plain words. A message may be {id, en}, a string (already in the UI
// language), or a function (code) → string.
export function diagMessage(d, code) {
  if (code !== 'id' && code !== 'en') code = getLang(); // also when called as a map() callback
  const m = d?.message;
  let text = '';
  if (typeof m === 'function') text = m(code);
  else if (typeof m === 'string') text = m;
  else if (m) text = (code === 'en' ? m.en ?? m.id : m.id ?? m.en) ?? '';
  if (!text) return tIn(code, 'diag.generic');
  if (!describePath) return text;
  const plain = text.replace(PATH_RE, (p) => describePath(p, code)?.field ?? p);
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

// The indicator (code and short text) or part of the file a diagnostic is about, or ''.
export function diagWhere(d, code = getLang()) {
  return d?.path && describePath ? describePath(d.path, code)?.where ?? '' : '';
}

// A button that shows a message in the other language ("English" / "Bahasa Indonesia").
function langToggle(code, onswitch) {
  return h('button', {
    type: 'button', class: 'link lang-toggle', lang: code,
    onclick: async () => {
      await loadCatalog(code);
      onswitch(code);
    },
  }, code === 'en' ? 'English' : 'Bahasa Indonesia');
}

// The JSON path, the diagnostic's code and position, for the Kanwil's helpdesk.
function techDetail(d, code) {
  const bits = [
    d.path ? h('code', { class: 'path' }, d.path) : null,
    d.code ? h('code', { class: 'diag-code' }, d.code) : null,
    d.line ? h('span', { class: 'pos' }, tIn(code, 'diag.position', { line: d.line, column: d.column ?? 0 })) : null,
  ].filter(Boolean);
  if (!bits.length) return null;
  return h('details', { class: 'tech' }, h('summary', null, tIn(code, 'diag.tech')), ' ', bits.flatMap((b, i) => (i ? [' · ', b] : [b])));
}

// One message for people: where (indicator or field), what is wrong, in the UI language with
// the other one a click away; the technical detail folded away.
// {where: false} under the indicator's own card, where naming it again would be noise.
export function diagItem(d, { tag = 'li', where: named = true } = {}) {
  const el = h(tag, { class: 'diag' });
  const draw = (code, focus) => {
    const where = named ? diagWhere(d, code) : '';
    clear(el).append(
      h('span', { class: 'msg', lang: code }, where ? h('strong', null, `${where}: `) : null, diagMessage(d, code)),
      ' ',
      langToggle(other(code), (next) => draw(next, true)),
      techDetail(d, code));
    if (focus) el.querySelector('.lang-toggle')?.focus();
  };
  draw(getLang(), false);
  return el;
}

// <ul> of diagnostics (diagItem each).
export function diagList(diags, { max = 50 } = {}) {
  const ul = h('ul', { class: 'diags' });
  for (const d of diags.slice(0, max)) ul.append(diagItem(d));
  if (diags.length > max) ul.append(h('li', null, t('diag.more', { n: diags.length - max })));
  return ul;
}

// A boxed error: a title and the diagnostics.
export function errorBox(title, diags, extra) {
  return h(
    'div',
    { class: 'errorbox', role: 'alert' },
    h('p', { class: 'errorbox-title' }, title),
    extra ? h('p', null, extra) : null,
    diags && diags.length ? diagList(diags) : null,
  );
}

// The shared <dialog> used for "how was this computed".
export function openDialog(title, body) {
  const dlg = document.getElementById('dialog');
  const heading = document.getElementById('dialog-title');
  const content = document.getElementById('dialog-body');
  heading.textContent = title;
  clear(content).append(...[body].flat());
  if (!dlg.open) dlg.showModal();
  dlg.querySelector('.dialog-close')?.focus();
}

export function closeDialog() {
  const dlg = document.getElementById('dialog');
  if (dlg.open) dlg.close();
}

// Definition list from [label, value] pairs.
export function dl(pairs, cls = 'kv') {
  const el = h('dl', { class: cls });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    el.append(h('dt', null, k), h('dd', null, v));
  }
  return el;
}

// A question in the shared dialog: resolves to the id of the chosen action, or null when the
// dialog is closed without a choice (Escape, the close button, the backdrop).
//   await choose(title, [text…], [{id: 'ok', label: '…', kind: 'primary'}, {id: 'cancel', …}])
export function choose(title, body, actions) {
  const dlg = document.getElementById('dialog');
  return new Promise((resolve) => {
    let chosen = null;
    const buttons = actions.map((a) => h('button', {
      type: 'button', class: a.kind || null, 'data-choice': a.id,
      onclick: () => {
        chosen = a.id;
        closeDialog();
      },
    }, a.label));
    closeDialog(); // a dialog already open is replaced (its 'close' event comes later: ignored below)
    openDialog(title, [...[body].flat(), h('div', { class: 'dialog-actions' }, buttons)]);
    (buttons.find((b, i) => actions[i].focus) ?? buttons[buttons.length - 1])?.focus();
    const onClose = () => {
      if (dlg.open) return;
      dlg.removeEventListener('close', onClose);
      resolve(chosen);
    };
    dlg.addEventListener('close', onClose);
  });
}

// Yes/no confirmation: true only when the user chose the confirming action.
export async function confirmAction(title, text, okLabel, { danger = false } = {}) {
  const r = await choose(title, [h('p', null, text)], [
    { id: 'ok', label: okLabel, kind: danger ? 'danger' : 'primary' },
    { id: 'cancel', label: t('common.cancel'), focus: true },
  ]);
  return r === 'ok';
}
