// Small shared UI pieces: status line, diagnostic lists, explain dialog.

import { h, clear } from './dom.js';
import { t, getLang } from './i18n.js';

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
}

// A diagnostic message in the UI language first, the other language after it.
export function diagMessage(d) {
  const m = d?.message;
  if (!m) return String(d?.code ?? '');
  if (typeof m === 'string') return m;
  const first = getLang() === 'en' ? m.en ?? m.id : m.id ?? m.en;
  const second = getLang() === 'en' ? m.id : m.en;
  return second && second !== first ? `${first} / ${second}` : first ?? '';
}

// <ul> of diagnostics: path, position and the message in both languages.
export function diagList(diags, { max = 50 } = {}) {
  const ul = h('ul', { class: 'diags' });
  for (const d of diags.slice(0, max)) {
    const where = [];
    if (d.path) where.push(h('code', { class: 'path' }, d.path));
    if (d.line) where.push(h('span', { class: 'pos' }, t('diag.position', { line: d.line, column: d.column ?? 0 })));
    ul.append(h('li', null, where, where.length ? ' ' : '', h('span', { class: 'msg' }, diagMessage(d))));
  }
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
