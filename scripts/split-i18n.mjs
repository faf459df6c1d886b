#!/usr/bin/env node
// Splits each UI catalog (web/i18n/<lang>.json, the one source everyone edits) into the part the
// first screen needs and the rest, so that the Start screen transfers only its own strings:
//
//   <dist>/i18n/<lang>.start.json   keys the Start screen can show (loaded at boot, web/ui/i18n.js)
//   <dist>/i18n/<lang>.rest.json    every other key (loaded before any other screen renders)
//
//   node scripts/split-i18n.mjs <web dir> <dist dir>
//
// The Start keys are found statically, from the source:
//   * index.html: data-i18n="key" and data-i18n-attr="attr:key;…";
//   * the Start screen's modules: app.js, the modules index.html modulepreloads, and every module
//     they import statically (the engine and vendor/ aside). What they import('…') on demand
//     (another screen, Start's import and Kanwil parts, the file checks) loads together with the
//     rest (ui/i18n.js loadRest(), awaited by its caller). In those modules, any string literal
//     that is a catalog key ('nav.start', "err.fatal") is a Start key, and a template
//     `pack.status.${s}` takes every key with that prefix (and suffix).
// Both languages are split by the same key set (the catalogs have identical keys). The two parts
// of a catalog together are exactly the catalog (tests/web/i18n-split.test.mjs checks it).
// Run by the kkpham_dist target (wasm/CMakeLists.txt) after the copy of web/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LANGS = ['id', 'en'];

// Module specifiers a module imports: [{ spec, dynamic }].
function importsOf(src) {
  const out = [];
  for (const m of src.matchAll(/(?:^|[;\n])\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) out.push({ spec: m[1], dynamic: false });
  for (const m of src.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) out.push({ spec: m[1], dynamic: false });
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], dynamic: true });
  return out;
}

// A module whose strings may be Start's (relative to web/)?
function startModule(rel) {
  return !rel.startsWith('engine/') && !rel.startsWith('vendor/');
}

// The Start screen's modules (paths relative to web/), from index.html's script and preloads.
export function startModules(webDir) {
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const roots = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  const seen = new Set();
  const todo = roots.map((r) => path.posix.normalize(r));
  while (todo.length) {
    const rel = todo.pop();
    if (seen.has(rel) || !startModule(rel)) continue;
    const file = path.join(webDir, rel);
    if (!fs.existsSync(file)) continue; // e.g. vendor/ (copied from node_modules), the engine
    seen.add(rel);
    for (const { spec, dynamic } of importsOf(fs.readFileSync(file, 'utf8'))) {
      if (dynamic || !spec.startsWith('.')) continue;
      todo.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
    }
  }
  return [...seen].sort();
}

// The keys of `catalog` that the Start screen can show.
export function startKeys(webDir, catalog) {
  const all = Object.keys(catalog);
  const keys = new Set();
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) keys.add(m[1].trim());
  for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
    for (const pair of m[1].split(';')) {
      const key = pair.split(':')[1]?.trim();
      if (key) keys.add(key);
    }
  }
  for (const rel of startModules(webDir)) {
    const src = fs.readFileSync(path.join(webDir, rel), 'utf8');
    for (const m of src.matchAll(/'([^'\\\n]+)'|"([^"\\\n]+)"/g)) {
      const s = m[1] ?? m[2];
      if (Object.hasOwn(catalog, s)) keys.add(s);
    }
    for (const m of src.matchAll(/`([^`]*)`/g)) {
      const parts = m[1].split(/\$\{[^}]*\}/);
      if (parts.length === 1) {
        if (Object.hasOwn(catalog, parts[0])) keys.add(parts[0]);
        continue;
      }
      const [prefix, suffix] = [parts[0], parts[parts.length - 1]];
      if (!prefix.includes('.')) continue; // `${a}.${b}` or a sentence: not a key
      for (const k of all) if (k.startsWith(prefix) && k.endsWith(suffix)) keys.add(k);
    }
  }
  return new Set(all.filter((k) => keys.has(k)));
}

// { start, rest } of one catalog, by the key set.
export function splitCatalog(catalog, keys) {
  const start = {};
  const rest = {};
  for (const [k, v] of Object.entries(catalog)) (keys.has(k) ? start : rest)[k] = v;
  return { start, rest };
}

export function splitI18n(webDir, distDir) {
  const catalogs = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(fs.readFileSync(path.join(webDir, 'i18n', `${l}.json`), 'utf8'))]));
  const keys = startKeys(webDir, catalogs.id);
  const outDir = path.join(distDir, 'i18n');
  fs.mkdirSync(outDir, { recursive: true });
  const written = {};
  for (const l of LANGS) {
    const parts = splitCatalog(catalogs[l], keys);
    for (const [part, obj] of Object.entries(parts)) {
      const file = path.join(outDir, `${l}.${part}.json`);
      const text = `${JSON.stringify(obj)}\n`;
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
      written[`${l}.${part}`] = Object.keys(obj).length;
    }
    // The whole catalog is not served: only its two parts are (and the service worker lists them).
    for (const stale of [`${l}.json`, `${l}.json.gz`]) fs.rmSync(path.join(outDir, stale), { force: true });
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [webDir, distDir] = process.argv.slice(2);
  if (!webDir || !distDir) {
    console.error('usage: node scripts/split-i18n.mjs <web dir> <dist dir>');
    process.exit(2);
  }
  try {
    const n = splitI18n(path.resolve(webDir), path.resolve(distDir));
    console.log(`kkpham: i18n split: ${Object.entries(n).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } catch (err) {
    console.error(`kkpham: split-i18n: ${err.message}`);
    process.exit(1);
  }
}
