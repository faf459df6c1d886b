// Tiny DOM helpers. Every piece of text goes through textContent or a Text node:
// pack and answer text is never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text', child, …)
// Attributes whose value is null, undefined or false are skipped; true → "".
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'text') {
      el.textContent = String(v);
    } else if (k === 'value' && 'value' in el && !(el instanceof SVGElement)) {
      el.value = String(v);
    } else if (k === 'checked' || k === 'selected' || k === 'disabled') {
      el[k] = Boolean(v);
      if (k === 'disabled' && v) el.setAttribute('disabled', '');
    } else if (k === 'style') {
      throw new Error('inline style attributes are not allowed (CSP)');
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Updates only when the value differs: an unchanged node costs no style or layout work.
export function setText(el, text) {
  const s = String(text);
  if (el.textContent !== s) el.textContent = s;
}

export function setWidth(el, percent) {
  const w = `${percent}%`;
  if (el.style.width !== w) el.style.width = w;
}

export function setAttr(el, name, value) {
  if (value === null || value === undefined || value === false) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== String(value)) {
    el.setAttribute(name, String(value));
  }
}

export function $(sel, root = document) {
  return root.querySelector(sel);
}

let uid = 0;
export function newId(prefix = 'k') {
  uid += 1;
  return `${prefix}-${uid}`;
}

// Offers a Blob as a download named `name` (no network involved).
export function download(name, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Reads a File as text (UTF-8).
export function readText(file) {
  return file.text();
}
