// The modules the first screen (Start) does not need, loaded on demand so that the first visit
// transfers only what Start shows. After Start is usable, app.js warms them up in idle time.
// The single-file build (scripts/build-single-file.mjs) replaces this module with one that
// imports them statically: file:// pages cannot fetch modules.

// The JS facade over the engine (and, through it, the wasm): not needed to show Start.
export const engineModule = () => import('./kkpham-api.js');

export const viewModules = {
  fill: () => import('./fill.js'),
  report: () => import('./report.js'),
  gap: () => import('./gap.js'),
  plan: () => import('./plan.js'),
  yoy: () => import('./yoy.js'),
  workshop: () => import('./workshop.js'),
  compare: () => import('./compare.js'),
};
