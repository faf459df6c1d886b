// The office(s) responsible for an indicator, for the Fill screen: the answer's own `opd` when it
// names offices, else the pack's (ids of the pack's list of offices, or free-text `opd` in older
// packs). The reading itself is web/state/offices.js, shared with the other screens.

import { officesFor } from '../../state/offices.js';

// → the office ids (one per real office: what the office filter groups by).
export function officeIdsOf(ind) {
  return officesFor(ind).offices.map((o) => o.id);
}
