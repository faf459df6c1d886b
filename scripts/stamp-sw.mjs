#!/usr/bin/env node
// Stamps <dist>/sw.js with the build: replaces `const BUILD = 'dev';` by a hash of every file
// the worker precaches, so each new build installs a new worker (and a new cache) while an
// unchanged build keeps the old one. Also checks the worker's SHELL list against the folder:
// a listed file that does not exist, or an app file (module, style, catalog, pack) missing from
// the list, fails the build (the app would then not work offline). Files of the ON_USE list
// (libraries cached when first used) count as listed, and their bytes are part of the hash.
//
//   node scripts/stamp-sw.mjs build/wasm/dist
//
// Run by the kkpham_dist target after scripts/pack-index.mjs and before compress-dist.mjs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const MARK = "const BUILD = 'dev';";
// Files of the folder that are not part of the app the worker serves.
const NOT_APP = (rel) => rel === 'sw.js' || rel.endsWith('.gz') || rel.endsWith('.md') || rel.startsWith('kkpham.')
  || rel.endsWith('.map');

function walk(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const full = path.join(dir, d.name);
    return d.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function stampServiceWorker(dist) {
  const swPath = path.join(dist, 'sw.js');
  const src = fs.readFileSync(swPath, 'utf8');
  const stamped = /const BUILD = '[^']*';/;
  if (!src.includes(MARK) && !stamped.test(src)) throw new Error(`${swPath}: no "${MARK}" line to stamp`);
  const list = /const SHELL = \[([\s\S]*?)\];/.exec(src);
  if (!list) throw new Error(`${swPath}: no SHELL list`);
  const shell = [...list[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
  // ON_USE: heavy libraries cached when their feature is first used (listed, not precached).
  const onUse = /const ON_USE = \[([\s\S]*?)\];/.exec(src);
  const later = onUse ? [...onUse[1].matchAll(/'([^']*)'/g)].map((m) => m[1]) : [];
  const files = [...shell.filter((f) => f !== './'), ...later];
  const missing = files.filter((f) => !fs.existsSync(path.join(dist, f)));
  const present = walk(dist).filter((f) => !NOT_APP(f) && /\.(m?js|css|html|json|wasm|webmanifest)$/.test(f));
  const unlisted = present.filter((f) => !files.includes(f));
  if (missing.length || unlisted.length) {
    throw new Error(`web/sw.js SHELL does not match the app folder:${missing.length ? ` listed but missing: ${missing.join(', ')};` : ''}`
      + `${unlisted.length ? ` not listed (would not work offline): ${unlisted.join(', ')}` : ''}`);
  }
  const hash = crypto.createHash('sha256');
  for (const f of [...files].sort()) {
    hash.update(`${f}\0`);
    hash.update(fs.readFileSync(path.join(dist, f)));
  }
  const build = hash.digest('hex').slice(0, 16);
  const out = src.replace(stamped, `const BUILD = '${build}';`);
  if (out !== src) fs.writeFileSync(swPath, out);
  return build;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2];
  if (!dist) {
    console.error('usage: node scripts/stamp-sw.mjs <dist>');
    process.exit(2);
  }
  try {
    console.log(`kkpham: sw.js build ${stampServiceWorker(path.resolve(dist))}`);
  } catch (err) {
    console.error(`kkpham: ${err.message}`);
    process.exit(1);
  }
}
