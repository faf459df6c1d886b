// The office(s) responsible for an indicator, read in one place. Today an indicator names one
// office as text (`opd`, else its right's `opd`) and the answer may name another (entry `opd`);
// when packs list their offices (issue 14, part 5), only this function changes.

import { ctx, peek } from '../../state/assessment.js';

// → an array of office names (empty when nothing is known).
export function officesOf(ind) {
  const own = peek(ind.id)?.opd;
  const name = (typeof own === 'string' && own.trim()) || ind.opd || ctx.idx.rights.get(ind.right)?.opd || '';
  return name ? [name] : [];
}
