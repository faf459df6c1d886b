// No lost work, the state side (views/alerts.js shows it): a full storage (ctx.saveError, kept
// until a save succeeds; the answers can still be downloaded), a save refused because another
// tab saved the assessment (store.js ConflictError, ctx.conflict: load theirs, keep both or
// overwrite; nothing is overwritten silently), and `stale` when another tab saved while this
// one only shows the assessment (store.js onExternalChange: the other tab's BroadcastChannel
// message).

import * as store from './store.js';
import { ctx, openAssessment, persist, saveAsNew } from './assessment.js';

let stale = false; // another tab saved the open assessment; this tab has not reloaded it

// Calls onChange({event: 'save' | 'open' | 'storage', staleNow}) after each save, opened
// assessment and other tab's write; staleNow: another tab's save has just made this one stale.
export function watchGuard(onChange) {
  stale = Boolean(ctx.key) && store.changedElsewhere(ctx.key);
  document.addEventListener('kkpham:save', () => onChange({ event: 'save', staleNow: false }));
  document.addEventListener('kkpham:open', () => {
    stale = false;
    onChange({ event: 'open', staleNow: false });
  });
  store.onExternalChange((msg) => {
    if (!ctx.key || msg.key !== ctx.key || (msg.kind !== 'answers' && msg.kind !== 'deleted')) return;
    const was = stale;
    stale = store.changedElsewhere(ctx.key);
    onChange({ event: 'storage', staleNow: stale && !was });
  });
}

export function isStale() {
  return stale;
}

// Saves again (after storage was freed): true when it succeeded.
export async function retrySave() {
  await persist();
  return !ctx.saveError;
}

// Reloads the stored version (another tab's): null or an i18n error key.
export async function loadTheirs() {
  const err = await openAssessment(ctx.key);
  stale = false;
  return err;
}

// This tab's answers as a new assessment: null or an i18n error key.
export function keepBoth() {
  return saveAsNew(structuredClone(ctx.answers));
}

// This tab's answers over the other version.
export async function overwrite() {
  stale = false;
  await persist({ force: true });
}
