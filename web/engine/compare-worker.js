// Worker for the Compare view: reads a share of the selected answers files and turns each into
// an engine summary (engine.summary), so that many files are scored on every core while the
// page stays responsive. Same engine, same pack (sent by the page) as the page itself.
//
//   page → worker  {type: 'init', pack: '<pack text>'}
//   worker → page  {type: 'ready'} | {type: 'failed', message}
//   page → worker  {type: 'work', id, files: [File, …]}
//   worker → page  {type: 'done', id, results: ['<summary JSON>' | {error: '<message>'}, …]}
import { loadEngine } from './kkpham-api.js';
import { readTexts } from './file-texts.js';

let engine = null;
let packText = null;

async function start() {
  engine = await loadEngine();
  const r = engine.loadPack(packText);
  if (!r.ok) throw new Error('pack refused');
}

// A few summaries of a generated file before the real ones: the engine's hot code is then
// already optimised by the browser when the files arrive (the first files are not slower).
function warmUp() {
  const t = engine.makeTemplate({ fill: 'random', seed: 1, data_year: 2025, assessment_year: 2026 });
  if (!t.ok) return;
  const text = JSON.stringify(t.answers, null, 2);
  for (let i = 0; i < 30; i += 1) engine.summaryRaw(text);
}

// A file the engine cannot survive (it aborts) must not stop the others: the engine is made
// again for the next file.
async function summarise(text) {
  try {
    return engine.summaryRaw(text);
  } catch (err) {
    await start();
    return { error: String(err?.message ?? err) };
  }
}

self.addEventListener('message', async (ev) => {
  const msg = ev.data;
  if (msg?.type === 'init') {
    try {
      packText = msg.pack;
      await start();
      warmUp();
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'failed', message: String(err?.message ?? err) });
    }
  } else if (msg?.type === 'work') {
    const texts = await readTexts(msg.files);
    const results = [];
    for (const text of texts) results.push(typeof text === 'string' ? await summarise(text) : text);
    self.postMessage({ type: 'done', id: msg.id, results });
  }
});
