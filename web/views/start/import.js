// Start, "Impor berkas jawaban": a wrong kind of file is named before it is parsed; an
// assessment already saved (same region, data year and pack) asks first: replace it, keep
// both, or cancel. Loaded when a file is chosen.

import { t } from '../../ui/i18n.js';
import { importAnswersFile, askDuplicate, dropReplaced } from '../../state/io.js';
import { go } from '../../state/navigation.js';
import { ctx } from '../../state/assessment.js';
import { announce, errorBox } from '../../ui/widgets.js';
import { checkFile, kindOfFile, tooLarge } from '../../state/file-kind.js';

let api; // {setResult(box | null), focusLater(selector)} from views/start.js

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
  // A filled kkpham workbook (.xlsx) goes to the import, which reads it (state/workbooks.js).
  const wrong = (await kindOfFile(file).catch(() => null)) === 'xlsx' ? tooLarge(file, 'workbook') : await checkFile(file, 'answers');
  if (wrong) {
    importFailed(file, [wrong]);
    return;
  }
  const dup = await askDuplicate(file);
  if (!dup.go) {
    announce(t('io.dup.cancelled'));
    return;
  }
  const r = await importAnswersFile(file);
  if (!r.ok) {
    importFailed(file, r.errors, r.reason);
    return;
  }
  await dropReplaced(dup.replace, r.key);
  api.setResult(null);
  announce(t(ctx.office ? 'io.importedOffice' : (dup.replace.length ? 'io.replaced' : 'io.imported'), { file: file.name }));
  go('fill');
  document.getElementById('main').focus({ preventScroll: true });
}
