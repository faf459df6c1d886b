// Start, "Impor berkas jawaban": a wrong kind of file is named before it is parsed; an
// assessment already saved (same region, data year and pack) asks first: replace it, keep
// both, or cancel. Loaded when a file is chosen.

import { h } from '../../ui/dom.js';
import { t, formatDate } from '../../ui/i18n.js';
import * as store from '../../state/store.js';
import { importAnswersFile } from '../../state/io.js';
import { go } from '../../state/navigation.js';
import { announce, errorBox, choose } from '../../ui/widgets.js';
import { checkFile } from '../../state/file-kind.js';

let api; // {setResult(box | null), focusLater(selector)} from views/start.js

// Saved assessments of the same region, data year and pack as an answers file.
function sameSaved(obj) {
  const norm = (x) => String(x ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return store.listAssessments().filter((m) => m.pack?.sha256 === obj.pack?.sha256 && m.data_year === obj.data_year
    && norm(m.region?.name) === norm(obj.region?.name) && (m.region?.kind ?? '') === (obj.region?.kind ?? ''));
}

// An answers file of an assessment already saved asks first: replace it, keep both, or cancel.
async function askDuplicate(obj, file) {
  const same = sameSaved(obj).sort((x, y) => String(y.updated_at).localeCompare(String(x.updated_at)));
  if (!same.length) return { go: true, replace: [] };
  const m = same[0]; // the most recently changed one is the one replaced
  const name = obj.region?.name || t('app.untitled');
  const r = await choose(t('io.dup.title'), [
    h('p', null, t('io.dup.text', { file: file.name, name, year: obj.data_year, updated: formatDate(m.updated_at) })),
    h('p', null, t('io.dup.choices')),
  ], [
    { id: 'replace', label: t('io.dup.replace'), kind: 'primary' },
    { id: 'both', label: t('io.dup.both') },
    { id: 'cancel', label: t('common.cancel'), focus: true },
  ]);
  if (r === 'replace') return { go: true, replace: [m.key] };
  if (r === 'both') return { go: true, replace: [] };
  return { go: false };
}

function importFailed(file, diags, extra) {
  api.setResult(errorBox(t('io.importFailed', { file: file.name }), diags, extra));
  api.focusLater('section[aria-labelledby="imp-h"] .errorbox');
  announce(t('io.importFailed', { file: file.name }), 'error');
}

export async function doImport(input, startApi) {
  api = startApi;
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  const wrong = await checkFile(file, 'answers');
  if (wrong) {
    importFailed(file, [wrong]);
    return;
  }
  let obj = null;
  try {
    obj = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
  } catch {
    obj = null; // importAnswersFile names the line and column
  }
  const dup = obj && obj.format === 'kkpham-answers' ? await askDuplicate(obj, file) : { go: true, replace: [] };
  if (!dup.go) {
    announce(t('io.dup.cancelled'));
    return;
  }
  const r = await importAnswersFile(file);
  if (!r.ok) {
    importFailed(file, r.errors, r.reason);
    return;
  }
  for (const key of dup.replace) if (key !== r.key) await store.deleteAssessment(key);
  api.setResult(null);
  announce(t(dup.replace.length ? 'io.replaced' : 'io.imported', { file: file.name }));
  go('fill');
  document.getElementById('main').focus({ preventScroll: true });
}
