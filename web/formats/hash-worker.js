// A module worker that hashes a list of files (formats/sha256.js, streamed: memory stays at a
// few slices whatever the sizes) and reports as it goes. Started by web/state/evidence-files.js.
//
// in:  {type: 'hash', files: [File, ...]}  |  {type: 'cancel'}
// out: {type: 'progress', doneBytes, totalBytes, doneFiles, totalFiles}  (at most every 100 ms)
//      {type: 'file', index, sha256}  |  {type: 'file', index, error: {name, message}}  (a file
//      that cannot be read, e.g. removed since it was chosen: the others are still hashed)
//      {type: 'done'}  |  {type: 'cancelled'}  |  {type: 'failed', error: {name, message}}
import { sha256OfBlob } from './sha256.js';

const PROGRESS_MS = 100;
let controller = null;

async function hashAll(files) {
  controller = new AbortController();
  const { signal } = controller;
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const totalFiles = files.length;
  let doneBytes = 0;
  let doneFiles = 0;
  let last = 0;
  const progress = (force) => {
    const now = Date.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    postMessage({ type: 'progress', doneBytes, totalBytes, doneFiles, totalFiles });
  };
  progress(true);
  for (let index = 0; index < files.length; index += 1) {
    const file = files[index];
    const before = doneBytes;
    try {
      const sha256 = await sha256OfBlob(file, { signal, onBytes: (n) => { doneBytes = before + n; progress(false); } });
      postMessage({ type: 'file', index, sha256 });
    } catch (e) {
      if (signal.aborted) {
        postMessage({ type: 'cancelled' });
        return;
      }
      postMessage({ type: 'file', index, error: { name: e?.name ?? 'Error', message: String(e?.message ?? e) } });
    }
    doneBytes = before + file.size;
    doneFiles += 1;
    progress(doneFiles === totalFiles);
  }
  postMessage({ type: 'done' });
}

self.addEventListener('message', (event) => {
  const msg = event.data;
  if (msg?.type === 'cancel') {
    controller?.abort();
  } else if (msg?.type === 'hash' && Array.isArray(msg.files)) {
    hashAll(msg.files).catch((e) => postMessage({ type: 'failed', error: { name: e?.name ?? 'Error', message: String(e?.message ?? e) } }));
  }
});
