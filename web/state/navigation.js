// Moving between screens without one screen importing another. The shell (app.js) registers
// each screen's loader (its import()) and how a screen is shown; a view calls go('report'),
// or openIndicator(code) to open Fill at one indicator, whose module gets the parameters
// through its enter(params) export. This module imports no view.

import { ctx } from './assessment.js';

const loaders = new Map(); // screen → () => import(…)
const modules = new Map(); // screen → its loaded module
const loading = new Map(); // screen → promise of its module
let shell = { show() {}, rerender() {} };

export function registerScreen(name, loader) {
  loaders.set(name, loader);
}

// The shell's show(name) and rerender().
export function setShell({ show, rerender }) {
  shell = { show, rerender };
}

// The screen's module if it is loaded, else null (asking loads nothing).
export function screen(name) {
  return modules.get(name) ?? null;
}

export function loadScreen(name) {
  if (modules.has(name)) return Promise.resolve(modules.get(name));
  if (!loading.has(name)) {
    const loader = loaders.get(name);
    if (!loader) return Promise.reject(new Error(`no screen "${name}"`));
    loading.set(name, Promise.resolve().then(loader).then((m) => {
      modules.set(name, m);
      return m;
    }).finally(() => loading.delete(name)));
  }
  return loading.get(name);
}

// Shows a screen; with params, its module's enter(params) does (loaded first if need be).
export function go(name, params = null) {
  if (!params) {
    shell.show(name);
    // As the header's buttons do: the link that led here is hidden with the screen it was on,
    // so the keyboard focus starts at the top of the new screen instead of being lost.
    globalThis.document?.getElementById('main')?.focus({ preventScroll: true });
    return Promise.resolve();
  }
  const enter = (m) => (m.enter ? m.enter(params) : shell.show(name));
  const m = modules.get(name);
  if (m) {
    enter(m);
    return Promise.resolve();
  }
  return loadScreen(name).then(enter);
}

export function rerender() {
  shell.rerender();
}

// Fill at one indicator, with focus on its first input.
export function openIndicator(code) {
  const ind = ctx.idx?.indicators.get(code);
  return go('fill', { right: ind?.right ?? ctx.rightId, indicator: code });
}
