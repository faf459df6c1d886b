#!/usr/bin/env node
// Writes <dist>/criteria/index.json: the list of bundled criteria packs with each pack's summary,
// as the engine itself computes it (id, version, canonical SHA-256, status, title, notice, data
// years, counts). The Start screen shows it before the engine and the packs are loaded, so the
// first screen needs a few hundred bytes instead of the wasm and every pack.
//
//   node scripts/pack-index.mjs build/wasm/dist
//
// Uses the freshly built dist/kkpham-core.wasm through dist/engine/kkpham-api.js (the same code the page
// runs), so the summary cannot drift from what the engine says once loaded. A pack the engine
// refuses fails the build, with the engine's diagnostics. Run by the kkpham_dist target.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

export async function writePackIndex(dist) {
  const { loadEngine } = await import(pathToFileURL(path.join(dist, 'engine', 'kkpham-api.js')).href);
  const engine = await loadEngine({ wasmBinary: fs.readFileSync(path.join(dist, 'kkpham-core.wasm')) });
  const dir = path.join(dist, 'criteria');
  const packs = [];
  const problems = [];
  try {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort()) {
      const r = engine.loadPack(fs.readFileSync(path.join(dir, name), 'utf8'));
      if (!r.ok) {
        const first = (r.errors || []).slice(0, 5).map((e) => `  ${e.path}: ${e.message?.en ?? e.code}`).join('\n');
        problems.push(`criteria/${name} is not a valid pack:\n${first}`);
        continue;
      }
      packs.push({ file: `criteria/${name}`, summary: r.pack ?? engine.packSummary() });
    }
  } finally {
    engine.dispose();
  }
  if (problems.length) throw new Error(problems.join('\n'));
  if (!packs.length) throw new Error(`no criteria pack in ${dir}`);
  const text = `${JSON.stringify({ format: 'kkpham-pack-index', format_version: 1, packs }, null, 1)}\n`;
  const out = path.join(dir, 'index.json');
  // Rewritten only when it changes (its time stamp is its ETag, see scripts/serve.mjs).
  if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
  return packs;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2];
  if (!dist) {
    console.error('usage: node scripts/pack-index.mjs <dist>');
    process.exit(2);
  }
  writePackIndex(path.resolve(dist)).then((packs) => {
    console.log(`kkpham: criteria/index.json lists ${packs.length} pack(s)`);
  }, (err) => {
    console.error(`kkpham: ${err.message}`);
    process.exit(1);
  });
}
