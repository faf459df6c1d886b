// The screens other than Start, each loaded on its first visit. Only app.js imports this
// registry (and hands the loaders to state/navigation.js). The single-file build makes these
// import()s static (scripts/build-single-file.mjs).
export const screens = {
  fill: () => import('./fill/fill.js'),
  report: () => import('./report.js'),
  gap: () => import('./gap.js'),
  plan: () => import('./plan.js'),
  yoy: () => import('./yoy.js'),
  workshop: () => import('./workshop.js'),
  compare: () => import('./compare.js'),
};
