// Office mode's view of the pack (see state/office-mode.js): while an office package is open,
// ctx.pack is a copy of the pack holding only the package's indicators and the rights that hold
// them; the engine keeps the whole pack. Imported (import()) by state/assessment.js when such a
// file is opened; it imports nothing, so that the two make no cycle.

// The pack as the office sees it.
export function scopedPack(pack, indicators) {
  const keep = new Set(indicators);
  const inds = (pack.indicators || []).filter((ind) => keep.has(ind.id));
  const rights = new Set(inds.map((ind) => ind.right));
  return { ...pack, indicators: inds, rights: (pack.rights || []).filter((r) => rights.has(r.id)) };
}

/**
 * Called by openAssessment() once the package is ctx.answers (the whole pack active): the views
 * show only the package's indicators until ctx.office.leave() (another assessment opened, or closed).
 */
export function enterOfficeMode(ctx, indexPack) {
  const answers = ctx.answers;
  const scope = answers.scope;
  const full = ctx.pack;
  const scoped = scopedPack(full, Array.isArray(scope.indicators) ? scope.indicators : Object.keys(answers.answers || {}));
  ctx.pack = scoped;
  ctx.idx = indexPack(scoped);
  if (!ctx.idx.rights.has(ctx.rightId)) ctx.rightId = scoped.rights[0]?.id ?? ctx.rightId;
  document.body.dataset.officeMode = 'true';
  ctx.office = {
    scope,
    leave() {
      // Only while the copy is still the pack in use (an import may have switched packs since).
      if (ctx.pack === scoped) {
        ctx.pack = full;
        ctx.idx = indexPack(full);
      }
      delete document.body.dataset.officeMode;
      ctx.office = null;
    },
  };
}
